/**
 * The gate on planted changes: each case edits a COPY of the committed golden templates and
 * checks what the gate says about moving from the golden templates to the copy.
 */
import { checkUpgrade, findViolations } from '../../lib/upgrade/check';
import { explainStale, explainViolation } from '../../lib/upgrade/explain';
import type { CfnResourceJson, StackTemplate } from '../../lib/upgrade/model';
import { gatePasses } from '../../lib/upgrade/report';
import { copyOfGolden, golden, logicalIdOf, renameLogicalId, resourceOf, templateOf } from './fixtures';

const CLUSTER = 'AWS::EKS::Cluster';
const NODEGROUP = 'AWS::EKS::Nodegroup';
const ROLE = 'AWS::IAM::Role';
const MANIFEST = 'Custom::AWSCDK-EKS-KubernetesResource';
const PATCH = 'Custom::AWSCDK-EKS-KubernetesPatch';
const DECLARE = 'declare it in test/upgrade/intended-replacements.json as';

/** The gate from the golden templates to `planted`, no declarations. */
const violationsOf = (planted: StackTemplate[]) => findViolations(golden(), planted);

describe('the gate on planted replacements and removals', () => {
  test('the golden templates against themselves: nothing to object to', () => {
    expect(violationsOf(copyOfGolden())).toEqual([]);
  });

  test("changing the cluster's name replaces the cluster, and with it everything whose create-only properties refer to it", () => {
    const planted = copyOfGolden();
    const id = logicalIdOf(planted, 'dev/Cluster', CLUSTER);
    resourceOf(planted, 'dev/Cluster', id).Properties.Name = 'eks-access-dev-2';
    const violations = violationsOf(planted);
    expect(violations.filter((v) => v.logicalId === id).map(explainViolation)).toEqual([
      `dev/Cluster: ${id} (AWS::EKS::Cluster) would be REPLACED by Name "eks-access-dev" -> "eks-access-dev-2". `
      + 'On replacement a new cluster is created empty and the old one, with every workload on it, is deleted. '
      + `Revert the change, or, if the replacement is intended, ${DECLARE} {"stack": "dev/Cluster", "logicalId": "${id}", "reason": "<why this is safe>"}.`,
    ]);
    const nodegroup = logicalIdOf(planted, 'dev/Cluster', NODEGROUP);
    expect(violations.filter((v) => v.logicalId !== id).map((v) => `${v.kind} ${v.type}`).sort())
      .toEqual(['replace AWS::EKS::AccessEntry', 'replace AWS::EKS::Nodegroup', 'replace AWS::IAM::OIDCProvider']);
    expect(explainViolation(violations.find((v) => v.logicalId === nodegroup)!)).toBe(
      `dev/Cluster: ${nodegroup} (AWS::EKS::Nodegroup) would be REPLACED by ClusterName {"Ref":"${id}"} -> {"Ref":"${id} (replaced)"}. `
      + `It follows the replacement of ${id}, which it refers to. `
      + 'On replacement every node of the group is drained and terminated, and a fixed NodegroupName makes the replacement fail. '
      + `Revert the change, or, if the replacement is intended, ${DECLARE} {"stack": "dev/Cluster", "logicalId": "${nodegroup}", "reason": "<why this is safe>"}.`,
    );
  });

  test("changing the node group's NodegroupName and Subnets replaces it, naming both properties", () => {
    const planted = copyOfGolden();
    const id = logicalIdOf(planted, 'prod/Cluster', NODEGROUP, (r) => r.Properties?.NodegroupName === 'general');
    const nodegroup = resourceOf(planted, 'prod/Cluster', id);
    const subnets = nodegroup.Properties.Subnets as unknown[];
    nodegroup.Properties.NodegroupName = 'general-v2';
    nodegroup.Properties.Subnets = subnets.slice(0, 1);
    const [violation, ...rest] = violationsOf(planted);
    expect(rest).toEqual([]);
    expect(violation).toMatchObject({ kind: 'replace', stack: 'prod/Cluster', logicalId: id, type: NODEGROUP });
    expect(violation.changes).toEqual([
      { property: 'NodegroupName', oldValue: 'general', newValue: 'general-v2' },
      { property: 'Subnets', oldValue: subnets, newValue: subnets.slice(0, 1) },
    ]);
    expect(explainViolation(violation)).toContain('would be REPLACED by NodegroupName "general" -> "general-v2"; Subnets [{"Ref":');
  });

  test('a nested create-only property (AccessConfig.BootstrapClusterCreatorAdminPermissions) replaces the cluster, although cdk diff shows an update', () => {
    const planted = copyOfGolden();
    const id = logicalIdOf(planted, 'staging/Cluster', CLUSTER);
    const cluster = resourceOf(planted, 'staging/Cluster', id);
    cluster.Properties.AccessConfig = { ...(cluster.Properties.AccessConfig as object), BootstrapClusterCreatorAdminPermissions: false };
    expect(violationsOf(planted)).toEqual([expect.objectContaining({
      kind: 'replace', logicalId: id,
      changes: [{ property: 'AccessConfig.BootstrapClusterCreatorAdminPermissions', oldValue: undefined, newValue: false }],
    })]);
  });

  test('renaming a named role replaces it', () => {
    const planted = copyOfGolden();
    const id = logicalIdOf(planted, 'dev/Access', ROLE, (r) => r.Properties?.RoleName === 'external_admin');
    resourceOf(planted, 'dev/Access', id).Properties.RoleName = 'external_admin_v2';
    expect(violationsOf(planted).map(explainViolation)).toEqual([
      `dev/Access: ${id} (AWS::IAM::Role) would be REPLACED by RoleName "external_admin" -> "external_admin_v2". `
      + "On replacement a named role is replaced by creating a role with the same name first (which fails), and access entries match the old role's unique id, so a recreated role silently loses its cluster access. "
      + `Revert the change, or, if the replacement is intended, ${DECLARE} {"stack": "dev/Access", "logicalId": "${id}", "reason": "<why this is safe>"}.`,
    ]);
  });

  test("changing a named role's logical id is a removal, and the message names the likely new id", () => {
    const planted = copyOfGolden();
    const id = logicalIdOf(planted, 'dev/Access', ROLE, (r) => r.Properties?.RoleName === 'external_reader');
    renameLogicalId(planted, 'dev/Access', id, 'PeopleReaderRoleRenamed');
    expect(violationsOf(planted).map(explainViolation)).toEqual([
      `dev/Access: ${id} (AWS::IAM::Role) would be REMOVED (its logical id disappears; added in the same stack: PeopleReaderRoleRenamed, a renamed logical id is a removal plus a new resource). `
      + "On removal a named role is replaced by creating a role with the same name first (which fails), and access entries match the old role's unique id, so a recreated role silently loses its cluster access. "
      + 'Keep its logical id (restore the construct id or pin it with overrideLogicalId), or set a retaining removal policy in a release before removing it, '
      + `or, if the removal is intended, ${DECLARE} {"stack": "dev/Access", "logicalId": "${id}", "reason": "<why this is safe>"}.`,
    ]);
  });

  /**
   * The golden templates are 0.2's, which retains every kubectl resource: a copy with the
   * DeletionPolicy of one taken away is that resource as releases before 0.2 deployed it.
   */
  function beforeRetain(stack: string, type: string, where?: (r: CfnResourceJson) => boolean): { base: StackTemplate[]; id: string } {
    const base = copyOfGolden();
    const id = logicalIdOf(base, stack, type, where);
    expect(resourceOf(base, stack, id).DeletionPolicy).toBe('Retain');
    delete resourceOf(base, stack, id).DeletionPolicy;
    return { base, id };
  }

  test('removing a KubernetesManifest whose DeletionPolicy deletes its objects fails', () => {
    const { base, id } = beforeRetain('dev/Workloads', MANIFEST, (r) => JSON.stringify(r.Properties?.Manifest).includes('"kind\\":\\"Namespace\\",\\"metadata\\":{\\"name\\":\\"payments\\"'));
    const planted = structuredClone(base);
    delete templateOf(planted, 'dev/Workloads').Resources[id];
    expect(findViolations(base, planted).map(explainViolation)).toEqual([
      `dev/Workloads: ${id} (Custom::AWSCDK-EKS-KubernetesResource) would be REMOVED. On removal its Kubernetes objects are deleted from the cluster. `
      + 'Keep its logical id (restore the construct id or pin it with overrideLogicalId), or set a retaining removal policy in a release before removing it, '
      + `or, if the removal is intended, ${DECLARE} {"stack": "dev/Workloads", "logicalId": "${id}", "reason": "<why this is safe>"}.`,
    ]);
  });

  test('removing the aws-node annotation patch as deployed before 0.2 (restore { role-arn: null }, Delete) fails (its restore patch runs on delete)', () => {
    const { base, id } = beforeRetain('dev/Workloads', PATCH);
    resourceOf(base, 'dev/Workloads', id).Properties.RestorePatchJson = '{"metadata":{"annotations":{"eks.amazonaws.com/role-arn":null}}}';
    const planted = structuredClone(base);
    delete templateOf(planted, 'dev/Workloads').Resources[id];
    expect(findViolations(base, planted)).toEqual([expect.objectContaining({ kind: 'remove', logicalId: id, guard: 'its restore patch is applied to the live object' })]);
  });

  test('removing a Kubernetes resource the golden template retains passes (Retain keeps the objects): the 0.2 aws-node patch and namespace manifest', () => {
    const planted = copyOfGolden();
    const patch = logicalIdOf(planted, 'dev/Workloads', PATCH);
    const manifest = logicalIdOf(planted, 'dev/Workloads', MANIFEST, (r) => JSON.stringify(r.Properties?.Manifest).includes('"kind\\":\\"Namespace\\",\\"metadata\\":{\\"name\\":\\"payments\\"'));
    for (const id of [patch, manifest]) {
      expect(resourceOf(planted, 'dev/Workloads', id).DeletionPolicy).toBe('Retain');
      delete templateOf(planted, 'dev/Workloads').Resources[id];
    }
    expect(violationsOf(planted)).toEqual([]);
  });

  test("a whole stack gone removes every guarded resource of it: network, cluster, access entry, node group, OIDC provider, named node role", () => {
    const planted = copyOfGolden().filter((s) => s.displayName !== 'dev/Cluster');
    const types = violationsOf(planted).map((v) => `${v.kind} ${v.type}`);
    expect([...new Set(types)].sort()).toEqual([
      'remove AWS::EC2::Subnet', 'remove AWS::EC2::VPC', 'remove AWS::EKS::AccessEntry', 'remove AWS::EKS::Cluster', 'remove AWS::EKS::Nodegroup',
      'remove AWS::IAM::OIDCProvider', 'remove AWS::IAM::Role',
    ]);
  });

  test("changing the VPC's CIDR replaces the VPC and every subnet in it", () => {
    const planted = copyOfGolden();
    const id = logicalIdOf(planted, 'dev/Cluster', 'AWS::EC2::VPC');
    resourceOf(planted, 'dev/Cluster', id).Properties.CidrBlock = '10.99.0.0/16';
    const violations = violationsOf(planted);
    expect(violations.find((v) => v.logicalId === id)).toMatchObject({ kind: 'replace', changes: [{ property: 'CidrBlock', newValue: '10.99.0.0/16' }] });
    const subnets = Object.entries(templateOf(planted, 'dev/Cluster').Resources).filter(([, r]) => r.Type === 'AWS::EC2::Subnet').map(([s]) => s);
    expect(subnets.length).toBeGreaterThan(1);
    for (const subnet of subnets) expect(violations.find((v) => v.logicalId === subnet)).toMatchObject({ kind: 'replace', changes: [expect.objectContaining({ property: 'VpcId' })] });
  });

  test.each([
    ['dev/Cluster', 'AWS::IAM::OIDCProvider', 'Url', 'https://oidc.example.com'],
    ['Pipeline', ROLE, 'Path', '/moved/'],
  ])('%s: changing %s %s replaces it', (stack, type, property, value) => {
    const planted = copyOfGolden();
    const [id] = Object.entries(templateOf(planted, stack).Resources)
      .filter(([, r]) => r.Type === type && (type !== ROLE || r.Properties.RoleName !== undefined)).map(([logicalId]) => logicalId);
    resourceOf(planted, stack, id).Properties[property] = value;
    expect(violationsOf(planted)).toEqual([expect.objectContaining({ kind: 'replace', stack, logicalId: id, changes: [expect.objectContaining({ property, newValue: value })] })]);
  });

  test('changing a subnet\'s CIDR replaces the subnet', () => {
    const planted = copyOfGolden();
    const [id] = Object.entries(templateOf(planted, 'staging/Cluster').Resources).filter(([, r]) => r.Type === 'AWS::EC2::Subnet').map(([logicalId]) => logicalId);
    resourceOf(planted, 'staging/Cluster', id).Properties.CidrBlock = '10.99.0.0/24';
    expect(violationsOf(planted)).toEqual([expect.objectContaining({ kind: 'replace', logicalId: id, type: 'AWS::EC2::Subnet' })]);
  });

  test("changing a custom resource's ServiceToken fails (CloudFormation refuses it)", () => {
    const planted = copyOfGolden();
    const id = logicalIdOf(planted, 'dev/Access', 'Custom::EksAccessAwsAuth');
    resourceOf(planted, 'dev/Access', id).Properties.ServiceToken = { 'Fn::GetAtt': ['SomeOtherProvider', 'Arn'] };
    const [violation] = violationsOf(planted);
    expect(violation).toMatchObject({ kind: 'service-token', logicalId: id });
    expect(explainViolation(violation)).toContain('would change ServiceToken {"Fn::GetAtt":["AwsAuthProvider');
    expect(explainViolation(violation)).toContain('-> {"Fn::GetAtt":["SomeOtherProvider","Arn"]}: CloudFormation refuses to change a custom resource\'s ServiceToken');
  });
});

