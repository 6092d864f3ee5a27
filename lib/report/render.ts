/**
 * The report as Markdown (for a pull-request comment or a CI summary): the findings ranked by
 * severity with their acknowledgements, then per environment who can reach cluster admin and
 * the added, removed and changed grants. Every template-derived string goes through
 * `markdown.ts` (code spans that cannot be broken out of). Pure.
 */
import type { AdminPath } from './admin-paths';
import type { EnvironmentDiff, FieldChange, GrantChange } from './diff';
import { hasChanges } from './diff';
import { SEVERITIES } from './exit-codes';
import type { Severity } from './exit-codes';
import type { Grant } from './grants';
import { inlineCode, messageMarkdown } from './markdown';
import type { AccessReport, EnvironmentReport } from './report';
import type { JudgedFinding, Verdict } from './verdict';

/** Line printed when no grant differs in any environment. */
export const NO_CHANGES = 'No access changes.';

/** Title of the per-environment section on paths to cluster admin. */
export const ADMIN_SECTION = 'Who can reach cluster admin';

/** Values longer than this (joined) are listed one per line. */
const INLINE_LIMIT = 100;

const SEVERITY_TITLES: Record<Severity, string> = { critical: 'Critical', high: 'High', info: 'Info' };

function valuesText(values: readonly string[]): string {
  return values.length === 0 ? '(none)' : values.map((v) => inlineCode(v)).join(', ');
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

/** The table of paths to cluster admin (GFM; cells escaped for tables). */
export function adminPathLines(paths: readonly AdminPath[]): string[] {
  if (paths.length === 0) return [`### ${ADMIN_SECTION} (0)`, '', 'No path to cluster admin is declared.', ''];
  const cell = (value: string) => inlineCode(value, { inTable: true });
  return [
    `### ${ADMIN_SECTION} (${paths.length})`,
    '',
    '| Path | Who | Reaches | How |',
    '|---|---|---|---|',
    ...paths.map((p) => `| ${p.kind} | ${cell(p.principal)} | ${cell(p.target)} | ${messageMarkdown(p.how, { inTable: true })} |`),
    '',
  ];
}

function diffLines(d: EnvironmentDiff): string[] {
  if (!hasChanges(d)) return [NO_CHANGES, ''];
  return [
    ...section('Added', d.added, grantLines),
    ...section('Removed', d.removed, grantLines),
    ...section('Changed', d.changed, changeLines),
  ];
}

function environmentLines(e: EnvironmentReport): string[] {
  return [`## Environment ${inlineCode(e.name)}`, '', ...adminPathLines(e.adminPaths), ...diffLines(e.diff)];
}

/** One finding as a list item (with its rule, fingerprint and acknowledgement). */
export function findingLines(f: JudgedFinding): string[] {
  const lines = [
    `- **${f.severity}** · ${inlineCode(f.environment)} · ${f.label} ${inlineCode(f.id)}: ${messageMarkdown(f.message)}`,
    `  - rule ${inlineCode(f.rule)} · fingerprint ${inlineCode(f.fingerprint)}`,
  ];
  if (f.acknowledgement) {
    lines.push(`  - acknowledged until ${inlineCode(f.acknowledgement.expires)}: ${inlineCode(f.acknowledgement.reason)} (does not count)`);
  } else if (f.expiredAcknowledgement) {
    lines.push(`  - acknowledgement expired on ${inlineCode(f.expiredAcknowledgement.expires)}: ${inlineCode(f.expiredAcknowledgement.reason)} (counts)`);
  }
  return lines;
}

function findingsLines(verdict: Verdict): string[] {
  const acknowledged = verdict.findings.filter((f) => f.acknowledgement).length;
  const counts = [...SEVERITIES].reverse().map((s) => `${verdict.findings.filter((f) => f.severity === s).length} ${s}`).join(', ');
  const lines = [`## Findings (${verdict.findings.length}: ${counts}; ${acknowledged} acknowledged)`, ''];
  if (verdict.findings.length === 0) lines.push('None.', '');
  for (const severity of [...SEVERITIES].reverse()) {
    const items = verdict.findings.filter((f) => f.severity === severity);
    lines.push(...section(SEVERITY_TITLES[severity], items, findingLines));
  }
  const ack = (title: string, list: Verdict['expired'], verb: string) => section(title, list, (a) => [
    `- fingerprint ${inlineCode(a.fingerprint)} ${verb} ${inlineCode(a.expires)}: ${inlineCode(a.summary)}`,
  ]);
  lines.push(...ack('Expired acknowledgements', verdict.expired, 'expired on'), ...ack('Unused acknowledgements', verdict.unused, 'until'));
  return lines;
}

/** The verdict line: what the exit code says. */
export function verdictLine(verdict: Verdict): string {
  const counting = verdict.findings.filter((f) => !f.acknowledgement);
  if (verdict.exitCode === 0) {
    return `**Passed**: no unacknowledged finding at or above ${inlineCode(verdict.threshold)}${counting.length > 0 ? ` (highest: ${inlineCode(verdict.highest ?? 'none')})` : ''}.`;
  }
  return `**Failed**: unacknowledged findings at or above ${inlineCode(verdict.threshold)} (highest: ${inlineCode(verdict.highest ?? 'none')}).`;
}

/** The whole report as Markdown, ending with a newline. */
export function renderReport(report: AccessReport, verdict: Verdict): string {
  const lines = [
    '# Access report',
    '',
    `Base: ${inlineCode(report.baseLabel)} · Head: ${inlineCode(report.headLabel)} · Threshold: ${inlineCode(verdict.threshold)} · Acknowledgements: ${inlineCode(verdict.acknowledgementSource)}`,
    '',
    verdictLine(verdict),
    '',
  ];
  if (!report.environments.some((e) => hasChanges(e.diff))) lines.push(NO_CHANGES, '');
  lines.push(...findingsLines(verdict));
  for (const e of report.environments) lines.push(...environmentLines(e));
  return lines.join('\n');
}
