/**
 * Reads one aws-auth data value (`mapRoles`, `mapUsers`, `mapAccounts`) the way the
 * authenticator does (YAML 1.1 typing), failing closed: any syntax error or wrong shape throws
 * `AwsAuthParseError` and the merge writes nothing.
 *
 * Three readers, fastest first; each answers only when it is sure:
 * 1. the block-subset reader (eksctl/EKS/our own rendering);
 * 2. `JSON.parse` when the value is JSON (as CDK's AwsAuth writes it) and holds nothing a
 *    YAML 1.1 reader could read differently;
 * 3. the `yaml` library in YAML 1.1 mode.
 */
import { parseDocument, isMap, isScalar, isSeq, Scalar, visit } from 'yaml';
import { AwsAuthParseError } from './errors';
import { parseBlockSubset } from './block-subset';
import type { SubsetMode } from './block-subset';
import { goResolvePlain } from './yaml11';

/** A parsed list: items (plain JS values) and, when known, each item's verbatim block text. */
export interface ParsedList {
  readonly items: unknown[];
  readonly sources?: (string | undefined)[];
}

// eslint-disable-next-line no-control-regex
const JSON_RISKY_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\t\u0085\u2028\u2029\ufeff]|\\\/|\\u[dD][89a-fA-F]/;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when a JSON value holds only strings, booleans, null, arrays and short-keyed objects. */
function jsonSafe(v: unknown): boolean {
  if (typeof v === 'number') return false; // let the YAML reader type numbers (ints vs floats)
  if (Array.isArray(v)) return v.every(jsonSafe);
  if (isPlainObject(v)) {
    return Object.keys(v).every((k) => k.length < 1000 && k !== '__proto__' && jsonSafe(v[k]));
  }
  return true;
}

function tryJson(src: string): unknown[] | undefined {
  const t = src.trimStart();
  if (!t.startsWith('[') || JSON_RISKY_RE.test(src)) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(src);
  } catch {
    return undefined;
  }
  return Array.isArray(v) && jsonSafe(v) ? v : undefined;
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

/**
 * Raw characters gopkg.in/yaml.v2's reader refuses anywhere in a document ("control
 * characters are not allowed": C0 controls but tab, LF and CR; DEL; C1 controls but NEL;
 * U+FFFE, U+FFFF), lone surrogates (not UTF-8: the API server stores U+FFFD instead), and the
 * YAML 1.1 line break NEL, which go-yaml folds to a space inside quotes and the `yaml` library
 * keeps. (Tabs: see BLOCK_TAB_RE; LS and PS: see `checkQuotedOnly`.)
 */
// eslint-disable-next-line no-control-regex
const GO_YAML_REFUSED_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Surrogate escapes (`\uD83D`, `\U0000D800`), which go-yaml refuses ("invalid Unicode character escape code"). */
const SURROGATE_ESCAPE_RE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}|\\U0000[dD][89a-fA-F][0-9a-fA-F]{2}/;

