/**
 * Config validation of IRSA service accounts: namespace and name, exactly one permission source,
 * managed policy names, an existing role, and the shape of inline policy statements (the
 * wildcard rules themselves: test/lib/config/rules/).
 */
import type { EnvironmentConfig, PolicyStatementConfig, ServiceAccountConfig } from '../../../../lib/config/types';
import { validateEnvironment } from '../../../../lib/config/validate';
import { problemLines } from '../problem-lines';
import { ACCOUNT, envConfig, namespaceConfig } from '../../../config-fixtures';

const BUCKET = 'arn:aws:s3:::test-bucket/*';
const sa = (overrides: Partial<ServiceAccountConfig> = {}): ServiceAccountConfig => ({ namespace: 'apps', name: 'worker', managedPolicyNames: ['AmazonS3ReadOnlyAccess'], ...overrides });
const withSas = (...serviceAccounts: ServiceAccountConfig[]) => envConfig({ serviceAccounts });
const withStatements = (...policyStatements: PolicyStatementConfig[]) => withSas(sa({ managedPolicyNames: undefined, policyStatements }));
const SUBDOMAIN_FIX = 'must be a DNS-1123 subdomain (lower-case letters, digits, "-" and "."), for example "uploader"';
const ONE_SOURCE = 'set exactly one of policyStatements, managedPolicyNames or roleArn';
const MANAGED_FIX = 'must be an AWS managed policy name such as "AmazonEKS_CNI_Policy" (not an ARN)';
const ACTION_FIX = 'must be "service:Action" (no bare "*"), for example "s3:PutObject"';

describe('serviceAccounts itself', () => {
  test.each([['missing', undefined], ['an object', { name: 'worker' }]])('%s is refused', (_label, serviceAccounts) => {
    const shown = serviceAccounts === undefined ? '(missing)' : JSON.stringify(serviceAccounts);
    expect(problemLines(envConfig({ serviceAccounts: serviceAccounts as unknown as EnvironmentConfig['serviceAccounts'] }))).toEqual([
      `[test] serviceAccounts = ${shown}: must be a list (may be empty)`,
    ]);
  });

  test('an empty list is accepted', () => {
    expect(validateEnvironment(withSas()).serviceAccounts).toEqual([]);
  });
});

describe('namespace', () => {
  test('kube-system is accepted without being declared', () => {
    expect(() => validateEnvironment(withSas(sa({ namespace: 'kube-system' })))).not.toThrow();
  });

  test.each([['upper case', 'Apps'], ['a number', 5], ['a list holding a name', ['apps']], ['missing', undefined]])('%s is refused', (_label, namespace) => {
    const shown = namespace === undefined ? '(missing)' : JSON.stringify(namespace);
    expect(problemLines(withSas(sa({ namespace: namespace as string })))).toEqual([
      `[test] serviceAccounts[0].namespace = ${shown}: must be a namespace name (DNS-1123 label)`,
    ]);
  });

  test('with namespaces that are not a list, only kube-system is declared', () => {
    expect(problemLines(envConfig({ namespaces: undefined as unknown as EnvironmentConfig['namespaces'], serviceAccounts: [sa()] }))).toEqual([
      '[test] namespaces = (missing): must be a list (may be empty)',
      '[test] serviceAccounts[0].namespace = "apps": is not declared under namespaces; declare it or use one of kube-system',
    ]);
  });

  test('an undeclared namespace lists the declared ones and kube-system', () => {
    expect(problemLines(envConfig({ namespaces: [namespaceConfig('apps'), namespaceConfig('web')], serviceAccounts: [sa({ namespace: 'billing' })] }))).toEqual([
      '[test] serviceAccounts[0].namespace = "billing": is not declared under namespaces; declare it or use one of apps, web, kube-system',
    ]);
  });
});

