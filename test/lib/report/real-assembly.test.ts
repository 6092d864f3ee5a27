/**
 * The extractor over the real app's assembly (`buildApp()`), so that a change in how the
 * constructs synthesize (property names, reference shapes, manifests) shows up here.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AWS_AUTH_NAME, AWS_AUTH_NAMESPACE, AwsAuthFunctionEnv, WRITER_GROUP } from '../../../lambda/aws-auth/api';
import { MANIFESTS_RBAC_RESOURCE_TYPE } from '../../../lambda/manifests/api';
import { buildApp } from '../../../lib/app';
import { ENVIRONMENTS } from '../../../lib/config/environments';
import { Groups } from '../../../lib/k8s/groups';
import { DEVELOPER_ROLE_NAME, READER_CLUSTER_ROLE_NAME } from '../../../lib/k8s/rbac';
import { adminPathsOf, AdminPathKinds } from '../../../lib/report/admin-paths';
import type { AdminPath } from '../../../lib/report/admin-paths';
import { readCloudAssembly } from '../../../lib/report/assembly';
import { runCli } from '../../../lib/report/cli';
import { extractEnvironment } from '../../../lib/report/extract';
import { permissionLines } from '../../../lib/report/grants';
import { messageText } from '../../../lib/report/markdown';
import type { EnvironmentAccess } from '../../../lib/report/model';

const ROOT = path.join(__dirname, '..', '..', '..');
let tmp: string;
let real: string;
let dev: EnvironmentAccess;
let all: EnvironmentAccess[];

/** Synthesizes the app as `cdk synth` would (cdk.json context, construct paths), without bundling. */
function synthesize(outdir: string): void {
  const cdkJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  buildApp({
    outdir,
    context: { ...cdkJson.context, 'aws:cdk:enable-path-metadata': true, 'aws:cdk:bundling-stacks': [] },
  }).app.synth();
}

