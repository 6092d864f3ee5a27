import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../../lib/app';
import { AwsAuthFunctionEnv } from '../../../lambda/aws-auth/api';
import type { PeopleRoleConfig } from '../../../lib/config/types';
import { AWS_AUTH_HANDLER_DESCRIPTION } from '../../../lib/constructs/aws-auth/aws-auth-provider';
import { Groups } from '../../../lib/k8s/groups';
import {
  ACCOUNT, FULL, REGION, asList, cliContext, envConfig, fullEnvConfig, getAtt, onlyResource, ref, resolveCrossStack, resourcesOfType,
  ownObjects, statements, synthApp,
} from '../../util';
import type { KubernetesObject } from '../../../lib/k8s/manifest';
import type { CfnResource, SynthesizedEnvironment } from '../../util';

const full = fullEnvConfig();
/** Nothing optional set: allowClusterAdmin defaults to false, no existing roles or users. */
const minimal = envConfig({ name: 'minimal' });
let envs: ReadonlyMap<string, SynthesizedEnvironment>;

beforeAll(() => {
  envs = synthApp([full, minimal]).envs;
});

const envOf = (name: string) => envs.get(name) as SynthesizedEnvironment;
const NODE_USERNAME = 'system:node:{{EC2PrivateDNSName}}';

/** The people role named `roleName` in the Access stack of `env`. */
function peopleRole(env: SynthesizedEnvironment, roleName: string): [string, CfnResource] {
  return onlyResource(env.access, 'AWS::IAM::Role', (r) => r.Properties?.RoleName === roleName);
}

/** What an account id or ARN in `trustedPrincipals` becomes in a trust policy. */
const principalArn = (p: string) => (/^\d{12}$/.test(p) ? `arn:aws:iam::${p}:root` : p);

/** The single aws-auth merge resource across the environment's three stacks. */
function mergeResource(env: SynthesizedEnvironment): CfnResource {
  const all = [env.cluster, env.access, env.workloads].flatMap((t) => resourcesOfType(t, 'Custom::EksAccessAwsAuth'));
  expect(all).toHaveLength(1);
  return all[0][1];
}

test('the fixture has a break-glass role, so the MFA branch of the trust test below is exercised', () => {
  expect(full.people.filter((p) => p.breakGlass)).toHaveLength(1);
});

const cases = [full, minimal].flatMap((config) => config.people.map((person) => [config.name, person.roleName, person] as [string, string, PeopleRoleConfig]));

describe.each(cases)('people role (%s) %s', (envName, roleName, person) => {
  const env = () => envOf(envName);

  test('trust admits only the configured principals (account root by default) with sts:AssumeRole, with MFA for break-glass', () => {
    const [, role] = peopleRole(env(), roleName);
    const trust = statements(role.Properties?.AssumeRolePolicyDocument);
    expect(trust).toHaveLength(1);
    const mfa = person.breakGlass ? { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } } : {};
    expect(trust[0]).toEqual({ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { AWS: expect.anything() }, ...mfa });
    const expected = (person.trustedPrincipals ?? [ACCOUNT]).map(principalArn);
    expect(asList((trust[0].Principal as { AWS: string | string[] }).AWS).sort()).toEqual([...expected].sort());
  });

  test('its only permission is eks:DescribeCluster on the cluster ARN', () => {
    const [roleId, role] = peopleRole(env(), roleName);
    expect(role.Properties?.ManagedPolicyArns).toBeUndefined();
    const inline = role.Properties?.Policies as Array<{ PolicyDocument: unknown }>;
    expect(inline).toHaveLength(1);
    const [clusterId] = onlyResource(env().cluster, 'AWS::EKS::Cluster');
    const statement = statements(inline[0].PolicyDocument);
    expect(resolveCrossStack(statement, env().byStackName)).toEqual([
      { Action: 'eks:DescribeCluster', Effect: 'Allow', Resource: getAtt(clusterId, 'Arn') },
    ]);
    // No policy anywhere in the environment is attached to it.
    for (const template of env().byStackName.values()) {
      for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
        const attached = resourcesOfType(template, type, (p) => JSON.stringify(p.Properties?.Roles ?? []).includes(JSON.stringify(ref(roleId))));
        expect(attached).toEqual([]);
      }
    }
  });

  test('max session duration is the configured number of hours (1 by default)', () => {
    const [, role] = peopleRole(env(), roleName);
    expect(role.Properties?.MaxSessionDuration).toBe((person.maxSessionHours ?? 1) * 3600);
  });

  test('a Kubeconfig output gives the update-kubeconfig command for the role (break-glass: through an MFA profile, never --role-arn)', () => {
    const [roleId] = peopleRole(env(), roleName);
    const config = envName === full.name ? full : minimal;
    const clusterName = config.clusterName ?? `eks-access-${config.name}`;
    const profile = `${envName}-${roleName}`;
    const value = person.breakGlass
      ? ['', [`aws configure set profile.${profile}.role_arn `, getAtt(roleId, 'Arn'),
        ` && aws configure set profile.${profile}.mfa_serial YOUR_MFA_DEVICE_ARN && aws configure set profile.${profile}.source_profile YOUR_BREAK_GLASS_USER_PROFILE`
        + ` && aws eks update-kubeconfig --name ${clusterName} --region ${REGION} --profile ${profile}`]]
      : ['', [`aws eks update-kubeconfig --name ${clusterName} --region ${REGION} --role-arn `, getAtt(roleId, 'Arn')]];
    const outputs = env().access.findOutputs('*', { Value: { 'Fn::Join': value } });
    expect(Object.keys(outputs)).toHaveLength(1);
    expect(Object.keys(outputs)[0]).toMatch(/^Kubeconfig/);
  });
});

