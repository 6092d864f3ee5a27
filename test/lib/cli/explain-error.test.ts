/**
 * Errors as sentences: the SDK's own exception classes and Kubernetes errors (pure table), and
 * the real SDK clients against the AWS stand-in with credentials it does not know, a secret that
 * does not match, and a role it refuses to let the caller assume.
 */
import { AccessDeniedException } from '@aws-sdk/client-eks';
import { ExpiredTokenException } from '@aws-sdk/client-sts';
import { ClusterNotFoundError } from '../../../lambda/edge/aws-errors';
import { createAwsEdge } from '../../../lambda/edge/aws';
import { KubeApiError } from '../../../lambda/edge/kube-errors';
import { validateEnvironment } from '../../../lib/config/validate';
import { CREDENTIAL_KINDS, credentialsHelp, explainCliError } from '../../../lib/cli/explain-error';
import type { CliErrorKind } from '../../../lib/cli/explain-error';
import { permissionsSentence } from '../../../lib/cli/permissions';
import { TEST_IDENTITIES } from '../../support/identities';
import type { CliSetup } from './cli-setup';
import { ACCOUNT, CLUSTER, REGION, role, startCliSetup, testEnvironment } from './cli-setup';

const env = validateEnvironment(testEnvironment());
/** The same environment with a verifier role (roles that may assume it declared). */
const verified = validateEnvironment(testEnvironment({ verifierTrustedRoleArns: [role('pipeline-verify-step')] }));
const VERIFIER = `arn:aws:iam::${ACCOUNT}:role/${CLUSTER}-verifier`;
const named = (name: string, message: string) => Object.assign(new Error(message), { name });
const meta = { $metadata: {} };

describe('explainCliError', () => {
  test.each<[string, unknown, CliErrorKind, string]>([
    ['no credentials (the default chain)', named('CredentialsProviderError', 'Could not load credentials from any providers'), 'no-credentials',
      `no usable AWS credentials for account ${ACCOUNT} were found (Could not load credentials from any providers); see below how to give them`],
    ['an expired session (STS)', new ExpiredTokenException({ message: 'The security token included in the request is expired', ...meta }), 'expired',
      'AWS refused the credentials as expired (ExpiredTokenException: The security token included in the request is expired); sign in again (for SSO: aws sso login) or refresh the keys, then run the command again'],
    ['an expired session (EKS, unmodeled)', named('ExpiredTokenException', 'The security token included in the request is expired'), 'expired',
      'AWS refused the credentials as expired (ExpiredTokenException: The security token included in the request is expired); sign in again (for SSO: aws sso login) or refresh the keys, then run the command again'],
    ['an unknown key', named('UnrecognizedClientException', 'The security token included in the request is invalid.'), 'unrecognized',
      'AWS does not recognize the credentials (UnrecognizedClientException: The security token included in the request is invalid); the access key is unknown, revoked or from another partition, or the secret key does not match it'],
    ['DescribeCluster denied', new AccessDeniedException({ message: 'User: x is not authorized to perform: eks:DescribeCluster', ...meta }), 'denied',
      `AWS refused the call (AccessDeniedException: User: x is not authorized to perform: eks:DescribeCluster); ${permissionsSentence('plan', { clusterNames: [CLUSTER] })}`],
    ['no region', new Error('Region is missing'), 'no-region', 'the AWS SDK got no region (Region is missing); set region of environment "test" in the config'],
    ['a missing cluster', new ClusterNotFoundError(CLUSTER, REGION), 'cluster-not-found',
      `EKS cluster "${CLUSTER}" was not found in region ${REGION}; check clusterName and region of environment "test" in the config, and that your AWS credentials are for account ${ACCOUNT}`],
    ['Kubernetes 401', new KubeApiError('GET /x', 401, { reason: 'Unauthorized' }), 'kube-unauthenticated',
      `Kubernetes did not accept your AWS identity on cluster ${CLUSTER} (401 Unauthorized): no aws-auth entry or access entry maps it; map your role or user in config (people, existingRoles or users) and deploy the environment`],
    ['anything else', new Error('socket hang up.'), 'other', 'socket hang up'],
  ])('%s', (_, error, kind, message) => {
    expect(explainCliError(error, { command: 'plan', env })).toEqual({ kind, message });
  });

  test('with a verifier role, Kubernetes 401 and 403 suggest --assume-role with it', () => {
    const suggestion = `run with --assume-role ${VERIFIER} (the environment's verifier role; its group holds exactly what plan's Kubernetes reads and verify need), or `;
    expect(explainCliError(new KubeApiError('GET /x', 401, { reason: 'Unauthorized' }), { command: 'verify', env: verified }).message)
      .toContain(`maps it; ${suggestion}map your role or user in config`);
    expect(explainCliError(new KubeApiError('GET /x', 403, { reason: 'Forbidden' }), { command: 'verify', env: verified, identity: 'arn:aws:iam::111122223333:user/me' }).message).toBe(
      `Kubernetes signed arn:aws:iam::111122223333:user/me in but refused a request on cluster ${CLUSTER} (Kubernetes API GET /x failed: HTTP 403 Forbidden); `
      + 'verify needs Kubernetes get configmaps kube-system/aws-auth; get configmaps kube-system/amazon-vpc-cni (with networkPolicyEnforcement); '
      + `create subjectaccessreviews.authorization.k8s.io (cluster-wide); ${suggestion}bind your group to them`,
    );
  });

  test('AssumeRole denied names the role and the trust to fix', () => {
    const error = named('AccessDenied', `User: u is not authorized to perform: sts:AssumeRole on resource: ${VERIFIER}`);
    expect(explainCliError(error, { command: 'verify', env, assumeRole: VERIFIER }).message).toBe(
      `AWS refused to let your credentials assume ${VERIFIER} (User: u is not authorized to perform: sts:AssumeRole on resource: ${VERIFIER}); `
      + `the role's trust policy must name your identity, and your identity needs sts:AssumeRole on the role`,
    );
  });

  test('credential kinds get the how-to, others do not', () => {
    expect(CREDENTIAL_KINDS).toEqual(['no-credentials', 'expired', 'unrecognized', 'denied', 'no-region']);
  });
});

