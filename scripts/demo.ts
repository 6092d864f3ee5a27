/**
 * `npm run demo`: the real aws-auth handler against the local stand-ins (HTTPS Kubernetes API,
 * EKS/IAM/STS through the real SDK clients). Shows a create, repeated deploys that change
 * nothing, a foreign entry kept, a second owner, and delete. No AWS account needed.
 */
import { startHarness } from '../lib/sandbox/handler-harness';
import type { Harness, MappingProps } from '../lib/sandbox/handler-harness';

const ACCT = '111122223333';
const FOREIGN = `- rolearn: arn:aws:iam::${ACCT}:role/eks-node-group-role
  username: system:node:{{EC2PrivateDNSName}}
  groups:
  - system:bootstrappers
  - system:nodes
- rolearn: arn:aws:iam::${ACCT}:role/hand-added
  username: ops
  userid: AROAEXAMPLEID
  groups:
  - ops
`;

function show(h: Harness, title: string): void {
  const cm = h.awsAuth();
  console.log(`\n--- ${title} (resourceVersion ${cm?.resourceVersion ?? '-'}) ---`);
  if (!cm) { console.log('(aws-auth absent)'); return; }
  for (const [k, v] of Object.entries(cm.data)) console.log(`${k}:\n${v.trimEnd().replace(/^/gm, '  ')}`);
}

function writesSince(h: Harness, since: number): string {
  const rs = h.awsAuthRequests(since);
  const writes = rs.filter((r) => r.method !== 'GET').length;
  return `${rs.length} aws-auth request(s): ${rs.map((r) => `${r.method} ${r.status}`).join(', ')} -> ${writes} write(s)`;
}

async function step(h: Harness, title: string, run: () => Promise<unknown>): Promise<void> {
  const since = h.kube.requests.length;
  await run();
  console.log(`\n>>> ${title}: ${writesSince(h, since)}`);
}

async function main(): Promise<void> {
  const h = await startHarness({ roles: [`arn:aws:iam::${ACCT}:role/developer`, `arn:aws:iam::${ACCT}:role/reader`] });
  try {
    console.log(`Kubernetes API stand-in at ${h.kube.url} (TLS verified against its CA), AWS stand-in at ${h.aws.url}`);
    h.kube.seed({ metadata: { name: 'aws-auth', namespace: 'kube-system' }, data: { mapRoles: FOREIGN, mapAccounts: `- "${ACCT}"\n` } });
    show(h, 'aws-auth as EKS and a human left it');

    const team: MappingProps = {
      owner: 'dev/Access/Mappings', validatePrincipals: true,
      mapRoles: [{ rolearn: `arn:aws:iam::${ACCT}:role/platform/developer`, username: 'developer', groups: ['developer'] }],
    };
    await step(h, 'deploy 1 (Create): developer role added, IAM path stripped', () => h.handler(h.event('Create', team)));
    for (let i = 2; i <= 4; i++) await step(h, `deploy ${i} (Update, same properties)`, () => h.handler(h.event('Update', team)));
    show(h, 'after four deploys: one developer entry, node role and hand-added entry untouched');

    const other: MappingProps = { owner: 'observability/Mappings', mapRoles: [{ rolearn: `arn:aws:iam::${ACCT}:role/reader`, username: 'reader', groups: ['reader'] }] };
    await step(h, 'another stack (owner observability/Mappings) adds a reader', () => h.handler(h.event('Create', other)));
    await step(h, 'dev/Access/Mappings is deleted', () => h.handler(h.event('Delete', team)));
    show(h, 'after delete: only the developer entry is gone');
    console.log(`\nowners annotation: ${h.awsAuth()?.annotations['eks-access.io/owners']}`);
  } finally {
    await h.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
