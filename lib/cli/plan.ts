import { AWS_AUTH_NAME, AWS_AUTH_NAMESPACE } from '../../lambda/aws-auth/api';
import { planOwner, validateDesired } from '../../lambda/aws-auth/core';
import type { ConfigMapState, DriftItem, EntryChange, MergeOptions, PlanResult } from '../../lambda/aws-auth/core';
import type { KubeClient } from '../../lambda/edge/kube';
import { desiredMappings, peopleOwner } from '../config/mappings';
import type { ResolvedEnvironment } from '../config/validate';

/** The live aws-auth and what a deploy of `env` would do to it. */
export interface LivePlan extends PlanResult {
  /** aws-auth exists. */
  readonly exists: boolean;
  readonly resourceVersion?: string;
  /** aws-auth's data and annotations as read (empty when it does not exist). */
  readonly state: ConfigMapState;
}

/** Merge options the environment's mapping resource uses. */
export function mergeOptions(env: ResolvedEnvironment): MergeOptions {
  return { allowClusterAdmin: env.allowClusterAdmin, takeOverUnowned: false };
}

/** Reads aws-auth and plans the environment's people/node owner against it, without writing. */
export async function planLive(env: ResolvedEnvironment, kube: KubeClient): Promise<LivePlan> {
  const stored = await kube.getConfigMap(AWS_AUTH_NAMESPACE, AWS_AUTH_NAME);
  const state: ConfigMapState = { data: stored?.data ?? {}, annotations: stored?.metadata.annotations ?? {} };
  const options = mergeOptions(env);
  const plan = planOwner(state, peopleOwner(env), validateDesired(desiredMappings(env), options), options);
  return { ...plan, exists: !!stored, resourceVersion: stored?.metadata.resourceVersion, state };
}

const SYMBOL: Record<EntryChange['action'], string> = { added: '+', changed: '~', removed: '-', adopted: '=', collapsed: '*' };

/** Renders a plan as lines for people (`+ role arn... -> user [groups]`). */
export function renderPlan(plan: LivePlan): string[] {
  const lines: string[] = [];
  if (!plan.exists) lines.push(`  ${AWS_AUTH_NAMESPACE}/${AWS_AUTH_NAME} does not exist yet: it will be created`);
  for (const c of plan.changes) lines.push(`  ${SYMBOL[c.action]} ${c.action} ${c.kind} ${c.key}${describeEntry(c.after ?? c.before)}`);
  for (const d of plan.drift) lines.push(`  ! drift: ${renderDrift(d)}`);
  if (!lines.length) lines.push('  no changes: aws-auth already holds every declared entry exactly once');
  return lines;
}

function describeEntry(entry: unknown): string {
  if (!entry || typeof entry !== 'object') return '';
  const e = entry as { username?: unknown; groups?: unknown };
  const groups = Array.isArray(e.groups) ? e.groups.join(', ') : '';
  return typeof e.username === 'string' ? ` -> ${e.username} [${groups}]` : '';
}

/** One line for a drift item. */
export function renderDrift(d: DriftItem): string {
  const owners = d.owners.length ? ` (owned by ${d.owners.join(', ')})` : ' (unowned)';
  switch (d.drift) {
    case 'edited': return `${d.kind} ${d.key} was edited by hand${owners}: expected${describeEntry(d.expected)}, found ${JSON.stringify(d.actual)}`;
    case 'deleted': return `${d.kind} ${d.key} was deleted by hand${owners}`;
    case 'duplicate': return `${d.kind} ${d.key} appears ${d.actual?.length ?? 'several'} times${owners}`;
  }
}
