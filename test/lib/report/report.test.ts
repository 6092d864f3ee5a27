/** The report over fixture assemblies, end to end in-process: findings ranked, Markdown, exit codes. */
import { ACCOUNT, arnOf, BASELINE_MAP_ROLES, baseline, rbacBinding } from './fixtures';
import type { AssemblyTemplates, BaselineOptions } from './fixtures';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { removeWrittenAssemblies, runReport } from './run-report';

afterAll(removeWrittenAssemblies);

const dev = (options: BaselineOptions = {}): AssemblyTemplates => ({ dev: baseline('dev', options) });
const DEVELOPER = BASELINE_MAP_ROLES[0];
const READER = BASELINE_MAP_ROLES[1];
const ADMIN = { rolearn: arnOf('PersonAdminRole'), username: 'admin', groups: ['system:masters'] };
const OPS_ARN = `arn:aws:iam::${ACCOUNT}:role/ops`;
const ENV_DEV = '\n## Environment `dev`\n';

/** The findings part of the report (before the first environment). */
function findingsOf(markdown: string): string {
  return markdown.split(ENV_DEV)[0];
}

describe('no change', () => {
  test('identical assemblies: "No access changes.", no findings, exit 0', () => {
    const { markdown, exitCode } = runReport(dev(), dev());
    expect(markdown).toMatch(/^# Access report\n\nBase: `[^`]+` · Head: `[^`]+` · Threshold: `high` · Acknowledgements: `none: [^`]+`\n\n\*\*Passed\*\*: no unacknowledged finding at or above `high`\.\n\nNo access changes\.\n\n## Findings \(0: 0 critical, 0 high, 0 info; 0 acknowledged\)\n\nNone\.\n/);
    expect(markdown).toContain(`${ENV_DEV}\n### Who can reach cluster admin (`);
    expect(exitCode).toBe(0);
  });
});

describe('changes with info findings only (exit 0 at the default threshold)', () => {
  const cases: Array<{ name: string; base: AssemblyTemplates; head: AssemblyTemplates; finding?: string; change: string }> = [
    {
      name: 'a mapping added to a namespaced group',
      base: dev(),
      head: dev({ mapRoles: [...BASELINE_MAP_ROLES, { rolearn: OPS_ARN, username: 'ops', groups: ['developer'] }] }),
      finding: `- **info** · \`dev\` · aws-auth mapRoles \`${OPS_ARN}\`: mapped to group \`developer\``,
      change: `### Added (1)\n\n- aws-auth mapRoles \`${OPS_ARN}\`\n  - owner: \`eks-access/dev/people\`\n  - username: \`ops\`\n  - groups: \`developer\`\n`,
    },
    {
      name: 'a mapping removed',
      base: dev(),
      head: dev({ mapRoles: [DEVELOPER] }),
      change: '### Removed (1)\n\n- aws-auth mapRoles `role:external_reader`\n  - owner: `eks-access/dev/people`\n  - username: `reader`\n  - groups: `reader`\n',
    },
    {
      name: 'a system:masters mapping removed',
      base: dev({ allowClusterAdmin: true, mapRoles: [...BASELINE_MAP_ROLES, ADMIN] }),
      head: dev({ allowClusterAdmin: true }),
      change: '### Removed (1)\n\n- aws-auth mapRoles `role:external_admin`\n',
    },
    {
      name: 'an IRSA permission narrowed',
      base: dev({ uploaderStatements: [{ Action: ['s3:PutObject', 's3:GetObject'], Effect: 'Allow', Resource: 'arn:aws:s3:::b/*' }] }),
      head: dev({ uploaderStatements: [{ Action: 's3:PutObject', Effect: 'Allow', Resource: 'arn:aws:s3:::b/*' }] }),
      change: '- IRSA role `Workloads/IrsaPaymentsUploader/Role`\n  - permissions: removed `Allow s3:GetObject on arn:aws:s3:::b/*`\n',
    },
    {
      name: 'a RoleBinding to a ClusterRole (namespaced)',
      base: dev(),
      head: dev({ extraRbac: [rbacBinding('developer-edit', 'payments', { kind: 'ClusterRole', name: 'edit' }, ['developer'])] }),
      finding: '- **info** · `dev` · RBAC binding `RoleBinding payments/developer-edit`: binds `ClusterRole edit` in namespace `payments` to `Group developer`',
      change: '- RBAC binding `RoleBinding payments/developer-edit`\n',
    },
  ];
  test.each(cases)('$name', ({ base, head, finding, change }) => {
    const { markdown, exitCode } = runReport(base, head);
    const top = findingsOf(markdown);
    expect(top).not.toMatch(/\*\*(critical|high)\*\*/);
    if (finding) expect(top).toContain(`${finding}\n  - rule `);
    expect(markdown.split(ENV_DEV)[1]).toContain(change);
    expect(exitCode).toBe(0);
  });
});

describe('ranked findings (exit 2 at the default threshold)', () => {
  const cases: Array<{ name: string; base: AssemblyTemplates; head: AssemblyTemplates; finding: string }> = [
    {
      name: 'a new system:masters mapping (and a new way to assume its role)',
      base: dev({ allowClusterAdmin: true }),
      head: dev({ allowClusterAdmin: true, mapRoles: [...BASELINE_MAP_ROLES, ADMIN] }),
      finding: '- **critical** · `dev` · aws-auth mapRoles `role:external_admin`: mapped to `system:masters` (cluster admin; new mapping)',
    },
    {
      name: 'system:masters added to an existing mapping',
      base: dev({ allowClusterAdmin: true }),
      head: dev({ allowClusterAdmin: true, mapRoles: [{ ...DEVELOPER, groups: ['developer', 'system:masters'] }, READER] }),
      finding: '- **critical** · `dev` · aws-auth mapRoles `role:external_developer`: mapped to `system:masters` (cluster admin; groups were `developer`)',
    },
    {
      name: 'AllowClusterAdmin turned on',
      base: dev(),
      head: dev({ allowClusterAdmin: true }),
      finding: '- **critical** · `dev` · aws-auth owner `eks-access/dev/people`: AllowClusterAdmin turned on',
    },
    {
      name: 'a cluster-admin access policy',
      base: dev({ kubectlAccessPolicies: ['AmazonEKSViewPolicy'] }),
      head: dev(),
      finding: '- **critical** · `dev` · access entry `role:Cluster/Cluster/KubectlProvider/Handler/ServiceRole`: access policy `AmazonEKSClusterAdminPolicy` (`cluster`) associated',
    },
    {
      name: 'groups changed to a group with a ClusterRoleBinding',
      base: dev(),
      head: dev({ mapRoles: [{ ...DEVELOPER, groups: ['reader'] }, READER] }),
      finding: '- **high** · `dev` · aws-auth mapRoles `role:external_developer`: mapped to group `reader`, bound cluster-wide by `ClusterRoleBinding eks-access-reader → ClusterRole eks-access-reader`',
    },
    {
      name: 'an account added to mapAccounts',
      base: dev(),
      head: dev({ mapAccounts: ['222222222222'] }),
      finding: '- **high** · `dev` · aws-auth owner `eks-access/dev/people`: account `222222222222` added to mapAccounts: every IAM principal of it can authenticate',
    },
    {
      name: 'an IRSA trust widened from an exact subject to a StringLike wildcard',
      base: dev(),
      head: dev({ uploaderTrust: { operator: 'StringLike', sub: 'system:serviceaccount:payments:*' } }),
      finding: '- **high** · `dev` · IRSA role `Workloads/IrsaPaymentsUploader/Role`: trust subject widened to `StringLike system:serviceaccount:payments:*`',
    },
    {
      name: 'an IRSA :sub condition removed',
      base: dev(),
      head: dev({ uploaderTrust: {} }),
      finding: '- **high** · `dev` · IRSA role `Workloads/IrsaPaymentsUploader/Role`: no `:sub` condition: any identity of the OIDC provider can assume it',
    },
    {
      name: 'a people role trusted by the account root instead of a role ARN',
      base: dev(),
      head: dev({ adminTrust: [`arn:aws:iam::${ACCOUNT}:root`] }),
      finding: '- **high** · `dev` · assumable role `external_admin`: new trusted principal `AWS arn:aws:iam::111111111111:root` (account root: any principal of 111111111111 allowed by its own IAM policy)',
    },
    {
      name: 'a new wildcard action',
      base: dev(),
      head: dev({ uploaderStatements: [{ Action: 's3:*', Effect: 'Allow', Resource: 'arn:aws:s3:::eks-access-dev-uploads/*' }] }),
      finding: '- **high** · `dev` · IRSA role `Workloads/IrsaPaymentsUploader/Role`: wildcard permission `Allow s3:* on arn:aws:s3:::eks-access-dev-uploads/*`',
    },
    {
      name: 'a new ClusterRoleBinding',
      base: dev(),
      head: dev({ extraRbac: [rbacBinding('ops-view', undefined, { kind: 'ClusterRole', name: 'view' }, ['ops'])] }),
      finding: '- **high** · `dev` · RBAC binding `ClusterRoleBinding ops-view`: binds `ClusterRole view` cluster-wide to `Group ops`',
    },
    {
      name: 'a wildcard RBAC rule',
      base: dev(),
      head: dev({ developerRules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] }),
      finding: '- **high** · `dev` · RBAC role `Role payments/eks-access-developer`: wildcard rule `* on * (*)`',
    },
  ];
  test.each(cases)('$name', ({ base, head, finding }) => {
    const { markdown, exitCode } = runReport(base, head);
    expect(findingsOf(markdown)).toMatch(new RegExp(`\\n${finding.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n  - rule \`[a-z-]+\` · fingerprint \`[0-9a-f]{24}\`\\n`));
    expect(markdown).toContain('**Failed**: unacknowledged findings at or above `high`');
    expect(exitCode).toBe(2);
  });

  test('critical findings are listed before high, high before info', () => {
    const { markdown } = runReport(dev(), dev({
      allowClusterAdmin: true,
      mapRoles: [...BASELINE_MAP_ROLES, ADMIN, { rolearn: OPS_ARN, username: 'ops', groups: ['developer'] }],
      mapAccounts: ['222222222222'],
    }));
    const top = findingsOf(markdown);
    expect(top).toContain('## Findings (');
    const [critical, high, info] = ['### Critical', '### High', '### Info'].map((t) => top.indexOf(t));
    expect(critical).toBeGreaterThan(0);
    expect(high).toBeGreaterThan(critical);
    expect(info).toBeGreaterThan(high);
  });

  test('a new environment: its cluster with creator admin on is critical', () => {
    const { markdown, exitCode } = runReport(dev(), { ...dev(), staging: baseline('staging') });
    expect(markdown).toContain('- **critical** · `staging` · EKS cluster `Cluster/Cluster`: new cluster with creator admin on: `(the principal that creates the stack)` gets a cluster-admin access entry');
    expect(markdown).toContain('## Environment `staging`\n');
    expect(markdown).toContain('### Added (14)\n');
    expect(markdown).toContain('- EKS cluster `Cluster/Cluster`\n  - creator admin (BootstrapClusterCreatorAdminPermissions): `true`\n');
    expect(exitCode).toBe(2);
  });
});

