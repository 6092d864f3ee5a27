/**
 * Pure core of the manifests handler (no I/O, no clock, no randomness): validate the declared
 * objects and patches, resolve their REST paths, order and plan the steps, and explain the
 * server's answers.
 */
export type { DeclaredObject, DeclaredPatch, DeclaredSet, KindInfo, ManifestObject, ObjectId } from './types';
export { ManifestInputError, ManifestKindError } from './errors';
export { describeType, isRecord } from './json';
export { compareIds, describeId, idKey } from './ids';
export { BUILTIN_KINDS, builtinKind, discoveryPath, groupVersionNotServed, isBuiltinGroupKind, kindFromDiscovery, objectPath, parseApiVersion } from './kinds';
export { OWNER_ID_RE, checkOwnerId, mayDelete, ownershipLabels, ownershipOf } from './labels';
export type { Ownership } from './labels';
export { declaredSetOf } from './declared';
export { SERVICE_TOKEN_KEY, checkPropertyKeys } from './property-keys';
export type { PropertyKeys } from './property-keys';
export { SERVER_METADATA_FIELDS, checkScope, parseJsonList, validateObjects, validatePatches, withOwnership } from './objects';
export { APPLY_RANKS, UNKNOWN_RANK, applyOrder, applyRank, deleteOrder } from './order';
export { planSteps, roleRefChanged } from './plan';
export { releaseBody } from './release';
export type { PlanInput, Step } from './plan';
export { MAX_ATTRIBUTES_BYTES, outcomeOf, resultAttributes } from './outcome';
export type { ApplyObservation, ApplyOutcome, ObjectResult } from './outcome';
export { explainStatus, fieldConflicts } from './conflict';
export type { ExplainedFailure, FailureKind, FieldConflict, StepOperation } from './conflict';
export { EVENT_ENVELOPE_BYTES, LAMBDA_EVENT_LIMIT_BYTES, MAX_PROPERTIES_BYTES, payloadProblem, propertiesBytes } from './payload';
