/**
 * EKS AssociateAccessPolicy and DisassociateAccessPolicy of the AWS stand-in, over its access
 * entries (REST-JSON, as @aws-sdk/client-eks serializes them):
 * - `POST /clusters/{name}/access-entries/{principalArn}/access-policies` with a JSON body
 *   `{policyArn, accessScope: {type, namespaces?}}`, answering
 *   `{clusterName, principalArn, associatedAccessPolicy: {policyArn, accessScope, associatedAt, modifiedAt}}`;
 * - `DELETE /clusters/{name}/access-entries/{principalArn}/access-policies/{policyArn}`, answering `{}`.
 * Errors as the EKS API reference lists them for these operations: ResourceNotFoundException
 * (404: no such cluster, no access entry for the principal, or the policy not associated),
 * InvalidParameterException (400: a malformed policy ARN or access scope), InvalidRequestException
 * (400: a cluster whose authentication mode has no access entries), and AccessDeniedException
 * (403) when the test denied the caller the action. Strict: an unknown body field, a missing
 * one or a body on DELETE is refused.
 */
import type { StandInAccessEntry, StandInAccessPolicy, StandInCluster } from './aws-endpoints';
import type { WireReply } from './aws-wire';
import { jsonError, jsonResult } from './aws-wire';

/** What the routes read and change. */
export interface AccessPolicyRouteContext {
  readonly region: string;
  readonly account: string;
  readonly clusters: readonly StandInCluster[];
  /** The stand-in's access entries: an association replaces its entry in this array. */
  readonly accessEntries: StandInAccessEntry[];
  /** Whether the test denied `arn` the IAM action `eks:<operation>`. */
  readonly denied: (arn: string, action: string) => boolean;
  readonly now: () => Date;
}

const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/;
/** The ARN of an EKS access policy (AWS-managed, any partition). */
export const ACCESS_POLICY_ARN = /^arn:aws[a-z-]*:eks::aws:cluster-access-policy\/[A-Za-z]+$/;
/** A namespace of a scope: a DNS label, where EKS also takes `*` wildcards (`dev-*`, access-policies.adoc). */
const NAMESPACE = /^[a-z0-9*]([-a-z0-9*]*[a-z0-9*])?$/;

/** The checks both operations make before their own: denial, cluster, authentication mode, access entry. */
/** The refusals of any access-entry call before its own checks: denied, no such cluster, no access entries in its mode. */
function clusterRefusal(ctx: AccessPolicyRouteContext, operation: string, callerArn: string, name: string): WireReply | undefined {
  const clusterArn = `arn:aws:eks:${ctx.region}:${ctx.account}:cluster/${name}`;
  if (ctx.denied(callerArn, `eks:${operation}`)) {
    return jsonError(403, 'AccessDeniedException', `User: ${callerArn} is not authorized to perform: eks:${operation} on resource: ${clusterArn}`);
  }
  const c = ctx.clusters.find((x) => x.name === name);
  if (!c || !CLUSTER_NAME.test(name)) {
    return jsonError(404, 'ResourceNotFoundException', `No cluster found for name: ${name}.`, { clusterName: name });
  }
  const mode = c.authenticationMode === undefined ? 'API_AND_CONFIG_MAP' : c.authenticationMode;
  if (mode !== 'API' && mode !== 'API_AND_CONFIG_MAP') {
    return jsonError(400, 'InvalidRequestException', "The cluster's authentication mode must be set to one of [API, API_AND_CONFIG_MAP] to perform this operation.", { clusterName: name });
  }
  return undefined;
}

/** A REST-JSON request body as EKS reads it: JSON content, an object; else the refusal. */
function jsonObjectBody(name: string, contentType: string, body: Buffer): { readonly fields: Record<string, unknown> } | { readonly refusal: WireReply } {
  if (contentType !== 'application/json') return { refusal: invalid(name, `unsupported content-type ${JSON.stringify(contentType)}`) };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return { refusal: jsonError(400, 'SerializationException', 'the request body is not JSON') };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { refusal: jsonError(400, 'SerializationException', 'the request body is not a JSON object') };
  return { fields: parsed as Record<string, unknown> };
}

