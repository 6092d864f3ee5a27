/**
 * Config validation of the environment's own fields (name, account, region and its partition,
 * Kubernetes version, cluster name, verifier trust) and of the list of environments: each problem
 * names its environment, and every environment that validates comes back resolved.
 */
import { ConfigValidationError, formatProblem } from '../../../lib/config/errors';
import { alarmsProblems } from '../../../lib/config/rules/alarms';
import { endpointProblems } from '../../../lib/config/rules/endpoint';
import { networkPolicyEnforcementProblems } from '../../../lib/config/rules/network-policy-enforcement';
import { vpcEgressProblems } from '../../../lib/config/rules/vpc-egress';
import { zonesProblems } from '../../../lib/config/rules/zones';
import type { EnvironmentConfig } from '../../../lib/config/types';
import { validateEnvironment, validateEnvironments } from '../../../lib/config/validate';
import { problemLines } from './problem-lines';
import { ACCOUNT, envConfig } from '../../config-fixtures';

const NAME_FIX = 'must be a lower-case DNS-1123 label of at most 20 characters, for example "dev"';
const CLUSTER_NAME_FIX = 'must start with a letter or digit and contain only letters, digits, "-" and "_" (at most 100)';
const VERIFIER_FIX = 'makes the verifier role name "<clusterName>-verifier" longer than 64 characters; shorten the cluster name';
const REGION_FIX = 'must be an AWS region such as "eu-west-1"';
const role = (name: string, partition = 'aws') => `arn:${partition}:iam::${ACCOUNT}:role/${name}`;
/** A service account without ARNs, valid in every partition. */
const MANAGED_SA: EnvironmentConfig['serviceAccounts'] = [{ namespace: 'apps', name: 'worker', managedPolicyNames: ['AmazonS3ReadOnlyAccess'] }];
/** A one-letter node group, so that long cluster names only hit the rule under test. */
const SHORT_NODE_GROUP: EnvironmentConfig['nodeGroups'] = [{ name: 'a', instanceTypes: ['m6i.large'], minSize: 1, maxSize: 2 }];

describe('the environment object itself', () => {
  test.each([['null', null], ['a string', 'dev'], ['a number', 3]])('%s is refused under <unnamed>, with nothing else checked', (_label, value) => {
    expect(problemLines(value as unknown as EnvironmentConfig)).toEqual([
      `[<unnamed>] (environment) = ${JSON.stringify(value)}: must be an EnvironmentConfig object`,
    ]);
  });

  test('undefined is refused the same way', () => {
    expect(problemLines(undefined as unknown as EnvironmentConfig)).toEqual(['[<unnamed>] (environment) = (missing): must be an EnvironmentConfig object']);
  });
});

describe('name', () => {
  test.each([
    ['upper case', 'Dev'],
    ['an underscore', 'a_b'],
    ['a leading dash', '-dev'],
    ['a trailing dash', 'dev-'],
    ['21 characters', 'a'.repeat(21)],
  ])('%s is refused', (_label, name) => {
    expect(problemLines(envConfig({ name }))).toEqual([`[${name}] name = "${name}": ${NAME_FIX}`]);
  });

  test.each([['1 character', 'a'], ['20 characters', 'a'.repeat(20)], ['digits and dashes', 'prod-2']])('%s is accepted', (_label, name) => {
    expect(validateEnvironment(envConfig({ name })).name).toBe(name);
  });

  test('a list holding a valid name is not a name', () => {
    expect(problemLines(envConfig({ name: ['dev'] as unknown as string }))).toEqual([`[<unnamed>] name = ["dev"]: ${NAME_FIX}`]);
  });

  test('an empty name is refused under <unnamed>', () => {
    expect(problemLines(envConfig({ name: '' }))).toEqual([`[<unnamed>] name = "": ${NAME_FIX}`]);
  });

  test('a name that is not a string is refused under <unnamed>', () => {
    expect(problemLines(envConfig({ name: 7 as unknown as string }))).toEqual([`[<unnamed>] name = 7: ${NAME_FIX}`]);
  });

  test('a missing name is refused under <unnamed>', () => {
    expect(problemLines(envConfig({ name: undefined as unknown as string }))).toEqual([`[<unnamed>] name = (missing): ${NAME_FIX}`]);
  });
});

