/**
 * The report as Markdown (for a pull-request comment or a CI summary): escalations first, then
 * per environment the added, removed and changed grants. Pure.
 */
import type { EnvironmentDiff, FieldChange, GrantChange } from './diff';
import { hasChanges } from './diff';
import type { Escalation } from './rules/types';
import type { Grant } from './grants';
import type { AccessReport } from './report';

/** Line printed when nothing differs. */
export const NO_CHANGES = 'No access changes.';

/** Values longer than this (joined) are listed one per line. */
const INLINE_LIMIT = 100;

/** `value` as inline code, whatever backticks it contains. */
export function inlineCode(value: string): string {
  const fence = value.includes('`') ? '``' : '`';
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

function valuesText(values: readonly string[]): string {
  return values.length === 0 ? '(none)' : values.map(inlineCode).join(', ');
}

function isLong(values: readonly string[]): boolean {
  return values.length > 1 && values.join(', ').length > INLINE_LIMIT;
}

function grantLines(g: Grant): string[] {
  const lines = [`- ${g.label} ${inlineCode(g.id)}`];
  for (const [name, values] of g.fields) {
    if (values.length === 0) continue;
    if (isLong(values)) lines.push(`  - ${name}:`, ...values.map((v) => `    - ${inlineCode(v)}`));
    else lines.push(`  - ${name}: ${valuesText(values)}`);
  }
  return lines;
}

function fieldChangeLines(f: FieldChange): string[] {
  if (f.before.length <= 1 && f.after.length <= 1) return [`  - ${f.name}: ${valuesText(f.before)} → ${valuesText(f.after)}`];
  if (isLong([...f.added, ...f.removed])) {
    return [`  - ${f.name}:`, ...f.added.map((v) => `    - added ${inlineCode(v)}`), ...f.removed.map((v) => `    - removed ${inlineCode(v)}`)];
  }
  const parts = [...(f.added.length > 0 ? [`added ${valuesText(f.added)}`] : []), ...(f.removed.length > 0 ? [`removed ${valuesText(f.removed)}`] : [])];
  return [`  - ${f.name}: ${parts.join('; ')}`];
}

function changeLines(c: GrantChange): string[] {
  return [`- ${c.label} ${inlineCode(c.id)}`, ...c.fields.flatMap(fieldChangeLines)];
}

function section<T>(title: string, items: readonly T[], lines: (item: T) => string[]): string[] {
  return items.length === 0 ? [] : [`### ${title} (${items.length})`, '', ...items.flatMap(lines), ''];
}

function environmentLines(d: EnvironmentDiff): string[] {
  return [
    `## ${d.name}`,
    '',
    ...section('Added', d.added, grantLines),
    ...section('Removed', d.removed, grantLines),
    ...section('Changed', d.changed, changeLines),
  ];
}

/** One escalation as a list item. */
export function escalationLine(e: Escalation): string {
  return `- **${e.environment}** · ${e.label} ${inlineCode(e.id)}: ${e.message}`;
}

/** The whole report as Markdown, ending with a newline. */
export function renderReport(report: AccessReport): string {
  const lines = ['# Access report', '', `Base: ${inlineCode(report.baseLabel)} · Head: ${inlineCode(report.headLabel)}`, ''];
  const changed = report.environments.filter(hasChanges);
  if (changed.length === 0 && report.escalations.length === 0) {
    lines.push(NO_CHANGES, '');
    return lines.join('\n');
  }
  lines.push(`## Escalations (${report.escalations.length})`, '');
  lines.push(...(report.escalations.length === 0 ? ['None.'] : report.escalations.map(escalationLine)), '');
  for (const d of changed) lines.push(...environmentLines(d));
  const unchanged = report.environments.filter((d) => !hasChanges(d)).map((d) => inlineCode(d.name));
  if (unchanged.length > 0) lines.push(`Unchanged: ${unchanged.join(', ')}.`, '');
  return lines.join('\n');
}
