/**
 * Where gopkg.in/yaml.v2 (the authenticator's YAML reader, through sigs.k8s.io/yaml) and the
 * `yaml` library disagree on a stored aws-auth value. Pure rules: each returns a sentence
 * fragment naming the problem, its position and the fix, or undefined; parse.ts refuses the
 * value (fail closed) when one answers. Each rule was found, and is checked, by asking Go
 * itself (test/support/authenticator-oracle).
 */
import { isMap, isScalar, isSeq, Scalar, visit } from 'yaml';
import type { CST, Document } from 'yaml';
import type { SubsetMode } from './block-subset';
import { goResolvePlain } from './yaml11';

/**
 * Raw characters gopkg.in/yaml.v2's reader refuses anywhere in a document ("control
 * characters are not allowed": C0 controls but tab, LF and CR; DEL; C1 controls but NEL;
 * U+FFFE, U+FFFF), lone surrogates (not UTF-8: the API server stores U+FFFD instead), and the
 * YAML 1.1 line break NEL, which go-yaml folds to a space inside quotes and the `yaml` library
 * keeps. (Tabs: see BLOCK_TAB_RE; LS and PS: see `lineSeparatorProblem`.)
 */
// eslint-disable-next-line no-control-regex
const GO_YAML_REFUSED_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Surrogate escapes (`\uD83D`, `\U0000D800`), which go-yaml refuses ("invalid Unicode character escape code"). */
const SURROGATE_ESCAPE_RE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}|\\U0000[dD][89a-fA-F][0-9a-fA-F]{2}/;

/**
 * A tab in a block document where go-yaml refuses it and the `yaml` library reads white space:
 * in a line's indentation (also on a blank line: "found a tab character that violates
 * indentation") or after a `-` ("found character that cannot start any token"). Elsewhere (in
 * scalars, after `key:`, before a comment, in flow collections and JSON) both read it alike.
 */
const BLOCK_TAB_RE = /(?:^|\n)[ \t]*\t|(?:^|[ \t\n])-[ \t]*\t/; // no `m`: JS would count LS/PS as line starts

/**
 * To go-yaml a raw U+2028 / U+2029 is a line break: in a block plain scalar or a comment it
 * ends the line ("could not find expected ':'", the whole key ignored); inside quotes it is
 * kept, but the raw spaces and tabs around it are dropped as line folding drops them. The
 * `yaml` library reads an ordinary character everywhere.
 */
const LINE_SEPARATOR_RE = /[\u2028\u2029]/g;
const SEPARATOR_NEXT_TO_BLANK_RE = /[ \t\r\n][\u2028\u2029]|[\u2028\u2029][ \t\r\n]/;

/** Escapes YAML 1.1 (go-yaml v2) and the `yaml` library read alike; YAML 1.2's `\/` is not one. */
const YAML11_ESCAPES = '0abt\tnvfre "\\N_LPxuU\n';

const GO_YAML = 'the authenticator\'s YAML reader (gopkg.in/yaml.v2)';

/**
 * go-yaml (libyaml's simple keys) reads `key:` without `?` as a mapping key only when the `:`
 * is on the key's line and at most this many characters after the key's first character; past
 * that it refuses the whole value ("did not find expected ',' or '}'", "could not find expected
 * ':'"), also in flow mappings and JSON, where the `yaml` library reads the key.
 */
export const MAX_KEY_SPAN = 1024;
const KEY_LINE_BREAK_RE = /[\n\u2028\u2029]/;

