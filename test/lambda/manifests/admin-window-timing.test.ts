/**
 * The admin window's schedule, with scripted EKS calls and a fake clock: the order of the calls,
 * the access-review backoff, the close retries and their bounds, the deadline work gets, the
 * logs. (admin-window.test.ts runs the same window against the stand-ins.)
 */
import { ServerException, AccessDeniedException } from '@aws-sdk/client-eks';
import { AccessEntryNotFoundError, ClusterNotFoundError } from '../../../lambda/edge/aws-errors';
import { CLUSTER_ADMIN_POLICY_ARN } from '../../../lambda/manifests/api';
import type { AdminWindowEks, AdminWindowOptions } from '../../../lambda/manifests/admin-window';
import {
  ADMIN_WINDOW_TIMING, AdminWindowCloseError, AdminWindowNotInEffectError, AdminWindowWorkTimeoutError,
  closeAdminWindow, disassociateCommand, withAdminWindow, workDeadlineOf,
} from '../../../lambda/manifests/admin-window';

const CLUSTER = 'prod';
const PRINCIPAL = 'arn:aws:iam::111122223333:role/manifests-fn';
const START = 1_000_000;
const COMMAND = `aws eks disassociate-access-policy --cluster-name prod --principal-arn ${PRINCIPAL} --policy-arn ${CLUSTER_ADMIN_POLICY_ARN}`;

const serverError = () => new ServerException({ message: 'injected', $metadata: { httpStatusCode: 500 } });
const denied = () => new AccessDeniedException({ message: 'User: x is not authorized to perform: eks:DisassociateAccessPolicy', $metadata: { httpStatusCode: 403 } });

interface Script {
  /** Answers of the list calls in turn (an Error is thrown); the last repeats. */
  list?: Array<string[] | Error>;
  associate?: Error;
  /** Errors of the disassociate calls in turn (undefined: success); then success. */
  disassociate?: Array<Error | undefined>;
  /** Answers of isAdmin in turn; the last repeats. */
  admin?: boolean[];
}

function rig(script: Script = {}, deadlineIn = 120_000) {
  const clock = { t: START };
  const calls: string[] = [];
  const sleeps: number[] = [];
  const logs: Array<[string, string, Record<string, unknown> | undefined]> = [];
  const lists = [...(script.list ?? [[], []])];
  const disassociations = [...(script.disassociate ?? [])];
  const admin = [...(script.admin ?? [true])];
  const eks: AdminWindowEks = {
    async associateAccessPolicy(c, p, policy) {
      calls.push(`associate ${c} ${p} ${policy}`);
      if (script.associate) throw script.associate;
    },
    async disassociateAccessPolicy(c, p, policy) {
      calls.push(`disassociate ${c} ${p} ${policy}`);
      const e = disassociations.shift();
      if (e) throw e;
    },
    async listAssociatedAccessPolicies(c, p) {
      calls.push(`list ${c} ${p}`);
      const a = lists.length > 1 ? lists.shift()! : lists[0];
      if (a instanceof Error) throw a;
      return a;
    },
  };
  const options: AdminWindowOptions = {
    clusterName: CLUSTER, principalArn: PRINCIPAL, eks,
    isAdmin: async () => {
      calls.push('isAdmin');
      return admin.length > 1 ? admin.shift()! : admin[0];
    },
    deadline: START + deadlineIn,
    now: () => clock.t,
    sleep: async (ms) => { sleeps.push(ms); clock.t += ms; },
    log: (level, message, fields) => { logs.push([level, message, fields]); },
  };
  return { clock, calls, sleeps, logs, options };
}

const FIELDS = { clusterName: CLUSTER, principalArn: PRINCIPAL, policyArn: CLUSTER_ADMIN_POLICY_ARN };

async function rejection(p: Promise<unknown>): Promise<Error> {
  return p.then(() => { throw new Error('expected a rejection'); }, (e: unknown) => e as Error);
}

