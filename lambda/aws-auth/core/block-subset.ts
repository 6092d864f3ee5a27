/**
 * A fast reader for the block-YAML subset aws-auth values are written in (eksctl, EKS, this
 * app): a top-level list whose items are flat mappings of single-line scalars, with nested
 * lists of scalars (`groups`) and nested flat mappings (`sso`). The `yaml` library needs about
 * 300 ms for a 1 MiB aws-auth; this reader needs a few milliseconds.
 *
 * It is deliberately conservative: it returns `undefined` for anything outside the subset
 * (flow collections other than `[]`/`{}`, anchors, tags, block scalars, multi-line or
 * commented scalars, tabs, CR, YAML 1.1 line breaks, plain scalars that YAML 1.1 could type as
 * anything but a string, duplicate keys...), and the caller then uses the full YAML 1.1 parser.
 * The property tests check that whenever it answers, it answers what the full parser answers.
 */
import { MAX_KEY_SPAN } from './go-yaml';
import { isExponentOnly, isYaml11Null, isYaml11Word, yaml11WordValue } from './yaml11';

/** What the subset reader returns: the items, and each item's verbatim text when at column 0. */
export interface SubsetParse {
  readonly items: unknown[];
  /** The text of each item (ending with a newline); only when the list starts at column 0. */
  readonly sources?: string[];
}

/** `entries`: list of mappings (mapRoles, mapUsers); `scalars`: list of strings (mapAccounts). */
export type SubsetMode = 'entries' | 'scalars';

// eslint-disable-next-line no-control-regex
const UNSUPPORTED_CHARS_RE = /[\u0000-\u0009\u000b-\u001f\u007f\u0085\u2028\u2029\ufeff]/;
const KEY_RE = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$/;
const PLAIN_STRING_RE = /^[A-Za-z/][A-Za-z0-9_.:/@{}+=,\- ]*$/;
const PLAIN_ANY_RE = /^[A-Za-z0-9/][A-Za-z0-9_.:/@{}+=,\- ]*$/;
const DOUBLE_QUOTED_RE = /^"(?:[^"\\]|\\(?:["\\bfnrt]|u[0-9a-fA-F]{4}))*"$/;
const SURROGATE_ESCAPE_RE = /\\u[dD][89a-fA-F]/;
const SINGLE_QUOTED_RE = /^'(?:[^']|'')*'$/;

const FALLBACK = Symbol('fallback');
type Scalar = unknown | typeof FALLBACK;

/** `text` has no trailing space (every caller trims it), so only inner ones need checking. */
function plainOk(text: string): boolean {
  return !text.includes(': ') && !text.endsWith(':') && !text.includes('  ');
}

/**
 * One single-line scalar (after `key: ` or `- `, trimmed at the end), or FALLBACK. A leading
 * space (`-  x`) matches no form here, so it falls back too.
 */
function scalar(text: string, mode: SubsetMode): Scalar {
  // mapAccounts is a list of strings: `- []` / `- {}` there are errors, left to the full parser.
  if (mode === 'entries' && text === '[]') return [];
  if (mode === 'entries' && text === '{}') return {};
  const c = text[0];
  if (c === '"') {
    return DOUBLE_QUOTED_RE.test(text) && !SURROGATE_ESCAPE_RE.test(text) ? JSON.parse(text) : FALLBACK;
  }
  if (c === "'") {
    return SINGLE_QUOTED_RE.test(text) ? text.slice(1, -1).replace(/''/g, "'") : FALLBACK;
  }
  if (mode === 'scalars') {
    // gopkg.in/yaml.v2 decoding into []string keeps the plain text of ints, floats and bools.
    if (!PLAIN_ANY_RE.test(text) || !plainOk(text)) return FALLBACK;
    return isYaml11Null(text) ? '' : text;
  }
  if (isYaml11Word(text)) return yaml11WordValue(text);
  if (!PLAIN_STRING_RE.test(text) || !plainOk(text) || isExponentOnly(text)) return FALLBACK;
  return text;
}

function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++; // NaN past the end
  return i;
}

function isBlankOrComment(line: string, indent: number): boolean {
  return indent === line.length || line[indent] === '#';
}

function trimEnd(s: string): string {
  let e = s.length;
  while (s.charCodeAt(e - 1) === 32) e--; // NaN before the start
  return s.slice(0, e);
}

