/**
 * The admin window of the RBAC bootstrap: the manifests function holds no standing cluster
 * admin, so to apply its own generated RBAC (which needs `escalate`/`bind`, or every right it
 * grants) it associates {@link CLUSTER_ADMIN_POLICY_ARN} to its principal at cluster scope,
 * waits until the cluster's authorizer honours it, runs the apply, and always disassociates again
 * before it answers. EKS says access entry creation and updates "are eventually consistent, and
 * may take several seconds to be effective after the initial API call returns successfully"
 * and asks to "verify that the changes have been propagated" (EKS User Guide, Create access
 * entries), hence the SelfSubjectAccessReview poll. The same holds for the removal: the grant
 * may outlive the DisassociateAccessPolicy answer by some seconds; the window confirms the
 * removal in the EKS API (ListAssociatedAccessPolicies), which is what the next deploy and any
 * audit read.
 *
 * The numbers ({@link ADMIN_WINDOW_TIMING}): `work` gets the deadline less a 30 s reserve that
 * is kept for closing the window, and is no longer waited for once that earlier deadline has
 * passed, so the window closes even when the apply uses up its budget or hangs. Closing retries
 * transient errors (server faults, throttling, dropped connections) every 1, 2, 4, 8, 8... s up
 * to the full deadline, with at least 3 attempts, and confirms with ListAssociatedAccessPolicies
 * that the policy is gone. The first access review runs right after the association, then after
 * 250 ms, doubling up to 4 s between reviews, until the work deadline.
 */
import { AccessEntryNotFoundError, ClusterNotFoundError, isTransientAwsError } from '../edge/aws-errors';
import type { Logger } from '../edge/log';
import { CLUSTER_ADMIN_POLICY_ARN } from './api';

/** The EKS calls of the window (the AWS edge, lambda/edge/aws.ts, implements them). */
export interface AdminWindowEks {
  /** AssociateAccessPolicy with accessScope `{type: 'cluster'}`. */
  associateAccessPolicy(clusterName: string, principalArn: string, policyArn: string): Promise<void>;
  /** DisassociateAccessPolicy; ResourceNotFoundException counts as done. */
  disassociateAccessPolicy(clusterName: string, principalArn: string, policyArn: string): Promise<void>;
  /** ListAssociatedAccessPolicies, every page: the policy ARNs. */
  listAssociatedAccessPolicies(clusterName: string, principalArn: string): Promise<string[]>;
}

/** Pauses and retry spacing of the window. */
export interface AdminWindowTiming {
  /** Time before the deadline kept for closing the window; `work` gets the deadline less this. */
  readonly closeReserveMs: number;
  /** Pause after the first access review that said no; doubles after each further no. */
  readonly pollFirstDelayMs: number;
  /** Longest pause between access reviews. */
  readonly pollMaxDelayMs: number;
  /** Pause after the first failed close attempt; doubles after each further failure. */
  readonly closeFirstDelayMs: number;
  /** Longest pause between close attempts. */
  readonly closeMaxDelayMs: number;
  /** Close attempts made even when the deadline has passed. */
  readonly closeMinAttempts: number;
}

/** The timing the handler uses (see the module comment for why). */
export const ADMIN_WINDOW_TIMING: AdminWindowTiming = {
  closeReserveMs: 30_000,
  pollFirstDelayMs: 250,
  pollMaxDelayMs: 4_000,
  closeFirstDelayMs: 1_000,
  closeMaxDelayMs: 8_000,
  closeMinAttempts: 3,
};

/** What {@link withAdminWindow} needs. */
export interface AdminWindowOptions {
  readonly clusterName: string;
  /** The principal of the function's access entry (an IAM role ARN, as the access entry names it). */
  readonly principalArn: string;
  readonly eks: AdminWindowEks;
  /** Asks the cluster whether the admin association is in effect yet (SelfSubjectAccessReview). */
  readonly isAdmin: () => Promise<boolean>;
  /** Epoch ms by which the window must be closed (the handler's work deadline). */
  readonly deadline: number;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly log: Logger;
  /** @default ADMIN_WINDOW_TIMING */
  readonly timing?: AdminWindowTiming;
}

/** The association never took effect within the time the window had; nothing was applied. */
export class AdminWindowNotInEffectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminWindowNotInEffectError';
  }
}

