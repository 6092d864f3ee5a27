/**
 * Config validation and cdk-nag agree on IRSA policy statements: every statement is built into
 * a role exactly as the Workloads stack builds it (IrsaServiceAccount + acknowledgeIrsaFindings),
 * bypassing config validation, and synthesized once with cdk-nag's AwsSolutions checks. For each
 * example, what config validation reports equals what cdk-nag still reports after the app's
 * acknowledgements (config is stricter only for `?`, an IAM wildcard cdk-nag does not see).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConfigValidationError } from '../../../lib/config/errors';
import type { PolicyStatementConfig, ServiceAccountConfig } from '../../../lib/config/types';
import { validateEnvironment } from '../../../lib/config/validate';
import { IrsaServiceAccount } from '../../../lib/constructs/irsa-service-account';
import { acknowledgeIrsaFindings } from '../../../lib/nag/workloads';
import { readNagFindings } from '../../../lib/nag/report';
import type { NagFinding } from '../../../lib/nag/report';
import { ACCOUNT, REGION, cliContext, envConfig } from '../../util';

const SECRET = (name: string) => `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}`;
const ROLE = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const KEY = (id: string) => `arn:aws:kms:${REGION}:${ACCOUNT}:key/${id}`;

/** label -> statements of one service account. */
const EXAMPLES: Array<[string, PolicyStatementConfig[]]> = [
  ['objects under a prefix', [{ actions: ['s3:GetObject', 's3:PutObject'], resources: ['arn:aws:s3:::bucket/uploads/*'] }]],
  ['one bucket\'s objects', [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::bucket/*'] }]],
  ['secrets under a name prefix', [{ actions: ['secretsmanager:GetSecretValue'], resources: [SECRET('dev/*')] }]],
  ['exact ARNs only', [{ actions: ['iam:PassRole'], resources: [ROLE('app-runner')] }, { actions: ['kms:Decrypt'], resources: [KEY('1234abcd-12ab-34cd-56ef-1234567890ab')] }]],
  ['iam:GetRole on a role path', [{ actions: ['iam:GetRole'], resources: [ROLE('team/*')] }]],
  ['s3:*', [{ actions: ['s3:*'], resources: ['arn:aws:s3:::bucket/uploads/*'] }]],
  ['s3:Get*', [{ actions: ['s3:Get*'], resources: ['arn:aws:s3:::bucket'] }]],
  ['kms:*', [{ actions: ['kms:*'], resources: [KEY('1234abcd-12ab-34cd-56ef-1234567890ab')] }]],
  ['secret:*', [{ actions: ['secretsmanager:GetSecretValue'], resources: [SECRET('*')] }]],
  ['role/*', [{ actions: ['iam:GetRole'], resources: [ROLE('*')] }]],
  ['key/*', [{ actions: ['kms:Decrypt'], resources: [KEY('*')] }]],
  ['a bare "*"', [{ actions: ['ec2:DescribeInstances'], resources: ['*'] }]],
  ['a "*" in the account', [{ actions: ['secretsmanager:GetSecretValue'], resources: [`arn:aws:secretsmanager:${REGION}:*:secret:dev/x`] }]],
  ['a "*" in the region', [{ actions: ['secretsmanager:GetSecretValue'], resources: [`arn:aws:secretsmanager:*:${ACCOUNT}:secret:dev/*`] }]],
  ['every bucket', [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::*'] }]],
  ['a "*" inside the name', [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::bucket/*/reports'] }]],
  ['iam:PassRole on a role prefix', [{ actions: ['iam:PassRole'], resources: [ROLE('app-*')] }]],
  ['sts:AssumeRole on a role path', [{ actions: ['sts:AssumeRole'], resources: [ROLE('team/*')] }]],
  ['a kms action on a key-id prefix', [{ actions: ['kms:Decrypt'], resources: [KEY('1234*')] }]],
  ['a resource fine alone, refused beside iam:PassRole in another statement', [
    { actions: ['iam:GetRole'], resources: [ROLE('team/*')] },
    { actions: ['iam:PassRole'], resources: [ROLE('team/*')] },
  ]],
  ['a wildcard action beside an acknowledged resource', [{ actions: ['s3:List*', 's3:GetObject'], resources: ['arn:aws:s3:::bucket/uploads/*'] }]],
  ['"?" (config only: cdk-nag does not see it)', [{ actions: ['iam:PassRole'], resources: [ROLE('app-??')] }]],
];

const saOf = (i: number, policyStatements: PolicyStatementConfig[]): ServiceAccountConfig => ({ namespace: 'apps', name: `sa-${i}`, policyStatements });

/** What config validation reports for one service account: the offending values. */
function configRejects(sa: ServiceAccountConfig): string[] {
  try {
    validateEnvironment(envConfig({ serviceAccounts: [sa] }));
    return [];
  } catch (e) {
    if (!(e instanceof ConfigValidationError)) throw e;
    return e.problems.map((p) => {
      expect(p.field).toMatch(/^serviceAccounts\[0\]\.policyStatements\[\d+\]\.(actions|resources)\[\d+\]$/);
      return String(p.value);
    });
  }
}

let findings: NagFinding[];
let outdir: string;

beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'nag-irsa-'));
  const app = new App({ outdir, context: cliContext() });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new Stack(app, 'Irsa', { env: { account: ACCOUNT, region: REGION } });
  const cluster = eks.Cluster.fromClusterAttributes(stack, 'Cluster', {
    clusterName: 'irsa-test',
    openIdConnectProvider: iam.OpenIdConnectProvider.fromOpenIdConnectProviderArn(stack, 'Oidc', `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.${REGION}.amazonaws.com/id/EXAMPLE`),
  });
  EXAMPLES.forEach(([, statements], i) => {
    const sa = saOf(i, statements);
    // As lib/stacks/workloads-stack.ts builds an IRSA role from config.
    const irsa = new IrsaServiceAccount(stack, `Irsa-${i}`, {
      cluster, namespace: sa.namespace, name: sa.name,
      statements: statements.map((s) => new iam.PolicyStatement({ actions: s.actions, resources: s.resources })),
    });
    acknowledgeIrsaFindings(irsa.role, sa);
  });
  try {
    app.synth();
  } catch {
    // Unacknowledged findings fail synth; the report lists them.
  }
  findings = readNagFindings(outdir);
});

