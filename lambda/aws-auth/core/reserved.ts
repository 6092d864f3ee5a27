/**
 * Reserved Kubernetes identities in the app's OWN aws-auth mappings. Pure: no I/O.
 *
 * The ConfigMap mapper reserves nothing, while Kubernetes' bootstrap RBAC gives real power to
 * reserved users and groups (`system:kube-controller-manager`, `system:nodes`, ...), and EKS
 * refuses these prefixes in access entries. So a mapping we write may not use a username or
 * group starting with one of {@link RESERVED_PREFIXES} (compared ignoring case), except:
 * - the node shapes EKS itself writes ({@link NODE_SHAPES}: EC2 Linux, EC2 Windows, Fargate),
 *   exactly, and only for roles;
 * - `system:masters` when the owner sets `allowClusterAdmin`.
 * A username or group whose text before its first `:` holds a template the caller chooses
 * (`{{SessionName}}`, `{{SessionNameRaw}}`) is refused as well: a session named `system` would
 * turn `{{SessionName}}:kube-controller-manager` into a reserved user.
 *
 * Only the entries an owner declares are judged (handler on entry, construct at synth, config
 * validation); entries already in aws-auth that no owner declares are never judged here.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/#core-component-roles
 */
import { MASTERS_GROUP, NODES_GROUP } from './entries';

/** Prefixes of reserved usernames and groups (EKS access entries refuse the same list). */
export const RESERVED_PREFIXES: readonly string[] = ['system:', 'eks:', 'aws:', 'amazon:', 'iam:'];

/** Group of node bootstrap identities. */
export const BOOTSTRAPPERS_GROUP = 'system:bootstrappers';

/** Group EKS adds to Windows node roles (kube-proxy on Windows). */
export const WINDOWS_KUBE_PROXY_GROUP = 'eks:kube-proxy-windows';

/** Group EKS adds to Fargate pod execution roles (kube-proxy). */
export const NODE_PROXIER_GROUP = 'system:node-proxier';

/** Username of EC2 node roles (managed and self-managed node groups, Karpenter). */
export const EC2_NODE_USERNAME = 'system:node:{{EC2PrivateDNSName}}';

/** Username of Fargate pod execution roles. */
export const FARGATE_NODE_USERNAME = 'system:node:{{SessionName}}';

/** Templates whose value the caller picks (its role session name). */
export const CALLER_CHOSEN_TEMPLATES: readonly string[] = ['{{SessionName}}', '{{SessionNameRaw}}'];

/** A node mapping EKS writes itself: the only legitimate reserved role mappings. */
export interface NodeShape {
  /** What it is for, in messages. */
  readonly name: string;
  /** The username, exactly. */
  readonly username: string;
  /** The groups, exactly (as a set). */
  readonly groups: readonly string[];
}

/** The node shapes, as EKS and eksctl write them (eksctl pkg/authconfigmap: RoleNodeGroupGroups). */
export const NODE_SHAPES: readonly NodeShape[] = [
  { name: 'EC2 Linux nodes', username: EC2_NODE_USERNAME, groups: [BOOTSTRAPPERS_GROUP, NODES_GROUP] },
  { name: 'EC2 Windows nodes', username: EC2_NODE_USERNAME, groups: [BOOTSTRAPPERS_GROUP, NODES_GROUP, WINDOWS_KUBE_PROXY_GROUP] },
  { name: 'Fargate', username: FARGATE_NODE_USERNAME, groups: [BOOTSTRAPPERS_GROUP, NODES_GROUP, NODE_PROXIER_GROUP] },
];

/** What the owner allows. */
export interface ReservedOptions {
  /** The owner set `allowClusterAdmin`: `system:masters` is accepted. */
  readonly allowClusterAdmin: boolean;
}

/** One refused username or group of a mapping. */
export interface ReservedIdentity {
  /** Where in the mapping: `username` or `groups[N]`. */
  readonly field: string;
  /** The value refused. */
  readonly value: string;
  /** Why it is refused and how to fix it (a clause that follows the value). */
  readonly reason: string;
}