describe('withAdminWindow: the window in order', () => {
  test('list, associate, one review, work with the reserve taken off, disassociate, list; logs without secrets', async () => {
    const r = rig({ admin: [true] });
    const given: number[] = [];
    const result = await withAdminWindow(r.options, async (deadline) => {
      given.push(deadline);
      r.calls.push('work');
      r.clock.t += 700;
      return 'applied';
    });
    expect(result).toBe('applied');
    expect(given).toEqual([START + 120_000 - 30_000]);
    expect(r.calls).toEqual([
      `list ${CLUSTER} ${PRINCIPAL}`,
      `associate ${CLUSTER} ${PRINCIPAL} ${CLUSTER_ADMIN_POLICY_ARN}`,
      'isAdmin',
      'work',
      `disassociate ${CLUSTER} ${PRINCIPAL} ${CLUSTER_ADMIN_POLICY_ARN}`,
      `list ${CLUSTER} ${PRINCIPAL}`,
    ]);
    expect(r.sleeps).toEqual([]);
    expect(r.logs).toEqual([
      ['info', 'admin window: associated', FIELDS],
      ['info', 'admin window: in effect', { clusterName: CLUSTER, principalArn: PRINCIPAL, afterMs: 0, reviews: 1 }],
      ['info', 'admin window: disassociated', { ...FIELDS, attempts: 1, openMs: 700 }],
    ]);
  });

  test('a window opened at clock 0 still logs how long it was open', async () => {
    const r = rig();
    r.clock.t = 0;
    await withAdminWindow({ ...r.options, deadline: 120_000 }, async () => { r.clock.t += 5; });
    expect(r.logs.at(-1)).toEqual(['info', 'admin window: disassociated', { ...FIELDS, attempts: 1, openMs: 5 }]);
  });

  test('the timing numbers and the command', () => {
    expect(ADMIN_WINDOW_TIMING).toEqual({
      closeReserveMs: 30_000, pollFirstDelayMs: 250, pollMaxDelayMs: 4_000, closeFirstDelayMs: 1_000, closeMaxDelayMs: 8_000, closeMinAttempts: 3,
    });
    expect(workDeadlineOf(100_000)).toBe(70_000);
    expect(workDeadlineOf(100_000, { ...ADMIN_WINDOW_TIMING, closeReserveMs: 5 })).toBe(99_995);
    expect(disassociateCommand(CLUSTER, PRINCIPAL)).toBe(COMMAND);
  });

  test('a standing association is warned about before, and removed at the end', async () => {
    const r = rig({ list: [['arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy', CLUSTER_ADMIN_POLICY_ARN], []] });
    await withAdminWindow(r.options, async () => 1);
    expect(r.logs[0]).toEqual(['warn', 'admin window: the admin policy is already associated (a standing admin association, which this design removes); it will be disassociated when the window closes', FIELDS]);
    expect(r.calls.filter((c) => c.startsWith('disassociate'))).toHaveLength(1);
  });

  test('another policy alone is no warning', async () => {
    const r = rig({ list: [['arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy'], []] });
    await withAdminWindow(r.options, async () => 1);
    expect(r.logs.map(([level]) => level)).toEqual(['info', 'info', 'info']);
  });

  test('a failing first list opens nothing', async () => {
    const r = rig({ list: [new AccessEntryNotFoundError(CLUSTER, PRINCIPAL)] });
    const e = await rejection(withAdminWindow(r.options, async () => 1));
    expect(e).toBeInstanceOf(AccessEntryNotFoundError);
    expect(r.calls).toEqual([`list ${CLUSTER} ${PRINCIPAL}`]);
  });
});

