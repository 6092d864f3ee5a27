/**
 * Where an object lives in the REST API: the built-in table of the kinds the app uses, and the
 * discovery documents (`GET /api/v1`, `GET /apis/<group>/<version>`) for any other kind.
 * @see https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-uris
 */
import { uriEncode } from '../../edge/uri-encode';
import { ManifestInputError, ManifestKindError } from './errors';
import { isRecord } from './json';
import type { KindInfo } from './types';

const CORE = '';
const NETWORKING = 'networking.k8s.io';
const RBAC = 'rbac.authorization.k8s.io';

/** The kinds the app's builders return, resolved without discovery. */
export const BUILTIN_KINDS: readonly KindInfo[] = [
  { group: CORE, version: 'v1', kind: 'Namespace', resource: 'namespaces', namespaced: false },
  { group: CORE, version: 'v1', kind: 'ServiceAccount', resource: 'serviceaccounts', namespaced: true },
  { group: CORE, version: 'v1', kind: 'ConfigMap', resource: 'configmaps', namespaced: true },
  { group: CORE, version: 'v1', kind: 'ResourceQuota', resource: 'resourcequotas', namespaced: true },
  { group: CORE, version: 'v1', kind: 'LimitRange', resource: 'limitranges', namespaced: true },
  { group: NETWORKING, version: 'v1', kind: 'NetworkPolicy', resource: 'networkpolicies', namespaced: true },
  { group: RBAC, version: 'v1', kind: 'Role', resource: 'roles', namespaced: true },
  { group: RBAC, version: 'v1', kind: 'RoleBinding', resource: 'rolebindings', namespaced: true },
  { group: RBAC, version: 'v1', kind: 'ClusterRole', resource: 'clusterroles', namespaced: false },
  { group: RBAC, version: 'v1', kind: 'ClusterRoleBinding', resource: 'clusterrolebindings', namespaced: false },
];

/** A DNS-1123 label (length checked apart: at most 63). */
export const DNS_LABEL_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A DNS-1123 subdomain (length checked apart: at most 253). */
export const DNS_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Group and version of an `apiVersion`: `v1` is the core group, `group/version` any other. The
 * group must be a DNS subdomain and the version a DNS label (as a CRD requires).
 * @returns undefined when the value has neither shape.
 */
export function parseApiVersion(apiVersion: string): { group: string; version: string } | undefined {
  const parts = apiVersion.split('/');
  if (parts.length === 1) return isVersion(parts[0]) ? { group: CORE, version: parts[0] } : undefined;
  if (parts.length !== 2) return undefined;
  const [group, version] = parts;
  return group.length <= 253 && DNS_SUBDOMAIN_RE.test(group) && isVersion(version) ? { group, version } : undefined;
}

function isVersion(v: string): boolean {
  return v.length <= 63 && DNS_LABEL_RE.test(v);
}

/** The built-in entry for exactly this apiVersion and kind, if any. */
export function builtinKind(apiVersion: string, kind: string): KindInfo | undefined {
  const gv = parseApiVersion(apiVersion);
  return gv === undefined ? undefined : BUILTIN_KINDS.find((k) => k.group === gv.group && k.version === gv.version && k.kind === kind);
}

/** Whether a group and kind are a built-in kind, in any version (for name rules and ordering). */
export function isBuiltinGroupKind(group: string, kind: string): boolean {
  return BUILTIN_KINDS.some((k) => k.group === group && k.kind === kind);
}

/**
 * The discovery document that lists the kinds of an `apiVersion`: `/api/v1` for the core group,
 * `/apis/<group>/<version>` for the others.
 * @throws ManifestInputError for a malformed apiVersion.
 */
export function discoveryPath(apiVersion: string): string {
  return groupVersionPath(checkedApiVersion(apiVersion));
}

function checkedApiVersion(apiVersion: string): { group: string; version: string } {
  const gv = parseApiVersion(apiVersion);
  if (gv === undefined) throw new ManifestInputError(`apiVersion ${JSON.stringify(apiVersion)} is not "v1" or "<group>/<version>"; fix the apiVersion`);
  return gv;
}