function codePointName(ch: string): string {
  return `U+${(ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
}

function position(src: string, index: number): string {
  const before = src.slice(0, index).split('\n');
  return `line ${before.length} column ${before[before.length - 1].length + 1}`;
}

/**
 * A tab in a block document where go-yaml refuses it and the `yaml` library reads white space:
 * in a line's indentation (also on a blank line: "found a tab character that violates
 * indentation") or after a `-` ("found character that cannot start any token"). Elsewhere (in
 * scalars, after `key:`, before a comment, in flow collections and JSON) both read it alike.
 */
const BLOCK_TAB_RE = /(?:^|\n)[ \t]*\t|(?:^|[ \t\n])-[ \t]*\t/; // no `m`: JS would count LS/PS as line starts

/** Why a character matched by GO_YAML_REFUSED_RE is refused. */
function refusedReason(ch: string): string {
  if (ch === '\u0085') return 'a YAML 1.1 line break that the authenticator\'s YAML reader (gopkg.in/yaml.v2) reads differently from other YAML readers';
  if (/[\ud800-\udfff]/.test(ch)) return 'a lone UTF-16 surrogate, which UTF-8 cannot hold';
  return 'a character the authenticator\'s YAML reader (gopkg.in/yaml.v2) refuses ("control characters are not allowed"), so the authenticator ignores the whole key';
}

/** Refuses a value holding characters the authenticator's YAML reader refuses or reads differently. */
function checkCharacters(dataKey: string, src: string): void {
  const m = GO_YAML_REFUSED_RE.exec(src);
  if (m) {
    const what = refusedReason(m[0]);
    throw new AwsAuthParseError(`aws-auth data key "${dataKey}" contains ${codePointName(m[0])} at ${position(src, m.index)}, ${what}; nothing was written; remove it or write it as an escape inside double quotes; ${fixHint(dataKey)}`);
  }
  const tab = /^\s*[[{]/.test(src) ? null : BLOCK_TAB_RE.exec(src);
  if (tab) {
    throw new AwsAuthParseError(`aws-auth data key "${dataKey}" has a tab at ${position(src, tab.index + tab[0].indexOf('\t'))} in indentation or after "-", which the authenticator's YAML reader (gopkg.in/yaml.v2) refuses and other YAML readers read as a space; nothing was written; indent with spaces; ${fixHint(dataKey)}`);
  }
  const cr = /\r(?!\n)/.exec(src);
  if (cr) {
    throw new AwsAuthParseError(`aws-auth data key "${dataKey}" contains a carriage return (U+000D) not followed by a line feed at ${position(src, cr.index)}, which the authenticator's YAML reader (gopkg.in/yaml.v2) reads as a line break and other YAML readers do not; nothing was written; use LF or CRLF line ends; ${fixHint(dataKey)}`);
  }
  const e = SURROGATE_ESCAPE_RE.exec(src);
  if (e) {
    throw new AwsAuthParseError(`aws-auth data key "${dataKey}" contains the surrogate escape ${e[0]} at ${position(src, e.index)}, which the authenticator's YAML reader (gopkg.in/yaml.v2) refuses, so it ignores the whole key; nothing was written; write the character itself instead; ${fixHint(dataKey)}`);
  }
}

/**
 * Characters read alike only inside quoted scalars, and there only away from white space. To
 * go-yaml a raw U+2028 / U+2029 is a line break: in a block plain scalar or a comment it
 * ends the line ("could not find expected ':'", the whole key ignored); inside quotes it is
 * kept, but the raw spaces and tabs around it are dropped as line folding drops them. The
 * `yaml` library reads an ordinary character everywhere.
 */
const SEPARATOR_NEXT_TO_BLANK_RE = /[ \t\r\n][\u2028\u2029]|[\u2028\u2029][ \t\r\n]/;
const QUOTED_ONLY_RE = /[\u2028\u2029]/g;

function checkQuotedOnly(dataKey: string, src: string, doc: ReturnType<typeof parseDocument>): void {
  const total = src.match(QUOTED_ONLY_RE)?.length ?? 0;
  if (total === 0) return;
  let quoted = 0;
  visit(doc, {
    Scalar(_key, node) {
      if ((node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE) && node.srcToken && 'source' in node.srcToken) {
        const text = node.srcToken.source;
        quoted += text.match(QUOTED_ONLY_RE)?.length ?? 0;
        if (SEPARATOR_NEXT_TO_BLANK_RE.test(text)) {
          refuse(dataKey, `holds the quoted scalar ${JSON.stringify(text.slice(0, 80))} with a raw U+2028/U+2029 next to white space, which the authenticator's YAML reader (gopkg.in/yaml.v2) drops there and other YAML readers keep; escape them (\\L, \\P, \\t, \\x20) or remove them`);
        }
      }
    },
  });
  if (quoted !== total) {
    const at = src.search(QUOTED_ONLY_RE);
    refuse(dataKey, `contains ${codePointName(src[at])} at ${position(src, at)} outside a quoted scalar, where the authenticator's YAML reader (gopkg.in/yaml.v2) reads it differently from other YAML readers; remove it or move it inside double quotes`);
  }
}

/** Escapes YAML 1.1 (go-yaml v2) and the `yaml` library read alike; YAML 1.2's `\/` is not one. */
const YAML11_ESCAPES = '0abt\tnvfre "\\N_LPxuU\n';

