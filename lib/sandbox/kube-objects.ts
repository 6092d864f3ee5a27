/**
 * The kube stand-in's store for generic objects: the kinds it serves (the app's built-in kinds
 * plus any a test registers, CRD-like), objects by kind, namespace and name with server-owned
 * uid, resourceVersion and creationTimestamp, and namespaces with their lifecycle (Active;
 * deleting one makes it Terminating with a deletionTimestamp, removes its content, then removes
 * it). ConfigMaps stay in the {@link ConfigMapStore} the ConfigMap routes use, so both paths see
 * one ConfigMap; their managedFields are kept here beside it (that store drops them).
 */
import { randomUUID } from 'node:crypto';
import type { Json, JsonObject } from './kube-apply';
import { cloneJson, recordUpdate } from './kube-apply';
import type { ConfigMapStore, SeedConfigMap } from './configmap-store';
import type { DiscoveredKind } from './kube-discovery';

/** A kind the stand-in serves: what discovery lists, and the fields its objects may carry. */
export interface KindInfo extends DiscoveredKind {
  /** Top-level fields besides apiVersion, kind and metadata. @default - any field (a CRD that preserves unknown fields) */
  readonly fields?: readonly string[];
  /** Fields the server owns and an apply or update of the main resource never sets (status). @default - none */
  readonly serverFields?: readonly string[];
}

const RBAC = 'rbac.authorization.k8s.io';

/** The kinds the app applies (see the issue-11 briefs); each at its real group, version and resource. */
export const BUILT_IN_KINDS: readonly KindInfo[] = [
  { group: '', version: 'v1', kind: 'Namespace', resource: 'namespaces', singular: 'namespace', namespaced: false, fields: ['spec', 'status'], serverFields: ['status'], shortNames: ['ns'] },
  { group: '', version: 'v1', kind: 'ServiceAccount', resource: 'serviceaccounts', singular: 'serviceaccount', namespaced: true, fields: ['secrets', 'imagePullSecrets', 'automountServiceAccountToken'], shortNames: ['sa'] },
  { group: '', version: 'v1', kind: 'ConfigMap', resource: 'configmaps', singular: 'configmap', namespaced: true, fields: ['data', 'binaryData', 'immutable'], shortNames: ['cm'] },
  { group: '', version: 'v1', kind: 'ResourceQuota', resource: 'resourcequotas', singular: 'resourcequota', namespaced: true, fields: ['spec', 'status'], serverFields: ['status'], shortNames: ['quota'] },
  { group: '', version: 'v1', kind: 'LimitRange', resource: 'limitranges', singular: 'limitrange', namespaced: true, fields: ['spec'], shortNames: ['limits'] },
  { group: 'networking.k8s.io', version: 'v1', kind: 'NetworkPolicy', resource: 'networkpolicies', singular: 'networkpolicy', namespaced: true, fields: ['spec'], shortNames: ['netpol'] },
  { group: RBAC, version: 'v1', kind: 'Role', resource: 'roles', singular: 'role', namespaced: true, fields: ['rules'] },
  { group: RBAC, version: 'v1', kind: 'RoleBinding', resource: 'rolebindings', singular: 'rolebinding', namespaced: true, fields: ['roleRef', 'subjects'] },
  { group: RBAC, version: 'v1', kind: 'ClusterRole', resource: 'clusterroles', singular: 'clusterrole', namespaced: false, fields: ['rules', 'aggregationRule'] },
  { group: RBAC, version: 'v1', kind: 'ClusterRoleBinding', resource: 'clusterrolebindings', singular: 'clusterrolebinding', namespaced: false, fields: ['roleRef', 'subjects'] },
];

/** `group/version`, or `version` for core. */
export function apiVersionOf(k: Pick<KindInfo, 'group' | 'version'>): string {
  return k.group ? `${k.group}/${k.version}` : k.version;
}

/** How long a deleted namespace stays Terminating: milliseconds, or `'manual'` (until {@link ObjectStore.finishNamespaceDeletion}). */
export type TerminationDelay = number | 'manual';

/** Options of {@link ObjectStore}. */
export interface ObjectStoreOptions {
  readonly now: () => Date;
  /** The ConfigMap store; its `namespaces` set is the list of namespaces that exist. */
  readonly configMaps: ConfigMapStore;
  /** @default 50 */
  readonly terminationDelay?: TerminationDelay;
}

