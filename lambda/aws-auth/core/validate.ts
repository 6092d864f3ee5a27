/**
 * Validation and normalization of one owner's desired entries (the resource properties).
 * Errors name the field, the value and the fix.
 */
import type { RoleMapping, UserMapping } from '../api';
import { AwsAuthProps } from '../api';
import { ArnError, isAccountId, normalizeRoleArn, normalizeUserArn, roleKey } from './arn';
import { MASTERS_GROUP } from './entries';
import { AwsAuthInputError } from './errors';
import type { DesiredEntries, MergeOptions } from './types';

/** Longest username or group name accepted (Kubernetes has no hard limit; this stops accidents). */
export const MAX_NAME_LENGTH = 1024;

/**
 * Characters a username or group name may not hold, each with the reason. A name is made of
 * the characters gopkg.in/yaml.v2 (the authenticator's YAML reader) calls printable
 * (yamlprivateh.go `is_printable`: U+0020-U+007E, U+00A0-U+D7FF, U+E000-U+FFFD except U+FEFF;
 * its reader adds U+10000-U+10FFFF, noncharacters such as U+1FFFF included), less line
 * breaks. Refused raw by go-yaml's reader, which then drops the whole data key: C0 controls
 * (tab, LF and CR aside), DEL, C1 controls (NEL aside), U+FFFE, U+FFFF. Read differently: NEL
 * (a space inside quotes), LS and PS (line breaks outside quotes). The renderer escapes all of
 * them, so foreign entries holding them survive a merge; owned names may not hold them at all.
 */
const NAME_RULES: readonly { readonly re: RegExp; readonly why: string }[] = [
  { re: /[\u0085\u2028\u2029]/, why: 'a YAML 1.1 line break (NEL, LS or PS), which YAML readers disagree on' },
  // eslint-disable-next-line no-control-regex
  { re: /[\u0000-\u001f\u007f-\u009f]/, why: 'a control character, which the authenticator\'s YAML reader refuses unless escaped' },
  { re: /\ufeff/, why: 'the byte-order mark U+FEFF, which YAML readers drop at the start of a document and go-yaml does not count as printable' },
  { re: /[\ufffe\uffff]/, why: 'a noncharacter the authenticator\'s YAML reader refuses unless escaped ("control characters are not allowed")' },
  { re: /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/, why: 'a lone UTF-16 surrogate, which UTF-8 (and so Kubernetes) cannot hold' },
];

/** Why `value` is not a usable name, or undefined when it is. */
export function nameProblem(value: string): string | undefined {
  if (value.length > MAX_NAME_LENGTH) return `it is ${value.length} characters long`;
  for (const rule of NAME_RULES) {
    const m = rule.re.exec(value);
    if (m) {
      const code = (m[0].codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');
      return `it contains U+${code} at position ${m.index + 1}, ${rule.why}`;
    }
  }
  if (value.trim() !== value) return 'it starts or ends with whitespace';
  return undefined;
}

function show(v: unknown): string {
  const s = v === undefined ? 'undefined' : JSON.stringify(v);
  return s.length > 200 ? `${s.slice(0, 200)}...` : s;
}

function name(field: string, value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new AwsAuthInputError(`${field} must be a non-empty string, got ${show(value)}; set it to the Kubernetes ${what}`);
  }
  const problem = nameProblem(value);
  if (problem !== undefined) {
    throw new AwsAuthInputError(`${field} ${show(value)} is not a usable Kubernetes ${what}: ${problem}; use printable characters without leading or trailing spaces (at most ${MAX_NAME_LENGTH})`);
  }
  return value;
}

function groups(field: string, value: unknown, options: MergeOptions): string[] {
  if (!Array.isArray(value)) {
    throw new AwsAuthInputError(`${field} must be a list of Kubernetes group names, got ${show(value)}; use [] for none`);
  }
  const out = value.map((g, i) => name(`${field}[${i}]`, g, 'group name'));
  const dup = out.find((g, i) => out.indexOf(g) !== i);
  if (dup !== undefined) {
    throw new AwsAuthInputError(`${field} lists ${show(dup)} twice; list each group once`);
  }
  if (out.includes(MASTERS_GROUP) && !options.allowClusterAdmin) {
    throw new AwsAuthInputError(`${field} includes "${MASTERS_GROUP}" (full cluster admin); set allowClusterAdmin: true to allow it, or map a narrower group bound with RBAC`);
  }
  return out;
}

