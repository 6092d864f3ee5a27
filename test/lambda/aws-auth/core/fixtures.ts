/** Realistic aws-auth fixtures shared by the merge-core tests. */
import { parse } from 'yaml';
import type { ConfigMapState, DesiredEntries, MergeOptions } from '../../../../lambda/aws-auth/core';

/** Options with every guard on. */
export const STRICT: MergeOptions = { allowClusterAdmin: false, takeOverUnowned: false };

/** EKS-added node role entry (managed node group), as EKS writes it. */
export const NODE_ROLE = 'arn:aws:iam::111122223333:role/eks-nodegroup-NodeInstanceRole-1A2B3C';

/** mapRoles as EKS/eksctl leave it: node role, Fargate, an SSO entry, a userid entry, a duplicate. */
export const EKS_MAP_ROLES = `- groups:
  - system:bootstrappers
  - system:nodes
  rolearn: ${NODE_ROLE}
  username: system:node:{{EC2PrivateDNSName}}
- groups:
  - system:bootstrappers
  - system:nodes
  - system:node-proxier
  rolearn: arn:aws:iam::111122223333:role/eks-fargate-pod-execution-role
  username: system:node:{{SessionName}}
- sso:
    permissionSetName: ReadOnly
    accountID: "111122223333"
  username: sso-ro:{{SessionName}}
  groups:
  - view
- rolearn: arn:aws:iam::111122223333:role/ci
  username: ci
  userid: AROAEXAMPLEID
  groups:
  - ci:deployers
- rolearn: arn:aws:iam::111122223333:role/dev
  username: dev
  groups:
  - dev
- rolearn: arn:aws:iam::111122223333:role/dev
  username: dev
  groups:
  - dev
`;

/** mapUsers with one hand-written user. */
export const EKS_MAP_USERS = `- userarn: arn:aws:iam::111122223333:user/alice
  username: alice
  groups:
  - view
`;

/** A realistic aws-auth with node roles, sso, userid, duplicates, users, accounts, another key. */
export function eksAwsAuth(): ConfigMapState {
  return {
    data: { mapRoles: EKS_MAP_ROLES, mapUsers: EKS_MAP_USERS, mapAccounts: '- "444455556666"\n', other: 'keep: me\n' },
    annotations: { 'example.com/note': 'hand edited' },
  };
}

/** mapRoles as CDK's AwsAuth writes it (JSON). */
export const CDK_JSON_MAP_ROLES = JSON.stringify([
  { rolearn: NODE_ROLE, username: 'system:node:{{EC2PrivateDNSName}}', groups: ['system:bootstrappers', 'system:nodes'] },
  { rolearn: 'arn:aws:iam::111122223333:role/Admin', username: 'admin', groups: ['admins'] },
]);

/** A pathed SSO role. */
export const SSO_ROLE = 'arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_0123abcd';

/** Desired entries helper. */
export function desired(p: Partial<DesiredEntries>): DesiredEntries {
  return { mapRoles: p.mapRoles ?? [], mapUsers: p.mapUsers ?? [], mapAccounts: p.mapAccounts ?? [] };
}

/** A role mapping. */
export function role(name: string, username = name, groups: string[] = [`${name}:group`]): DesiredEntries['mapRoles'][number] {
  return { rolearn: name.startsWith('arn:') ? name : `arn:aws:iam::111122223333:role/${name}`, username, groups };
}

/** Reads a data key with the reference YAML 1.1 parser (the `yaml` library). */
export function yaml11(src: string | undefined): unknown {
  return src === undefined ? [] : (parse(src, { version: '1.1' }) ?? []);
}
