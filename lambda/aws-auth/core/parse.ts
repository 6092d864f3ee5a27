/**
 * Reads one aws-auth data value (`mapRoles`, `mapUsers`, `mapAccounts`) the way the
 * authenticator does (YAML 1.1 typing), failing closed: any syntax error or wrong shape throws
 * `AwsAuthParseError` and the merge writes nothing.
 *
 * Three readers, fastest first; each answers only when it is sure:
 * 1. the block-subset reader (eksctl/EKS/our own rendering);
 * 2. `JSON.parse` when the value is JSON (as CDK's AwsAuth writes it) and holds nothing a
 *    YAML 1.1 reader could read differently;
 * 3. the `yaml` library (failsafe schema), with plain scalars then typed as go-yaml v2 types them.
 * Before and after, the rules of go-yaml.ts refuse what go-yaml refuses or reads differently.
 */
import { parseDocument, isMap, isScalar, isSeq, Scalar } from 'yaml';
import { AwsAuthParseError } from './errors';
import { parseBlockSubset } from './block-subset';
import type { SubsetMode } from './block-subset';
import { documentProblem, implicitKeyProblem, textProblem, typePlainScalars } from './go-yaml';
import { goResolvePlain } from './yaml11';

/** A parsed list: items (plain JS values) and, when known, each item's verbatim block text. */
export interface ParsedList {
  readonly items: unknown[];
  readonly sources?: (string | undefined)[];
}

/**
 * JSON text the YAML reader may answer differently for: raw LS/PS (go-yaml line breaks) and
 * the YAML 1.2 escape `\/`. (Control characters, NEL and surrogate escapes never get here:
 * textProblem refuses them first.)
 */
const JSON_RISKY_RE = /[\u2028\u2029]|\\\//;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when a JSON value holds only strings, booleans, null, arrays and objects. */
function jsonSafe(v: unknown): boolean {
  if (typeof v === 'number') return false; // let the YAML reader type numbers (ints vs floats)
  if (Array.isArray(v)) return v.every(jsonSafe);
  if (isPlainObject(v)) return Object.values(v).every(jsonSafe);
  return true;
}

/**
 * True when JSON text (that JSON.parse read) has a key the YAML reader answers differently
 * for: one written twice in an object (JSON.parse keeps the last; the YAML reader refuses the
 * value, so one value gets one answer), or one go-yaml refuses (`implicitKeyProblem`: its `:`
 * on a later line or too far after it, counted in the raw text, escapes included).
 */
function hasRiskyKey(json: string): boolean {
  const open: (Set<string> | undefined)[] = []; // per open bracket: an object's keys so far, or undefined for a list
  let keyNext = false; // after `{` or an object's `,` comes a key (or `}`)
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '{') {
      open.push(new Set());
      keyNext = true;
    } else if (c === '[') {
      open.push(undefined);
    } else if (c === '}' || c === ']') {
      open.pop();
    } else if (c === ',') {
      keyNext = open[open.length - 1] !== undefined;
    } else if (c === '"') {
      let j = i + 1;
      while (json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
      if (keyNext) {
        const keys = open[open.length - 1] as Set<string>;
        const key = JSON.parse(json.slice(i, j + 1)) as string;
        if (keys.has(key) || implicitKeyProblem(json, i, json.indexOf(':', j)) !== undefined) return true;
        keys.add(key);
        keyNext = false;
      }
      i = j;
    }
  }
  return false;
}

function tryJson(src: string): unknown[] | undefined {
  if (JSON_RISKY_RE.test(src)) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(src);
  } catch {
    // not JSON (YAML fails at its first character): the YAML reader answers
  }
  return Array.isArray(v) && jsonSafe(v) && !hasRiskyKey(src) ? v : undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/:$/, '');
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'a mapping' : `the ${typeof v} ${JSON.stringify(v)}`;
}