describe('account', () => {
  const fix = 'must be the 12-digit AWS account id of the environment, as a string, for example "111122223333"';

  test.each([['11 digits', '12345678901'], ['13 digits', '1234567890123'], ['a number', 123456789012]])('%s is refused', (_label, account) => {
    expect(problemLines(envConfig({ account: account as unknown as string }))).toEqual([`[test] account = ${JSON.stringify(account)}: ${fix}`]);
  });

  test('a valid account is kept', () => {
    expect(validateEnvironment(envConfig({ account: '210987654321' })).account).toBe('210987654321');
  });

  test('a bad account skips the duplicate-principal check (it needs the account for the people role ARNs)', () => {
    const config = envConfig({
      account: 'abc',
      existingRoles: [{ arn: role('ops'), username: 'a', groups: [] }, { arn: role('ops'), username: 'b', groups: [] }],
    });
    expect(problemLines(config)).toEqual([`[test] account = "abc": ${fix}`]);
  });
});

describe('region and partition', () => {
  test.each([['a number', 1], ['no number', 'eu-west'], ['a made-up shape', 'europe-west1'], ['a list holding a region', ['eu-west-1']]])('%s is refused', (_label, region) => {
    expect(problemLines(envConfig({ region: region as unknown as string }))).toEqual([`[test] region = ${JSON.stringify(region)}: ${REGION_FIX}`]);
  });

  test.each([
    ['eu-west-1', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
  ])('%s resolves to partition %s', (region, partition) => {
    expect(validateEnvironment(envConfig({ region, serviceAccounts: MANAGED_SA })).partition).toBe(partition);
  });

  test('ARNs are judged against the region\'s partition', () => {
    expect(problemLines(envConfig({ region: 'cn-north-1', serviceAccounts: MANAGED_SA, existingRoles: [{ arn: role('ops'), username: 'ops', groups: [] }] }))).toEqual([
      `[test] existingRoles[0].arn = "${role('ops')}": is in partition "aws" but the environment's region is in "aws-cn"; use arn:aws-cn:iam::...`,
    ]);
    expect(validateEnvironment(envConfig({ region: 'cn-north-1', serviceAccounts: MANAGED_SA, existingRoles: [{ arn: role('ops', 'aws-cn'), username: 'ops', groups: [] }] })).existingRoles)
      .toEqual([{ arn: role('ops', 'aws-cn'), username: 'ops', groups: [] }]);
  });

  test('with a bad region, ARNs are judged against partition "aws"', () => {
    expect(problemLines(envConfig({ region: 'mars', existingRoles: [{ arn: role('ops', 'aws-cn'), username: 'ops', groups: [] }] }))).toEqual([
      `[test] region = "mars": ${REGION_FIX}`,
      `[test] existingRoles[0].arn = "${role('ops', 'aws-cn')}": is in partition "aws-cn" but the environment's region is in "aws"; use arn:aws:iam::...`,
    ]);
  });
});

describe('kubernetesVersion', () => {
  const fix = 'is not supported; use one of "1.34", "1.35", "1.36" (each has a pinned vpc-cni add-on version in lib/config/versions.ts)';

  test.each(['1.34', '1.35', '1.36'])('%s is accepted', (kubernetesVersion) => {
    expect(validateEnvironment(envConfig({ kubernetesVersion })).kubernetesVersion).toBe(kubernetesVersion);
  });

  test.each([['1.33', '1.33'], ['1.37', '1.37'], ['a number', 1.35], ['missing', undefined]])('%s is refused with the supported list', (_label, kubernetesVersion) => {
    const shown = kubernetesVersion === undefined ? '(missing)' : JSON.stringify(kubernetesVersion);
    expect(problemLines(envConfig({ kubernetesVersion: kubernetesVersion as unknown as string }))).toEqual([`[test] kubernetesVersion = ${shown}: ${fix}`]);
  });
});

describe('clusterName', () => {
  test('defaults to eks-access-<name>', () => {
    expect(validateEnvironment(envConfig({ name: 'qa' })).clusterName).toBe('eks-access-qa');
  });

  test('an explicit name is kept', () => {
    expect(validateEnvironment(envConfig({ clusterName: 'My_Cluster-1' })).clusterName).toBe('My_Cluster-1');
  });

  test.each([['a leading dash', '-cluster'], ['a dot', 'my.cluster'], ['empty', '']])('%s is refused', (_label, clusterName) => {
    expect(problemLines(envConfig({ clusterName, nodeGroups: SHORT_NODE_GROUP }))).toEqual([`[test] clusterName = "${clusterName}": ${CLUSTER_NAME_FIX}`]);
  });

  // The node role names "<clusterName>-node-<group>" (at most 64) keep real cluster names far
  // shorter; the 100-character EKS limit shows only next to that problem.
  test('100 characters are a cluster name, 101 are not', () => {
    const nodeRole = '[test] nodeGroups[0].name = "a": makes the node role name "<clusterName>-node-<name>" longer than 64 characters; shorten the node group or cluster name';
    const c100 = 'c'.repeat(100);
    const c101 = 'c'.repeat(101);
    expect(problemLines(envConfig({ clusterName: c100, nodeGroups: SHORT_NODE_GROUP }))).toEqual([nodeRole]);
    expect(problemLines(envConfig({ clusterName: c101, nodeGroups: SHORT_NODE_GROUP }))).toEqual([`[test] clusterName = "${c101}": ${CLUSTER_NAME_FIX}`, nodeRole]);
  });

  test('a default that is not a cluster name (from a bad environment name) is reported as the cluster name', () => {
    expect(problemLines(envConfig({ name: 'a.b' }))).toEqual([
      `[a.b] name = "a.b": ${NAME_FIX}`,
      `[a.b] clusterName = "eks-access-a.b": ${CLUSTER_NAME_FIX}`,
    ]);
  });
});

describe('verifierTrustedRoleArns', () => {
  const verifier = role('ci-verify');

  test('defaults to an empty list', () => {
    expect(validateEnvironment(envConfig()).verifierTrustedRoleArns).toEqual([]);
  });

  test('role ARNs are kept', () => {
    expect(validateEnvironment(envConfig({ verifierTrustedRoleArns: [verifier] })).verifierTrustedRoleArns).toEqual([verifier]);
  });

  test('each entry must be a role ARN of the partition', () => {
    expect(problemLines(envConfig({ verifierTrustedRoleArns: [verifier, `arn:aws:iam::${ACCOUNT}:user/ci`, role('x', 'aws-cn')] }))).toEqual([
      `[test] verifierTrustedRoleArns[1] = "arn:aws:iam::${ACCOUNT}:user/ci": "arn:aws:iam::${ACCOUNT}:user/ci" is an IAM user ARN where an IAM role ARN is expected; map users under users/mapUsers`,
      `[test] verifierTrustedRoleArns[2] = "${role('x', 'aws-cn')}": is in partition "aws-cn" but the environment's region is in "aws"; use arn:aws:iam::...`,
    ]);
  });

  test('the verifier role name "<clusterName>-verifier" may be 64 characters, not 65', () => {
    const ok = 'c'.repeat(55);
    const long = 'c'.repeat(56);
    expect(validateEnvironment(envConfig({ clusterName: ok, nodeGroups: SHORT_NODE_GROUP, verifierTrustedRoleArns: [verifier] })).clusterName).toBe(ok);
    expect(problemLines(envConfig({ clusterName: long, nodeGroups: SHORT_NODE_GROUP, verifierTrustedRoleArns: [verifier] }))).toEqual([
      `[test] clusterName = "${long}": ${VERIFIER_FIX}`,
    ]);
  });

  test('a long cluster name is fine without verifier roles', () => {
    expect(validateEnvironment(envConfig({ clusterName: 'c'.repeat(56), nodeGroups: SHORT_NODE_GROUP, verifierTrustedRoleArns: [] })).clusterName).toBe('c'.repeat(56));
  });
});

describe('resolved flags', () => {
  test('allowClusterAdmin is true only for true', () => {
    expect(validateEnvironment(envConfig()).allowClusterAdmin).toBe(false);
    expect(validateEnvironment(envConfig({ allowClusterAdmin: true })).allowClusterAdmin).toBe(true);
    expect(validateEnvironment(envConfig({ allowClusterAdmin: 'true' as unknown as boolean })).allowClusterAdmin).toBe(false);
  });

  test('networkPolicyEnforcement defaults to false and keeps true', () => {
    expect(validateEnvironment(envConfig()).networkPolicyEnforcement).toBe(false);
    const cni = { namespace: 'kube-system', name: 'aws-node', managedPolicyNames: ['AmazonEKS_CNI_Policy'] };
    expect(validateEnvironment(envConfig({ networkPolicyEnforcement: true, serviceAccounts: [cni] })).networkPolicyEnforcement).toBe(true);
  });

  test('fields the validator does not resolve are passed through', () => {
    const resolved = validateEnvironment(envConfig({ deletionProtection: false }));
    expect(resolved).toEqual(expect.objectContaining({ name: 'test', account: ACCOUNT, region: 'eu-west-1', bootstrapCreatorAdmin: true, deletionProtection: false }));
  });
});

describe('the rules of lib/config/rules report under their own fields', () => {
  const lines = (config: EnvironmentConfig, problems: ReadonlyArray<{ field: string; value: unknown; message: string }>) => {
    expect(problems.length).toBeGreaterThan(0);
    expect(problemLines(config)).toEqual(problems.map((v) => formatProblem({ env: 'test', ...v })));
  };

  test('availability zones', () => {
    const config = envConfig({ availabilityZones: [] } as Partial<EnvironmentConfig>);
    lines(config, zonesProblems(config));
  });

  test('VPC egress (secondary CIDRs)', () => {
    const config = envConfig({ vpc: { cidr: '10.0.0.0/16', secondaryCidrs: ['100.64.0.0'] } });
    lines(config, vpcEgressProblems(config));
  });

  test('network policy enforcement', () => {
    const config = envConfig({ networkPolicyEnforcement: 'yes' as unknown as boolean });
    lines(config, networkPolicyEnforcementProblems(config));
  });

  test('endpoint', () => {
    const config = envConfig({ endpoint: undefined });
    lines(config, endpointProblems(config));
  });

  test('alarms, in the environment\'s partition', () => {
    const config = envConfig({ region: 'cn-north-1', serviceAccounts: MANAGED_SA, alarms: 'x' } as unknown as Partial<EnvironmentConfig>);
    lines(config, alarmsProblems(config, 'aws-cn'));
    expect(problemLines(config)[0]).toContain('arn:aws-cn:sns:cn-north-1:');
  });
});

describe('validateEnvironments', () => {
  test('returns every environment resolved, in order', () => {
    const resolved = validateEnvironments([envConfig({ name: 'a' }), envConfig({ name: 'b' }), envConfig({ name: 'c' })]);
    expect(resolved.map((e) => e.clusterName)).toEqual(['eks-access-a', 'eks-access-b', 'eks-access-c']);
  });

  test('an empty list validates to an empty list', () => {
    expect(validateEnvironments([])).toEqual([]);
  });

  test('one bad environment fails the whole list, listing only its problems', () => {
    expect(problemLines(envConfig({ name: 'a' }), envConfig({ name: 'b', region: 'x' }), envConfig({ name: 'c' }))).toEqual([`[b] region = "x": ${REGION_FIX}`]);
  });

  test('every repeated name names the environment it repeats, the latest one before it', () => {
    expect(problemLines(envConfig(), envConfig(), envConfig({ name: 'other' }), envConfig())).toEqual([
      '[*] environments[1].name = "test": duplicates environments[0]; give each environment its own name',
      '[*] environments[3].name = "test": duplicates environments[1]; give each environment its own name',
    ]);
  });

  test('duplicate names come first, then the problems of each environment in order', () => {
    expect(problemLines(envConfig({ region: 'x' }), envConfig({ name: 'b', account: '1' }), envConfig({ region: 'y' }))).toEqual([
      '[*] environments[2].name = "test": duplicates environments[0]; give each environment its own name',
      `[test] region = "x": ${REGION_FIX}`,
      '[b] account = "1": must be the 12-digit AWS account id of the environment, as a string, for example "111122223333"',
      `[test] region = "y": ${REGION_FIX}`,
    ]);
  });

  test('the error names the source given, or the environments file by default', () => {
    const messageOf = (source?: string) => {
      try {
        validateEnvironments([envConfig({ region: 'x' })], source);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigValidationError);
        return (e as Error).message;
      }
      throw new Error('expected a ConfigValidationError');
    };
    expect(messageOf('my/envs.ts')).toBe(`Invalid environment config (my/envs.ts), 1 problem(s):\n  - [test] region = "x": ${REGION_FIX}`);
    expect(messageOf()).toBe(`Invalid environment config (lib/config/environments.ts), 1 problem(s):\n  - [test] region = "x": ${REGION_FIX}`);
  });

  test('validateEnvironment passes its source on', () => {
    expect(() => validateEnvironment(envConfig({ region: 'x' }), 'single.ts')).toThrow(/^Invalid environment config \(single\.ts\), 1 problem\(s\):/);
  });

  test('the problems carry the environment, field and raw value', () => {
    try {
      validateEnvironment(envConfig({ region: 'x' }));
    } catch (e) {
      const problems = (e as ConfigValidationError).problems;
      expect(problems).toEqual([{ env: 'test', field: 'region', value: 'x', message: REGION_FIX }]);
      expect(problems.map(formatProblem)).toEqual([`[test] region = "x": ${REGION_FIX}`]);
    }
    expect.assertions(2);
  });
});

test('a hole in the list of environments is refused like a missing environment', () => {
  // eslint-disable-next-line no-sparse-arrays
  const envs = [envConfig(), , envConfig({ name: 'b' })] as EnvironmentConfig[];
  expect(1 in envs).toBe(false);
  expect(() => validateEnvironments(envs)).toThrow('[<unnamed>] (environment) = (missing): must be an EnvironmentConfig object');
});
