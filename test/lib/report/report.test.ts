import { ACCOUNT, arnOf, BASELINE_MAP_ROLES, baseline, rbacBinding } from './fixtures';
import type { AssemblyTemplates, BaselineOptions } from './fixtures';
import { removeWrittenAssemblies, runReport } from './run-report';

afterAll(removeWrittenAssemblies);

const dev = (options: BaselineOptions = {}): AssemblyTemplates => ({ dev: baseline('dev', options) });
const DEVELOPER = BASELINE_MAP_ROLES[0];
const READER = BASELINE_MAP_ROLES[1];
const ADMIN = { rolearn: arnOf('PersonAdminRole'), username: 'admin', groups: ['system:masters'] };
const OPS_ARN = `arn:aws:iam::${ACCOUNT}:role/ops`;
const NO_ESCALATIONS = '## Escalations (0)\n\nNone.\n';

describe('no change', () => {
  test('identical assemblies print "No access changes." and exit 0', () => {
    const { markdown, exitCode } = runReport(dev(), dev());
    expect(markdown).toMatch(/^# Access report\n\nBase: `[^`]+` · Head: `[^`]+`\n\nNo access changes\.\n$/);
    expect(exitCode).toBe(0);
  });
});

describe('changes without escalation (exit 0)', () => {
  const cases: Array<{ name: string; base: AssemblyTemplates; head: AssemblyTemplates; fragments: string[] }> = [
    {
      name: 'a mapping added',
      base: dev(),
      head: dev({ mapRoles: [...BASELINE_MAP_ROLES, { rolearn: OPS_ARN, username: 'ops', groups: ['developer'] }] }),
      fragments: [
        NO_ESCALATIONS,
        '## dev\n\n### Added (1)\n\n'
          + `- aws-auth mapRoles \`${OPS_ARN}\`\n  - owner: \`eks-access/dev/people\`\n  - username: \`ops\`\n  - groups: \`developer\`\n`,
      ],
    },
    {
      name: 'a mapping removed',
      base: dev(),
      head: dev({ mapRoles: [DEVELOPER] }),
      fragments: [
        NO_ESCALATIONS,
        '### Removed (1)\n\n- aws-auth mapRoles `role:external_reader`\n  - owner: `eks-access/dev/people`\n  - username: `reader`\n  - groups: `reader`\n',
      ],
    },
    {
      name: 'groups changed (a group without cluster-wide binding added)',
      base: dev(),
      head: dev({ mapRoles: [{ ...DEVELOPER, groups: ['developer', 'viewer'] }, READER] }),
      fragments: [NO_ESCALATIONS, '### Changed (1)\n\n- aws-auth mapRoles `role:external_developer`\n  - groups: added `viewer`\n'],
    },
    {
      name: 'a system:masters mapping removed',
      base: dev({ allowClusterAdmin: true, mapRoles: [...BASELINE_MAP_ROLES, ADMIN] }),
      head: dev({ allowClusterAdmin: true }),
      fragments: [NO_ESCALATIONS, '### Removed (1)\n\n- aws-auth mapRoles `role:external_admin`\n'],
    },
    {
      name: 'an IRSA permission narrowed',
      base: dev({ uploaderStatements: [{ Action: ['s3:PutObject', 's3:GetObject'], Effect: 'Allow', Resource: 'arn:aws:s3:::b/*' }] }),
      head: dev({ uploaderStatements: [{ Action: 's3:PutObject', Effect: 'Allow', Resource: 'arn:aws:s3:::b/*' }] }),
      fragments: ['- IRSA role `Workloads/IrsaPaymentsUploader/Role`\n  - permissions: removed `Allow s3:GetObject on arn:aws:s3:::b/*`\n'],
    },
    {
      name: 'an environment removed',
      base: { ...dev(), staging: baseline('staging') },
      head: dev(),
      fragments: [NO_ESCALATIONS, '## staging\n\n### Removed (13)\n', 'Unchanged: `dev`.\n'],
    },
  ];
  test.each(cases)('$name', ({ base, head, fragments }) => {
    const { markdown, exitCode } = runReport(base, head);
    for (const fragment of fragments) expect(markdown).toContain(fragment);
    expect(exitCode).toBe(0);
  });
});

describe('escalations (exit 2, listed first)', () => {
  const cases: Array<{ name: string; base: AssemblyTemplates; head: AssemblyTemplates; escalation: string; change?: string }> = [
    {
      name: 'a new system:masters mapping',
      base: dev({ allowClusterAdmin: true }),
      head: dev({ allowClusterAdmin: true, mapRoles: [...BASELINE_MAP_ROLES, ADMIN] }),
      escalation: '- **dev** · aws-auth mapRoles `role:external_admin`: mapped to `system:masters` (cluster admin; new mapping)',
      change: '### Added (1)\n\n- aws-auth mapRoles `role:external_admin`\n  - owner: `eks-access/dev/people`\n  - username: `admin`\n  - groups: `system:masters`\n',
    },
    {
      name: 'system:masters added to an existing mapping',
      base: dev({ allowClusterAdmin: true }),
      head: dev({ allowClusterAdmin: true, mapRoles: [{ ...DEVELOPER, groups: ['developer', 'system:masters'] }, READER] }),
      escalation: '- **dev** · aws-auth mapRoles `role:external_developer`: mapped to `system:masters` (cluster admin; groups were `developer`)',
    },
    {
      name: 'AllowClusterAdmin turned on',
      base: dev(),
      head: dev({ allowClusterAdmin: true }),
      escalation: '- **dev** · aws-auth owner `eks-access/dev/people`: AllowClusterAdmin turned on',
      change: '- aws-auth owner `eks-access/dev/people`\n  - allowClusterAdmin: `false` → `true`\n',
    },
    {
      name: 'groups changed to a group with a ClusterRoleBinding',
      base: dev(),
      head: dev({ mapRoles: [{ ...DEVELOPER, groups: ['reader'] }, READER] }),
      escalation: '- **dev** · aws-auth mapRoles `role:external_developer`: mapped to group `reader`, bound cluster-wide by '
        + '`ClusterRoleBinding eks-access-reader → ClusterRole eks-access-reader`',
      change: '- aws-auth mapRoles `role:external_developer`\n  - groups: `developer` → `reader`\n',
    },
    {
      name: 'an account added to mapAccounts',
      base: dev(),
      head: dev({ mapAccounts: ['222222222222'] }),
      escalation: '- **dev** · aws-auth owner `eks-access/dev/people`: account `222222222222` added to mapAccounts: every IAM principal of it can authenticate',
    },
    {
      name: 'an IRSA trust widened from an exact subject to a StringLike wildcard',
      base: dev(),
      head: dev({ uploaderTrust: { operator: 'StringLike', sub: 'system:serviceaccount:payments:*' } }),
      escalation: '- **dev** · IRSA role `Workloads/IrsaPaymentsUploader/Role`: trust subject widened to `StringLike system:serviceaccount:payments:*`',
      change: '- IRSA role `Workloads/IrsaPaymentsUploader/Role`\n'
        + '  - subjects: `StringEquals system:serviceaccount:payments:uploader` → `StringLike system:serviceaccount:payments:*`\n',
    },
    {
      name: 'an IRSA :sub condition removed',
      base: dev(),
      head: dev({ uploaderTrust: {} }),
      escalation: '- **dev** · IRSA role `Workloads/IrsaPaymentsUploader/Role`: no `:sub` condition: any identity of the OIDC provider can assume it',
    },
    {
      name: 'a people role trusted by the account root instead of a role ARN',
      base: dev(),
      head: dev({ adminTrust: [`arn:aws:iam::${ACCOUNT}:root`] }),
      escalation: '- **dev** · people role `external_admin`: new trusted principal `AWS arn:aws:iam::111111111111:root` '
        + '(account root: any principal of 111111111111 allowed by its own IAM policy)',
      change: '- people role `external_admin`\n  - trusted by: `AWS arn:aws:iam::111111111111:role/break-glass` → `AWS arn:aws:iam::111111111111:root`\n',
    },
    {
      name: 'a new wildcard action',
      base: dev(),
      head: dev({ uploaderStatements: [{ Action: 's3:*', Effect: 'Allow', Resource: 'arn:aws:s3:::eks-access-dev-uploads/*' }] }),
      escalation: '- **dev** · IRSA role `Workloads/IrsaPaymentsUploader/Role`: wildcard permission: `Allow s3:* on arn:aws:s3:::eks-access-dev-uploads/*`',
    },
    {
      name: 'a new wildcard resource',
      base: dev(),
      head: dev({ uploaderStatements: [{ Action: ['s3:PutObject'], Effect: 'Allow', Resource: ['arn:aws:s3:::eks-access-dev-uploads/*', '*'] }] }),
      escalation: '- **dev** · IRSA role `Workloads/IrsaPaymentsUploader/Role`: wildcard permission: `Allow s3:PutObject on *`',
    },
    {
      name: 'a new ClusterRoleBinding',
      base: dev(),
      head: dev({ extraRbac: [rbacBinding('ops-view', undefined, { kind: 'ClusterRole', name: 'view' }, ['ops'])] }),
      escalation: '- **dev** · RBAC binding `ClusterRoleBinding ops-view`: binds ClusterRole `view` cluster-wide to `Group ops`',
      change: '### Added (1)\n\n- RBAC binding `ClusterRoleBinding ops-view`\n  - role: `ClusterRole view`\n  - subjects: `Group ops`\n',
    },
    {
      name: 'a RoleBinding to a ClusterRole',
      base: dev(),
      head: dev({ extraRbac: [rbacBinding('developer-edit', 'payments', { kind: 'ClusterRole', name: 'edit' }, ['developer'])] }),
      escalation: '- **dev** · RBAC binding `RoleBinding payments/developer-edit`: binds ClusterRole `edit` in namespace `payments` to `Group developer`',
    },
    {
      name: 'a wildcard RBAC rule',
      base: dev(),
      head: dev({ developerRules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] }),
      escalation: '- **dev** · RBAC role `Role payments/eks-access-developer`: wildcard rule: `* on * (*)`',
    },
    {
      name: 'a cluster-admin access policy',
      base: { dev: { ...baseline('dev', { kubectlAccessPolicies: ['AmazonEKSViewPolicy'] }) } },
      head: dev(),
      escalation: '- **dev** · access entry `role:Cluster/Cluster/KubectlProvider/Handler/ServiceRole`: access policy `AmazonEKSClusterAdminPolicy` (cluster) associated',
      change: '  - access policies: `AmazonEKSViewPolicy (cluster)` → `AmazonEKSClusterAdminPolicy (cluster)`\n',
    },
  ];
  test.each(cases)('$name', ({ base, head, escalation, change }) => {
    const { markdown, exitCode } = runReport(base, head);
    const [top, rest] = markdown.split('\n## dev\n');
    expect(top).toMatch(/## Escalations \(\d+\)\n/);
    expect(top).toContain(`${escalation}\n`);
    if (change) expect(rest).toContain(change);
    expect(exitCode).toBe(2);
  });

  test('a new environment reports everything as added and its escalations', () => {
    const { markdown, exitCode } = runReport(dev(), { ...dev(), staging: baseline('staging') });
    expect(markdown).toContain('- **staging** · RBAC binding `ClusterRoleBinding eks-access-reader`: binds ClusterRole `eks-access-reader` cluster-wide to `Group reader`\n');
    expect(markdown).toContain('## staging\n\n### Added (13)\n');
    expect(markdown).toContain('Unchanged: `dev`.\n');
    expect(exitCode).toBe(2);
  });
});