/** Username prefixes EKS refuses in an access entry. */
const RESERVED_USERNAME = /^(system|eks|aws|amazon|iam):/;

/**
 * CreateAccessEntry as EKS answers it: one entry per principal (a second is ResourceInUseException),
 * EKS's own username and group rules, type STANDARD unless given. Policies are associated apart.
 */
export function createAccessEntry(ctx: AccessPolicyRouteContext, callerArn: string, name: string, contentType: string, body: Buffer): WireReply {
  const refused = clusterRefusal(ctx, 'CreateAccessEntry', callerArn, name);
  if (refused) return refused;
  const read = jsonObjectBody(name, contentType, body);
  if ('refusal' in read) return read.refusal;
  const parsed = read.fields;
  const { principalArn, kubernetesGroups, username, type, tags, clientRequestToken, ...rest } = parsed;
  if (Object.keys(rest).length) return invalid(name, `unknown field(s) ${Object.keys(rest).join(', ')} for CreateAccessEntry`);
  if (typeof principalArn !== 'string' || !/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/.+$/.test(principalArn)) {
    return invalid(name, `The specified principalArn is invalid: ${JSON.stringify(principalArn)}`);
  }
  if (clientRequestToken !== undefined && typeof clientRequestToken !== 'string') return invalid(name, 'clientRequestToken must be a string');
  const groups = kubernetesGroups ?? [];
  if (!Array.isArray(groups) || groups.some((g) => typeof g !== 'string')) return invalid(name, 'kubernetesGroups must be a list of strings');
  const reservedGroup = (groups as string[]).find((g) => g.startsWith('system:'));
  if (reservedGroup !== undefined) return invalid(name, `The kubernetes group name ${reservedGroup} is invalid, it cannot start with system:`);
  if (username !== undefined && (typeof username !== 'string' || RESERVED_USERNAME.test(username))) {
    return invalid(name, `username ${JSON.stringify(username)} is invalid: it cannot start with system:, eks:, aws:, amazon: or iam:`);
  }
  if (type !== undefined && type !== 'STANDARD' && type !== 'EC2_LINUX' && type !== 'EC2_WINDOWS' && type !== 'FARGATE_LINUX') return invalid(name, `type ${JSON.stringify(type)} is invalid`);
  if (tags !== undefined && (typeof tags !== 'object' || tags === null || Array.isArray(tags) || Object.values(tags).some((v) => typeof v !== 'string'))) {
    return invalid(name, 'tags must be a map of strings');
  }
  if (ctx.accessEntries.some((e) => e.clusterName === name && e.principalArn === principalArn)) {
    return jsonError(409, 'ResourceInUseException', 'The specified access entry resource is already in use on this cluster.', { clusterName: name });
  }
  const entry: StandInAccessEntry = {
    clusterName: name, principalArn, policies: [], kubernetesGroups: groups as string[],
    ...(typeof username === 'string' ? { username } : {}), type: (type as string | undefined) ?? 'STANDARD',
    tags: { ...(tags as Record<string, string> | undefined) }, createdAt: ctx.now(),
  };
  ctx.accessEntries.push(entry);
  return jsonResult({ accessEntry: { clusterName: name, principalArn, kubernetesGroups: entry.kubernetesGroups, username: entry.username ?? principalArn, type: entry.type, tags: entry.tags, createdAt: epoch(ctx.now()), modifiedAt: epoch(ctx.now()) } });
}

function findEntry(ctx: AccessPolicyRouteContext, operation: string, callerArn: string, name: string, principal: string): { index: number } | WireReply {
  const refused = clusterRefusal(ctx, operation, callerArn, name);
  if (refused) return refused;
  const index = ctx.accessEntries.findIndex((e) => e.clusterName === name && e.principalArn === principal);
  if (index < 0) {
    return jsonError(404, 'ResourceNotFoundException', "The specified principalArn could not be found. You can view your available access entries with 'list-access-entries'.", { clusterName: name, principalArn: principal });
  }
  return { index };
}

/** Epoch seconds, as EKS timestamps travel in REST-JSON. */
function epoch(d: Date): number {
  return Math.floor(d.getTime() / 1000);
}

function invalid(name: string, message: string): WireReply {
  return jsonError(400, 'InvalidParameterException', message, { clusterName: name });
}

