import { findEnvironment } from '../../../lib/sandbox/environments';
import { KUBECTL_COMMAND, UNSET_VARIABLES, renderInstructions, sandboxCommands, shellEnvironment, shellWord } from '../../../lib/sandbox/instructions';
import { sandboxPrincipals } from '../../../lib/sandbox/principals';

const dev = findEnvironment('dev');
const info = { env: dev, principals: sandboxPrincipals(dev), kubeUrl: 'https://127.0.0.1:40001', awsUrl: 'http://127.0.0.1:40002', deployed: false,
  kubeconfig: '/tmp/eks-access-sandbox-x/kubeconfig', kubeCacheDir: '/tmp/eks-access-sandbox-x/kube-cache' };

describe('shellWord', () => {
  test.each([
    ['AKIASANDBOXOPERATOR1', 'AKIASANDBOXOPERATOR1'],
    ['http://127.0.0.1:40002', 'http://127.0.0.1:40002'],
    ['a/b+c=d', 'a/b+c=d'],
    ['two words', `'two words'`],
    [`it's`, `'it'\\''s'`],
    ['$HOME', `'$HOME'`],
    ['', `''`],
  ])('%j -> %s', (value, word) => {
    expect(shellWord(value)).toBe(word);
  });
});

describe('renderInstructions', () => {
  const lines = renderInstructions(info);

  test('the export lines set exactly the shell environment, then the unset line', () => {
    const start = lines.findIndex((l) => l.startsWith('export '));
    const env = shellEnvironment(info);
    expect(lines.slice(start, start + Object.keys(env).length + 1)).toEqual([
      ...Object.entries(env).map(([k, v]) => `export ${k}=${shellWord(v)}`),
      `unset ${UNSET_VARIABLES.join(' ')}`,
    ]);
    expect(env).toEqual({
      AWS_ENDPOINT_URL_EKS: info.awsUrl, AWS_ENDPOINT_URL_IAM: info.awsUrl, AWS_ENDPOINT_URL_STS: info.awsUrl,
      AWS_REGION: dev.region, AWS_ACCESS_KEY_ID: info.principals.operator.accessKeyId, AWS_SECRET_ACCESS_KEY: info.principals.operator.secretAccessKey,
      AWS_EC2_METADATA_DISABLED: 'true',
    });
  });

  test('names both endpoints, the node role seeded and every command with what it shows', () => {
    expect(lines.join('\n')).toContain(`Kubernetes API  ${info.kubeUrl}  HTTPS with the local test CA`);
    expect(lines.join('\n')).toContain(`EKS, STS, IAM   ${info.awsUrl}`);
    expect(lines).toContain(`  aws-auth        the EKS node-role entry arn:aws:iam::${dev.account}:role/${dev.clusterName}-node-general`);
    for (const c of sandboxCommands(dev)) expect(lines.some((l) => l.startsWith(c.command) && l.endsWith(`# ${c.shows}`))).toBe(true);
    expect(lines[lines.length - 1]).toBe('Ctrl-C stops the sandbox.');
  });

  test('the optional kubectl lines point at the sandbox\'s kubeconfig and cache', () => {
    const i = lines.indexOf(KUBECTL_COMMAND);
    expect(lines[i - 1]).toBe(`export KUBECONFIG=${info.kubeconfig} KUBECACHEDIR=${info.kubeCacheDir}`);
  });

  test('deployed: the seeded entries are named, and there is nothing to apply', () => {
    const deployed = renderInstructions({ ...info, deployed: true });
    expect(deployed.join('\n')).toMatch(/, and the \d+ entries a deploy of dev\/Access merges in/);
    expect(deployed.some((l) => l.includes('sandbox -- apply'))).toBe(false);
    expect(sandboxCommands(dev, true).map((c) => c.command)).toEqual([
      'npm run eks-access -- plan --env dev',
      'npm run eks-access -- verify --env dev',
      `npm run eks-access -- verify --env dev --assume-role arn:aws:iam::${dev.account}:role/${dev.clusterName}-verifier`,
    ]);
  });

  test('an environment without verifiers has no --assume-role line', () => {
    expect(sandboxCommands({ ...dev, verifierTrustedRoleArns: [] }).some((c) => c.command.includes('--assume-role'))).toBe(false);
  });
});
