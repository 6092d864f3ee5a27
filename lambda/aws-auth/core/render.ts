/**
 * Renders aws-auth list values as block YAML the way eksctl writes them
 * (`- rolearn: ...\n  username: ...\n  groups:\n  - ...`), with every scalar written so that a
 * YAML 1.1 reader (Go) and a YAML 1.2 reader read the same value (see yaml11.ts).
 */
import { yamlString } from './yaml11';

function scalarText(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return yamlString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return '.nan';
    if (v === Infinity) return '.inf';
    if (v === -Infinity) return '-.inf';
    if (Object.is(v, -0)) return '-0.0';
    return String(v);
  }
  if (typeof v === 'bigint') return v.toString();
  throw new RangeError(`cannot render ${typeof v} as YAML`);
}

function isNonEmptyObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length > 0;
}

function isNonEmptyArray(v: unknown): v is unknown[] {
  return Array.isArray(v) && v.length > 0;
}

function inline(v: unknown): string {
  if (Array.isArray(v)) return '[]';
  if (typeof v === 'object' && v !== null) return '{}';
  return scalarText(v);
}

/** Lines of a mapping whose keys sit at `indent`; the first line carries no indentation. */
function mappingLines(obj: Record<string, unknown>, indent: string, out: string[], first: boolean): void {
  let isFirst = first;
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    const lead = isFirst ? '' : indent;
    isFirst = false;
    const key = yamlString(k);
    if (isNonEmptyArray(v)) {
      out.push(`${lead}${key}:\n`);
      sequenceLines(v, indent, out); // go-yaml/eksctl style: nested list at the key's column
    } else if (isNonEmptyObject(v)) {
      out.push(`${lead}${key}:\n`);
      mappingLines(v, `${indent}  `, out, false);
    } else {
      out.push(`${lead}${key}: ${inline(v)}\n`);
    }
  }
}

/** Lines of a block sequence whose dashes sit at `indent`. */
function sequenceLines(items: unknown[], indent: string, out: string[]): void {
  for (const v of items) {
    if (isNonEmptyObject(v)) {
      out.push(`${indent}- `);
      mappingLines(v, `${indent}  `, out, true);
    } else if (isNonEmptyArray(v)) {
      out.push(`${indent}-\n`);
      sequenceLines(v, `${indent}  `, out);
    } else {
      out.push(`${indent}- ${inline(v)}\n`);
    }
  }
}

/** One list item rendered at column 0, ending with a newline. */
export function renderItem(item: unknown): string {
  const out: string[] = [];
  sequenceLines([item], '', out);
  return out.join('');
}

/**
 * Renders a list value. Items with a known verbatim `source` (read from column-0 block YAML)
 * are copied as they were; the others are rendered. The empty list is `[]`.
 */
export function renderList(items: readonly unknown[], sources?: readonly (string | undefined)[]): string {
  if (items.length === 0) return '[]\n';
  let out = '';
  for (let i = 0; i < items.length; i++) {
    out += sources?.[i] ?? renderItem(items[i]);
  }
  return out;
}
