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
const NEEDS_ESCAPE_RE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029"\\\ud800-\udfff]/;

/**
 * Writes a string as a YAML double-quoted scalar that YAML 1.1 (Go) and YAML 1.2 read alike:
 * only `\\`, `\"`, `\n`, `\t`, `\r`, `\b`, `\f` and `\uXXXX` escapes (no `\/`); C0/C1 controls
 * and the YAML 1.1 line breaks U+0085, U+2028, U+2029 escaped. Lone surrogates cannot be
 * represented and are refused.
 */
export function quoteYaml(value: string): string {
  if (!NEEDS_ESCAPE_RE.test(value)) return `"${value}"`;
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
      const d = value.charCodeAt(i + 1);
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
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) {
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
  if (/^[\x20-\x7e]*$/.test(key)) return key.toLowerCase();
  let out = '';
  for (const ch of key) {
    const f = ch.toLowerCase().toUpperCase();
    out += [...f].length === 1 ? f.toLowerCase() : ch.toLowerCase();
  }
  return out;
}