function codePointName(ch: string): string {
  return `U+${(ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
}

function position(src: string, index: number): string {
  const before = src.slice(0, index).split('\n');
  return `line ${before.length} column ${before[before.length - 1].length + 1}`;
}

/** Why a character matched by GO_YAML_REFUSED_RE is refused. */
function refusedReason(ch: string): string {
  if (ch === '\u0085') return `a YAML 1.1 line break that ${GO_YAML} reads differently from other YAML readers`;
  if (/[\ud800-\udfff]/.test(ch)) return 'a lone UTF-16 surrogate, which UTF-8 cannot hold';
  return `a character ${GO_YAML} refuses ("control characters are not allowed"), so the authenticator ignores the whole key`;
}

/** Problems visible in the text alone (characters, tabs, line ends, escapes); checked first. */
export function textProblem(src: string): string | undefined {
  const m = GO_YAML_REFUSED_RE.exec(src);
  if (m) return `contains ${codePointName(m[0])} at ${position(src, m.index)}, ${refusedReason(m[0])}; remove it or write it as an escape inside double quotes`;
  const tab = /^\s*[[{]/.test(src) ? null : BLOCK_TAB_RE.exec(src);
  if (tab) {
    return `has a tab at ${position(src, tab.index + tab[0].indexOf('\t'))} in indentation or after "-", which ${GO_YAML} refuses and other YAML readers read as a space; indent with spaces`;
  }
  const cr = /\r(?!\n)/.exec(src);
  if (cr) {
    return `contains a carriage return (U+000D) not followed by a line feed at ${position(src, cr.index)}, which ${GO_YAML} reads as a line break and other YAML readers do not; use LF or CRLF line ends`;
  }
  const e = SURROGATE_ESCAPE_RE.exec(src);
  if (e) return `contains the surrogate escape ${e[0]} at ${position(src, e.index)}, which ${GO_YAML} refuses, so it ignores the whole key; write the character itself instead`;
  return undefined;
}

function quotedSource(node: Scalar): string | undefined {
  const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
  return quoted && node.srcToken && 'source' in node.srcToken ? node.srcToken.source : undefined;
}

/**
 * The key written from `src[start]` to its `:` at `src[colon]` (no `?`), if go-yaml refuses it.
 * Spans are in UTF-16 units, Go's in characters: an astral key near the limit is refused
 * although Go would read it (the safe side).
 */
export function implicitKeyProblem(src: string, start: number, colon: number): string | undefined {
  if (colon - start <= MAX_KEY_SPAN && !KEY_LINE_BREAK_RE.test(src.slice(start, colon))) return undefined;
  return `has a mapping key at ${position(src, start)} whose ":" is on a later line or more than ${MAX_KEY_SPAN} characters after the key's start, which ${GO_YAML} refuses, so the authenticator ignores the whole key; write each key and its ":" on one line, and keep keys short`;
}

/** The first implicit key of a block or flow mapping's source that go-yaml refuses. */
function mapKeysProblem(src: string, token: CST.BlockMap | CST.FlowCollection): string | undefined {
  for (const item of token.items) {
    const colon = item.sep?.find((t) => t.type === 'map-value-ind');
    if (item.key && colon && !item.start.some((t) => t.type === 'explicit-key-ind')) {
      const problem = implicitKeyProblem(src, item.key.offset, colon.offset);
      if (problem !== undefined) return problem;
    }
  }
  return undefined;
}