describe('withAdminWindow: waiting for the association to take effect', () => {
  test('reviews back off 250, 500, 1000, 2000, 4000, 4000 ms; the time is logged', async () => {
    const r = rig({ admin: [false, false, false, false, false, false, true] });
    await withAdminWindow(r.options, async () => 1);
    expect(r.sleeps).toEqual([250, 500, 1000, 2000, 4000, 4000]);
    expect(r.calls.filter((c) => c === 'isAdmin')).toHaveLength(7);
    expect(r.logs[1]).toEqual(['info', 'admin window: in effect', { clusterName: CLUSTER, principalArn: PRINCIPAL, afterMs: 11_750, reviews: 7 }]);
  });

  test('never in effect by the work deadline: fails, work never ran, the window is closed and says so', async () => {
    const r = rig({ admin: [false] }, 30_000 + 1_000);
    let ran = false;
    const e = await rejection(withAdminWindow(r.options, async () => { ran = true; }));
    expect(ran).toBe(false);
    expect(e).toBeInstanceOf(AdminWindowNotInEffectError);
    // Reviews at 0, 250 and 750 ms; the next pause (1000 ms) would pass the work deadline (1000 ms).
    expect(r.sleeps).toEqual([250, 500]);
    expect(e.message).toBe(`The association of ${CLUSTER_ADMIN_POLICY_ARN} to ${PRINCIPAL} on cluster prod did not take effect within 0.8 s (3 access reviews said no); nothing was applied; it has been removed`);
    expect(r.calls.slice(-2)).toEqual([`disassociate ${CLUSTER} ${PRINCIPAL} ${CLUSTER_ADMIN_POLICY_ARN}`, `list ${CLUSTER} ${PRINCIPAL}`]);
  });

  test('a pause that ends exactly at the work deadline is still taken', async () => {
    const r = rig({ admin: [false, true] }, 30_000 + 250);
    await withAdminWindow(r.options, async () => 1);
    expect(r.sleeps).toEqual([250]);
  });

  test('one review only: the message says "review"', async () => {
    const r = rig({ admin: [false] }, 30_000 + 249);
    const e = await rejection(withAdminWindow(r.options, async () => 1));
    expect(e.message).toBe(`The association of ${CLUSTER_ADMIN_POLICY_ARN} to ${PRINCIPAL} on cluster prod did not take effect within 0.0 s (1 access review said no); nothing was applied; it has been removed`);
  });

  test('an access review that fails: the window is closed, work never ran, the error is the review\'s', async () => {
    const r = rig();
    const failure = new Error('Kubernetes API answered 401');
    let ran = false;
    const e = await rejection(withAdminWindow({ ...r.options, isAdmin: async () => { throw failure; } }, async () => { ran = true; }));
    expect(e).toBe(failure);
    expect(ran).toBe(false);
    expect(r.calls.slice(-2)).toEqual([`disassociate ${CLUSTER} ${PRINCIPAL} ${CLUSTER_ADMIN_POLICY_ARN}`, `list ${CLUSTER} ${PRINCIPAL}`]);
  });

  test('an association that failed is still closed; its error is kept as it was', async () => {
    const failure = denied();
    const r = rig({ associate: failure, disassociate: [undefined] });
    const e = await rejection(withAdminWindow(r.options, async () => 1));
    expect(e).toBe(failure);
    expect(r.calls.slice(1)).toEqual([
      `associate ${CLUSTER} ${PRINCIPAL} ${CLUSTER_ADMIN_POLICY_ARN}`,
      `disassociate ${CLUSTER} ${PRINCIPAL} ${CLUSTER_ADMIN_POLICY_ARN}`,
      `list ${CLUSTER} ${PRINCIPAL}`,
    ]);
    expect(r.logs).toEqual([['info', 'admin window: disassociated', { ...FIELDS, attempts: 1 }]]);
  });
});

describe('withAdminWindow: work', () => {
  test('a failing work: the window is closed and the error is the work\'s own', async () => {
    const r = rig();
    const failure = new Error('ClusterRole eks-access-manifests: conflict');
    const e = await rejection(withAdminWindow(r.options, async () => { throw failure; }));
    expect(e).toBe(failure);
    expect(r.calls.at(-2)).toBe(`disassociate ${CLUSTER} ${PRINCIPAL} ${CLUSTER_ADMIN_POLICY_ARN}`);
  });

  test('a work that does not settle by its deadline is no longer waited for; the window closes', async () => {
    const r = rig({}, 30_000 + 40);
    const e = await rejection(withAdminWindow(r.options, () => new Promise<never>(() => undefined)));
    expect(e).toBeInstanceOf(AdminWindowWorkTimeoutError);
    expect(e.message).toBe('The RBAC apply for cluster prod did not finish by its deadline (30.0 s before the handler\'s own, kept to close the admin window); the window was closed without waiting longer; retry the deployment');
    expect(r.calls.at(-2)).toBe(`disassociate ${CLUSTER} ${PRINCIPAL} ${CLUSTER_ADMIN_POLICY_ARN}`);
  });

  test('a work that rejects after its deadline leaves no unhandled rejection', async () => {
    const r = rig({}, 30_000 + 10);
    const e = await rejection(withAdminWindow(r.options, () => new Promise<never>((_, reject) => setTimeout(() => reject(new Error('late')), 60))));
    expect(e).toBeInstanceOf(AdminWindowWorkTimeoutError);
    await new Promise((resolve) => setTimeout(resolve, 80));
  });
});