/** `work` had not finished when its deadline passed; the window was closed without waiting longer. */
export class AdminWindowWorkTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminWindowWorkTimeoutError';
  }
}

/** The window could not be closed: the principal still holds the admin policy. */
export class AdminWindowCloseError extends Error {
  /** The error of the work (or of opening the window), if there was one. */
  readonly workError?: unknown;

  constructor(message: string, workError?: unknown) {
    super(message);
    this.name = 'AdminWindowCloseError';
    if (workError !== undefined) this.workError = workError;
  }
}

/** The exact command that closes the window by hand. */
export function disassociateCommand(clusterName: string, principalArn: string): string {
  return `aws eks disassociate-access-policy --cluster-name ${clusterName} --principal-arn ${principalArn} --policy-arn ${CLUSTER_ADMIN_POLICY_ARN}`;
}

/** The deadline `work` gets: the window's deadline less the close reserve. */
export function workDeadlineOf(deadline: number, timing: AdminWindowTiming = ADMIN_WINDOW_TIMING): number {
  return deadline - timing.closeReserveMs;
}

type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/**
 * Associates {@link CLUSTER_ADMIN_POLICY_ARN} to the principal at cluster scope, waits until
 * `isAdmin()`, runs `work` (given its own deadline, {@link workDeadlineOf}), and always
 * disassociates (retrying) before it returns or throws.
 * @returns what `work` returned, once the window is closed.
 * @throws AdminWindowNotInEffectError when the association did not take effect in time (work
 * never ran); AdminWindowWorkTimeoutError when work did not finish by its deadline; the error
 * of the EKS calls, of `isAdmin` or of `work` as it was (the window closed first); AdminWindowCloseError (with the command to run, and
 * the earlier error in its message) when the window could not be closed.
 */
export async function withAdminWindow<T>(options: AdminWindowOptions, work: (workDeadline: number) => Promise<T>): Promise<T> {
  const { clusterName, principalArn, eks, log, now } = options;
  const timing = options.timing ?? ADMIN_WINDOW_TIMING;
  const fields = { clusterName, principalArn, policyArn: CLUSTER_ADMIN_POLICY_ARN };
  const before = await eks.listAssociatedAccessPolicies(clusterName, principalArn);
  if (before.includes(CLUSTER_ADMIN_POLICY_ARN)) {
    log('warn', 'admin window: the admin policy is already associated (a standing admin association, which this design removes); it will be disassociated when the window closes', fields);
  }
  const workDeadline = workDeadlineOf(options.deadline, timing);
  let opened: number | undefined;
  let outcome: Settled<T>;
  try {
    await eks.associateAccessPolicy(clusterName, principalArn, CLUSTER_ADMIN_POLICY_ARN);
    const at = now();
    opened = at;
    log('info', 'admin window: associated', fields);
    await waitForEffect(options, timing, workDeadline, at);
    outcome = { ok: true, value: await settleBy(work(workDeadline), workDeadline - now(), () => new AdminWindowWorkTimeoutError(
      `The RBAC apply for cluster ${clusterName} did not finish by its deadline (${seconds(timing.closeReserveMs)} s before the handler's own, kept to close the admin window); the window was closed without waiting longer; retry the deployment`,
    )) };
  } catch (error) {
    outcome = { ok: false, error };
  }
  await closeWindow(options, timing, opened, outcome.ok
    ? { note: 'The RBAC apply itself succeeded.' }
    : { note: `The RBAC bootstrap had already failed: ${messageOf(outcome.error)}`, workError: outcome.error });
  if (!outcome.ok) {
    throw outcome.error instanceof AdminWindowNotInEffectError
      ? new AdminWindowNotInEffectError(`${outcome.error.message}; it has been removed`)
      : outcome.error;
  }
  return outcome.value;
}

/**
 * Closes a window a run may have left open (a Lambda killed inside it): disassociates
 * {@link CLUSTER_ADMIN_POLICY_ARN} from the principal and confirms it with
 * ListAssociatedAccessPolicies, retrying as {@link withAdminWindow} does; a principal without
 * the association is already closed (one DisassociateAccessPolicy answered 404, one List).
 * For the bootstrap's Delete, which opens no window but must not leave one behind.
 * @throws AdminWindowCloseError with the command to run when it cannot close.
 */