function fixHint(dataKey: string): string {
  return `fix ${dataKey} in kube-system/aws-auth by hand (kubectl -n kube-system edit configmap aws-auth) and deploy again`;
}

function refuse(dataKey: string, problem: string): never {
  throw new AwsAuthParseError(`aws-auth data key "${dataKey}" ${problem}; nothing was written; ${fixHint(dataKey)}`);
}

function slowParse(dataKey: string, src: string, mode: SubsetMode): unknown[] {
  // failsafe: every scalar stays its text; typePlainScalars then types plain scalars as Go does.
  const doc = parseDocument(src, { version: '1.1', schema: 'failsafe', merge: false, prettyErrors: true, uniqueKeys: true, keepSourceTokens: true });
  if (doc.errors.length > 0) {
    throw new AwsAuthParseError(`aws-auth data key "${dataKey}" is not valid YAML: ${firstLine(doc.errors[0].message)}; nothing was written; ${fixHint(dataKey)}`);
  }
  const problem = documentProblem(src, doc, mode);
  if (problem !== undefined) refuse(dataKey, problem);
  if (mode === 'entries') typePlainScalars(doc);
  const contents = doc.contents;
  // An empty document, `~`, `null`: no entries (Go reads JSON null). `--- !!str` is the string "".
  if (isScalar(contents) && contents.type === Scalar.PLAIN && contents.tag === undefined && goResolvePlain(String(contents.source)) === null) return [];
  if (!isSeq(contents)) {
    throw new AwsAuthParseError(`aws-auth data key "${dataKey}" must be a YAML list, got ${describe(doc.toJS())}; nothing was written; ${fixHint(dataKey)}`);
  }
  if (mode === 'scalars') {
    return contents.items.map((node, i) => {
      if (!isScalar(node)) {
        throw new AwsAuthParseError(`aws-auth data key "${dataKey}" item ${i + 1} must be an account id, got ${isSeq(node) ? 'a list' : isMap(node) ? 'a mapping' : 'an alias or empty node'}; nothing was written; ${fixHint(dataKey)}`);
      }
      // gopkg.in/yaml.v2 decoding into []string keeps the plain text of ints/floats/bools.
      if (node.type === Scalar.PLAIN && node.tag === undefined) return goResolvePlain(String(node.source)) === null ? '' : String(node.source);
      return String(node.value);
    });
  }
  const items = doc.toJS({ maxAliasCount: 100 }) as unknown[];
  items.forEach((item, i) => {
    if (!isPlainObject(item)) {
      throw new AwsAuthParseError(`aws-auth data key "${dataKey}" item ${i + 1} must be a mapping, got ${describe(item)}; nothing was written; ${fixHint(dataKey)}`);
    }
  });
  return items;
}

/**
 * Parses one aws-auth data value. A missing, empty or `null` value is the empty list.
 * @throws AwsAuthParseError naming the data key and the parser's message and position.
 */
export function parseList(dataKey: string, src: string | undefined, mode: SubsetMode): ParsedList {
  if (src === undefined) return { items: [] };
  const trimmed = src.trim();
  // aws-iam-authenticator isSkippable(): blank, ``, "" or '' mean "no entries".
  if (trimmed === '' || trimmed === '``' || trimmed === '""' || trimmed === "''") return { items: [] };
  const problem = textProblem(src);
  if (problem !== undefined) refuse(dataKey, problem);
  const subset = parseBlockSubset(src, mode);
  if (subset) return subset;
  const json = mode === 'entries' ? tryJson(src) : undefined;
  if (json) {
    json.forEach((item, i) => {
      if (!isPlainObject(item)) {
        throw new AwsAuthParseError(`aws-auth data key "${dataKey}" item ${i + 1} must be a mapping, got ${describe(item)}; nothing was written; ${fixHint(dataKey)}`);
      }
    });
    return { items: json };
  }
  return { items: slowParse(dataKey, src, mode) };
}
