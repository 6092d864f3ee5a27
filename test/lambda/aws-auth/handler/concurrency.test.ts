/**
 * 20 stacks deploying at once against one aws-auth (absent at first): optimistic concurrency
 * (resourceVersion preconditions, re-read and re-merge on 409) must lose nothing and duplicate
 * nothing.
 */
import { OWNERS_ANNOTATION } from '../../../../lambda/aws-auth/api';
import type { MappingProps } from '../../../support/handler-harness';
import { NODE_ROLE_ENTRY, harnessPerTest, ownersRecord, role, run, seedAwsAuth, stored, user } from './support';

const start = harnessPerTest();
const OWNERS = 20;

function owner(i: number): MappingProps {
  return { owner: `stack-${String(i).padStart(2, '0')}/Mappings`, mapRoles: [role(`team-${i}`, [`team-${i}:edit`])], mapUsers: [user(`person-${i}`)] };
}

describe(`${OWNERS} owners deploying concurrently`, () => {
  test('every entry present exactly once, none lost; the owners annotation lists all of them', async () => {
    const h = await start();
    const owners = Array.from({ length: OWNERS }, (_, i) => owner(i));

    const results = await Promise.all(owners.map((o) => run(h, 'Create', o)));

    expect(results.map((r) => r.PhysicalResourceId)).toEqual(owners.map((o) => `aws-auth/demo/${o.owner}`));
    const { mapRoles, mapUsers, mapAccounts } = stored(h);
    expect([...(mapRoles as unknown[])].sort(byJson)).toEqual(owners.map((o) => o.mapRoles![0]).sort(byJson));
    expect([...(mapUsers as unknown[])].sort(byJson)).toEqual(owners.map((o) => o.mapUsers![0]).sort(byJson));
    expect(mapAccounts).toEqual([]);
    expect(Object.keys(ownersRecord(h).owners)).toEqual(owners.map((o) => o.owner).sort());

    // Optimistic concurrency, not luck: exactly one create won, the others re-read and re-merged.
    const requests = h.awsAuthRequests();
    const count = (m: string, s: number) => requests.filter((r) => r.method === m && r.status === s).length;
    expect(count('POST', 201)).toBe(1);
    expect(count('PUT', 200)).toBe(OWNERS - 1);
    expect(count('POST', 409) + count('PUT', 409)).toBe(requests.filter((r) => r.method !== 'GET').length - OWNERS);
    expect(requests.length).toBeGreaterThanOrEqual(2 * OWNERS);
    expect(requests.every((r) => [200, 201, 404, 409].includes(r.status))).toBe(true);
    expect(h.awsAuth()!.resourceVersion).toBe(h.kube.store.resourceVersion);
  });

  test('all delete at once with a node role present: only the node role remains, no annotation', async () => {
    const h = await start();
    seedAwsAuth(h, { mapRoles: `- rolearn: ${NODE_ROLE_ENTRY.rolearn}\n  username: system:node:{{EC2PrivateDNSName}}\n  groups:\n  - system:bootstrappers\n  - system:nodes\n` });
    const owners = Array.from({ length: OWNERS }, (_, i) => owner(i));
    await Promise.all(owners.map((o) => run(h, 'Create', o)));

    await Promise.all(owners.map((o) => run(h, 'Delete', o)));

    expect(stored(h)).toEqual({ mapRoles: [NODE_ROLE_ENTRY], mapUsers: [], mapAccounts: [] });
    expect(h.awsAuth()!.annotations).not.toHaveProperty(OWNERS_ANNOTATION);
  });
});

function byJson(a: unknown, b: unknown): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
