/**
 * YAML 1.1 scalar rules as the authenticator's Go YAML reader (gopkg.in/yaml.v2, through
 * sigs.k8s.io/yaml) applies them, and Go `encoding/json`'s case-insensitive field matching.
 *
 * The authenticator turns each aws-auth value into JSON with YAML 1.1 typing, so an unquoted
 * `NO` in a group list is the boolean `false`, `012` is the integer 10 and `~` is null. We only
 * write a scalar unquoted when it is a string in YAML 1.1 *and* YAML 1.2 and cannot be read as
 * anything else; everything else is written double-quoted with escapes both versions share.
 */

/** Plain scalars YAML 1.1 resolves to booleans or null (gopkg.in/yaml.v2 resolve.go). */
const YAML11_WORDS = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  'null', 'Null', 'NULL', '~', '',
]);

/**
 * A plain scalar we accept as a string without asking a YAML library: starts with a letter or
 * `/` (so never a number, timestamp, `.inf`, indicator or merge key), contains no space, `#`,
 * quote, flow-sequence or tag characters, does not end with `:` and is no YAML 1.1 boolean or
 * null word. ARNs, `system:node:{{EC2PrivateDNSName}}` and ordinary group names qualify.
 */
const SAFE_PLAIN_RE = /^[A-Za-z/][A-Za-z0-9_.:/@{}+=,-]*$/;

/** `E5`, `e-3`: a float to the `yaml` library's YAML 1.1 schema (not to Go); never write it plain. */
const EXPONENT_ONLY_RE = /^[eE][-+]?[0-9]+$/;

/** True for a letter-led plain scalar some YAML 1.1 reader types as a number. */
export function isExponentOnly(plain: string): boolean {
  return EXPONENT_ONLY_RE.test(plain);
}

/** True when `value` may be written as a plain (unquoted) YAML scalar and still mean `value`. */
export function isSafePlain(value: string): boolean {
  return SAFE_PLAIN_RE.test(value) && !value.endsWith(':') && !YAML11_WORDS.has(value) && !EXPONENT_ONLY_RE.test(value);
}

/** True for a plain scalar YAML 1.1 reads as null (`~`, `null`, empty). */
export function isYaml11Null(plain: string): boolean {
  return plain === '' || plain === '~' || plain === 'null' || plain === 'Null' || plain === 'NULL';
}

const YAML11_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);

/** The boolean or null a YAML 1.1 word (see `isYaml11Word`) stands for. */
export function yaml11WordValue(plain: string): boolean | null {
  if (isYaml11Null(plain)) return null;
  return YAML11_TRUE.has(plain);
}

/** True for a word YAML 1.1 reads as a boolean or null when unquoted. */
export function isYaml11Word(plain: string): boolean {
  return YAML11_WORDS.has(plain);
}

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE_RE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff"\\\ud800-\udfff]/;

/** BMP characters written as `\uXXXX` besides C0/C1: YAML 1.1 line breaks, the BOM, U+FFFE/U+FFFF. */
function mustEscape(c: number): boolean {
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfeff || c === 0xfffe || c === 0xffff;
}

/**
 * Writes a string as a YAML double-quoted scalar that YAML 1.1 (Go) and YAML 1.2 read alike:
 * only `\\`, `\"`, `\n`, `\t`, `\r`, `\b`, `\f` and `\uXXXX` escapes (no `\/`). Escaped, because
 * go-yaml v2's reader refuses them raw ("control characters are not allowed", which makes the
 * authenticator drop the whole data key) or reads them as something else: C0 and C1 controls
 * and DEL, U+FFFE and U+FFFF, the YAML 1.1 line breaks U+0085 (folded to a space inside
 * quotes), U+2028 and U+2029, and the BOM U+FEFF. Astral characters (U+10000 and up, also the
 * noncharacters U+1FFFF...) are written raw: go-yaml reads them raw, and has no `\u` escape for
 * them (a surrogate-pair escape is "invalid Unicode character escape code"). Lone surrogates
 * cannot be represented in UTF-8 and are refused.
 */
export function quoteYaml(value: string): string {
  if (!NEEDS_ESCAPE_RE.test(value)) return `"${value}"`;
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = value.charCodeAt(i + 1); // NaN past the end: a lone surrogate
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += value[i] + value[i + 1];
        i++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      throw new RangeError(`string ${JSON.stringify(value)} contains a lone surrogate and cannot be written as YAML`);
    }
    switch (value[i]) {
      case '"': out += '\\"'; break;
      case '\\': out += '\\\\'; break;
      case '\n': out += '\\n'; break;
      case '\t': out += '\\t'; break;
      case '\r': out += '\\r'; break;
      case '\b': out += '\\b'; break;
      case '\f': out += '\\f'; break;
      default:
        if (mustEscape(c)) {
          out += `\\u${c.toString(16).padStart(4, '0')}`;
        } else {
          out += value[i];
        }
    }
  }
  return `${out}"`;
}

/** A string as YAML: plain when safe, double-quoted otherwise. */
export function yamlString(value: string): string {
  return isSafePlain(value) ? value : quoteYaml(value);
}

