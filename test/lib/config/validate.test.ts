import { ENVIRONMENTS } from '../../../lib/config/environments';
import { ConfigValidationError, formatProblem } from '../../../lib/config/errors';
import type { EnvironmentConfig } from '../../../lib/config/types';
import { validateEnvironment, validateEnvironments } from '../../../lib/config/validate';
import { Groups } from '../../../lib/k8s/groups';
import { problemLines } from './problem-lines';
import { ACCOUNT, envConfig, namespaceConfig } from '../../config-fixtures';


const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const BREAK_GLASS_USER = `arn:aws:iam::${ACCOUNT}:user/break-glass`;
const DEFAULT_SA = envConfig().serviceAccounts[0];
const RESERVED = (prefix: string, group = false) => `is a reserved Kubernetes identity (prefix "${prefix}"), which Kubernetes and EKS components use and RBAC can give real power; use a name without the reserved prefixes system:, eks:, aws:, amazon:, iam:${group ? ' (and bind it with RBAC)' : ''}`;
const NODE_ROLE_FIX = 'a node role must map to username "system:node:{{EC2PrivateDNSName}}" with exactly the groups system:bootstrappers and system:nodes (Windows nodes add eks:kube-proxy-windows)';
const NS_LABEL = 'must be a DNS-1123 label (lower-case letters, digits, "-"; at most 63), for example "payments"';
const ACCOUNT_FIX = 'must be the 12-digit AWS account id of the environment, as a string, for example "111122223333"';
const VERSION_FIX = 'is not supported; use one of "1.34", "1.35", "1.36" (each has a pinned vpc-cni add-on version in lib/config/versions.ts)';

describe('the shipped environments', () => {
  test('validate', () => {
    expect(() => validateEnvironments(ENVIRONMENTS)).not.toThrow();
  });

  test('resolve with their defaults applied', () => {
    const resolved = validateEnvironments(ENVIRONMENTS);
    expect(resolved.map((e) => [e.name, e.clusterName, e.partition])).toEqual([
      ['dev', 'eks-access-dev', 'aws'],
      ['staging', 'eks-access-staging', 'aws'],
      ['prod', 'eks-access-prod', 'aws'],
    ]);
    for (const env of resolved) {
      for (const person of env.people) {
        expect(person.trustedPrincipals.length).toBeGreaterThan(0);
        expect(person.maxSessionHours).toBe(1);
      }
    }
  });
});

test('the minimal fixture validates, and defaults are applied', () => {
  const resolved = validateEnvironment(envConfig());
  expect(resolved).toEqual(expect.objectContaining({
    clusterName: 'eks-access-test', partition: 'aws', allowClusterAdmin: false, existingRoles: [], users: [],
  }));
  expect(resolved.people[0]).toEqual(expect.objectContaining({ trustedPrincipals: [ACCOUNT], maxSessionHours: 1 }));
  expect(resolved.namespaces[0]).toEqual(expect.objectContaining({ podSecurity: 'restricted', developerAccess: true, allow: [] }));
});

test('the same principal mapped twice identically is accepted', () => {
  expect(() => validateEnvironment(envConfig({
    existingRoles: [{ arn: role('test_developer'), username: 'developer', groups: [Groups.developer] }],
  }))).not.toThrow();
});

test('system:masters is accepted with allowClusterAdmin: true and a trust of explicit ARNs', () => {
  expect(() => validateEnvironment(envConfig({
    allowClusterAdmin: true,
    people: [{ roleName: 'admin', username: 'admin', groups: [Groups.clusterAdmin], trustedPrincipals: [role('platform-admin'), BREAK_GLASS_USER] }],
  }))).not.toThrow();
});

interface InvalidCase {
  readonly label: string;
  readonly config: EnvironmentConfig;
  readonly lines: string[];
}