/** The mapping fields judged (anything else about the mapping is validated elsewhere). */
export interface IdentityFields {
  readonly username?: unknown;
  readonly groups?: unknown;
}

const SHAPES_TEXT = NODE_SHAPES.map((s) => `username "${s.username}" with groups ${s.groups.join(', ')} (${s.name})`).join('; ');
const NOT_RESERVED = `use a name without the reserved prefixes ${RESERVED_PREFIXES.join(', ')}`;

/** The reserved prefix `value` starts with (ignoring case), if any. */
export function reservedPrefixOf(value: string): string | undefined {
  const lower = value.toLowerCase();
  return RESERVED_PREFIXES.find((p) => lower.startsWith(p));
}

/** The caller-chosen template in `value` before its first `:`, if any. */
export function callerChosenPrefix(value: string): string | undefined {
  if (!value.includes(':')) return undefined; // no colon: templates render without one, so no reserved prefix
  const head = value.slice(0, value.indexOf(':'));
  return CALLER_CHOSEN_TEMPLATES.find((t) => head.includes(t));
}

/**
 * The node shape a mapping has exactly, if any. A group listed twice never matches: the same
 * number of groups as the shape, each of the shape's (distinct) groups among them, leaves no
 * room for a repeat.
 */
export function nodeShapeOf(m: IdentityFields): NodeShape | undefined {
  const groups = m.groups;
  if (!Array.isArray(groups)) return undefined;
  return NODE_SHAPES.find((s) => s.username === m.username && groups.length === s.groups.length && s.groups.every((g) => groups.includes(g)));
}

function judge(field: string, value: string, kind: 'role' | 'user', options: ReservedOptions, isGroup: boolean): ReservedIdentity | undefined {
  const template = callerChosenPrefix(value);
  if (template !== undefined) {
    return {
      field, value,
      reason: `starts with ${template}, which the caller chooses (its session name), before its first ":", so it can render to a reserved name such as "system:..."; put a literal prefix of your own first, for example "sso:${value}"`,
    };
  }
  const prefix = reservedPrefixOf(value);
  if (prefix === undefined) return undefined;
  if (isGroup && value === MASTERS_GROUP) {
    if (options.allowClusterAdmin) return undefined;
    return { field, value, reason: 'grants full cluster admin; set allowClusterAdmin: true to allow it, or map a narrower group bound with RBAC' };
  }
  const nodeish = isGroup ? NODE_SHAPES.some((s) => s.groups.includes(value)) : NODE_SHAPES.some((s) => s.username === value);
  if (nodeish) {
    const what = isGroup ? 'a node group' : 'a node username';
    const fix = kind === 'role' ? `a node mapping must be exactly one of: ${SHAPES_TEXT}` : 'nodes are roles, map the node role under mapRoles';
    return { field, value, reason: `is ${what}; ${fix}` };
  }
  return {
    field, value,
    reason: `is a reserved Kubernetes identity (prefix "${prefix}"), which Kubernetes and EKS components use and RBAC can give real power; ${NOT_RESERVED}${isGroup ? ' (and bind it with RBAC)' : ''}`,
  };
}

/**
 * The reserved usernames and groups of one mapping the app declares; empty when it may be
 * written. Non-string values are skipped (the shape is validated elsewhere).
 */
export function reservedIdentities(kind: 'role' | 'user', m: IdentityFields, options: ReservedOptions): ReservedIdentity[] {
  if (kind === 'role' && nodeShapeOf(m) !== undefined) return [];
  const out: ReservedIdentity[] = [];
  if (typeof m.username === 'string') {
    const r = judge('username', m.username, kind, options, false);
    if (r) out.push(r);
  }
  if (Array.isArray(m.groups)) {
    m.groups.forEach((g, i) => {
      if (typeof g !== 'string') return;
      const r = judge(`groups[${i}]`, g, kind, options, true);
      if (r) out.push(r);
    });
  }
  return out;
}

/** One sentence for a refused identity: `<where>.<field> = "<value>" <reason>`. */
export function describeReserved(where: string, r: ReservedIdentity): string {
  return `${where}.${r.field} = ${JSON.stringify(r.value)} ${r.reason}`;
}