describe('fingerprints', () => {
  /** The same templates with every logical id renamed (as a refactor that moves constructs would) and resources reordered. */
  function renamed(templates: AssemblyTemplates): AssemblyTemplates {
    const text = JSON.stringify(templates).replace(/"(Person\w+Role|Mappings|ReaderRbac|KubectlRole|KubectlAccess)"/g, '"$1A1B2C3D4"');
    const copy = JSON.parse(text) as AssemblyTemplates;
    for (const stacks of Object.values(copy)) {
      for (const template of Object.values(stacks)) {
        const resources = (template as { Resources?: Record<string, unknown> }).Resources;
        if (resources) (template as { Resources?: Record<string, unknown> }).Resources = Object.fromEntries(Object.entries(resources).reverse());
      }
    }
    return copy;
  }

  function fingerprintsOf(base: AssemblyTemplates, head: AssemblyTemplates): string[] {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'access-report-fp-'));
    try {
      runReport(base, head, ['--json', path.join(dir, 's.json')]);
      return (JSON.parse(fs.readFileSync(path.join(dir, 's.json'), 'utf8')) as { findings: Array<{ fingerprint: string }> }).findings.map((f) => f.fingerprint).sort();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  const head = dev({ allowClusterAdmin: true, mapRoles: [...BASELINE_MAP_ROLES, ADMIN], mapAccounts: ['222222222222'] });

  test('do not change when logical ids change or resources move', () => {
    const before = fingerprintsOf(dev(), head);
    expect(before.length).toBeGreaterThan(3);
    expect(fingerprintsOf(renamed(dev()), renamed(head))).toEqual(before);
  });

  test('change when the grant changes', () => {
    const other = dev({ allowClusterAdmin: true, mapRoles: [...BASELINE_MAP_ROLES, { ...ADMIN, username: 'root' }], mapAccounts: ['222222222222'] });
    const before = fingerprintsOf(dev(), head);
    const after = fingerprintsOf(dev(), other);
    expect(after.filter((f) => !before.includes(f))).toHaveLength(1);
  });
});