describe('name', () => {
  test.each([['253 characters', 'a'.repeat(253)], ['dots', 'my.worker.1']])('%s is accepted', (_label, name) => {
    expect(validateEnvironment(withSas(sa({ name }))).serviceAccounts[0].name).toBe(name);
  });

  test.each([['254 characters', 'a'.repeat(254)], ['an underscore', 'my_worker'], ['a trailing dot', 'worker.'], ['a number', 5], ['a list holding a name', ['worker']]])('%s is refused', (_label, name) => {
    const shown = JSON.stringify(name);
    const lines = problemLines(withSas(sa({ name: name as string })));
    expect(lines).toEqual([`[test] serviceAccounts[0].name = ${shown.length > 120 ? `${shown.slice(0, 117)}...` : shown}: ${SUBDOMAIN_FIX}`]);
  });

  test('the same namespace/name twice is refused on each repeat', () => {
    expect(problemLines(withSas(sa(), sa({ name: 'other' }), sa(), sa({ namespace: 'kube-system' }), sa()))).toEqual([
      '[test] serviceAccounts[2] = "apps/worker": is declared twice; declare each service account once',
      '[test] serviceAccounts[4] = "apps/worker": is declared twice; declare each service account once',
    ]);
  });
});

describe('permission source', () => {
  test.each([
    ['inline statements', { policyStatements: [{ actions: ['s3:GetObject'], resources: [BUCKET] }] }],
    ['managed policies', { managedPolicyNames: ['AmazonS3ReadOnlyAccess'] }],
    ['an existing role', { roleArn: `arn:aws:iam::${ACCOUNT}:role/worker` }],
    ['an existing role and empty lists', { roleArn: `arn:aws:iam::${ACCOUNT}:role/worker`, policyStatements: [], managedPolicyNames: [] }],
  ])('%s alone are accepted', (_label, source) => {
    const config = sa({ managedPolicyNames: undefined, ...source });
    expect(validateEnvironment(withSas(config)).serviceAccounts).toEqual([config]);
  });

  test.each([
    ['none', {}, []],
    ['empty lists and an empty roleArn', { policyStatements: [], managedPolicyNames: [], roleArn: '' }, []],
    ['managed policies and a role', { managedPolicyNames: ['A'], roleArn: `arn:aws:iam::${ACCOUNT}:role/worker` }, ['managedPolicyNames', 'roleArn']],
    ['all three', { policyStatements: [{ actions: ['s3:GetObject'], resources: [BUCKET] }], managedPolicyNames: ['A'], roleArn: `arn:aws:iam::${ACCOUNT}:role/worker` },
      ['policyStatements', 'managedPolicyNames', 'roleArn']],
  ])('%s is refused, listing the sources set', (_label, source, sources) => {
    expect(problemLines(withSas(sa({ managedPolicyNames: undefined, ...source })))).toEqual([`[test] serviceAccounts[0] = ${JSON.stringify(sources)}: ${ONE_SOURCE}`]);
  });

  test('managed policy names: names of at most 128 characters, not ARNs', () => {
    expect(() => validateEnvironment(withSas(sa({ managedPolicyNames: ['service-role/AmazonEKS+=,.@_-Policy', 'p'.repeat(128), 'P'] })))).not.toThrow();
    expect(problemLines(withSas(sa({ managedPolicyNames: ['ok', 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', 'p'.repeat(129), 'a b', '', 3 as unknown as string, ['ok'] as unknown as string] })))).toEqual([
      `[test] serviceAccounts[0].managedPolicyNames[1] = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess": ${MANAGED_FIX}`,
      `[test] serviceAccounts[0].managedPolicyNames[2] = "${'p'.repeat(116)}...: ${MANAGED_FIX}`,
      `[test] serviceAccounts[0].managedPolicyNames[3] = "a b": ${MANAGED_FIX}`,
      `[test] serviceAccounts[0].managedPolicyNames[4] = "": ${MANAGED_FIX}`,
      `[test] serviceAccounts[0].managedPolicyNames[5] = 3: ${MANAGED_FIX}`,
      `[test] serviceAccounts[0].managedPolicyNames[6] = ["ok"]: ${MANAGED_FIX}`,
    ]);
  });

  test('an arn: prefix is refused even when the rest is a valid name', () => {
    expect(problemLines(withSas(sa({ managedPolicyNames: ['arn:x'] })))).toEqual([`[test] serviceAccounts[0].managedPolicyNames[0] = "arn:x": ${MANAGED_FIX}`]);
  });

  test('the existing role must be a role ARN of the partition', () => {
    expect(problemLines(withSas(sa({ managedPolicyNames: undefined, roleArn: `arn:aws:iam::${ACCOUNT}:user/worker` })))).toEqual([
      `[test] serviceAccounts[0].roleArn = "arn:aws:iam::${ACCOUNT}:user/worker": "arn:aws:iam::${ACCOUNT}:user/worker" is an IAM user ARN where an IAM role ARN is expected; map users under users/mapUsers`,
    ]);
    expect(problemLines(envConfig({ region: 'cn-north-1', serviceAccounts: [sa({ managedPolicyNames: undefined, roleArn: `arn:aws:iam::${ACCOUNT}:role/worker` })] }))).toEqual([
      `[test] serviceAccounts[0].roleArn = "arn:aws:iam::${ACCOUNT}:role/worker": is in partition "aws" but the environment's region is in "aws-cn"; use arn:aws-cn:iam::...`,
    ]);
  });
});

describe('inline policy statements', () => {
  test.each([['missing', undefined], ['empty', []], ['a string', 's3:GetObject']])('actions %s are refused', (_label, actions) => {
    const shown = actions === undefined ? '(missing)' : JSON.stringify(actions);
    expect(problemLines(withStatements({ actions: actions as string[], resources: [BUCKET] }))).toEqual([
      `[test] serviceAccounts[0].policyStatements[0].actions = ${shown}: list at least one action such as "s3:PutObject"`,
    ]);
  });

  test('each action must be service:Action', () => {
    expect(problemLines(withStatements({ actions: ['s3:GetObject', '*', 'S3:GetObject', 's3:', 'GetObject', 's3:Get-Object', 5 as unknown as string, ['s3:GetObject'] as unknown as string], resources: [BUCKET] }))).toEqual([
      `[test] serviceAccounts[0].policyStatements[0].actions[1] = "*": ${ACTION_FIX}`,
      `[test] serviceAccounts[0].policyStatements[0].actions[2] = "S3:GetObject": ${ACTION_FIX}`,
      `[test] serviceAccounts[0].policyStatements[0].actions[3] = "s3:": ${ACTION_FIX}`,
      `[test] serviceAccounts[0].policyStatements[0].actions[4] = "GetObject": ${ACTION_FIX}`,
      `[test] serviceAccounts[0].policyStatements[0].actions[5] = "s3:Get-Object": ${ACTION_FIX}`,
      `[test] serviceAccounts[0].policyStatements[0].actions[6] = 5: ${ACTION_FIX}`,
      `[test] serviceAccounts[0].policyStatements[0].actions[7] = ["s3:GetObject"]: ${ACTION_FIX}`,
    ]);
  });

  test.each(['s3:GetObject', 'ec2-instance-connect:SendSSHPublicKey', 'sqs:SendMessage', 'route53:ChangeResourceRecordSets', 'acm-pca:IssueCertificate', 'sts:TagSession2', 'z09-a:Zz09Aa'])('action %s is accepted', (action) => {
    expect(() => validateEnvironment(withStatements({ actions: [action], resources: [BUCKET] }))).not.toThrow();
  });

  test.each([['missing', undefined], ['empty', []], ['a string', BUCKET]])('resources %s are refused', (_label, resources) => {
    const shown = resources === undefined ? '(missing)' : JSON.stringify(resources);
    expect(problemLines(withStatements({ actions: ['s3:GetObject'], resources: resources as string[] }))).toEqual([
      `[test] serviceAccounts[0].policyStatements[0].resources = ${shown}: list at least one resource ARN`,
    ]);
  });

  test('each resource must be an ARN of the partition ("*" is left to the wildcard rules)', () => {
    expect(problemLines(withStatements({ actions: ['s3:GetObject'], resources: [BUCKET, 'test-bucket/*', 'arn:aws-cn:s3:::b/*', 'arn:awsx:s3:::b', 7 as unknown as string] }))).toEqual([
      '[test] serviceAccounts[0].policyStatements[0].resources[1] = "test-bucket/*": must be an ARN in partition "aws" (arn:aws:...)',
      '[test] serviceAccounts[0].policyStatements[0].resources[2] = "arn:aws-cn:s3:::b/*": must be an ARN in partition "aws" (arn:aws:...)',
      '[test] serviceAccounts[0].policyStatements[0].resources[3] = "arn:awsx:s3:::b": must be an ARN in partition "aws" (arn:aws:...)',
      '[test] serviceAccounts[0].policyStatements[0].resources[4] = 7: must be an ARN in partition "aws" (arn:aws:...)',
    ]);
  });

  test('resources are judged in the environment\'s partition', () => {
    const config = envConfig({ region: 'cn-north-1', serviceAccounts: [sa({ managedPolicyNames: undefined, policyStatements: [{ actions: ['s3:GetObject'], resources: ['arn:aws-cn:s3:::b/*'] }] })] });
    expect(() => validateEnvironment(config)).not.toThrow();
  });

  test('a statement with a shape problem is not judged by the wildcard rules', () => {
    const wildcardOnly = problemLines(withStatements({ actions: ['s3:GetObject'], resources: ['*'] }));
    expect(wildcardOnly).toHaveLength(1);
    expect(wildcardOnly[0]).toMatch(/^\[test\] serviceAccounts\[0\]\.policyStatements\[0\]\.resources\[0\] = "\*": is every resource of the actions;/);
    expect(problemLines(withStatements({ actions: ['S3:x'], resources: ['*'] }))).toEqual([
      `[test] serviceAccounts[0].policyStatements[0].actions[0] = "S3:x": ${ACTION_FIX}`,
    ]);
    expect(problemLines(withStatements({ actions: [], resources: ['*'] }))).toEqual([
      '[test] serviceAccounts[0].policyStatements[0].actions = []: list at least one action such as "s3:PutObject"',
    ]);
    expect(problemLines(withStatements({ actions: ['s3:Get*'], resources: [] }))).toEqual([
      '[test] serviceAccounts[0].policyStatements[0].resources = []: list at least one resource ARN',
    ]);
    expect(problemLines(withStatements({ actions: ['s3:Get*'], resources: ['*', 'x'] }))).toEqual([
      '[test] serviceAccounts[0].policyStatements[0].resources[1] = "x": must be an ARN in partition "aws" (arn:aws:...)',
    ]);
  });

  test.each(['s3:Get*', 's3:Get?bject', 's3:*'])('the action %s has the shape; the wildcard rules judge it', (action) => {
    const lines = problemLines(withStatements({ actions: [action], resources: [BUCKET] }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[test\] serviceAccounts\[0\]\.policyStatements\[0\]\.actions\[0\] = ".+": is a wildcard action/);
  });

  test('the wildcard rules report under the statement\'s field', () => {
    const lines = problemLines(withStatements({ actions: ['s3:GetObject'], resources: [BUCKET] }, { actions: ['s3:Get*'], resources: [BUCKET] }));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[test\] serviceAccounts\[0\]\.policyStatements\[1\]\.actions\[0\] = "s3:Get\*": is a wildcard action/);
  });

  test('statements are checked even next to another permission source', () => {
    expect(problemLines(withSas(sa({ policyStatements: [{ actions: ['x'], resources: [BUCKET] }] })))).toEqual([
      `[test] serviceAccounts[0] = ["policyStatements","managedPolicyNames"]: ${ONE_SOURCE}`,
      `[test] serviceAccounts[0].policyStatements[0].actions[0] = "x": ${ACTION_FIX}`,
    ]);
  });
});