const invalid: InvalidCase[] = [
  // --- environment --------------------------------------------------------------------------
  {
    label: 'missing region',
    config: envConfig({ region: undefined as unknown as string }),
    lines: ['[test] region = (missing): must be an AWS region such as "eu-west-1"'],
  },
  {
    label: 'bad region',
    config: envConfig({ region: 'europe-west1' }),
    lines: ['[test] region = "europe-west1": must be an AWS region such as "eu-west-1"'],
  },
  {
    label: 'Kubernetes version 1.20 (too old)',
    config: envConfig({ kubernetesVersion: '1.20' }),
    lines: [`[test] kubernetesVersion = "1.20": ${VERSION_FIX}`],
  },
  {
    label: 'Kubernetes version 1.99 (unknown)',
    config: envConfig({ kubernetesVersion: '1.99' }),
    lines: [`[test] kubernetesVersion = "1.99": ${VERSION_FIX}`],
  },
  // --- principals -----------------------------------------------------------------------------
  {
    label: 'malformed role ARN',
    config: envConfig({ existingRoles: [{ arn: 'arn:aws:iam::12345:role/ops', username: 'ops', groups: [] }] }),
    lines: ['[test] existingRoles[0].arn = "arn:aws:iam::12345:role/ops": "arn:aws:iam::12345:role/ops" is not an IAM role ARN; write it as arn:aws:iam::123456789012:role/NAME'],
  },
  {
    label: 'wrong-partition ARN (arn:aws-cn in eu-west-1)',
    config: envConfig({ existingRoles: [{ arn: 'arn:aws-cn:iam::123456789012:role/ops', username: 'ops', groups: [] }] }),
    lines: ['[test] existingRoles[0].arn = "arn:aws-cn:iam::123456789012:role/ops": is in partition "aws-cn" but the environment\'s region is in "aws"; use arn:aws:iam::...'],
  },
  {
    label: 'assumed-role (STS) ARN: the message suggests the role ARN',
    config: envConfig({ existingRoles: [{ arn: 'arn:aws:sts::123456789012:assumed-role/Admin/jane', username: 'admin-jane', groups: [] }] }),
    lines: ['[test] existingRoles[0].arn = "arn:aws:sts::123456789012:assumed-role/Admin/jane": "arn:aws:sts::123456789012:assumed-role/Admin/jane" is an STS assumed-role session, not a role; map the role itself: arn:aws:iam::123456789012:role/Admin'],
  },
  {
    label: 'assumed-role (STS) ARN as a trusted principal of a people role',
    config: envConfig({ people: [{ roleName: 'dev', username: 'developer', groups: [], trustedPrincipals: ['arn:aws:sts::123456789012:assumed-role/Admin/jane'] }] }),
    lines: ['[test] people[0].trustedPrincipals[0] = "arn:aws:sts::123456789012:assumed-role/Admin/jane": "arn:aws:sts::123456789012:assumed-role/Admin/jane" is an STS assumed-role session, not a role; map the role itself: arn:aws:iam::123456789012:role/Admin'],
  },
  {
    label: 'service-linked role',
    config: envConfig({ existingRoles: [{ arn: role('aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS'), username: 'eks', groups: [] }] }),
    lines: [`[test] existingRoles[0].arn = "${role('aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS')}": "${role('aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS')}" is a service-linked role; AWS manages its access, do not map it`],
  },
  {
    label: 'a user ARN given as a role',
    config: envConfig({ existingRoles: [{ arn: `arn:aws:iam::${ACCOUNT}:user/jane`, username: 'jane', groups: [] }] }),
    lines: [`[test] existingRoles[0].arn = "arn:aws:iam::${ACCOUNT}:user/jane": "arn:aws:iam::${ACCOUNT}:user/jane" is an IAM user ARN where an IAM role ARN is expected; map users under users/mapUsers`],
  },
  {
    label: 'a role ARN given as a user',
    config: envConfig({ users: [{ arn: role('ops'), username: 'ops', groups: [] }] }),
    lines: [`[test] users[0].arn = "${role('ops')}": "${role('ops')}" is an IAM role ARN where an IAM user ARN is expected; map roles under roles/mapRoles`],
  },
  {
    label: 'people role and existingRoles map the same role with different usernames',
    config: envConfig({ existingRoles: [{ arn: role('test_developer'), username: 'dev2', groups: [Groups.developer] }] }),
    lines: [`[test] existingRoles[0] = "${role('test_developer')}": is also mapped by people[0] as "developer" [developer] but here as "dev2" [developer]; map each principal once`],
  },
  {
    label: 'people role and existingRoles map the same role with different groups',
    config: envConfig({ existingRoles: [{ arn: role('test_developer'), username: 'developer', groups: [Groups.reader] }] }),
    lines: [`[test] existingRoles[0] = "${role('test_developer')}": is also mapped by people[0] as "developer" [developer] but here as "developer" [reader]; map each principal once`],
  },
  {
    label: 'the same role mapped twice, once with an IAM path and in other case',
    config: envConfig({
      existingRoles: [
        { arn: role('team/Ops'), username: 'ops', groups: [Groups.reader] },
        { arn: role('ops'), username: 'ops', groups: [Groups.developer] },
      ],
    }),
    lines: [`[test] existingRoles[1] = "${role('ops')}": is also mapped by existingRoles[0] as "ops" [reader] but here as "ops" [developer]; map each principal once`],
  },
  {
    label: 'the same user mapped twice differently',
    config: envConfig({
      users: [
        { arn: `arn:aws:iam::${ACCOUNT}:user/jane`, username: 'jane', groups: [Groups.reader] },
        { arn: `arn:aws:iam::${ACCOUNT}:user/jane`, username: 'jane', groups: [Groups.developer] },
      ],
    }),
    lines: [`[test] users[1] = "user:arn:aws:iam::${ACCOUNT}:user/jane": is also mapped by users[0] as "jane" [reader] but here as "jane" [developer]; map each principal once`],
  },
  // --- groups and usernames -------------------------------------------------------------------
  {
    label: 'reserved group system:nodes without nodeRole',
    config: envConfig({ existingRoles: [{ arn: role('nodes'), username: 'node', groups: [Groups.nodes] }] }),
    lines: ['[test] existingRoles[0].groups[0] = "system:nodes": is reserved for node roles; declare the role under existingRoles with nodeRole: true'],
  },
  {
    label: 'system:masters without allowClusterAdmin (says set allowClusterAdmin: true)',
    config: envConfig({ people: [{ roleName: 'admin', username: 'admin', groups: [Groups.clusterAdmin], trustedPrincipals: [role('platform-admin')] }] }),
    lines: ['[test] people[0].groups[0] = "system:masters": grants cluster-admin; set allowClusterAdmin: true for this environment if that is intended, otherwise use "reader" or "developer"'],
  },
  {
    label: 'another system: group',
    config: envConfig({ people: [{ roleName: 'dev', username: 'developer', groups: ['system:authenticated'] }] }),
    lines: [`[test] people[0].groups[0] = "system:authenticated": ${RESERVED('system:', true)}`],
  },
  {
    label: 'reserved username prefix system:',
    config: envConfig({ people: [{ roleName: 'dev', username: 'system:admin', groups: [] }] }),
    lines: [`[test] people[0].username = "system:admin": ${RESERVED('system:')}`],
  },
  {
    label: 'reserved username prefix eks:',
    config: envConfig({ users: [{ arn: `arn:aws:iam::${ACCOUNT}:user/jane`, username: 'eks:jane', groups: [] }] }),
    lines: [`[test] users[0].username = "eks:jane": ${RESERVED('eks:')}`],
  },
  {
    label: 'reserved group prefix, any case (AWS:admins), the same rule as the handler',
    config: envConfig({ users: [{ arn: `arn:aws:iam::${ACCOUNT}:user/jane`, username: 'jane', groups: ['AWS:admins'] }] }),
    lines: [`[test] users[0].groups[0] = "AWS:admins": ${RESERVED('aws:', true)}`],
  },
  {
    label: 'a reserved controller identity (system:kube-controller-manager)',
    config: envConfig({ existingRoles: [{ arn: role('ctl'), username: 'system:kube-controller-manager', groups: [] }] }),
    lines: [`[test] existingRoles[0].username = "system:kube-controller-manager": ${RESERVED('system:')}`],
  },
  {
    label: 'a control character in a group (the authenticator would drop every role mapping)',
    config: envConfig({ people: [{ roleName: 'dev', username: 'developer', groups: ['dev\u0007ops'] }] }),
    lines: [`[test] people[0].groups[0] = "dev\\u0007ops": cannot be written to aws-auth as it is: it contains U+0007 at position 4, a control character, which the authenticator's YAML reader refuses unless escaped; use printable characters without leading or trailing spaces (at most 1024)`],
  },
  {
    label: 'a caller-chosen session name before the first colon',
    config: envConfig({ existingRoles: [{ arn: role('sso'), username: '{{SessionName}}:x', groups: [] }] }),
    lines: ['[test] existingRoles[0].username = "{{SessionName}}:x": starts with {{SessionName}}, which the caller chooses (its session name), before its first ":", so it can render to a reserved name such as "system:..."; put a literal prefix of your own first, for example "sso:{{SessionName}}:x"'],
  },
  {
    label: 'a node role with only system:nodes (not the node shape)',
    config: envConfig({ existingRoles: [{ arn: role('nodes'), username: 'system:node:{{EC2PrivateDNSName}}', groups: [Groups.nodes], nodeRole: true }] }),
    lines: [`[test] existingRoles[0] = {"username":"system:node:{{EC2PrivateDNSName}}","groups":["system:nodes"]}: ${NODE_ROLE_FIX}`],
  },
  {
    label: 'the node shape without nodeRole: true',
    config: envConfig({ existingRoles: [{ arn: role('nodes'), username: 'system:node:{{EC2PrivateDNSName}}', groups: [Groups.bootstrappers, Groups.nodes] }] }),
    lines: ['[test] existingRoles[0].groups = ["system:bootstrappers","system:nodes"]: is the node mapping shape; declare the role under existingRoles with nodeRole: true'],
  },
  // --- namespaces and service accounts --------------------------------------------------------
  {
    label: 'namespace "Payments" (upper case)',
    config: envConfig({ namespaces: [namespaceConfig('apps'), namespaceConfig('Payments')] }),
    lines: [`[test] namespaces[1].name = "Payments": ${NS_LABEL}`],
  },
  {
    label: 'namespace "a_b" (underscore)',
    config: envConfig({ namespaces: [namespaceConfig('apps'), namespaceConfig('a_b')] }),
    lines: [`[test] namespaces[1].name = "a_b": ${NS_LABEL}`],
  },
  {
    label: 'kube-system as a workload namespace',
    config: envConfig({ namespaces: [namespaceConfig('apps'), namespaceConfig('kube-system')] }),
    lines: ['[test] namespaces[1].name = "kube-system": is a system namespace; a default-deny baseline would break it, declare a workload namespace instead'],
  },
  {
    label: 'service-account name not a DNS-1123 subdomain',
    config: envConfig({ serviceAccounts: [{ ...DEFAULT_SA, name: 'Worker_1' }] }),
    lines: ['[test] serviceAccounts[0].name = "Worker_1": must be a DNS-1123 subdomain (lower-case letters, digits, "-" and "."), for example "uploader"'],
  },
  {
    label: 'service account in an undeclared namespace',
    config: envConfig({ serviceAccounts: [{ ...DEFAULT_SA, namespace: 'billing' }] }),
    lines: ['[test] serviceAccounts[0].namespace = "billing": is not declared under namespaces; declare it or use one of apps, kube-system'],
  },
  {
    label: 'service account with no permission source',
    config: envConfig({ serviceAccounts: [{ namespace: 'apps', name: 'worker' }] }),
    lines: ['[test] serviceAccounts[0] = []: set exactly one of policyStatements, managedPolicyNames or roleArn'],
  },
  {
    label: 'service account with two permission sources',
    config: envConfig({ serviceAccounts: [{ ...DEFAULT_SA, roleArn: role('worker') }] }),
    lines: ['[test] serviceAccounts[0] = ["policyStatements","roleArn"]: set exactly one of policyStatements, managedPolicyNames or roleArn'],
  },
  {
    label: 'bare "*" action',
    config: envConfig({ serviceAccounts: [{ ...DEFAULT_SA, policyStatements: [{ actions: ['*'], resources: ['arn:aws:s3:::test-bucket/*'] }] }] }),
    lines: ['[test] serviceAccounts[0].policyStatements[0].actions[0] = "*": must be "service:Action" (no bare "*"), for example "s3:PutObject"'],
  },
  {
    label: 'duplicate allow-rule name',
    config: envConfig({
      namespaces: [namespaceConfig('apps', {
        allow: [
          { name: 'to-db', direction: 'egress', cidrs: ['10.1.0.0/16'] },
          { name: 'to-db', direction: 'egress', cidrs: ['10.2.0.0/16'] },
        ],
      })],
    }),
    lines: ['[test] namespaces[0].allow[1].name = "to-db": is used by another allow rule of this namespace; names must be unique'],
  },
  {
    label: 'the reserved allow-rule name dns-egress',
    config: envConfig({ namespaces: [namespaceConfig('apps', { allow: [{ name: 'dns-egress', direction: 'egress', cidrs: ['10.0.0.2/32'] }] })] }),
    lines: ['[test] namespaces[0].allow[0].name = "dns-egress": is reserved for the built-in DNS egress policy; choose another name'],
  },
  // --- capacity and network -------------------------------------------------------------------
  {
    label: 'node group with maxSize < minSize',
    config: envConfig({ nodeGroups: [{ name: 'general', instanceTypes: ['m6i.large'], minSize: 3, maxSize: 2, desiredSize: 2 }] }),
    lines: [
      '[test] nodeGroups[0].maxSize = 2: must be a whole number >= 1 and >= minSize',
      '[test] nodeGroups[0].desiredSize = 2: must lie between minSize and maxSize',
    ],
  },
  {
    label: 'no node groups',
    config: envConfig({ nodeGroups: [] }),
    lines: ['[test] nodeGroups = []: declare at least one managed node group'],
  },
  {
    label: 'vpc with both cidr and vpcId',
    config: envConfig({ vpc: { cidr: '10.0.0.0/16', vpcId: 'vpc-0123456789abcdef0' } as unknown as EnvironmentConfig['vpc'] }),
    lines: ['[test] vpc = {"cidr":"10.0.0.0/16","vpcId":"vpc-0123456789abcdef0"}: set exactly one of "cidr" (new VPC) or "vpcId" (existing VPC)'],
  },
];