describe('changes the gate lets through', () => {
  test('a Lambda environment variable, a policy statement, a Kubernetes manifest body and a node group scaling change pass', () => {
    const planted = copyOfGolden();
    const access = templateOf(planted, 'dev/Access').Resources;
    const fn = Object.values(access).find((r) => r.Type === 'AWS::Lambda::Function' && (r.Properties.Environment as { Variables?: object } | undefined)?.Variables);
    (fn!.Properties.Environment as { Variables: Record<string, unknown> }).Variables.NEW_SETTING = 'on';
    const policy = Object.values(access).find((r) => r.Type === 'AWS::IAM::Policy')!;
    (policy.Properties.PolicyDocument as { Statement: unknown[] }).Statement.push({ Effect: 'Allow', Action: 'eks:DescribeCluster', Resource: '*' });
    const manifest = resourceOf(planted, 'dev/Workloads', logicalIdOf(planted, 'dev/Workloads', MANIFEST, (r) => JSON.stringify(r.Properties?.Manifest).includes('\\"name\\":\\"payments\\"') && JSON.stringify(r.Properties?.Manifest).includes('"kind\\":\\"Namespace')));
    manifest.Properties.Manifest = '[{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"payments","labels":{"team":"pay"}}}]';
    const nodegroup = resourceOf(planted, 'dev/Cluster', logicalIdOf(planted, 'dev/Cluster', NODEGROUP));
    nodegroup.Properties.ScalingConfig = { MinSize: 1, MaxSize: 9, DesiredSize: 2 };
    expect(violationsOf(planted)).toEqual([]);
  });

  test('a cluster endpoint access change (ResourcesVpcConfig.PublicAccessCidrs, updatable) passes', () => {
    const planted = copyOfGolden();
    const cluster = resourceOf(planted, 'dev/Cluster', logicalIdOf(planted, 'dev/Cluster', CLUSTER));
    cluster.Properties.ResourcesVpcConfig = { ...(cluster.Properties.ResourcesVpcConfig as object), PublicAccessCidrs: ['203.0.113.0/24'] };
    expect(violationsOf(planted)).toEqual([]);
  });

  test('new resources and new stacks pass (only what is deployed is guarded)', () => {
    const planted = copyOfGolden();
    templateOf(planted, 'dev/Cluster').Resources.NewAddon = { Type: 'AWS::EKS::Addon', Properties: { AddonName: 'vpc-cni', ClusterName: 'eks-access-dev' } };
    planted.push({ displayName: 'dev/Alarms', template: { Resources: { Topic: { Type: 'AWS::SNS::Topic' } } } });
    expect(violationsOf(planted)).toEqual([]);
  });

  test('an unnamed IAM role may be replaced by itself, but not when an access entry names it (the entry is replaced too)', () => {
    const planted = copyOfGolden();
    const access = templateOf(planted, 'dev/Access').Resources;
    const principals = JSON.stringify(Object.values(access).filter((r) => r.Type === 'AWS::EKS::AccessEntry').map((r) => r.Properties.PrincipalArn));
    const unnamed = Object.entries(access).filter(([, r]) => r.Type === ROLE && r.Properties.RoleName === undefined).map(([id]) => id);
    const free = unnamed.find((id) => !principals.includes(`"${id}"`))!;
    const entered = unnamed.find((id) => principals.includes(`"${id}"`))!;
    resourceOf(planted, 'dev/Access', free).Properties.Path = '/moved/';
    expect(violationsOf(planted)).toEqual([]);
    resourceOf(planted, 'dev/Access', entered).Properties.Path = '/moved/';
    const [violation, ...rest] = violationsOf(planted);
    expect(rest).toEqual([]);
    expect(violation).toMatchObject({ kind: 'replace', type: 'AWS::EKS::AccessEntry' });
    expect(explainViolation(violation)).toContain(`It follows the replacement of ${entered}, which it refers to.`);
  });

  test('an add-on is guarded once deployed: changing its AddonName replaces it', () => {
    const base = copyOfGolden();
    templateOf(base, 'dev/Cluster').Resources.VpcCniAddon = { Type: 'AWS::EKS::Addon', Properties: { AddonName: 'vpc-cni', ClusterName: 'eks-access-dev', PreserveOnDelete: true } };
    const planted = structuredClone(base);
    resourceOf(planted, 'dev/Cluster', 'VpcCniAddon').Properties.AddonName = 'vpc-cni-2';
    expect(findViolations(base, planted)).toEqual([expect.objectContaining({ kind: 'replace', logicalId: 'VpcCniAddon', type: 'AWS::EKS::Addon' })]);
    const updated = structuredClone(base);
    resourceOf(updated, 'dev/Cluster', 'VpcCniAddon').Properties.AddonVersion = 'v1.20.0-eksbuild.1';
    expect(findViolations(base, updated)).toEqual([]);
  });
});