/**
 * Folds a JSON object key the way Go `encoding/json` matches struct fields case-insensitively
 * (each code point to upper(lower(c)), so `RoleARN`, `rolearn` and `roleArn` are one field; the
 * Kelvin sign and long s fold to k and s as in Go). Returns the lower-case form.
 */
export function foldKey(key: string): string {
  let out = '';
  for (const ch of key) {
    const f = ch.toLowerCase().toUpperCase();
    out += [...f].length === 1 ? f.toLowerCase() : ch.toLowerCase();
  }
  return out;
}

const GO_MAP_FLOATS: Record<string, number> = {
  '.nan': NaN, '.NaN': NaN, '.NAN': NaN,
  '.inf': Infinity, '.Inf': Infinity, '.INF': Infinity, '+.inf': Infinity, '+.Inf': Infinity, '+.INF': Infinity,
  '-.inf': -Infinity, '-.Inf': -Infinity, '-.INF': -Infinity,
};
/** `strconv.ParseInt(s, 0, 64)` syntax (base prefix 0x, 0o, 0b or a leading 0 for octal). */
const GO_INT_RE = /^([+-]?)(?:0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+)|(0[0-7]*)|([1-9][0-9]*))$/;
/** gopkg.in/yaml.v2 resolve.go `yamlStyleFloat`. */
const GO_YAML_FLOAT_RE = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** The part of Go's float syntax that a plain scalar starting with `.` can take. */
const GO_DOT_FLOAT_RE = /^\.[0-9](?:_?[0-9])*(?:[eE][-+]?[0-9](?:_?[0-9])*)?$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** `strconv.ParseInt(s, 0, 64)`, falling back to `ParseUint` as resolve.go does; undefined when neither parses. */
function goParseInt(s: string): number | undefined {
  const m = GO_INT_RE.exec(s);
  if (!m) return undefined;
  const [, sign, hex, oct, bin, zeroOct, dec] = m;
  const digits = hex !== undefined ? `0x${hex}` : oct !== undefined ? `0o${oct}` : bin !== undefined ? `0b${bin}` : zeroOct !== undefined ? `0o${zeroOct}` : dec;
  const v = sign === '-' ? -BigInt(digits) : BigInt(digits);
  if (v >= INT64_MIN && v <= INT64_MAX) return Number(v);
  if (sign === '' && v <= UINT64_MAX) return Number(v);
  return undefined;
}

/**
 * resolve.go's `0b` fallback, `strconv.ParseInt(s[2:], 2, 64)`, where it differs from
 * goParseInt: a sign after the prefix (`0b-101` is -5). Without a sign, and for resolve.go's
 * `-0b` fallback and the `ParseUint` after it, goParseInt has already answered alike.
 */
function goParseSignedBinary(s: string): number | undefined {
  const m = /^([+-])([01]+)$/.exec(s);
  if (!m) return undefined;
  const v = m[1] === '-' ? -BigInt(`0b${m[2]}`) : BigInt(`0b${m[2]}`);
  return v >= INT64_MIN && v <= INT64_MAX ? Number(v) : undefined;
}

/**
 * What gopkg.in/yaml.v2 (resolve.go, decoding into `interface{}`) makes of a plain scalar:
 * a boolean, null, a number (NaN and infinities included) or the string itself. Unlike the
 * YAML 1.1 spec (and the `yaml` library's 1.1 schema) it has no sexagesimal numbers (`1:20` is
 * a string), keeps timestamps as strings, removes every `_` before parsing a number, and
 * parses integers with Go's `strconv.ParseInt(s, 0, 64)`, so `0o17` is 15, `0x_1F` is 31, `09`
 * is the float 9 and `1e400` (out of float64 range) is a string. `<<` is a string here; as a
 * mapping key it is a merge key, which callers must handle themselves.
 */
export function goResolvePlain(plain: string): string | number | boolean | null {
  // (resolve.go first looks the first character up in a table; every word and special float
  // below starts with one of its characters, so the lookups alone give the same answers.)
  if (isYaml11Word(plain)) return yaml11WordValue(plain); // '' too: null
  if (Object.prototype.hasOwnProperty.call(GO_MAP_FLOATS, plain)) return GO_MAP_FLOATS[plain];
  const c = plain[0];
  if (c === '.') {
    if (!GO_DOT_FLOAT_RE.test(plain)) return plain;
    const f = Number(plain.replace(/_/g, ''));
    return Number.isFinite(f) ? f : plain;
  }
  if (c !== '+' && c !== '-' && !(c >= '0' && c <= '9')) return plain;
  const p = plain.replace(/_/g, '');
  const int = goParseInt(p);
  if (int !== undefined) return int;
  if (GO_YAML_FLOAT_RE.test(p)) {
    const f = Number(p);
    if (Number.isFinite(f)) return f;
  }
  if (p.startsWith('0b')) {
    const b = goParseSignedBinary(p.slice(2));
    if (b !== undefined) return b;
  }
  return plain;
}