describe('invalid account', () => {
  const cases: Array<[string, EnvironmentConfig, string]> = [
    ['missing', envConfig({ account: undefined as unknown as string }), `[test] account = (missing): ${ACCOUNT_FIX}`],
    ['non-numeric', envConfig({ account: '1111-2222-3333' }), `[test] account = "1111-2222-3333": ${ACCOUNT_FIX}`],
  ];

  test.each(cases)('%s account is reported with the fix', (_, config, line) => {
    expect(problemLines(config)).toContain(line);
  });

  // Regression: a people role without trustedPrincipals defaults to the account; a bad account
  // must be reported once, under "account", not again on a field the user never wrote.
  it('a bad account is reported once, not again as a trusted principal nobody wrote', () => {
    for (const [, config, line] of cases) expect(problemLines(config)).toEqual([line]);
  });
});

describe('invalid config', () => {
  test.each(invalid)('$label', ({ config, lines }) => {
    expect(problemLines(config)).toEqual(lines);
  });

  test('the error message lists every problem line under a header naming the source', () => {
    const { config, lines } = invalid[0];
    expect(() => validateEnvironments([config])).toThrow(ConfigValidationError);
    try {
      validateEnvironments([config], 'test/config.ts');
    } catch (e) {
      expect((e as Error).message).toBe(`Invalid environment config (test/config.ts), 1 problem(s):\n  - ${lines[0]}`);
      expect((e as Error).name).toBe('ConfigValidationError');
    }
    expect.assertions(3);
  });
});