/** The access scope of a request body, or the refusal. */
function scopeOf(name: string, v: unknown): StandInAccessPolicy['accessScope'] | WireReply {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return invalid(name, 'accessScope is required and must be an object with a type');
  const { type, namespaces, ...rest } = v as Record<string, unknown>;
  if (Object.keys(rest).length) return invalid(name, `accessScope has unknown field(s) ${Object.keys(rest).join(', ')}`);
  const list = namespaces ?? [];
  if (!Array.isArray(list) || list.some((n) => typeof n !== 'string' || n.length > 63 || !NAMESPACE.test(n))) {
    return invalid(name, 'accessScope.namespaces must be a list of Kubernetes namespace names (a `*` wildcard allowed)');
  }
  if (type === 'cluster') {
    return list.length === 0 ? { type } : invalid(name, 'accessScope.namespaces must be empty when accessScope.type is cluster');
  }
  if (type === 'namespace') {
    return list.length > 0 ? { type, namespaces: [...(list as string[])] } : invalid(name, 'accessScope.namespaces is required when accessScope.type is namespace');
  }
  return invalid(name, `accessScope.type must be one of [cluster, namespace], got ${JSON.stringify(type)}`);
}

/** AssociateAccessPolicy: adds the association, or replaces the scope of an existing one. */
export function associateAccessPolicy(ctx: AccessPolicyRouteContext, callerArn: string, name: string, principal: string, contentType: string, body: Buffer): WireReply {
  const found = findEntry(ctx, 'AssociateAccessPolicy', callerArn, name, principal);
  if ('status' in found) return found;
  const read = jsonObjectBody(name, contentType, body);
  if ('refusal' in read) return read.refusal;
  const parsed = read.fields;
  const { policyArn, accessScope, ...rest } = parsed;
  if (Object.keys(rest).length) return invalid(name, `unknown field(s) ${Object.keys(rest).join(', ')} for AssociateAccessPolicy`);
  if (typeof policyArn !== 'string' || !ACCESS_POLICY_ARN.test(policyArn)) {
    return invalid(name, `policyArn ${JSON.stringify(policyArn)} is not an access policy ARN`);
  }
  const scope = scopeOf(name, accessScope);
  if ('status' in scope) return scope;
  const entry = ctx.accessEntries[found.index];
  const now = ctx.now();
  const existing = entry.policies.find((p) => p.policyArn === policyArn);
  const associatedAt = existing?.associatedAt ?? now;
  const association: StandInAccessPolicy = { policyArn, accessScope: scope, associatedAt, modifiedAt: now };
  ctx.accessEntries[found.index] = {
    ...entry,
    policies: existing ? entry.policies.map((p) => (p === existing ? association : p)) : [...entry.policies, association],
  };
  return jsonResult({
    clusterName: name,
    principalArn: entry.principalArn,
    associatedAccessPolicy: {
      policyArn,
      accessScope: { type: scope.type, namespaces: [...(scope.namespaces ?? [])] },
      associatedAt: epoch(associatedAt),
      modifiedAt: epoch(now),
    },
  });
}

/** DisassociateAccessPolicy: removes the association; 404 when there is none. */
export function disassociateAccessPolicy(ctx: AccessPolicyRouteContext, callerArn: string, name: string, principal: string, policyArn: string, body: Buffer): WireReply {
  const found = findEntry(ctx, 'DisassociateAccessPolicy', callerArn, name, principal);
  if ('status' in found) return found;
  if (body.length > 0) return invalid(name, 'DisassociateAccessPolicy takes no request body');
  if (!ACCESS_POLICY_ARN.test(policyArn)) return invalid(name, `policyArn ${JSON.stringify(policyArn)} is not an access policy ARN`);
  const entry = ctx.accessEntries[found.index];
  if (!entry.policies.some((p) => p.policyArn === policyArn)) {
    return jsonError(404, 'ResourceNotFoundException', `The access policy ${policyArn} is not associated with the access entry of ${principal}.`, { clusterName: name, principalArn: principal });
  }
  ctx.accessEntries[found.index] = { ...entry, policies: entry.policies.filter((p) => p.policyArn !== policyArn) };
  return jsonResult({});
}