function refuse(dataKey: string, what: string): never {
  throw new AwsAuthParseError(`aws-auth data key "${dataKey}" ${what}; nothing was written; ${fixHint(dataKey)}`);
}

/**
 * Types plain scalars as gopkg.in/yaml.v2 does (the document was read with the failsafe
 * schema, so every scalar is still its text) and refuses what the authenticator cannot read
 * the way we would: explicit tags other than `!!str`, merge keys, null keys, and NaN or
 * infinite numbers (encoding/json cannot write them, so the authenticator drops the key).
 */
function goTyping(dataKey: string, doc: ReturnType<typeof parseDocument>, mode: SubsetMode): void {
  visit(doc, {
    Map(_key, node, path) {
      const parent = path[path.length - 1];
      if (isSeq(parent) && parent.flow && !node.srcToken) {
        refuse(dataKey, 'has a key: value pair directly inside a [flow list], which YAML readers split differently; wrap it in braces or quote it');
      }
    },
    Pair(_key, pair) {
      if (isScalar(pair.key) && pair.key.type === Scalar.PLAIN && pair.key.source === '<<') {
        refuse(dataKey, 'uses a YAML merge key (<<), which eks-access does not read; write the fields out');
      }
    },
    Scalar(key, node, path) {
      if (node.type === Scalar.QUOTE_DOUBLE && node.srcToken && 'source' in node.srcToken) {
        const bad = [...node.srcToken.source.matchAll(/\\([\s\S])/g)].find((e) => !YAML11_ESCAPES.includes(e[1]));
        if (bad) refuse(dataKey, `uses the escape \\${bad[1]} in a double-quoted scalar, which the authenticator's YAML reader (gopkg.in/yaml.v2, YAML 1.1) refuses or reads differently; write the character itself`);
      }
      if (node.tag !== undefined && node.tag !== 'tag:yaml.org,2002:str') {
        refuse(dataKey, `uses the explicit tag ${node.tag}, which eks-access does not read; remove the tag`);
      }
      if (node.tag !== undefined || node.type !== Scalar.PLAIN) return;
      const text = String(node.source ?? node.value);
      if (text.startsWith(':') && path.some((n) => (isSeq(n) || isMap(n)) && n.flow)) {
        refuse(dataKey, `holds the unquoted ${JSON.stringify(text)} inside a flow collection, which the authenticator's YAML reader (gopkg.in/yaml.v2) refuses; quote it`);
      }
      if (text.endsWith(':')) {
        refuse(dataKey, `holds the unquoted ${JSON.stringify(text)}, which the authenticator's YAML reader (gopkg.in/yaml.v2) reads as a mapping key, not as text; quote it`);
      }
      const v = goResolvePlain(text);
      if (mode === 'entries' && typeof v === 'number' && !Number.isFinite(v)) {
        refuse(dataKey, `holds ${String(node.source)}, a number JSON cannot hold, so the authenticator ignores the whole key; quote it`);
      }
      if (key === 'key' && v === null) refuse(dataKey, 'has a mapping with a null key, which the authenticator cannot convert to JSON (it ignores the whole key); remove it');
      // mapAccounts decodes into []string: go-yaml keeps the text of a plain scalar.
      if (mode === 'entries') node.value = v;
    },
  });
}

function slowParse(dataKey: string, src: string, mode: SubsetMode): unknown[] {
  // failsafe: every scalar stays its text; goTyping then types plain scalars as Go does.
  const doc = parseDocument(src, { version: '1.1', schema: 'failsafe', merge: false, prettyErrors: true, uniqueKeys: true, keepSourceTokens: true });
  if (doc.errors.length > 0) {
    throw new AwsAuthParseError(`aws-auth data key "${dataKey}" is not valid YAML: ${firstLine(doc.errors[0].message)}; nothing was written; ${fixHint(dataKey)}`);
  }
  checkQuotedOnly(dataKey, src, doc);
  goTyping(dataKey, doc, mode);
  const contents = doc.contents;
  if (contents === null || (isScalar(contents) && (contents.value === null || (contents.type === Scalar.PLAIN && goResolvePlain(String(contents.source)) === null)))) return [];
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
  checkCharacters(dataKey, src);
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