test('duplicate environment names', () => {
  expect(problemLines(envConfig(), envConfig())).toEqual([
    '[*] environments[1].name = "test": duplicates environments[0]; give each environment its own name',
  ]);
});

test('several problems in one config are all reported at once, across environments', () => {
  const broken = envConfig({
    account: 'abc',
    region: 'mars-1',
    nodeGroups: [],
    namespaces: [namespaceConfig('apps'), namespaceConfig('Payments')],
    people: [{ roleName: 'admin', username: 'admin', groups: [Groups.clusterAdmin] }],
  });
  const other = envConfig({ name: 'other', kubernetesVersion: '1.20' });
  let error: ConfigValidationError | undefined;
  try {
    validateEnvironments([broken, other]);
  } catch (e) {
    error = e as ConfigValidationError;
  }
  expect(error).toBeInstanceOf(ConfigValidationError);
  const lines = (error as ConfigValidationError).problems.map(formatProblem);
  expect(lines).toEqual(expect.arrayContaining([
    `[test] account = "abc": ${ACCOUNT_FIX}`,
    '[test] region = "mars-1": must be an AWS region such as "eu-west-1"',
    '[test] nodeGroups = []: declare at least one managed node group',
    '[test] people[0].groups[0] = "system:masters": grants cluster-admin; set allowClusterAdmin: true for this environment if that is intended, otherwise use "reader" or "developer"',
    `[test] namespaces[1].name = "Payments": ${NS_LABEL}`,
    `[other] kubernetesVersion = "1.20": ${VERSION_FIX}`,
  ]));
  for (const line of lines) expect((error as Error).message).toContain(`  - ${line}`);
  expect((error as Error).message).toMatch(new RegExp(`^Invalid environment config \\(lib/config/environments\\.ts\\), ${lines.length} problem\\(s\\):\\n`));
});

