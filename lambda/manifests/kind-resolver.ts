/**
 * Resolves a declared kind to its REST path: the built-in table first, else the discovery
 * document of its apiVersion, fetched at most once per group version per run.
 */
import type { KubeClient } from '../edge/kube';
import { getDiscovery } from '../edge/kube-objects';
import { builtinKind, checkScope, discoveryPath, groupVersionNotServed, kindFromDiscovery, objectPath } from './core';
import type { KindInfo, ManifestObject, ObjectId } from './core';

/** Kinds resolved during one run. */
export class KindResolver {
  private readonly documents = new Map<string, Promise<unknown>>();

  constructor(private readonly kube: KubeClient) {}

  /**
   * The kind of `body` (with `id`, its identity), its scope checked against the object.
   * @throws ManifestKindError when the server does not serve the kind (the core's sentence).
   * @throws ManifestInputError when the object's namespace does not fit the kind's scope.
   */
  async resolve(id: ObjectId, body: ManifestObject): Promise<KindInfo> {
    const builtin = builtinKind(body.apiVersion, body.kind);
    if (builtin !== undefined) return builtin;
    const path = discoveryPath(body.apiVersion);
    let document = this.documents.get(path);
    if (document === undefined) {
      document = getDiscovery(this.kube, path);
      this.documents.set(path, document);
    }
    const list = await document;
    if (list === undefined) throw groupVersionNotServed(body.apiVersion, body.kind);
    const info = kindFromDiscovery(body.apiVersion, body.kind, list);
    checkScope(id, info);
    return info;
  }

  /** The REST path of `body`'s object. */
  async pathOf(id: ObjectId, body: ManifestObject): Promise<string> {
    return objectPath(await this.resolve(id, body), id.name, id.namespace);
  }

  /** Discovery documents fetched so far. */
  get discoveries(): number {
    return this.documents.size;
  }
}
