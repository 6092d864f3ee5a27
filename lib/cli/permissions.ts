/**
 * What `plan` and `verify` need, defined once: the IAM actions their AWS calls make (the edge's
 * DescribeCluster; plan's access entry reads) and the Kubernetes requests they send (read
 * aws-auth and the VPC CNI's ConfigMap, ask SubjectAccessReviews). Error messages list them,
 * and the CLI tests grant exactly these to the operator, so the list cannot drift from the code.
 */
import { AWS_AUTH_NAME, AWS_AUTH_NAMESPACE } from '../../lambda/aws-auth/api';
import { ApiGroups, KUBE_SYSTEM_NAMESPACE } from '../k8s/manifest';
import { VPC_CNI_CONFIGMAP } from '../k8s/vpc-cni';
import { ACCESS_ENTRY_ACTIONS, DESCRIBE_ACCESS_ENTRY_ACTION } from './access-entries';

/** The CLI's commands. */
export const COMMANDS = ['plan', 'verify'] as const;

/** One of {@link COMMANDS}. */
export type Command = (typeof COMMANDS)[number];

/** The IAM action of DescribeCluster (endpoint and CA of the cluster, before any Kubernetes call). */
export const DESCRIBE_CLUSTER_ACTION = 'eks:DescribeCluster';

/** The IAM action `--assume-role` needs on the role. */
export const ASSUME_ROLE_ACTION = 'sts:AssumeRole';

/** One Kubernetes permission, as an RBAC rule grants it. */
export interface KubernetesPermission {
  /** The verb (`get`, `create`). */
  readonly verb: string;
  /** The API group (`''` for the core group). */
  readonly apiGroup: string;
  /** The resource (`configmaps`). */
  readonly resource: string;
  /** The namespace. @default - cluster-wide */
  readonly namespace?: string;
  /** The object names. @default - every object of the resource */
  readonly resourceNames?: readonly string[];
  /** When the command needs it. @default - always */
  readonly when?: string;
}

/** What one command needs. */
export interface CommandPermissions {
  /** IAM actions on the environment's cluster. */
  readonly aws: readonly string[];
  /** Kubernetes permissions of the identity the command signs in as. */
  readonly kubernetes: readonly KubernetesPermission[];
}

const READ_AWS_AUTH: KubernetesPermission = { verb: 'get', apiGroup: ApiGroups.core, resource: 'configmaps', namespace: AWS_AUTH_NAMESPACE, resourceNames: [AWS_AUTH_NAME] };
const READ_VPC_CNI: KubernetesPermission = {
  verb: 'get', apiGroup: ApiGroups.core, resource: 'configmaps', namespace: KUBE_SYSTEM_NAMESPACE, resourceNames: [VPC_CNI_CONFIGMAP],
  when: 'with networkPolicyEnforcement',
};
const ASK_ACCESS_REVIEWS: KubernetesPermission = { verb: 'create', apiGroup: ApiGroups.authorization, resource: 'subjectaccessreviews' };

/** Each command's permissions. */
export const COMMAND_PERMISSIONS: Readonly<Record<Command, CommandPermissions>> = {
  plan: { aws: [DESCRIBE_CLUSTER_ACTION, ...ACCESS_ENTRY_ACTIONS, DESCRIBE_ACCESS_ENTRY_ACTION], kubernetes: [READ_AWS_AUTH, READ_VPC_CNI] },
  verify: { aws: [DESCRIBE_CLUSTER_ACTION, DESCRIBE_ACCESS_ENTRY_ACTION, 'eks:ListAssociatedAccessPolicies'], kubernetes: [READ_AWS_AUTH, READ_VPC_CNI, ASK_ACCESS_REVIEWS] },
};

/** `get configmaps kube-system/aws-auth`, `create subjectaccessreviews.authorization.k8s.io (cluster-wide)`. */
export function describeKubernetesPermission(p: KubernetesPermission): string {
  const resource = p.apiGroup === '' ? p.resource : `${p.resource}.${p.apiGroup}`;
  const objects = p.resourceNames?.length
    ? p.resourceNames.map((n) => (p.namespace ? `${p.namespace}/${n}` : n)).join(', ')
    : p.namespace ? `in ${p.namespace}` : '(cluster-wide)';
  return `${p.verb} ${resource} ${objects}${p.when ? ` (${p.when})` : ''}`;
}

/** Where the permissions of a command are needed, for the sentence. */
export interface PermissionTarget {
  /** The environments' clusters. */
  readonly clusterNames: readonly string[];
  /** The role given with `--assume-role`. @default - none */
  readonly assumeRole?: string;
}

/** One sentence naming everything `command` needs (and `sts:AssumeRole` on the role with `--assume-role`). */
export function permissionsSentence(command: Command, target: PermissionTarget): string {
  const p = COMMAND_PERMISSIONS[command];
  const assume = target.assumeRole ? `your own credentials need ${ASSUME_ROLE_ACTION} on ${target.assumeRole}, and that role needs ` : '';
  const clusters = `${target.clusterNames.length === 1 ? 'cluster' : 'clusters'} ${target.clusterNames.join(', ')}`;
  return `${command} needs: ${assume}IAM ${p.aws.join(', ')} on ${clusters}; `
    + `Kubernetes ${p.kubernetes.map(describeKubernetesPermission).join('; ')}.`;
}