describe('credentialsHelp', () => {
  test('the example leaves out a --profile that was given', () => {
    expect(credentialsHelp({ command: 'plan', args: ['--profile', 'ops', '--all'] }, [env])[1]).toMatch(/^ {2}- a profile: npm run eks-access -- plan --all --profile NAME, /);
  });

  test('profiles, SSO, keys, --assume-role with the verifier role, and the permissions', () => {
    expect(credentialsHelp({ command: 'verify', args: ['--env', 'test'] }, [verified])).toEqual([
      `AWS credentials: eks-access uses the AWS SDK's default chain and needs credentials for account ${ACCOUNT}. Give them one of these ways:`,
      '  - a profile: npm run eks-access -- verify --env test --profile NAME, or AWS_PROFILE=NAME (profiles are read from ~/.aws/config and ~/.aws/credentials)',
      '  - IAM Identity Center (SSO): aws sso login --profile NAME, then --profile NAME as above (an expired SSO session needs the same login)',
      '  - keys: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, plus AWS_SESSION_TOKEN for temporary keys',
      `  - a role: --assume-role ROLE_ARN makes the EKS and Kubernetes calls as that role, for example ${VERIFIER}, the verifier role of environment "test"; your own credentials still sign the sts:AssumeRole call`,
      permissionsSentence('verify', { clusterNames: [CLUSTER] }),
    ]);
  });

  test('no verifier role: no example role', () => {
    expect(credentialsHelp({ command: 'plan', args: ['--all'] }, [env])[4])
      .toBe('  - a role: --assume-role ROLE_ARN makes the EKS and Kubernetes calls as that role; your own credentials still sign the sts:AssumeRole call');
  });
});

describe('through the real SDK clients against the stand-ins', () => {
  let s: CliSetup;
  beforeAll(async () => {
    s = await startCliSetup();
  });
  afterAll(async () => {
    await s.close();
  });
  const as = (credentials: { accessKeyId: string; secretAccessKey: string }) => ({ aws: (region: string) => createAwsEdge(region, async () => credentials) });

  test('an access key AWS does not know: exit 1, the sentence, then the how-to once; no stack trace', async () => {
    const run = await s.run(['plan', '--env', 'test'], undefined, as({ accessKeyId: 'AKIDUNKNOWN000000001', secretAccessKey: 'nope' }));
    expect(run.code).toBe(1);
    expect(run.out).toEqual([]);
    expect(run.err).toEqual([
      `test: plan ${CLUSTER} in ${REGION} (account ${ACCOUNT})...`,
      'test: AWS does not recognize the credentials (UnrecognizedClientException: The security token included in the request is invalid); '
        + 'the access key is unknown, revoked or from another partition, or the secret key does not match it',
      ...credentialsHelp({ command: 'plan', args: ['--env', 'test'] }, [env]),
    ]);
  });

  test('a secret that does not match the key', async () => {
    const run = await s.run(['verify', '--env', 'test'], undefined, as({ accessKeyId: TEST_IDENTITIES.deployer.accessKeyId, secretAccessKey: 'wrong' }));
    expect(run.code).toBe(1);
    expect(run.err[1]).toMatch(/^test: AWS does not recognize the credentials \(InvalidSignatureException: The request signature we calculated does not match/);
    expect(run.err).toContain('  - keys: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, plus AWS_SESSION_TOKEN for temporary keys');
  });

  test('--assume-role of a role the caller may not assume names the role', async () => {
    const refused = role('not-trusted');
    const run = await s.run(['verify', '--env', 'test', '--assume-role', refused]);
    expect(run.code).toBe(1);
    expect(run.err[1]).toBe(`test: AWS refused to let your credentials assume ${refused} (User: ${TEST_IDENTITIES.deployer.arn} is not authorized to perform: sts:AssumeRole on resource: ${refused}); `
      + 'the role\'s trust policy must name your identity, and your identity needs sts:AssumeRole on the role');
    expect(run.err.at(-1)).toBe(permissionsSentence('verify', { clusterNames: [CLUSTER], assumeRole: refused }));
  });

  test('an identity Kubernetes does not know: 401 explained with the identity GetCallerIdentity names', async () => {
    const index = s.harness.kubeIdentities.indexOf(TEST_IDENTITIES.deployer);
    s.harness.kubeIdentities.splice(index, 1);
    try {
      const run = await s.run(['verify', '--env', 'test']);
      expect(run.code).toBe(1);
      expect(run.err).toEqual([
        `test: verify ${CLUSTER} in ${REGION} (account ${ACCOUNT})...`,
        `test: Kubernetes did not accept ${TEST_IDENTITIES.deployer.arn} on cluster ${CLUSTER} (401 Unauthorized): no aws-auth entry or access entry maps it; `
          + 'map your role or user in config (people, existingRoles or users) and deploy the environment',
      ]);
    } finally {
      s.harness.kubeIdentities.splice(index, 0, TEST_IDENTITIES.deployer);
    }
  });
});