function groupVersionPath(gv: { group: string; version: string }): string {
  return gv.group === CORE ? `/api/${gv.version}` : `/apis/${gv.group}/${gv.version}`;
}

interface DiscoveredResource {
  readonly name: string;
  readonly kind: string;
  readonly namespaced: boolean;
  readonly verbs: readonly string[];
}

/**
 * Resolves a kind from the APIResourceList the server answered for its apiVersion (the body of
 * `GET discoveryPath(apiVersion)`). Subresources (`pods/log`) are ignored.
 * @throws ManifestKindError naming the kind, its apiVersion and what discovery offered, when the
 *   server does not serve the kind or does not let it be patched (server-side apply is a PATCH).
 */
export function kindFromDiscovery(apiVersion: string, kind: string, list: unknown): KindInfo {
  const gv = checkedApiVersion(apiVersion);
  const path = groupVersionPath(gv);
  const resources = discoveredResources(list, path);
  const found = resources.find((r) => r.kind === kind);
  if (found === undefined) {
    const offered = [...new Set(resources.map((r) => r.kind))].sort();
    throw new ManifestKindError(`kind ${kind} of apiVersion ${apiVersion} is not served by the cluster: GET ${path} offers ${offered.length === 0 ? 'no kinds' : offered.join(', ')}; fix the kind or apiVersion, or install the CustomResourceDefinition or API service that serves it before this resource`);
  }
  if (!found.verbs.includes('patch')) {
    throw new ManifestKindError(`kind ${kind} of apiVersion ${apiVersion} is served as ${found.name} without the patch verb (verbs: ${found.verbs.join(', ') || 'none'}), and server-side apply is a PATCH; manage this kind another way`);
  }
  return { group: gv.group, version: gv.version, kind, resource: found.name, namespaced: found.namespaced };
}

/**
 * The error for an apiVersion whose discovery document the server does not have (404): the
 * group or version is not served at all.
 */
export function groupVersionNotServed(apiVersion: string, kind: string): ManifestKindError {
  const path = discoveryPath(apiVersion);
  return new ManifestKindError(`kind ${kind} of apiVersion ${apiVersion} is not served by the cluster: GET ${path} answered 404 (the cluster serves no such group version); fix the apiVersion, or install the CustomResourceDefinition or API service that serves it before this resource`);
}

function discoveredResources(list: unknown, path: string): DiscoveredResource[] {
  const resources = isRecord(list) ? list.resources : undefined;
  if (!Array.isArray(resources)) {
    throw new ManifestKindError(`the discovery document of GET ${path} is not an APIResourceList (no resources list); check that the endpoint is a Kubernetes API server`);
  }
  const out: DiscoveredResource[] = [];
  for (const r of resources) {
    if (!isRecord(r) || typeof r.name !== 'string' || typeof r.kind !== 'string' || r.name.includes('/')) continue;
    const verbs = Array.isArray(r.verbs) ? r.verbs.filter((v): v is string => typeof v === 'string') : [];
    out.push({ name: r.name, kind: r.kind, namespaced: r.namespaced === true, verbs });
  }
  return out;
}

/**
 * The REST path of one object: `/api/v1/namespaces/x/configmaps/y`,
 * `/apis/rbac.authorization.k8s.io/v1/clusterroles/y`. Name and namespace are percent-encoded.
 * @throws ManifestInputError when the namespace does not match the kind's scope.
 */
export function objectPath(info: KindInfo, name: string, namespace?: string): string {
  if (info.namespaced !== (namespace !== undefined)) {
    throw new ManifestInputError(`${info.kind} ${namespace === undefined ? name : `${namespace}/${name}`} ${info.namespaced ? 'is namespaced and needs metadata.namespace' : 'is cluster-scoped and may not have metadata.namespace'}; ${info.namespaced ? 'add' : 'remove'} metadata.namespace`);
  }
  const scope = namespace === undefined ? '' : `/namespaces/${uriEncode(namespace)}`;
  return `${groupVersionPath(info)}${scope}/${info.resource}/${uriEncode(name)}`;
}