export async function closeAdminWindow(options: Omit<AdminWindowOptions, 'isAdmin'>): Promise<void> {
  await closeWindow(options, options.timing ?? ADMIN_WINDOW_TIMING, undefined, {});
}

async function waitForEffect(o: AdminWindowOptions, timing: AdminWindowTiming, until: number, opened: number): Promise<void> {
  let pause = timing.pollFirstDelayMs;
  for (let reviews = 1; ; reviews++) {
    if (await o.isAdmin()) {
      o.log('info', 'admin window: in effect', { clusterName: o.clusterName, principalArn: o.principalArn, afterMs: o.now() - opened, reviews });
      return;
    }
    if (o.now() + pause > until) {
      throw new AdminWindowNotInEffectError(`The association of ${CLUSTER_ADMIN_POLICY_ARN} to ${o.principalArn} on cluster ${o.clusterName} did not take effect within ${seconds(o.now() - opened)} s (${reviews} access review${reviews === 1 ? '' : 's'} said no); nothing was applied`);
    }
    await o.sleep(pause);
    pause = Math.min(pause * 2, timing.pollMaxDelayMs);
  }
}

/** Waits for `p` at most `ms` (a real timer: the window must close even if `p` never settles). */
function settleBy<T>(p: Promise<T>, ms: number, timeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(timeout()), Math.max(ms, 0));
    p.then((v) => { clearTimeout(timer); resolve(v); }, (e: unknown) => { clearTimeout(timer); reject(e); });
  });
}

type CloseOptions = Omit<AdminWindowOptions, 'isAdmin'>;

/** What the close failure adds: a sentence on the run before it, and its error. */
interface Before {
  readonly note?: string;
  readonly workError?: unknown;
}

async function closeWindow(o: CloseOptions, timing: AdminWindowTiming, opened: number | undefined, before: Before): Promise<void> {
  const fields = { clusterName: o.clusterName, principalArn: o.principalArn, policyArn: CLUSTER_ADMIN_POLICY_ARN };
  let pause = timing.closeFirstDelayMs;
  for (let attempt = 1; ; attempt++) {
    let failure: unknown;
    try {
      await o.eks.disassociateAccessPolicy(o.clusterName, o.principalArn, CLUSTER_ADMIN_POLICY_ARN);
      if (!(await stillAssociated(o))) {
        o.log('info', 'admin window: disassociated', { ...fields, attempts: attempt, ...(opened === undefined ? {} : { openMs: o.now() - opened }) });
        return;
      }
      failure = new Error(`${CLUSTER_ADMIN_POLICY_ARN} is still listed for ${o.principalArn} after DisassociateAccessPolicy`);
    } catch (e) {
      failure = e;
    }
    const retry = isTransientAwsError(failure) && (attempt < timing.closeMinAttempts || o.now() + pause <= o.deadline);
    if (!retry) {
      o.log('error', 'admin window: could not be closed', { ...fields, attempts: attempt, error: messageOf(failure) });
      throw new AdminWindowCloseError(closeFailure(o, attempt, failure, before.note), before.workError);
    }
    o.log('warn', 'admin window: disassociate failed; retrying', { ...fields, attempt, error: messageOf(failure), retryInMs: pause });
    await o.sleep(pause);
    pause = Math.min(pause * 2, timing.closeMaxDelayMs);
  }
}

/** Whether the admin policy is still listed; a gone access entry or cluster holds nothing. */
async function stillAssociated(o: CloseOptions): Promise<boolean> {
  try {
    return (await o.eks.listAssociatedAccessPolicies(o.clusterName, o.principalArn)).includes(CLUSTER_ADMIN_POLICY_ARN);
  } catch (e) {
    if (e instanceof AccessEntryNotFoundError || e instanceof ClusterNotFoundError) return false;
    throw e;
  }
}

function closeFailure(o: CloseOptions, attempts: number, failure: unknown, note: string | undefined): string {
  return `The temporary association of ${CLUSTER_ADMIN_POLICY_ARN} to ${o.principalArn} on cluster ${o.clusterName} could not be removed after ${attempts} attempt${attempts === 1 ? '' : 's'} (${messageOf(failure)}); `
    + `the principal holds cluster admin until it is: run ${disassociateCommand(o.clusterName, o.principalArn)}.${note === undefined ? '' : ` ${note}`}`;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(1);
}