/** One requirement of an equality-based label selector. */
interface Requirement {
  readonly key: string;
  readonly op: '=' | '!=' | 'exists' | '!exists';
  readonly value?: string;
}

const SELECTOR_PART = /^(!?)([A-Za-z0-9._/-]+)(?:\s*(==|=|!=)\s*([A-Za-z0-9._-]*))?$/;

/** Parses an equality-based label selector (`a=b,c!=d,e,!f`); throws with the reason otherwise. */
export function parseLabelSelector(selector: string): readonly Requirement[] {
  return selector.split(',').map((s) => s.trim()).filter((s) => s !== '').map((part) => {
    const m = SELECTOR_PART.exec(part);
    if (!m || (m[1] && m[3])) {
      throw new Error(`unable to parse requirement "${part}": only equality-based selectors (k=v, k!=v, k, !k) are supported by this stand-in`);
    }
    if (!m[3]) return { key: m[2], op: m[1] ? '!exists' : 'exists' };
    return { key: m[2], op: m[3] === '!=' ? '!=' : '=', value: m[4] };
  });
}

function matches(labels: Record<string, string>, reqs: readonly Requirement[]): boolean {
  return reqs.every((r) => {
    switch (r.op) {
      case 'exists': return r.key in labels;
      case '!exists': return !(r.key in labels);
      case '=': return labels[r.key] === r.value;
      case '!=': return labels[r.key] !== r.value;
    }
  });
}

function kindKey(k: Pick<KindInfo, 'group' | 'resource'>): string {
  return `${k.group}/${k.resource}`;
}

function metaOf(obj: JsonObject): JsonObject {
  return obj.metadata as JsonObject;
}

/** The store (see the file comment). Every returned object is a copy. */
export class ObjectStore {
  private readonly kinds = new Map<string, KindInfo>();
  private readonly items = new Map<string, JsonObject>();
  private readonly configMapFields = new Map<string, { uid: string; managedFields: Json }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private revision = 100000;
  private terminationDelay: TerminationDelay;

  constructor(private readonly opts: ObjectStoreOptions) {
    this.terminationDelay = opts.terminationDelay ?? 50;
    BUILT_IN_KINDS.forEach((k) => this.kinds.set(kindKey(k), k));
  }

  /** Serves another kind (a CRD-like resource, any fields), or replaces one. */
  registerKind(kind: KindInfo): void {
    this.kinds.set(kindKey(kind), kind);
  }

  /** Stops serving a kind (discovery no longer lists it; its paths answer 404). */
  unserveKind(group: string, resource: string): void {
    this.kinds.delete(kindKey({ group, resource }));
  }

  /** The served kinds. */
  servedKinds(): KindInfo[] {
    return [...this.kinds.values()];
  }

  /** The served kind at a REST path's group, version and resource. */
  kindAt(group: string, version: string, resource: string): KindInfo | undefined {
    const k = this.kinds.get(kindKey({ group, resource }));
    return k && k.version === version ? k : undefined;
  }

  /** Sets how long later namespace deletions stay Terminating. */
  setTerminationDelay(delay: TerminationDelay): void {
    this.terminationDelay = delay;
  }

  /** The cluster revision of the last write here. */
  get resourceVersion(): string {
    return String(this.revision);
  }

  private key(k: KindInfo, namespace: string | undefined, name: string): string {
    return `${kindKey(k)}/${namespace ?? ''}/${name}`;
  }

  private isConfigMap(k: KindInfo): boolean {
    return k.group === '' && k.resource === 'configmaps';
  }

  private isNamespace(k: KindInfo): boolean {
    return k.group === '' && k.resource === 'namespaces';
  }

