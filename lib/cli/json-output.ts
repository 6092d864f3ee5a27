/**
 * `eks-access plan|verify --output json`: one document on stdout for every environment asked,
 * built from the same results the text output prints. Pure. The shape (version 1) only grows:
 * fields are added, never renamed or removed.
 *
 * ```
 * { version: 1, command: 'plan' | 'verify', exitCode: 0 | 1 | 2,
 *   environments: [{ name, clusterName, region, account,
 *     status: 'no-changes' | 'changes' | 'verified' | 'failed' | 'error',
 *     plan?:   { awsAuthExists, changes: [{ action, kind, key, before?, after? }],
 *                drift: [{ drift, kind, key, owners, expected?, actual? }],
 *                clusterAdmins: { kind: 'read', principals } | { kind: 'no-access-entries', authenticationMode } | { kind: 'denied', message },
 *                notes: [string] },
 *     verify?: { ok, findings: [{ ok, message }] },
 *     error?:  { kind, message } }] }
 * ```
 */
import type { DriftItem, EntryChange } from '../../lambda/aws-auth/core';
import type { ResolvedEnvironment } from '../config/validate';
import type { ClusterAdminEntries } from './creator-admin';
import type { CliErrorKind, ExplainedError } from './explain-error';
import type { Command } from './permissions';
import type { LivePlan } from './plan';
import type { VerifyResult } from './verify';

/** Version of the document's shape. */
export const CLI_JSON_VERSION = 1;

/** What one environment's run produced. */
export type EnvironmentOutcome =
  | {
    readonly kind: 'plan';
    readonly env: ResolvedEnvironment;
    readonly plan: LivePlan;
    readonly clusterAdmins: ClusterAdminEntries;
    /** Informational lines after the plan (creator admin, network policies), as text prints them. */
    readonly notes: readonly string[];
  }
  | { readonly kind: 'verify'; readonly env: ResolvedEnvironment; readonly result: VerifyResult }
  | { readonly kind: 'error'; readonly env: ResolvedEnvironment; readonly error: ExplainedError };

/** How one environment ended. */
export type EnvironmentStatus = 'no-changes' | 'changes' | 'verified' | 'failed' | 'error';

/** plan's part of an environment's result. */
export interface JsonPlan {
  /** kube-system/aws-auth exists (a deploy creates it otherwise). */
  readonly awsAuthExists: boolean;
  /** What a deploy would change. */
  readonly changes: readonly EntryChange[];
  /** Hand edits and duplicates found. */
  readonly drift: readonly DriftItem[];
  /** The access entries holding AmazonEKSClusterAdminPolicy at cluster scope, as read. */
  readonly clusterAdmins: ClusterAdminEntries;
  /** Informational lines (creator admin, network policies), trimmed. */
  readonly notes: readonly string[];
}

/** One verify finding. */
export interface JsonVerifyFinding {
  readonly ok: boolean;
  /** The finding without its `ok` / `FAIL` marker. */
  readonly message: string;
}

/** verify's part of an environment's result. */
export interface JsonVerify {
  readonly ok: boolean;
  readonly findings: readonly JsonVerifyFinding[];
}

/** One environment in the document. */
export interface JsonEnvironmentResult {
  readonly name: string;
  readonly clusterName: string;
  readonly region: string;
  readonly account: string;
  readonly status: EnvironmentStatus;
  /** @default - absent unless the command is plan and it completed */
  readonly plan?: JsonPlan;
  /** @default - absent unless the command is verify and it completed */
  readonly verify?: JsonVerify;
  /** @default - absent unless status is `error` */
  readonly error?: { readonly kind: CliErrorKind; readonly message: string };
}

/** The document. */
export interface CliJsonDocument {
  readonly version: typeof CLI_JSON_VERSION;
  readonly command: Command;
  /** The process's exit code (the same as without `--output json`). */
  readonly exitCode: number;
  readonly environments: readonly JsonEnvironmentResult[];
}

/** Whether a plan outcome has changes or drift. */
export function planHasChanges(plan: LivePlan): boolean {
  return plan.changes.length + plan.drift.length > 0;
}

/** How an outcome ended. */
export function outcomeStatus(o: EnvironmentOutcome): EnvironmentStatus {
  switch (o.kind) {
    case 'plan': return planHasChanges(o.plan) ? 'changes' : 'no-changes';
    case 'verify': return o.result.ok ? 'verified' : 'failed';
    case 'error': return 'error';
  }
}

const FINDING = /^(ok|FAIL) +/;

/** A verify line (`ok   ...`, `FAIL ...`) as a finding. */
export function verifyFinding(line: string): JsonVerifyFinding {
  return { ok: !line.startsWith('FAIL'), message: line.replace(FINDING, '') };
}

function environmentResult(o: EnvironmentOutcome): JsonEnvironmentResult {
  const { env } = o;
  const base = { name: env.name, clusterName: env.clusterName, region: env.region, account: env.account, status: outcomeStatus(o) };
  switch (o.kind) {
    case 'plan': return {
      ...base,
      plan: { awsAuthExists: o.plan.exists, changes: o.plan.changes, drift: o.plan.drift, clusterAdmins: o.clusterAdmins, notes: o.notes.map((l) => l.trim()) },
    };
    case 'verify': return { ...base, verify: { ok: o.result.ok, findings: o.result.lines.map(verifyFinding) } };
    case 'error': return { ...base, error: { kind: o.error.kind, message: o.error.message } };
  }
}

/** The document for `command`'s outcomes and exit code. */
export function jsonDocument(command: Command, outcomes: readonly EnvironmentOutcome[], exitCode: number): CliJsonDocument {
  return { version: CLI_JSON_VERSION, command, exitCode, environments: outcomes.map(environmentResult) };
}
