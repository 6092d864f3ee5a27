/**
 * `--format json`: the whole report as one JSON document on stdout, for scripts. Pure. The
 * shape (version 1) only grows: fields are added, never renamed or removed.
 *
 * ```
 * {
 *   version: 1,
 *   base: string | null, head: string | null,          // labels as the Markdown shows them
 *   threshold, highest, exitCode, error?,              // as in json-summary.ts (--json FILE)
 *   acknowledgements: string | null,                   // where they came from
 *   warnings: [string],                                // for example a stale head assembly
 *   findings: [{ environment, severity, rule, fingerprint, acknowledged, summary,
 *                acknowledgement?: { reason, expires } }],
 *   expiredAcknowledgements: [{ fingerprint, expires, summary }],
 *   unusedAcknowledgements: [{ fingerprint, expires, summary }],
 *   environments: [{ name,
 *     adminPaths: [{ kind, principal, target, how }],
 *     added: [grant], removed: [grant],               // grant: { section, label, id, fields: { name: [value] } }
 *     changed: [{ section, label, id, fields: [{ name, before, after, added, removed }] }] }]
 * }
 * ```
 *
 * Text (`summary`, `how`) is plain, values in backticks, NOT escaped for Markdown or HTML.
 */
import type { AdminPath } from './admin-paths';
import type { GrantChange } from './diff';
import type { Severity } from './exit-codes';
import type { Grant } from './grants';
import { errorSummary, jsonSummary } from './json-summary';
import type { JsonFinding, JsonSummary } from './json-summary';
import { messageText } from './markdown';
import type { AccessReport } from './report';
import type { Verdict } from './verdict';

/** Version of the document's shape. */
export const REPORT_JSON_VERSION = 1;

/** A grant: its fields as an object of value lists. */
export interface JsonGrant {
  readonly section: string;
  readonly label: string;
  readonly id: string;
  readonly fields: Readonly<Record<string, readonly string[]>>;
}

/** A path to cluster admin. */
export interface JsonAdminPath {
  readonly kind: string;
  readonly principal: string;
  readonly target: string;
  /** Plain text. */
  readonly how: string;
}

/** One environment. */
export interface JsonEnvironment {
  readonly name: string;
  readonly adminPaths: readonly JsonAdminPath[];
  readonly added: readonly JsonGrant[];
  readonly removed: readonly JsonGrant[];
  /** Grants whose fields changed, as diff.ts gives them. */
  readonly changed: readonly GrantChange[];
}

/** A finding with its acknowledgement. */
export interface JsonReportFinding extends JsonFinding {
  /** The acknowledgement in effect. @default - absent: the finding counts */
  readonly acknowledgement?: { readonly reason: string; readonly expires: string };
}

/** The document. */
export interface JsonReport extends Omit<JsonSummary, 'findings'> {
  readonly version: typeof REPORT_JSON_VERSION;
  readonly base: string | null;
  readonly head: string | null;
  readonly acknowledgements: string | null;
  readonly warnings: readonly string[];
  readonly findings: readonly JsonReportFinding[];
  readonly unusedAcknowledgements: JsonSummary['expiredAcknowledgements'];
  readonly environments: readonly JsonEnvironment[];
}

function grant(g: Grant): JsonGrant {
  return { section: g.section, label: g.label, id: g.id, fields: Object.fromEntries(g.fields.map(([name, values]) => [name, [...values]])) };
}

function adminPath(p: AdminPath): JsonAdminPath {
  return { kind: p.kind, principal: p.principal, target: p.target, how: messageText(p.how) };
}

/** The document for a report and its verdict. */
export function jsonReport(report: AccessReport, verdict: Verdict, warnings: readonly string[] = []): JsonReport {
  const summary = jsonSummary(verdict);
  return {
    version: REPORT_JSON_VERSION,
    base: report.baseLabel,
    head: report.headLabel,
    ...summary,
    acknowledgements: verdict.acknowledgementSource,
    warnings,
    findings: summary.findings.map((f, i) => {
      const a = verdict.findings[i].acknowledgement;
      return a ? { ...f, acknowledgement: { reason: a.reason, expires: a.expires } } : f;
    }),
    unusedAcknowledgements: verdict.unused.map((a) => ({ fingerprint: a.fingerprint, expires: a.expires, summary: a.summary })),
    environments: report.environments.map((e) => ({
      name: e.name,
      adminPaths: e.adminPaths.map(adminPath),
      added: e.diff.added.map(grant),
      removed: e.diff.removed.map(grant),
      changed: e.diff.changed,
    })),
  };
}

/** The document when the report could not be produced (exit code 1). */
export function jsonErrorReport(threshold: Severity, error: string, warnings: readonly string[] = []): JsonReport {
  return {
    version: REPORT_JSON_VERSION, base: null, head: null, ...errorSummary(threshold, error),
    acknowledgements: null, warnings, unusedAcknowledgements: [], environments: [],
  };
}