describe('declared intended replacements', () => {
  const plantRename = () => {
    const planted = copyOfGolden();
    const id = logicalIdOf(planted, 'dev/Access', ROLE, (r) => r.Properties?.RoleName === 'external_admin');
    resourceOf(planted, 'dev/Access', id).Properties.RoleName = 'external_admin_v2';
    return { planted, id };
  };

  test('a declared replacement passes and is reported with its reason', () => {
    const { planted, id } = plantRename();
    const declaration = { stack: 'dev/Access', logicalId: id, reason: 'nobody assumes external_admin yet' };
    const result = checkUpgrade(golden(), planted, [declaration]);
    expect(result.violations).toEqual([]);
    expect(result.stale).toEqual([]);
    expect(result.declared).toEqual([{ violation: expect.objectContaining({ kind: 'replace', logicalId: id }), declaration }]);
    expect(gatePasses(result)).toBe(true);
  });

  test('a declaration for another stack does not cover the change', () => {
    const { planted, id } = plantRename();
    const result = checkUpgrade(golden(), planted, [{ stack: 'prod/Access', logicalId: id, reason: 'wrong stack' }]);
    expect(result.violations).toEqual([expect.objectContaining({ logicalId: id, stack: 'dev/Access' })]);
    expect(result.stale).toEqual([{ stack: 'prod/Access', logicalId: id, reason: 'wrong stack' }]);
    expect(gatePasses(result)).toBe(false);
  });

  test('a stale declaration (nothing replaced) fails the gate with its own message', () => {
    const id = logicalIdOf(golden(), 'dev/Cluster', CLUSTER);
    const stale = { stack: 'dev/Cluster', logicalId: id, reason: 'renamed the cluster in 2026' };
    const result = checkUpgrade(golden(), copyOfGolden(), [stale]);
    expect(result.violations).toEqual([]);
    expect(result.stale.map(explainStale)).toEqual([
      `test/upgrade/intended-replacements.json declares {"stack": "dev/Cluster", "logicalId": "${id}"} (reason: renamed the cluster in 2026), but the gate finds no replacement or removal of it against the golden templates. `
      + 'Remove the entry (it is stale once the golden templates are updated after the release, or the change was reverted), or correct its stack or logical id.',
    ]);
    expect(gatePasses(result)).toBe(false);
  });
});