/** LS/PS: only inside quotes, and there not next to white space. */
function lineSeparatorProblem(src: string, doc: Document): string | undefined {
  const total = src.match(LINE_SEPARATOR_RE)?.length ?? 0;
  if (total === 0) return undefined;
  let quoted = 0;
  let problem: string | undefined;
  visit(doc, {
    Scalar(_key, node) {
      const text = quotedSource(node);
      if (text === undefined) return undefined;
      quoted += text.match(LINE_SEPARATOR_RE)?.length ?? 0;
      if (SEPARATOR_NEXT_TO_BLANK_RE.test(text)) {
        problem = `holds the quoted scalar ${JSON.stringify(text.slice(0, 80))} with a raw U+2028/U+2029 next to white space, which ${GO_YAML} drops there and other YAML readers keep; escape them (\\L, \\P, \\t, \\x20) or remove them`;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (problem === undefined && quoted !== total) {
    const at = src.search(LINE_SEPARATOR_RE);
    problem = `contains ${codePointName(src[at])} at ${position(src, at)} outside a quoted scalar, where ${GO_YAML} reads a line break and other YAML readers do not; remove it or move it inside double quotes`;
  }
  return problem;
}

/** The first problem of one scalar, or undefined. */
function scalarProblem(key: unknown, node: Scalar, inFlow: boolean, mode: SubsetMode): string | undefined {
  if (node.type === Scalar.QUOTE_DOUBLE) {
    const text = quotedSource(node) ?? '';
    const bad = [...text.matchAll(/\\([\s\S])/g)].find((e) => !YAML11_ESCAPES.includes(e[1]));
    if (bad) return `uses the escape \\${bad[1]} in a double-quoted scalar, which ${GO_YAML}, a YAML 1.1 reader, refuses or reads differently; write the character itself`;
  }
  if (node.tag !== undefined && node.tag !== 'tag:yaml.org,2002:str') return `uses the explicit tag ${node.tag}, which eks-access does not read; remove the tag`;
  if (node.tag !== undefined || node.type !== Scalar.PLAIN) return undefined;
  const text = String(node.source ?? node.value);
  if (text.startsWith(':') && inFlow) return `holds the unquoted ${JSON.stringify(text)} inside a flow collection, which ${GO_YAML} refuses; quote it`;
  const v = goResolvePlain(text);
  if (mode === 'entries' && typeof v === 'number' && !Number.isFinite(v)) return `holds ${text}, a number JSON cannot hold, so the authenticator ignores the whole key; quote it`;
  if (key === 'key' && v === null) return 'has a mapping with a null key, which the authenticator cannot convert to JSON (it ignores the whole key); remove it';
  return undefined;
}

/**
 * Problems of a parsed document (read with keepSourceTokens): LS/PS, escapes, explicit tags,
 * merge keys, null keys, keys too long or split from their `:` by a line break, implicit pairs in flow lists (`[x:]` is the text "x:" to go-yaml),
 * plain scalars that begin with `:` in flow, and (mapRoles, mapUsers) numbers JSON cannot hold (.nan, .inf), for which
 * encoding/json fails and the authenticator drops the whole key.
 */
export function documentProblem(src: string, doc: Document, mode: SubsetMode): string | undefined {
  let problem = lineSeparatorProblem(src, doc);
  if (problem !== undefined) return problem;
  visit(doc, {
    Map(_key, node, path) {
      const parent = path[path.length - 1];
      if (isSeq(parent) && parent.flow && !node.srcToken) {
        problem = 'has a key: value pair directly inside a [flow list], which YAML readers split differently; wrap it in braces or quote it';
      } else {
        // keepSourceTokens: only the implicit pairs above have no source token.
        problem = mapKeysProblem(src, node.srcToken as CST.BlockMap | CST.FlowCollection);
      }
      return problem === undefined ? undefined : visit.BREAK;
    },
    Pair(_key, pair) {
      if (isScalar(pair.key) && pair.key.type === Scalar.PLAIN && pair.key.source === '<<') {
        problem = 'uses a YAML merge key (<<), which eks-access does not read; write the fields out';
      }
      return problem === undefined ? undefined : visit.BREAK;
    },
    Scalar(key, node, path) {
      problem = scalarProblem(key, node, path.some((n) => (isSeq(n) || isMap(n)) && n.flow === true), mode);
      return problem === undefined ? undefined : visit.BREAK;
    },
  });
  return problem;
}

/** Gives every untagged plain scalar the value go-yaml v2 resolves it to (`goResolvePlain`). */
export function typePlainScalars(doc: Document): void {
  visit(doc, {
    Scalar(_key, node) {
      if (node.tag === undefined && node.type === Scalar.PLAIN) node.value = goResolvePlain(String(node.source ?? node.value));
    },
  });
}