afterAll(() => {
  fs.rmSync(outdir, { recursive: true, force: true });
});

/** The IAM5 values cdk-nag still reports on example `i`'s role. */
function nagRejects(i: number): string[] {
  return findings
    .filter((f) => f.path.startsWith(`Irsa/Irsa-${i}/`) && f.rule.startsWith('AwsSolutions-IAM5['))
    .map((f) => f.rule.replace(/^AwsSolutions-IAM5\[(Action|Resource)::(.*)\]$/, '$2'));
}

describe('config validation catches exactly what cdk-nag would', () => {
  test('the synth produced findings, and only IAM5 ones on the IRSA roles', () => {
    const onRoles = findings.filter((f) => /^Irsa\/Irsa-\d+\//.test(f.path));
    expect(onRoles.length).toBeGreaterThan(0);
    expect(onRoles.every((f) => f.rule.startsWith('AwsSolutions-IAM5['))).toBe(true);
  });

  test.each(EXAMPLES.map(([label, statements], i) => [label, i, statements] as const))('%s', (label, i, statements) => {
    const byConfig = configRejects(saOf(i, [...statements])).sort();
    const byNag = nagRejects(i).sort();
    if (label.startsWith('"?"')) {
      expect(byNag).toEqual([]);
      expect(byConfig).toEqual([ROLE('app-??')]);
    } else {
      expect(byConfig).toEqual(byNag);
    }
  });

  test('accepted examples synth clean; every forbidden wildcard is still reported although acknowledgeIrsaFindings ran', () => {
    const clean = EXAMPLES.map(([label], i) => [label, nagRejects(i)] as const).filter(([, f]) => f.length === 0).map(([l]) => l);
    expect(clean).toEqual([
      'objects under a prefix', 'one bucket\'s objects', 'secrets under a name prefix', 'exact ARNs only', 'iam:GetRole on a role path',
      '"?" (config only: cdk-nag does not see it)',
    ]);
    const reported = (i: number) => nagRejects(i);
    const at = (label: string) => EXAMPLES.findIndex(([l]) => l === label);
    expect(reported(at('secret:*'))).toEqual([SECRET('*')]);
    expect(reported(at('role/*'))).toEqual([ROLE('*')]);
    expect(reported(at('key/*'))).toEqual([KEY('*')]);
    expect(reported(at('iam:PassRole on a role prefix'))).toEqual([ROLE('app-*')]);
    expect(reported(at('sts:AssumeRole on a role path'))).toEqual([ROLE('team/*')]);
    expect(reported(at('a resource fine alone, refused beside iam:PassRole in another statement'))).toEqual([ROLE('team/*')]);
    expect(reported(at('a wildcard action beside an acknowledged resource'))).toEqual(['s3:List*']);
  });
});