  private timestamp(): string {
    return this.opts.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** The namespace's phase, or undefined when it does not exist. */
  namespacePhase(name: string): 'Active' | 'Terminating' | undefined {
    if (!this.opts.configMaps.namespaces.has(name)) return undefined;
    const ns = this.namespaceObject(name);
    return (ns.status as JsonObject | undefined)?.phase === 'Terminating' ? 'Terminating' : 'Active';
  }

  /**
   * The stored Namespace object, created Active for a name the ConfigMap store already knows (it
   * existed before: it takes the current revision, so that reading never makes a new one).
   */
  private namespaceObject(name: string): JsonObject {
    const nsKind = this.kinds.get('/namespaces') ?? BUILT_IN_KINDS[0];
    const key = this.key(nsKind, undefined, name);
    let found = this.items.get(key);
    if (!found) {
      found = this.stamp(nsKind, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, undefined, this.resourceVersion);
      this.items.set(key, found);
    }
    return found;
  }

  /** Takes the next cluster revision (a write). */
  private nextRevision(): string {
    this.revision++;
    return String(this.revision);
  }

  /** Server fields of a write: uid and creationTimestamp kept from `previous`, `resourceVersion` (none: omitted). */
  private stamp(k: KindInfo, obj: JsonObject, previous: JsonObject | undefined, resourceVersion: string | undefined): JsonObject {
    const out = cloneJson(obj);
    const meta = metaOf(out);
    const prev = previous ? metaOf(previous) : undefined;
    meta.uid = prev?.uid ?? randomUUID();
    if (resourceVersion === undefined) delete meta.resourceVersion; else meta.resourceVersion = resourceVersion;
    meta.creationTimestamp = prev?.creationTimestamp ?? this.timestamp();
    if (this.isNamespace(k)) {
      const name = String(meta.name);
      meta.labels = { ...(meta.labels as JsonObject | undefined), 'kubernetes.io/metadata.name': name };
      out.spec = { finalizers: ['kubernetes'], ...(out.spec as JsonObject | undefined) };
      out.status = (previous?.status as JsonObject | undefined) ?? { phase: 'Active' };
      if (prev?.deletionTimestamp) meta.deletionTimestamp = prev.deletionTimestamp;
    }
    return out;
  }

  /** The object, or undefined. */
  get(k: KindInfo, namespace: string | undefined, name: string): JsonObject | undefined {
    if (this.isConfigMap(k)) {
      const cm = this.opts.configMaps.get(namespace ?? '', name);
      if (!cm) return undefined;
      const extra = this.configMapFields.get(`${namespace}/${name}`);
      const obj = cloneJson(cm as unknown as JsonObject);
      if (extra && extra.uid === cm.metadata.uid) metaOf(obj).managedFields = cloneJson(extra.managedFields);
      return obj;
    }
    if (this.isNamespace(k)) {
      return this.opts.configMaps.namespaces.has(name) ? cloneJson(this.namespaceObject(name)) : undefined;
    }
    const found = this.items.get(this.key(k, namespace, name));
    return found ? cloneJson(found) : undefined;
  }

  /** Objects of a kind, in one namespace or all, matching a label selector; by namespace, then name. */
  list(k: KindInfo, namespace: string | undefined, labelSelector = ''): JsonObject[] {
    const reqs = parseLabelSelector(labelSelector);
    let all: JsonObject[];
    if (this.isConfigMap(k)) {
      const namespaces = namespace !== undefined ? [namespace] : [...this.opts.configMaps.namespaces];
      all = namespaces.flatMap((ns) => this.opts.configMaps.list(ns).map((cm) => this.get(k, ns, cm.metadata.name)!));
    } else if (this.isNamespace(k)) {
      all = [...this.opts.configMaps.namespaces].map((n) => this.get(k, undefined, n)!);
    } else {
      const prefix = `${kindKey(k)}/`;
      all = [...this.items.entries()].filter(([key, o]) => key.startsWith(prefix)
        && (namespace === undefined || metaOf(o).namespace === namespace)).map(([, o]) => cloneJson(o));
    }
    const sortKey = (o: JsonObject): string => `${String(metaOf(o).namespace ?? '')}/${String(metaOf(o).name)}`;
    return all.filter((o) => matches((metaOf(o).labels ?? {}) as Record<string, string>, reqs))
      .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  }

  /** Stores a validated object (created or replaced); returns the stored copy with server fields. */
  write(k: KindInfo, obj: JsonObject): JsonObject {
    const meta = metaOf(obj);
    const name = String(meta.name);
    const namespace = k.namespaced ? String(meta.namespace) : undefined;
    if (this.isConfigMap(k)) {
      const { managedFields, ...rest } = meta;
      const stored = this.opts.configMaps.put({ ...obj, metadata: rest } as unknown as SeedConfigMap);
      this.configMapFields.set(`${namespace}/${name}`, { uid: stored.metadata.uid, managedFields: managedFields ?? [] });
      return this.get(k, namespace, name)!;
    }
    const previous = this.isNamespace(k) && this.opts.configMaps.namespaces.has(name)
      ? this.namespaceObject(name) : this.items.get(this.key(k, namespace, name));
    const stored = this.stamp(k, obj, previous, this.nextRevision());
    this.items.set(this.key(k, namespace, name), stored);
    if (this.isNamespace(k)) this.opts.configMaps.namespaces.add(name);
    return cloneJson(stored);
  }

  /**
   * What {@link write} would store, storing nothing and taking no revision (a dry run: the
   * registry's dry-run storage copies the prepared object instead of writing it,
   * apiserver registry/generic/registry/dryrun.go): a new object gets its uid and
   * creationTimestamp (the registry fills them before storage) but no resourceVersion; an existing
   * one keeps its own.
   */
  preview(k: KindInfo, obj: JsonObject): JsonObject {
    const meta = metaOf(obj);
    const previous = this.get(k, k.namespaced ? String(meta.namespace) : undefined, String(meta.name));
    return this.stamp(k, obj, previous, previous ? String(metaOf(previous).resourceVersion) : undefined);
  }

  /**
   * Records an ordinary write made through the ConfigMap routes (which keep no managedFields):
   * `manager` owns what it changed from `before` (undefined: created).
   */
  recordConfigMapWrite(namespace: string, name: string, before: JsonObject | undefined, manager: string): void {
    const k = this.kinds.get('/configmaps') ?? BUILT_IN_KINDS[2];
    const after = this.get(k, namespace, name);
    if (!after) return;
    const next = recordUpdate(before, after, manager, this.timestamp());
    this.configMapFields.set(`${namespace}/${name}`, { uid: String(metaOf(after).uid), managedFields: metaOf(next).managedFields ?? [] });
  }

  /** Removes an object (not a namespace: {@link beginNamespaceDeletion}); returns what was removed. */
  remove(k: KindInfo, namespace: string | undefined, name: string): JsonObject | undefined {
    const found = this.get(k, namespace, name);
    if (!found) return undefined;
    if (this.isConfigMap(k)) {
      this.opts.configMaps.delete(namespace ?? '', name);
      this.configMapFields.delete(`${namespace}/${name}`);
    } else {
      this.items.delete(this.key(k, namespace, name));
    }
    this.revision++;
    return found;
  }

  /**
   * Starts deleting a namespace: phase Terminating with a deletionTimestamp, then after the
   * termination delay its objects and itself are removed. A second call changes nothing.
   */
  beginNamespaceDeletion(name: string): JsonObject {
    const ns = this.namespaceObject(name);
    if (!metaOf(ns).deletionTimestamp) {
      this.markTerminating(ns);
      metaOf(ns).resourceVersion = this.nextRevision();
      if (this.terminationDelay !== 'manual') {
        const timer = setTimeout(() => this.finishNamespaceDeletion(name), this.terminationDelay);
        timer.unref();
        this.timers.set(name, timer);
      }
    }
    return cloneJson(ns);
  }

  /**
   * The namespace as {@link beginNamespaceDeletion} would leave it (Terminating, a
   * deletionTimestamp, its resourceVersion unchanged), nothing changed: a dry-run DELETE, which
   * the namespace storage answers with the object its dry-run update made
   * (pkg/registry/core/namespace/storage/storage.go Delete).
   */
  previewNamespaceDeletion(name: string): JsonObject {
    const ns = cloneJson(this.namespaceObject(name));
    if (!metaOf(ns).deletionTimestamp) this.markTerminating(ns);
    return ns;
  }

  private markTerminating(ns: JsonObject): void {
    metaOf(ns).deletionTimestamp = this.timestamp();
    ns.status = { phase: 'Terminating' };
  }

  /** Ends a namespace's termination now: its objects and ConfigMaps go, then the namespace. */
  finishNamespaceDeletion(name: string): void {
    clearTimeout(this.timers.get(name));
    this.timers.delete(name);
    for (const [key, o] of [...this.items.entries()]) {
      if (metaOf(o).namespace === name) this.items.delete(key);
    }
    for (const cm of this.opts.configMaps.list(name)) {
      this.opts.configMaps.delete(name, cm.metadata.name);
      this.configMapFields.delete(`${name}/${cm.metadata.name}`);
    }
    this.items.delete(this.key(this.kinds.get('/namespaces') ?? BUILT_IN_KINDS[0], undefined, name));
    this.opts.configMaps.namespaces.delete(name);
    this.revision++;
  }

  /** Stops pending namespace terminations (server close). */
  close(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
  }
}
