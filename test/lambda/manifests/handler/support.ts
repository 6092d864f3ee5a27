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
import { startManifestsHarness } from '../../../support/manifests-harness';
import type { ManifestsEventProps, ManifestsHarness, ManifestsHarnessOptions } from '../../../support/manifests-harness';

// The function's access entry and the EKS-style authorizer live with the stand-ins (the benchmark uses them too).
export { FUNCTION_ENTRY, RBAC_OWNER, useAccessEntries } from '../../../support/manifests-access';

export const OWNER = 'team-a-manifests';

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