/** Key and value text of `key: value` / `key:`, or undefined (also for a key go-yaml finds too long). */
function keyLine(content: string): { key: string; value: string } | undefined {
  const m = KEY_RE.exec(trimEnd(content));
  if (!m || isYaml11Word(m[1]) || m[1] === '__proto__' || m[1].length > MAX_KEY_SPAN) return undefined;
  return { key: m[1], value: m[2] ?? '' };
}

/**
 * Reads `src` if it is in the subset; `undefined` means "ask the full parser".
 * An empty or blank value is the empty list.
 */
export function parseBlockSubset(src: string, mode: SubsetMode): SubsetParse | undefined {
  if (UNSUPPORTED_CHARS_RE.test(src)) return undefined;
  const lines = src.split('\n');
  const items: unknown[] = [];
  const starts: number[] = [];
  const offsets: number[] = [];
  let offset = 0;
  let seqIndent = -1;
  let i = 0;
  const n = lines.length;
  while (i < n) {
    const line = lines[i];
    const ind = indentOf(line);
    if (isBlankOrComment(line, ind)) { i++; continue; }
    if (seqIndent < 0) seqIndent = ind;
    // `- ` with nothing after it, or with a second space, is refused by scalar() and keyLine().
    if (ind !== seqIndent || line[ind] !== '-' || line[ind + 1] !== ' ') return undefined;
    starts.push(i);
    const rest = trimEnd(line.slice(ind + 2));
    if (mode === 'scalars') {
      const v = scalar(rest, mode);
      if (v === FALLBACK) return undefined;
      items.push(v);
      i++;
      continue;
    }
    // A flat mapping whose keys sit at column `col`.
    const col = ind + 2;
    const obj: Record<string, unknown> = {};
    let pending: string | undefined; // key written as `key:` whose value follows on later lines
    let nestedIndent: number | undefined;
    let nestedSeq: unknown[] | undefined;
    let nestedMap: Record<string, unknown> | undefined;
    const closePending = (): void => {
      if (pending !== undefined) obj[pending] = nestedSeq ?? nestedMap ?? null;
      pending = undefined;
      nestedSeq = undefined;
      nestedMap = undefined;
      nestedIndent = undefined;
    };
    const addKey = (content: string): boolean => {
      const kv = keyLine(content);
      if (!kv || Object.prototype.hasOwnProperty.call(obj, kv.key) || kv.key === pending) return false;
      closePending();
      if (kv.value === '') {
        pending = kv.key;
        return true;
      }
      const v = scalar(kv.value, mode);
      if (v === FALLBACK) return false;
      obj[kv.key] = v;
      return true;
    };
    if (!addKey(rest)) return undefined;
    i++;
    while (i < n) {
      const l = lines[i];
      const li = indentOf(l);
      if (isBlankOrComment(l, li)) { i++; continue; }
      if (li < col) break; // next item (checked by the outer loop) or something we do not read
      // From here li >= col: a line deeper than the keys, or a `- ` at the key column, is nested.
      const isDash = l[li] === '-' && l[li + 1] === ' ';
      if (pending !== undefined && (li > col || isDash) && (nestedIndent === undefined || li === nestedIndent)) {
        if (nestedIndent === undefined) {
          nestedIndent = li;
          if (isDash) nestedSeq = []; else nestedMap = {};
        }
        const content = trimEnd(l.slice(li));
        if (nestedSeq) {
          if (!isDash || content.length < 3) return undefined; // `-  x`: see scalar()
          const v = scalar(content.slice(2), mode);
          if (v === FALLBACK) return undefined;
          nestedSeq.push(v);
        } else if (nestedMap) {
          const kv = keyLine(content);
          if (!kv || kv.value === '' || Object.prototype.hasOwnProperty.call(nestedMap, kv.key)) return undefined;
          const v = scalar(kv.value, mode);
          if (v === FALLBACK) return undefined;
          nestedMap[kv.key] = v;
        }
        i++;
        continue;
      }
      if (li !== col || isDash) return undefined;
      if (!addKey(l.slice(li))) return undefined;
      i++;
    }
    closePending();
    items.push(obj);
  }
  if (seqIndent !== 0) return { items };
  // Character offset of each item's first line, then each item's text between them.
  let k = 0;
  for (let l = 0; k < starts.length; l++) { // starts are line numbers below n
    if (l === starts[k]) { offsets.push(offset); k++; }
    offset += lines[l].length + 1;
  }
  const sources = offsets.map((start, j) => {
    const text = src.slice(start, offsets[j + 1]); // the last: offsets[j + 1] is undefined, to the end
    return text.endsWith('\n') ? text : `${text}\n`;
  });
  return { items, sources };
}