function fields(field: string, value: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AwsAuthInputError(`${field} must be an object with ${allowed.join(', ')}, got ${show(value)}`);
  }
  const o = value as Record<string, unknown>;
  const unknown = Object.keys(o).find((k) => !allowed.includes(k));
  if (unknown !== undefined) {
    throw new AwsAuthInputError(`${field} has unknown field "${unknown}"; allowed fields are ${allowed.join(', ')}`);
  }
  return o;
}

function arn(field: string, value: unknown, normalize: (a: string) => string): string {
  try {
    return normalize(value as string);
  } catch (e) {
    if (e instanceof ArnError) throw new AwsAuthInputError(`${field}: ${e.message}`);
    throw e;
  }
}

function list(field: string, value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new AwsAuthInputError(`${field} must be a list, got ${show(value)}`);
  return value;
}

function noDuplicates<T>(field: string, items: T[], key: (t: T) => string, what: string): void {
  const seen = new Map<string, number>();
  items.forEach((t, i) => {
    const k = key(t);
    const j = seen.get(k);
    if (j !== undefined) {
      throw new AwsAuthInputError(`${field}[${j}] and ${field}[${i}] both map ${what} ${show(k)}; declare each principal once`);
    }
    seen.set(k, i);
  });
}

/** `items` in the order of their keys (UTF-16 order, as `sort()`); the keys are distinct (`noDuplicates` ran). */
function sortedByKey<T>(items: readonly T[], key: (t: T) => string): T[] {
  const byKey = new Map(items.map((t) => [key(t), t]));
  return [...byKey.keys()].sort().map((k) => byKey.get(k) as T);
}

function pick(input: Record<string, unknown>, camel: string, pascal: string): unknown {
  return input[camel] !== undefined ? input[camel] : input[pascal];
}

/**
 * Checks and normalizes one owner's desired entries. Accepts `mapRoles`/`mapUsers`/
 * `mapAccounts` (or the resource property names `MapRoles`/`MapUsers`/`MapAccounts`); missing
 * lists are empty. Role ARNs lose their IAM path (aws-auth cannot match pathed ARNs); the
 * lists come back sorted by key, so the owners record does not depend on declaration order.
 * @throws AwsAuthInputError naming the field, the value given and how to fix it.
 */
export function validateDesired(desired: unknown, options: MergeOptions): DesiredEntries {
  if (typeof desired !== 'object' || desired === null || Array.isArray(desired)) {
    throw new AwsAuthInputError(`desired entries must be an object with mapRoles, mapUsers and mapAccounts, got ${show(desired)}`);
  }
  const input = desired as Record<string, unknown>;
  const mapRoles: RoleMapping[] = list('mapRoles', pick(input, 'mapRoles', AwsAuthProps.mapRoles)).map((v, i) => {
    const f = `mapRoles[${i}]`;
    const o = fields(f, v, ['rolearn', 'username', 'groups']);
    return {
      rolearn: arn(`${f}.rolearn`, o.rolearn, normalizeRoleArn),
      username: name(`${f}.username`, o.username, 'username'),
      groups: groups(`${f}.groups`, o.groups, options),
    };
  });
  const mapUsers: UserMapping[] = list('mapUsers', pick(input, 'mapUsers', AwsAuthProps.mapUsers)).map((v, i) => {
    const f = `mapUsers[${i}]`;
    const o = fields(f, v, ['userarn', 'username', 'groups']);
    return {
      userarn: arn(`${f}.userarn`, o.userarn, normalizeUserArn),
      username: name(`${f}.username`, o.username, 'username'),
      groups: groups(`${f}.groups`, o.groups, options),
    };
  });
  const mapAccounts: string[] = list('mapAccounts', pick(input, 'mapAccounts', AwsAuthProps.mapAccounts)).map((v, i) => {
    if (!isAccountId(v)) {
      throw new AwsAuthInputError(`mapAccounts[${i}] must be a 12-digit AWS account id as a string, got ${show(v)}; quote it to keep leading zeros, e.g. "012345678901"`);
    }
    return v;
  });
  noDuplicates('mapRoles', mapRoles, (r) => roleKey(r.rolearn), 'role');
  noDuplicates('mapUsers', mapUsers, (u) => u.userarn, 'user');
  noDuplicates('mapAccounts', mapAccounts, (a) => a, 'account');
  return {
    mapRoles: sortedByKey(mapRoles, (r) => roleKey(r.rolearn)),
    mapUsers: sortedByKey(mapUsers, (u) => u.userarn),
    mapAccounts: [...mapAccounts].sort(),
  };
}