function run(base: string, head: string): { markdown: string; exitCode: number } {
  let markdown = '';
  const exitCode = runCli(['--base', base, '--head', head], { cwd: ROOT, stdout: (t) => { markdown += t; }, stderr: () => undefined });
  return { markdown, exitCode };
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'access-report-real-'));
  real = path.join(tmp, 'head');
  synthesize(real);
  all = readCloudAssembly(real).environments.map(extractEnvironment);
  const found = all.find((e) => e.name === 'dev');
  if (!found) throw new Error('the real assembly has no dev stage');
  dev = found;
}, 120_000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('extraction from the real assembly (dev)', () => {
  const config = ENVIRONMENTS.find((e) => e.name === 'dev');
  if (!config) throw new Error('no dev environment in lib/config/environments.ts');

  test('every reference resolves to a readable name (no raw intrinsic, no unresolved token)', () => {
    expect(JSON.stringify(dev)).not.toMatch(/Fn::|"Ref"|\$\{/);
  });

  test('the aws-auth owner and a mapping per people role, user and node group', () => {
    expect(dev.owners).toEqual([{ owner: 'eks-access/dev/people', cluster: 'Cluster/Cluster', allowClusterAdmin: config.allowClusterAdmin ?? false, accounts: [] }]);
    for (const person of config.people) {
      expect(dev.mappings).toContainEqual({
        list: 'mapRoles', owner: 'eks-access/dev/people', principal: `role:${person.roleName}`, username: person.username, groups: person.groups,
      });
    }
    for (const user of config.users ?? []) {
      expect(dev.mappings).toContainEqual({ list: 'mapUsers', owner: 'eks-access/dev/people', principal: user.arn, username: user.username, groups: user.groups });
    }
    const nodeMappings = dev.mappings.filter((m) => m.groups.includes(Groups.nodes));
    expect(nodeMappings).toHaveLength(config.nodeGroups.length);
    for (const m of nodeMappings) expect(m.principal).toMatch(/^role:/);
  });

  test('IRSA roles: exact :sub and :aud from the CfnJson conditions, permissions from the attached policy', () => {
    for (const sa of config.serviceAccounts) {
      const role = dev.roles.find((r) => r.kind === 'irsa' && r.trust.some((s) => s.conditions.some((c) => c.values.includes(`system:serviceaccount:${sa.namespace}:${sa.name}`))));
      expect(role).toBeDefined();
      const conditions = role?.trust.flatMap((s) => s.conditions) ?? [];
      expect(conditions.map((c) => [c.operator, c.key.replace(/^.*:/, ''), c.values])).toEqual([
        ['StringEquals', 'sub', [`system:serviceaccount:${sa.namespace}:${sa.name}`]],
        ['StringEquals', 'aud', ['sts.amazonaws.com']],
      ]);
      expect(role?.trust[0].principals).toEqual(['Federated oidc-provider:Cluster/Cluster/OidcProviderNative']);
      const granted = (role?.statements ?? []).flatMap(permissionLines);
      for (const statement of sa.policyStatements ?? []) {
        for (const action of statement.actions) {
          for (const resource of statement.resources) expect(granted).toContain(`Allow ${action} on ${resource}`);
        }
      }
    }
  });

  test('people roles trust the configured principals', () => {
    const admin = dev.roles.find((r) => r.name === 'external_admin');
    expect(admin?.kind).toBe('people');
    const trusted = config.people.find((p) => p.roleName === 'external_admin')?.trustedPrincipals ?? [];
    expect(admin?.trust.flatMap((s) => s.principals)).toEqual(trusted.map((t) => `AWS ${t}`));
  });

  test('RBAC bindings from the manifests, and the access entries', () => {
    expect(dev.bindings).toContainEqual({
      kind: 'ClusterRoleBinding', name: READER_CLUSTER_ROLE_NAME, roleRef: { kind: 'ClusterRole', name: READER_CLUSTER_ROLE_NAME }, subjects: [`Group ${Groups.reader}`],
    });
    expect(dev.bindings).toContainEqual({
      kind: 'RoleBinding', name: DEVELOPER_ROLE_NAME, namespace: 'payments', roleRef: { kind: 'Role', name: DEVELOPER_ROLE_NAME }, subjects: [`Group ${Groups.developer}`],
    });
    expect(dev.rbacRoles.find((r) => r.name === READER_CLUSTER_ROLE_NAME)?.rules.length).toBeGreaterThan(0);
    expect(dev.accessEntries.some((e) => e.groups.includes(WRITER_GROUP) && e.principal.startsWith('role:'))).toBe(true);
    // 0.3: no kubectl provider, so no function's access entry holds an access policy (the admin
    // window associates one only at run time). Dev is on accessBackend "both" (issue 12): its two
    // system:masters people have the admin policy in their access entries, and nobody else.
    expect(dev.accessEntries.filter((e) => e.policies.length > 0).map((e) => [e.principal, e.username, e.policies])).toEqual([
      ['role:break_glass_admin', 'break-glass:{{SessionName}}', [{ policy: 'AmazonEKSClusterAdminPolicy', scope: 'cluster' }]],
      ['role:external_admin', 'admin', [{ policy: 'AmazonEKSClusterAdminPolicy', scope: 'cluster' }]],
    ]);
  });
});

describe('who can reach cluster admin in the real assembly (dev)', () => {
  const config = ENVIRONMENTS.find((e) => e.name === 'dev');
  if (!config) throw new Error('no dev environment in lib/config/environments.ts');
  const executionRole = `arn:aws:iam::${config.account}:role/cdk-hnb659fds-cfn-exec-role-${config.account}-${config.region}`;
  let paths: AdminPath[];
  beforeAll(() => {
    paths = adminPathsOf(dev, all);
  });
  const text = (p: AdminPath) => messageText(p.how);
  const controllersOf = (fn: string) => paths.filter((p) => p.kind === AdminPathKinds.functionControl && p.target === fn);

  test('the cluster creator: the CloudFormation execution role from the manifest, creator admin on (absent means true)', () => {
    expect(dev.clusters).toEqual([expect.objectContaining({ label: 'Cluster/Cluster', bootstrapCreatorAdmin: true, creator: executionRole })]);
    expect(paths).toContainEqual(expect.objectContaining({ kind: AdminPathKinds.creatorAdmin, principal: executionRole, target: 'Cluster/Cluster' }));
    expect(paths).toContainEqual(expect.objectContaining({ kind: AdminPathKinds.executionRole, principal: executionRole }));
  });

  test('no CDK kubectl provider (removed in 0.3): no path names it, as function, role or controller', () => {
    expect(paths.filter((p) => [p.principal, p.target].some((x) => String(x).includes('KubectlProvider')))).toEqual([]);
    // The admin functions are the app's own: its three handlers (and their provider frameworks, which invoke them).
    expect(paths.filter((p) => p.kind === AdminPathKinds.adminFunction && !p.principal.endsWith('/Provider/framework-onEvent')).map((p) => p.principal).sort()).toEqual([
      expect.stringMatching(/^function:Access\/AwsAuthProvider[^/]*\/Handler$/),
      expect.stringMatching(/^function:Access\/ManifestsProvider[^/]*\/Handler$/),
      expect.stringMatching(/^function:Workloads\/ManifestsProvider[^/]*\/Handler$/),
    ]);
  });

  test('the aws-auth handler: writes aws-auth through the writer group and its RBAC, invoked by its provider framework', () => {
    const handler = paths.find((p) => p.kind === AdminPathKinds.adminFunction && /^function:Access\/AwsAuthProvider[^/]*\/Handler$/.test(p.principal));
    expect(handler).toBeDefined();
    expect(text(handler as AdminPath)).toContain(`can write aws-auth (writes \`${AWS_AUTH_NAMESPACE}/${AWS_AUTH_NAME}\` as \`Group ${WRITER_GROUP}\``);
    const owners = config.allowClusterAdmin ? `\`eks-access/${config.name}/people\`` : 'none';
    expect(text(handler as AdminPath)).toContain(`; owners allowed cluster admin (\`${AwsAuthFunctionEnv.clusterAdminOwners}\`): ${owners}`);
    const controllers = controllersOf((handler as AdminPath).principal);
    expect(controllers.map((p) => p.principal)).toEqual([expect.stringMatching(/^role:Access\/AwsAuthProvider[^/]*\/Provider\/framework-onEvent\/ServiceRole$/)]);
    expect(text(controllers[0])).toMatch(/^may `lambda:InvokeFunction` on `function:Access\/AwsAuthProvider/);
  });

  test('the manifests functions (Access and Workloads): each can make itself cluster admin by design during its RBAC bootstrap, is admin-equivalent on the names it manages, and is invoked by its provider framework', () => {
    for (const stack of ['Access', 'Workloads']) {
      const handlerRole = new RegExp(`^role:${stack}/ManifestsProvider[^/]*/HandlerRole$`);
      const association = paths.find((p) => p.kind === AdminPathKinds.adminAssociation && handlerRole.test(p.principal));
      expect(association?.target).toBe(association?.principal);
      const provider = (association as AdminPath).principal.replace(/^role:/, '').replace(/\/HandlerRole$/, '');
      expect(text(association as AdminPath)).toBe(`can make itself cluster admin: may \`eks:AssociateAccessPolicy\` on \`${provider}/AccessEntry.AccessEntryArn\` (its own access entry) when \`ArnEquals eks:policyArn = arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy\`; by design only temporarily, during the RBAC bootstrap \`${MANIFESTS_RBAC_RESOURCE_TYPE} ${provider}/RbacBootstrap\` (associate, apply only the generated RBAC, disassociate, in one run), but IAM allows it at any time; the boundary is IAM: who may invoke or update the function that runs as it, and the CloudFormation execution role`);
      const handler = paths.find((p) => p.kind === AdminPathKinds.adminFunction && new RegExp(`^function:${stack}/ManifestsProvider[^/]*/Handler$`).test(p.principal));
      expect(handler && text(handler)).toContain('can make itself cluster admin');
      expect(controllersOf((handler as AdminPath).principal).map((p) => p.principal)).toEqual([expect.stringMatching(new RegExp(`^role:${stack}/ManifestsProvider[^/]*/Provider/framework-onEvent/ServiceRole$`))]);
    }
    const escalation = (stack: string) => paths.find((p) => p.kind === AdminPathKinds.rbacEscalation && new RegExp(`^role:${stack}/ManifestsProvider[^/]*/HandlerRole$`).test(p.principal))?.target;
    expect(escalation('Access')?.split(', ')).toEqual(expect.arrayContaining([`ClusterRole ${READER_CLUSTER_ROLE_NAME}`]));
    expect(escalation('Workloads')).toBe(`Role */${DEVELOPER_ROLE_NAME}`);
  });

  test('the reader objects, declared once since 0.3 (ReaderRbacObjects), are counted once', () => {
    expect(dev.bindings.filter((b) => b.kind === 'ClusterRoleBinding' && b.name === READER_CLUSTER_ROLE_NAME)).toHaveLength(1);
    expect(dev.rbacRoles.filter((r) => r.kind === 'ClusterRole' && r.name === READER_CLUSTER_ROLE_NAME)).toHaveLength(1);
  });

  test('who may assume the admin roles: their trust policies, and the pipeline role on the deploy role', () => {
    const admins = config.people.filter((p) => p.groups.includes(Groups.clusterAdmin));
    for (const admin of admins) {
      expect(paths).toContainEqual(expect.objectContaining({ kind: AdminPathKinds.roleAssumer, target: `role:${admin.roleName}` }));
    }
    const deployRole = `arn:aws:iam::${config.account}:role/cdk-hnb659fds-deploy-role-${config.account}-${config.region}`;
    expect(paths).toContainEqual(expect.objectContaining({ kind: AdminPathKinds.roleAssumer, principal: expect.stringMatching(/^\(app\) role:Pipeline\//), target: deployRole }));
  });

  test('the report shows the section as a table, per environment', () => {
    const { markdown } = run(real, real);
    const section = markdown.split('## Environment `dev`')[1].split('## Environment')[0];
    expect(section).toMatch(/^\n\n### Who can reach cluster admin \(\d+\)\n\n\| Path \| Who \| Reaches \| How \|\n\|---\|---\|---\|---\|\n/);
    expect(section).toContain(`| cluster creator | \`${executionRole}\` | \`Cluster/Cluster\` |`);
    expect(section).not.toContain('KubectlProvider');
    expect(section).toMatch(/\| function \| `function:Access\/AwsAuthProvider[^`]*\/Handler` \|/);
  });
});

describe('the report over the real assembly', () => {
  test('against itself: no access changes, exit 0', () => {
    const { markdown, exitCode } = run(real, real);
    expect(markdown).toContain('No access changes.');
    expect(exitCode).toBe(0);
  });

  test('a base without the dev system:masters mapping: the mapping is an escalation, exit 2', () => {
    const admin = ENVIRONMENTS.find((e) => e.name === 'dev')?.people.find((p) => p.groups.includes(Groups.clusterAdmin));
    if (!admin) return; // dev maps nobody to system:masters: nothing to remove
    const base = path.join(tmp, 'base');
    fs.cpSync(real, base, { recursive: true });
    const dir = path.join(base, 'assembly-dev');
    const file = fs.readdirSync(dir).find((f) => /^devAccess.*\.template\.json$/.test(f)) as string;
    const template = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    const named = (id: string) => template.Resources[id]?.Properties?.RoleName;
    for (const resource of Object.values(template.Resources) as Array<{ Type: string; Properties: { MapRoles?: Array<{ rolearn: { 'Fn::GetAtt'?: [string] } }> } }>) {
      if (resource.Type !== 'Custom::EksAccessAwsAuth') continue;
      resource.Properties.MapRoles = resource.Properties.MapRoles?.filter((m) => named(m.rolearn['Fn::GetAtt']?.[0] ?? '') !== admin.roleName);
    }
    fs.writeFileSync(path.join(dir, file), JSON.stringify(template));

    const { markdown, exitCode } = run(base, real);
    expect(markdown).toContain(`- **critical** · \`dev\` · aws-auth mapRoles \`role:${admin.roleName}\`: mapped to \`system:masters\` (cluster admin; new mapping)\n`);
    expect(markdown).toContain(`### Added (1)\n\n- aws-auth mapRoles \`role:${admin.roleName}\`\n`);
    for (const other of ['staging', 'prod']) expect(markdown.split(`## Environment \`${other}\``)[1].split('## Environment')[0]).toMatch(/\|\n\nNo access changes\.\n/);
    expect(exitCode).toBe(2);
  });
});