describe('withAdminWindow: closing', () => {
  test('transient failures are retried after 1, 2, 4 s; then closed', async () => {
    const r = rig({ disassociate: [serverError(), serverError(), serverError()] });
    await expect(withAdminWindow(r.options, async () => 'ok')).resolves.toBe('ok');
    expect(r.sleeps).toEqual([1000, 2000, 4000]);
    expect(r.logs.filter(([level]) => level === 'warn').map(([, m, f]) => [m, f])).toEqual([1, 2, 3].map((attempt) => [
      'admin window: disassociate failed; retrying', { ...FIELDS, attempt, error: 'ServerException: injected', retryInMs: 1000 * 2 ** (attempt - 1) },
    ]));
    expect(r.logs.at(-1)).toEqual(['info', 'admin window: disassociated', { ...FIELDS, attempts: 4, openMs: 7000 }]);
  });

  test('pauses stop growing at 8 s', async () => {
    const r = rig({ disassociate: Array.from({ length: 6 }, serverError) });
    await withAdminWindow(r.options, async () => 1);
    expect(r.sleeps).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
  });

  test('still listed after the disassociation counts as a failure and is retried', async () => {
    const r = rig({ list: [[], [CLUSTER_ADMIN_POLICY_ARN], []] });
    await withAdminWindow(r.options, async () => 1);
    expect(r.calls.filter((c) => c.startsWith('disassociate'))).toHaveLength(2);
    expect(r.logs.find(([level]) => level === 'warn')?.[2]?.error).toBe(`Error: ${CLUSTER_ADMIN_POLICY_ARN} is still listed for ${PRINCIPAL} after DisassociateAccessPolicy`);
  });

  test.each([
    ['the access entry', new AccessEntryNotFoundError(CLUSTER, PRINCIPAL)],
    ['the cluster', new ClusterNotFoundError(CLUSTER, 'eu-west-1')],
  ])('a confirming list that finds %s gone: closed', async (_, gone) => {
    const r = rig({ list: [[], gone] });
    await expect(withAdminWindow(r.options, async () => 'ok')).resolves.toBe('ok');
    expect(r.logs.at(-1)?.[1]).toBe('admin window: disassociated');
  });

  test('another error of the confirming list is a failure like any other', async () => {
    const r = rig({ list: [[], denied()] });
    const e = await rejection(withAdminWindow(r.options, async () => 'ok'));
    expect(e).toBeInstanceOf(AdminWindowCloseError);
    expect(r.calls.filter((c) => c.startsWith('disassociate'))).toHaveLength(1);
  });

  test('a permanent failure is not retried: the sentence names principal, policy and the command; the apply had succeeded', async () => {
    const r = rig({ disassociate: [denied()] });
    const e = await rejection(withAdminWindow(r.options, async () => 'ok'));
    expect(e).toBeInstanceOf(AdminWindowCloseError);
    expect(e.message).toBe(`The temporary association of ${CLUSTER_ADMIN_POLICY_ARN} to ${PRINCIPAL} on cluster prod could not be removed after 1 attempt (AccessDeniedException: User: x is not authorized to perform: eks:DisassociateAccessPolicy); the principal holds cluster admin until it is: run ${COMMAND}. The RBAC apply itself succeeded.`);
    expect((e as AdminWindowCloseError).workError).toBeUndefined();
    expect(r.sleeps).toEqual([]);
    expect(r.logs.at(-1)).toEqual(['error', 'admin window: could not be closed', { ...FIELDS, attempts: 1, error: 'AccessDeniedException: User: x is not authorized to perform: eks:DisassociateAccessPolicy' }]);
  });

  test('the work\'s error is kept in the sentence and on the error', async () => {
    const r = rig({ disassociate: [denied()] });
    const failure = new Error('ClusterRole x: conflict with manager kubectl');
    const e = await rejection(withAdminWindow(r.options, async () => { throw failure; }));
    expect(e.message).toBe(`The temporary association of ${CLUSTER_ADMIN_POLICY_ARN} to ${PRINCIPAL} on cluster prod could not be removed after 1 attempt (AccessDeniedException: User: x is not authorized to perform: eks:DisassociateAccessPolicy); the principal holds cluster admin until it is: run ${COMMAND}. The RBAC bootstrap had already failed: Error: ClusterRole x: conflict with manager kubectl`);
    expect((e as AdminWindowCloseError).workError).toBe(failure);
  });

  test('transient failures past the deadline: at least 3 attempts, then the sentence', async () => {
    const r = rig({ disassociate: Array.from({ length: 10 }, serverError) }, 1_000);
    const e = await rejection(withAdminWindow(r.options, async () => 1));
    expect(r.sleeps).toEqual([1000, 2000]);
    expect(e.message).toContain('could not be removed after 3 attempts (ServerException: injected)');
  });

  test('transient failures are retried while the next pause ends by the deadline', async () => {
    // Deadline 60 s: attempts at 0, 1, 3, 7, 15, 23, 31, 39, 47, 55 s; the next pause (8 s) would end at 63 s.
    const r = rig({ disassociate: Array.from({ length: 20 }, serverError) }, 60_000);
    const e = await rejection(withAdminWindow(r.options, async () => 1));
    expect(r.sleeps).toEqual([1000, 2000, 4000, 8000, 8000, 8000, 8000, 8000, 8000]);
    expect(e.message).toContain('could not be removed after 10 attempts');
  });

  test('a pause ending exactly at the deadline is taken', async () => {
    const r = rig({ disassociate: [serverError(), serverError(), serverError(), serverError()] }, 15_000);
    await withAdminWindow(r.options, async () => 1);
    expect(r.sleeps).toEqual([1000, 2000, 4000, 8000]);
  });

  test('a value that is not an Error is named as it is', async () => {
    const r = rig({ disassociate: [{ $fault: 'client', name: 'X' } as unknown as Error] });
    const e = await rejection(withAdminWindow(r.options, async () => 1));
    expect(e.message).toContain('could not be removed after 1 attempt ([object Object])');
  });

  test('a custom timing is used', async () => {
    const r = rig({ admin: [false, true], disassociate: [serverError()] });
    await withAdminWindow({ ...r.options, timing: { ...ADMIN_WINDOW_TIMING, pollFirstDelayMs: 7, closeFirstDelayMs: 11 } }, async () => 1);
    expect(r.sleeps).toEqual([7, 11]);
  });
});