describe('IRSA policy statements: every wildcard cdk-nag would fail synth on is reported with its field and fix', () => {
  const sa = (name: string, policyStatements: Array<{ actions: string[]; resources: string[] }>) => ({ namespace: 'apps', name, policyStatements });
  const SECRETS = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:*`;

  test('a wildcard action, secret:*, role/* with iam:PassRole and a bare "*" in the second service account', () => {
    const config = envConfig({
      serviceAccounts: [
        DEFAULT_SA,
        sa('worker-2', [
          { actions: ['s3:Get*'], resources: ['arn:aws:s3:::test-bucket/uploads/*'] },
          { actions: ['secretsmanager:GetSecretValue'], resources: [SECRETS] },
          { actions: ['iam:PassRole'], resources: [`arn:aws:iam::${ACCOUNT}:role/*`, role('app-*')] },
          { actions: ['ec2:DescribeInstances'], resources: ['*'] },
        ]),
      ],
    });
    const nag = 'cdk-nag (AwsSolutions-IAM5) fails synth on it and this app acknowledges only a "*" after a literal name prefix';
    const fix = 'end the ARN in one "*" after a literal name prefix, for example arn:aws:s3:::my-bucket/uploads/* or '
      + 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:my-app/*, or list the exact ARNs';
    expect(problemLines(config)).toEqual([
      '[test] serviceAccounts[1].policyStatements[0].actions[0] = "s3:Get*": is a wildcard action: it grants every s3 action it matches, now and as AWS adds them, '
        + 'and cdk-nag (AwsSolutions-IAM5) fails synth on it, which this app never acknowledges; list the exact actions the workload calls, for example "s3:GetObject" instead of "s3:Get*"',
      `[test] serviceAccounts[1].policyStatements[1].resources[0] = "${SECRETS}": has no literal name before the "*", so it matches every secret of the account; ${nag}; ${fix}`,
      `[test] serviceAccounts[1].policyStatements[2].resources[0] = "arn:aws:iam::${ACCOUNT}:role/*": has no literal name before the "*", so it matches every role of the account; ${nag}; ${fix}`,
      `[test] serviceAccounts[1].policyStatements[2].resources[1] = "${role('app-*')}": is a wildcard resource in a statement with "iam:PassRole", which would let the pod pass or assume `
        + 'every matching role or use every matching KMS key; cdk-nag (AwsSolutions-IAM5) fails synth on it and this app never acknowledges it there; '
        + 'list the exact role or key ARNs (move other actions to a statement of their own)',
      `[test] serviceAccounts[1].policyStatements[3].resources[0] = "*": is every resource of the actions; ${nag}; name the resources, for example arn:aws:s3:::my-bucket/uploads/*; `
        + 'for an action without resource-level permissions, give the service account an existing role (roleArn) whose policy its owner reviews',
    ]);
  });

  test('no problem names a bare nag id without its field and fix', () => {
    const config = envConfig({ serviceAccounts: [sa('w', [{ actions: ['kms:*'], resources: [`arn:aws:kms:eu-west-1:${ACCOUNT}:key/*`] }])] });
    const lines = problemLines(config);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^\[test\] serviceAccounts\[0\]\.policyStatements\[0\]\.(actions|resources)\[0\] = ".+": .+; (list|end) /);
  });

  test('a resource outside the partition is a shape problem, reported once', () => {
    const config = envConfig({ serviceAccounts: [sa('w', [{ actions: ['s3:GetObject'], resources: ['arn:aws-cn:s3:::b/*'] }])] });
    expect(problemLines(config)).toEqual(['[test] serviceAccounts[0].policyStatements[0].resources[0] = "arn:aws-cn:s3:::b/*": must be an ARN in partition "aws" (arn:aws:...)']);
  });

  test('statements with only acknowledged wildcards validate', () => {
    expect(() => validateEnvironment(envConfig({
      serviceAccounts: [sa('w', [
        { actions: ['s3:GetObject', 's3:PutObject'], resources: ['arn:aws:s3:::test-bucket/uploads/*'] },
        { actions: ['secretsmanager:GetSecretValue'], resources: [`arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:test/*`] },
        { actions: ['iam:PassRole'], resources: [role('app-runner')] },
      ])],
    }))).not.toThrow();
  });
});