test.each([full, minimal])('one Kubeconfig output per people role ($name)', (config) => {
  const outputs = envOf(config.name).access.findOutputs('*', { Value: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('aws eks update-kubeconfig ')])] } });
  expect(Object.keys(outputs)).toHaveLength(config.people.length);
});

describe('aws-auth merge resource', () => {
  test('exactly one Custom::EksAccessAwsAuth per environment, in the Access stack', () => {
    for (const config of [full, minimal]) {
      const env = envOf(config.name);
      mergeResource(env);
      env.access.resourceCountIs('Custom::EksAccessAwsAuth', 1);
    }
  });

  test('targets the cluster, owned as eks-access/<env>/people', () => {
    const env = envOf(full.name);
    const [clusterId] = onlyResource(env.cluster, 'AWS::EKS::Cluster');
    const props = mergeResource(env).Properties ?? {};
    expect(resolveCrossStack(props.ClusterName, env.byStackName)).toEqual(ref(clusterId));
    expect(props.Owner).toBe('eks-access/full/people');
  });

  test('MapRoles: people roles, existing roles and node roles, with username and groups from config', () => {
    const env = envOf(full.name);
    const props = mergeResource(env).Properties ?? {};
    const people = full.people.map((p) => ({ rolearn: getAtt(peopleRole(env, p.roleName)[0], 'Arn'), username: p.username, groups: p.groups }));
    const existing = (full.existingRoles ?? []).map((r) => ({ rolearn: r.arn, username: r.username, groups: r.groups }));
    const nodeRoles = resourcesOfType(env.cluster, 'AWS::EKS::Nodegroup').map(([, ng]) => ({
      rolearn: ng.Properties?.NodeRole, username: NODE_USERNAME, groups: [Groups.bootstrappers, Groups.nodes],
    }));
    expect(nodeRoles).toHaveLength(full.nodeGroups.length);
    const expected = [...people, ...existing, ...nodeRoles];
    const mapRoles = resolveCrossStack(props.MapRoles, env.byStackName) as unknown[];
    expect(mapRoles).toHaveLength(expected.length);
    expect(mapRoles).toEqual(expect.arrayContaining(expected));
  });

  test('MapUsers: the IAM users; MapAccounts empty', () => {
    const props = mergeResource(envOf(full.name)).Properties ?? {};
    expect(props.MapUsers).toEqual([{ userarn: FULL.ciUser, username: 'ci-bot', groups: [Groups.reader] }]);
    expect(props.MapAccounts).toEqual([]);
  });

  test('an environment with no existing roles or users maps its people and node roles only', () => {
    const env = envOf(minimal.name);
    const props = mergeResource(env).Properties ?? {};
    const [roleId] = peopleRole(env, 'test_developer');
    const [, nodegroup] = onlyResource(env.cluster, 'AWS::EKS::Nodegroup');
    expect(resolveCrossStack(props.MapRoles, env.byStackName)).toEqual([
      { rolearn: getAtt(roleId, 'Arn'), username: 'developer', groups: [Groups.developer] },
      { rolearn: nodegroup.Properties?.NodeRole, username: NODE_USERNAME, groups: [Groups.bootstrappers, Groups.nodes] },
    ]);
    expect(props.MapUsers).toEqual([]);
  });

  test.each([
    [full.name, 'true'],
    [minimal.name, 'false'],
  ])('AllowClusterAdmin reflects config (%s: %s); principals are validated, unowned entries never taken over', (envName, flag) => {
    expect(mergeResource(envOf(envName)).Properties).toEqual(expect.objectContaining({
      AllowClusterAdmin: flag,
      ValidatePrincipals: 'true',
      TakeOverUnowned: 'false',
    }));
  });

  test.each([
    [full.name, `eks-access/${full.name}/people`],
    [minimal.name, ''],
  ])('the handler function itself allows cluster admin only for the people owner when config does (%s: %j), take-over for nobody', (envName, owners) => {
    const handlers = resourcesOfType(envOf(envName).access, 'AWS::Lambda::Function', (f) => f.Properties?.Description === AWS_AUTH_HANDLER_DESCRIPTION);
    expect(handlers).toHaveLength(1);
    expect((handlers[0][1].Properties?.Environment as { Variables: Record<string, unknown> }).Variables).toEqual(expect.objectContaining({
      [AwsAuthFunctionEnv.clusterAdminOwners]: owners,
      [AwsAuthFunctionEnv.takeOverOwners]: '',
    }));
  });
});

