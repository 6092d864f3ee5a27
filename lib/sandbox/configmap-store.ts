/**
 * The kube stand-in's storage: ConfigMaps by namespace and name, with one cluster-wide
 * revision counter (as etcd has) that becomes each written object's resourceVersion, and
 * server-owned uid and creationTimestamp.
 */
import { randomUUID } from 'node:crypto';

/** A stored ConfigMap (JSON object). */
export interface StoredConfigMap {
  apiVersion: 'v1';
  kind: 'ConfigMap';
  metadata: { name: string; namespace: string; resourceVersion: string; uid: string; creationTimestamp: string; [k: string]: unknown };
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
  immutable?: boolean;
  [k: string]: unknown;
}

/** What a test seeds: metadata.name/namespace required, server fields filled in. */
export interface SeedConfigMap {
  metadata: { name: string; namespace: string; [k: string]: unknown };
  data?: Record<string, string>;
  [k: string]: unknown;
}

const SERVER_FIELDS = ['resourceVersion', 'uid', 'creationTimestamp', 'generation', 'managedFields'];

/** In-memory ConfigMap store. */
export class ConfigMapStore {
  private readonly items = new Map<string, StoredConfigMap>();
  private revision = 100;

  constructor(private readonly now: () => Date, readonly namespaces: Set<string>) {}

  /** Deep copy of the stored object, or undefined. */
  get(namespace: string, name: string): StoredConfigMap | undefined {
    const found = this.items.get(key(namespace, name));
    return found ? clone(found) : undefined;
  }

  /** All objects of a namespace, by name. */
  list(namespace: string): StoredConfigMap[] {
    return [...this.items.values()].filter((o) => o.metadata.namespace === namespace)
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name)).map(clone);
  }

  /** Current cluster revision (the list resourceVersion). */
  get resourceVersion(): string {
    return String(this.revision);
  }

  /** Creates or overwrites unconditionally (test seeding or a validated write); returns the stored copy. */
  put(obj: SeedConfigMap | StoredConfigMap): StoredConfigMap {
    const { name, namespace } = obj.metadata;
    const previous = this.items.get(key(namespace, name));
    const metadata: Record<string, unknown> = { ...obj.metadata };
    for (const f of SERVER_FIELDS) {
      delete metadata[f];
    }
    this.revision++;
    const stored = {
      ...clone(obj),
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        ...metadata,
        name,
        namespace,
        uid: previous?.metadata.uid ?? randomUUID(),
        resourceVersion: String(this.revision),
        creationTimestamp: previous?.metadata.creationTimestamp ?? this.now().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
    } as StoredConfigMap;
    this.namespaces.add(namespace);
    this.items.set(key(namespace, name), stored);
    return clone(stored);
  }

  /** Removes an object; returns what was removed. */
  delete(namespace: string, name: string): StoredConfigMap | undefined {
    const found = this.items.get(key(namespace, name));
    this.items.delete(key(namespace, name));
    if (found) {
      this.revision++;
    }
    return found;
  }
}

function key(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
