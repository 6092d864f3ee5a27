/**
 * Pure core of the aws-auth merge (no I/O, no clock, no randomness): parse the stored
 * ConfigMap the way aws-iam-authenticator does, merge one owner's entries, render YAML that a
 * YAML 1.1 reader understands the same way, and remove an owner again.
 */
export type {
  ChangeAction, ConfigMapState, DesiredEntries, DriftItem, DriftKind, EntryChange, EntryKind, MergeOptions, MergeResult, PlanResult,
} from './types';
export { AwsAuthConflictError, AwsAuthInputError, AwsAuthParseError, AwsAuthSizeError } from './errors';
export { validateDesired } from './validate';
export { applyOwner, checkDistinctPrincipals, removeOwner } from './merge';
export { planOwner } from './plan';
export { parseOwnersRecord, renderOwnersRecord, OWNERS_RECORD_VERSION, OWNER_ID_RE } from './owners';
export type { OwnersRecord } from './owners';
export { parseList } from './parse';
export type { ParsedList } from './parse';
export { renderList } from './render';
export { MAX_ANNOTATIONS_BYTES, MAX_CONFIGMAP_BYTES } from './size';
export { MASTERS_GROUP, NODES_GROUP } from './entries';
export {
  RESERVED_PREFIXES, NODE_SHAPES, EC2_NODE_USERNAME, FARGATE_NODE_USERNAME, BOOTSTRAPPERS_GROUP, WINDOWS_KUBE_PROXY_GROUP, NODE_PROXIER_GROUP,
  describeReserved, nodeShapeOf, reservedIdentities,
} from './reserved';
export type { NodeShape, ReservedIdentity, ReservedOptions } from './reserved';
