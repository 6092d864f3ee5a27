/**
 * The options of a write (POST, PUT, PATCH, DELETE) as the API server reads and checks them
 * before it touches any object: apimachinery pkg/apis/meta/v1/validation/validation.go
 * (ValidateCreateOptions, ValidateUpdateOptions, ValidatePatchOptions, ValidateDeleteOptions,
 * ValidateDryRun) and the handlers that answer them, apiserver pkg/endpoints/handlers
 * (create.go, update.go, patch.go, delete.go):
 * - `dryRun` may only hold "All" (metav1.DryRunAll); any other value, an empty one included, is a
 *   422 Invalid of `<Kind>Options.meta.k8s.io ""` that lists every field error of the options
 *   (`dryRun: Unsupported value: []string{"x"}: supported values: "All"`); so is a
 *   `fieldValidation` other than "", Ignore, Warn or Strict;
 * - a DELETE reads its options from its body when it has one (a DeleteOptions object, whose
 *   query parameters are then ignored), else from the query.
 * The checks run after authorization (a filter before the handler), so a caller without the
 * verb gets its 403 first.
 */
import type { JsonObject } from './kube-apply';
import type { FailedPrecondition, FieldCause } from './kube-object-status';
import { invalidFor } from './kube-object-status';
import type { StatusBody } from './kube-status';
import { badRequest } from './kube-status';

/** The options kind a verb's handler decodes. */
export type WriteOptionsKind = 'CreateOptions' | 'UpdateOptions' | 'PatchOptions' | 'DeleteOptions';

/** The one value `dryRun` may hold (metav1.DryRunAll). */
export const DRY_RUN_ALL = 'All';

/** What a checked write asks for. */
export interface WriteOptions {
  /** Whether nothing may be stored (`dryRun=All`, dryrun.IsDryRun: any value given). */
  readonly dryRun: boolean;
}

/** What a checked DELETE asks for. */
export interface DeleteRequestOptions extends WriteOptions {
  /** `preconditions` of the DeleteOptions body (resourceVersion, uid). @default - none */
  readonly preconditions?: JsonObject;
}

const NAMED_ESCAPES: Readonly<Record<string, string>> = {
  '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\', '"': '\\"',
};

/** A Go string literal as strconv.Quote writes it (named escapes, `\xNN` for other ASCII controls). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (NAMED_ESCAPES[ch] !== undefined) out += NAMED_ESCAPES[ch];
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** A string slice as Go's `%#v` prints it: `[]string{"a", "b"}`. */
export function goStringSlice(values: readonly string[]): string {
  return `[]string{${values.map(goQuote).join(', ')}}`;
}

/** ValidateDryRun's field error, or undefined when every value is "All" (or none is given). */
export function dryRunCause(values: readonly string[]): FieldCause | undefined {
  if (values.every((v) => v === DRY_RUN_ALL)) return undefined;
  return { reason: 'FieldValueNotSupported', field: 'dryRun', message: `Unsupported value: ${goStringSlice(values)}: supported values: "${DRY_RUN_ALL}"` };
}

/** The values `fieldValidation` may hold, as ValidateFieldValidation lists them (sorted). */
const FIELD_VALIDATION_VALUES = ['', 'Ignore', 'Strict', 'Warn'];

/** ValidateFieldValidation's field error, or undefined for "", Ignore, Warn and Strict (or none given). */
export function fieldValidationCause(value: string | null): FieldCause | undefined {
  if (value === null || FIELD_VALIDATION_VALUES.includes(value)) return undefined;
  return { reason: 'FieldValueNotSupported', field: 'fieldValidation', message: `Unsupported value: ${goQuote(value)}: supported values: ${FIELD_VALIDATION_VALUES.map(goQuote).join(', ')}` };
}

/**
 * Checks `dryRun` (its values as decoded) between the causes the kind's own checks find before it
 * (ValidatePatchOptions lists `force` or `fieldManager` first) and those after it
 * (`fieldValidation`): the options, or the 422 listing them all.
 */
export function checkWriteOptions(kind: WriteOptionsKind, dryRun: readonly string[], earlier: readonly FieldCause[] = [], later: readonly FieldCause[] = []): WriteOptions | StatusBody {
  const dry = dryRunCause(dryRun);
  const causes = [...earlier, ...(dry ? [dry] : []), ...later];
  if (causes.length > 0) return invalidFor(kind, 'meta.k8s.io', '', causes);
  return { dryRun: dryRun.length > 0 };
}

/** The options of a POST, PUT or PATCH from its query (`dryRun`, `fieldValidation`), after `earlier` causes. */
export function queryWriteOptions(kind: Exclude<WriteOptionsKind, 'DeleteOptions'>, query: URLSearchParams, earlier: readonly FieldCause[] = []): WriteOptions | StatusBody {
  const fv = fieldValidationCause(query.get('fieldValidation'));
  return checkWriteOptions(kind, query.getAll('dryRun'), earlier, fv ? [fv] : []);
}

/** Whether a check answered a refusal. */
export function isRefusal(v: WriteOptions | StatusBody): v is StatusBody {
  return 'kind' in v && v.kind === 'Status';
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The options of a DELETE: from its body when it has one (query ignored, as delete.go decodes
 * either), else from the query. A body that is not a JSON DeleteOptions object is refused.
 */
export function deleteOptions(query: URLSearchParams, body: Buffer): DeleteRequestOptions | StatusBody {
  if (body.length === 0) return checkWriteOptions('DeleteOptions', query.getAll('dryRun'));
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    parsed = undefined;
  }
  if (!isObject(parsed)) {
    return badRequest('the DELETE body is not a JSON DeleteOptions object: send one (kind DeleteOptions) or no body');
  }
  const dry = parsed.dryRun ?? [];
  if (!Array.isArray(dry) || dry.some((v) => typeof v !== 'string')) {
    return badRequest(`DeleteOptions.dryRun must be a list of strings (["All"]), got ${JSON.stringify(dry)}`);
  }
  const checked = checkWriteOptions('DeleteOptions', dry as string[]);
  if (isRefusal(checked)) return checked;
  return isObject(parsed.preconditions) ? { ...checked, preconditions: parsed.preconditions } : checked;
}

/** The first DELETE precondition (uid, then resourceVersion) the stored object's `meta` does not meet; a null or absent one holds. */
export function failedPrecondition(pre: JsonObject | undefined, meta: Readonly<Record<string, unknown>>): FailedPrecondition | undefined {
  for (const field of ['uid', 'resourceVersion'] as const) {
    const given = pre?.[field];
    if (given !== undefined && given !== null && String(given) !== String(meta[field])) return { field, given: String(given), stored: String(meta[field]) };
  }
  return undefined;
}