describe('closeAdminWindow: a window a killed run left open', () => {
  /** The window's options; closeAdminWindow never reads isAdmin. */
  const closeOptions = (r: ReturnType<typeof rig>) => ({ ...r.options, isAdmin: () => Promise.reject(new Error('closeAdminWindow asked for an access review')) });

  test('nothing associated: one disassociate (its 404 is done) and one list; no review', async () => {
    const r = rig({ list: [[]] });
    await closeAdminWindow(closeOptions(r));
    expect(r.calls).toEqual([`disassociate ${CLUSTER} ${PRINCIPAL} ${CLUSTER_ADMIN_POLICY_ARN}`, `list ${CLUSTER} ${PRINCIPAL}`]);
    expect(r.logs).toEqual([['info', 'admin window: disassociated', { ...FIELDS, attempts: 1 }]]);
  });

  test('transient failures retried as the window retries them', async () => {
    const r = rig({ list: [[]], disassociate: [serverError()] });
    await closeAdminWindow(closeOptions(r));
    expect(r.sleeps).toEqual([1000]);
  });

  test('refused: the sentence with the command and nothing about an apply', async () => {
    const r = rig({ list: [[]], disassociate: [denied()] });
    const e = await rejection(closeAdminWindow(closeOptions(r)));
    expect(e).toBeInstanceOf(AdminWindowCloseError);
    expect(e.message).toBe(`The temporary association of ${CLUSTER_ADMIN_POLICY_ARN} to ${PRINCIPAL} on cluster prod could not be removed after 1 attempt (AccessDeniedException: User: x is not authorized to perform: eks:DisassociateAccessPolicy); the principal holds cluster admin until it is: run ${COMMAND}.`);
    expect((e as AdminWindowCloseError).workError).toBeUndefined();
  });
});