/** The app's own resource (construct id `ReaderRbacObjects`, as in 0.2) that writes the reader RBAC. */
function readerObjects(env: SynthesizedEnvironment): KubernetesObject[] {
  const found = ownObjects(env.access).filter((r) => r.id.startsWith('ReaderRbacObjects'));
  expect(found).toHaveLength(1);
  return found[0].objects;
}

test('cluster-wide reader RBAC is applied to the cluster by the app\'s own resource (ReaderRbacObjects), without kubectl or ReleaseAdopted', () => {
  const env = envOf(full.name);
  expect(readerObjects(env)).toEqual(expect.arrayContaining([
    expect.objectContaining({ kind: 'ClusterRole', metadata: expect.objectContaining({ name: 'eks-access-reader' }) }),
    expect.objectContaining({ kind: 'ClusterRoleBinding', subjects: [{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: Groups.reader }] }),
  ]));
  for (const config of [full, minimal]) {
    const access = envOf(config.name).access;
    expect(resourcesOfType(access, 'Custom::AWSCDK-EKS-KubernetesResource')).toEqual([]);
    expect(resourcesOfType(access, 'Custom::AWSCDK-EKS-KubernetesPatch')).toEqual([]);
    expect(ownObjects(access).filter((r) => r.resource.Properties?.ReleaseAdopted !== undefined)).toEqual([]);
  }
});

test('the reader ClusterRole reads the shape of workloads only: no ConfigMaps (kube-system/aws-auth lists every mapped ARN), no pod logs, no secrets', () => {
  const read = ['get', 'list', 'watch'];
  const role = readerObjects(envOf(full.name)).find((o) => o.kind === 'ClusterRole' && o.metadata?.name === 'eks-access-reader');
  expect((role as { rules?: unknown })?.rules).toEqual([
    { apiGroups: [''], resources: ['pods', 'services', 'endpoints'], verbs: read },
    { apiGroups: ['apps'], resources: ['deployments', 'replicasets', 'statefulsets', 'daemonsets'], verbs: read },
    { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: read },
    { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: read },
    { apiGroups: [''], resources: ['namespaces', 'nodes'], verbs: read },
  ]);
});

describe('termination protector role', () => {
  test.each([full, minimal])('none unless the pipeline adds it ($name, built without the pipeline)', (config) => {
    expect(resourcesOfType(envOf(config.name).access, 'AWS::IAM::Role', (r) => String(r.Properties?.RoleName).includes('termination-protector'))).toEqual([]);
    expect(envOf(config.name).access.toJSON().Resources.TerminationProtectorRole).toBeUndefined();
  });

  test('trusts exactly the given role (its account root with ArnEquals on aws:PrincipalArn, a pathed ARN kept as is) and may only update and read termination protection of the named stacks', () => {
    const { stages } = buildApp({ environments: [envConfig({ name: 'solo' })], context: cliContext() });
    const access = stages[0].access;
    const stepRole = 'arn:aws:iam::444444444444:role/ci/eks-access-protect-solo';
    access.addTerminationProtector({ roleName: 'solo-protector', trustedRoleArn: stepRole, stackNames: ['solo-Cluster', 'solo-Access'] });
    const template = Template.fromStack(access);
    const [roleId, role] = onlyResource(template, 'AWS::IAM::Role', (r) => r.Properties?.RoleName === 'solo-protector');
    expect(role.Properties).toEqual({
      RoleName: 'solo-protector',
      Description: 'Pipeline termination-protection step: turn on and read termination protection of solo-Cluster, solo-Access',
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{
          Action: 'sts:AssumeRole', Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::444444444444:root' },
          Condition: { ArnEquals: { 'aws:PrincipalArn': [stepRole] } },
        }],
      },
      Policies: [{
        PolicyName: 'TerminationProtection',
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [{
            Sid: 'EnableTerminationProtection',
            Effect: 'Allow',
            Action: ['cloudformation:DescribeStacks', 'cloudformation:UpdateTerminationProtection'],
            Resource: [`arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/solo-Access/*`, `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/solo-Cluster/*`],
          }],
        },
      }],
    });
    expect(resourcesOfType(template, 'AWS::IAM::Policy', (p) => JSON.stringify(p.Properties?.Roles ?? []).includes(roleId))).toEqual([]);
    // Not mapped into aws-auth: it has no Kubernetes identity.
    expect(JSON.stringify(onlyResource(template, 'Custom::EksAccessAwsAuth')[1].Properties?.MapRoles)).not.toContain(roleId);
  });

  test('refuses a trusted principal that is not a role ARN', () => {
    const { stages } = buildApp({ environments: [envConfig({ name: 'solo' })], context: cliContext() });
    expect(() => stages[0].access.addTerminationProtector({ roleName: 'solo-protector', trustedRoleArn: 'arn:aws:iam::444444444444:user/ci', stackNames: ['solo-Access'] }))
      .toThrow('"arn:aws:iam::444444444444:user/ci" is an IAM user ARN where an IAM role ARN is expected; map users under users/mapUsers');
  });
});
