/**
 * Shared helpers of the manifests handler scenarios: one harness per test (closed after it),
 * the app's kinds as small fixtures, the stored objects read back, and the failure of a run.
 */
import type { KubernetesObject } from '../../../../lib/k8s/manifest';
import { buildEksToken } from '../../../../lambda/edge/token';
import { TEST_IDENTITIES } from '../../../support/identities';
import type { KubeCall } from '../../../support/kube-call';
import { kubeCaller } from '../../../support/kube-call';
import { BUILT_IN_KINDS } from '../../../../lib/sandbox/kube-objects';
import { manifestsUsername } from '../../../../lambda/manifests/api';
import { accessPolicyAuthorizer } from '../../../support/access-policy-authorizer';
import { MANIFESTS_HANDLER_ROLE, startManifestsHarness } from '../../../support/manifests-harness';
import type { RbacDecision, RbacObject, RbacRequest } from '../../../support/rbac-authorizer';
import { RbacEvaluator } from '../../../support/rbac-authorizer';
import type { ManifestsEventProps, ManifestsHarness, ManifestsHarnessOptions } from '../../../support/manifests-harness';

export const OWNER = 'team-a-manifests';

/** Owner id of the RBAC bootstrap of the scenarios' provider (its username derives from it). */
export const RBAC_OWNER = 'demo-manifests-rbac';

/** Starts a fresh harness per calling test, closed after it whatever the outcome. */
export function harnessPerTest(): (options?: ManifestsHarnessOptions) => Promise<ManifestsHarness> {
  const open: ManifestsHarness[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((h) => h.close()));
  });
  return async (options = {}) => {
    const h = await startManifestsHarness(options);
    open.push(h);
    return h;
  };
}

export function namespace(name: string, annotations?: Record<string, string>): KubernetesObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...(annotations ? { annotations } : {}) } };
}

export function configMap(ns: string, name: string, data: Record<string, string>, labels?: Record<string, string>): KubernetesObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns, ...(labels ? { labels } : {}) }, data };
}

export function role(ns: string, name: string, resources: string[] = ['configmaps']): KubernetesObject {
  return { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace: ns }, rules: [{ apiGroups: [''], resources, verbs: ['get', 'list'] }] };
}

export function roleBinding(ns: string, name: string, roleName: string, group = 'team-a'): KubernetesObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name, namespace: ns },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: roleName },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: group }],
  };
}

export function networkPolicy(ns: string, name: string): KubernetesObject {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec: { podSelector: {}, policyTypes: ['Ingress'] } };
}

export function serviceAccount(ns: string, name: string): KubernetesObject {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns, annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::111122223333:role/app' } } };
}

/** One managedFields entry as the stand-in stores it. */
export interface ManagedFieldsEntry {
  readonly manager: string;
  readonly operation: string;
  readonly fieldsV1?: unknown;
}

/** A stored object, as far as the scenarios read it. */
export interface StoredObject {
  readonly metadata: {
    readonly name: string;
    readonly resourceVersion: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
    readonly managedFields?: ManagedFieldsEntry[];
    readonly deletionTimestamp?: string;
  };
  readonly [field: string]: unknown;
}

/** The stored object of a built-in kind (by kind name), or undefined. */
export function stored(h: ManifestsHarness, kind: string, ns: string | undefined, name: string): StoredObject | undefined {
  const k = BUILT_IN_KINDS.find((x) => x.kind === kind);
  if (k === undefined) throw new Error(`no built-in kind ${kind}`);
  return h.kube.objects.get(k, ns, name) as unknown as StoredObject | undefined;
}

/** `manager operation` of each managedFields entry of a stored object. */
export function managers(obj: StoredObject | undefined): string[] {
  return (obj?.metadata.managedFields ?? []).map((f) => `${f.manager} ${f.operation}`);
}

/** Runs one event through the real handler. */
export function run(h: ManifestsHarness, type: 'Create' | 'Update' | 'Delete', props: ManifestsEventProps, old?: ManifestsEventProps, context?: { getRemainingTimeInMillis(): number }) {
  const extra = old === undefined ? {} : { OldResourceProperties: h.event('Update', old).ResourceProperties };
  return h.handler(h.event(type, props, extra), context);
}

/** The failure message of a run (fails the test if it succeeds). */
export async function failure(promise: Promise<unknown>): Promise<string> {
  const outcome = await promise.then(() => undefined, (e: unknown) => e);
  if (!(outcome instanceof Error)) throw new Error(`expected the handler to fail, it returned ${JSON.stringify(outcome)}`);
  return outcome.message;
}

/** A raw caller of the stand-in as the deployer (another tool: kubectl, an operator). */
export async function asDeployer(h: ManifestsHarness): Promise<KubeCall> {
  const token = await buildEksToken({ clusterName: h.clusterName, region: h.region, credentials: TEST_IDENTITIES.deployer });
  return kubeCaller(h.kube.url, h.kube.caData, () => token);
}

/** A clock the handler's sleeps advance (no real waiting), for budget scenarios. */
export interface FakeClock {
  readonly deps: { now: () => number; sleep: (ms: number) => Promise<void> };
  /** Milliseconds slept so far. */
  slept(): number;
}

/** A fake clock starting now. */
export function fakeClock(): FakeClock {
  const start = Date.now();
  let offset = 0;
  return {
    deps: {
      now: () => start + offset,
      sleep: async (ms) => { offset += ms; await new Promise((r) => setImmediate(r)); },
    },
    slept: () => offset,
  };
}

/** A Lambda context with `ms` left. */
export function contextWith(ms: number): { getRemainingTimeInMillis(): number } {
  return { getRemainingTimeInMillis: () => ms };
}

/** RBAC evaluated over the Roles, ClusterRoles and bindings the kube stand-in stores at each decision. */
class StoredRbac extends RbacEvaluator {
  constructor(private readonly h: ManifestsHarness) {
    super();
  }

  authorize(req: RbacRequest): RbacDecision {
    for (const o of this.list()) this.remove(o.kind, o.metadata.name, o.metadata.namespace);
    for (const kind of ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding']) {
      const info = BUILT_IN_KINDS.find((k) => k.kind === kind)!;
      this.apply(...(this.h.kube.objects.list(info, undefined) as unknown as RbacObject[]));
    }
    return super.authorize(req);
  }
}

/**
 * Authorizes the stand-in as EKS does for a cluster with access entries: the admin policy at
 * cluster scope allows everything, anything else is RBAC over the stored objects with the
 * entry's username and groups (the function's entry: its provider's username, no group, no policy).
 */
export function useAccessEntries(h: ManifestsHarness): void {
  h.kube.setAuthorizer(accessPolicyAuthorizer({ clusterName: h.clusterName, accessEntries: h.aws.accessEntries, rbac: new StoredRbac(h) }));
}

/** The function's access entry as the construct creates it: the username of its provider (of {@link RBAC_OWNER}), no groups. */
export const FUNCTION_ENTRY = { clusterName: 'demo', principalArn: MANIFESTS_HANDLER_ROLE, policies: [], username: manifestsUsername(RBAC_OWNER) };
