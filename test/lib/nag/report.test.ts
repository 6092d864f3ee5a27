import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { acknowledge, managedPolicyFinding } from '../../../lib/nag/cluster';
import { readNagFindings } from '../../../lib/nag/report';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nag-report-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function writeReport(report: unknown): string {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'validation-report.json'), JSON.stringify(report));
  return dir;
}

describe('readNagFindings', () => {
  test('returns every violating construct of every plugin report', () => {
    const dir = writeReport({
      version: '55.0.0',
      title: 'Validation Report',
      pluginReports: [
        {
          pluginName: 'AwsSolutions',
          conclusion: 'failure',
          violations: [
            { ruleName: 'AwsSolutions-IAM5[Resource::*]', violatingConstructs: [{ constructPath: 'dev/Access/A/Resource' }, { constructPath: 'dev/Access/B/Resource' }] },
            { ruleName: 'AwsSolutions-L1', violatingConstructs: [{ constructPath: 'dev/Cluster/Fn/Resource' }] },
          ],
          suppressedViolations: [{ ruleName: 'AwsSolutions-EKS1', violatingConstructs: [{ constructPath: 'dev/Cluster/Cluster/Resource' }] }],
        },
        { pluginName: 'CloudFormation Validate', conclusion: 'success', violations: [] },
      ],
    });
    expect(readNagFindings(dir)).toEqual([
      { rule: 'AwsSolutions-IAM5[Resource::*]', path: 'dev/Access/A/Resource' },
      { rule: 'AwsSolutions-IAM5[Resource::*]', path: 'dev/Access/B/Resource' },
      { rule: 'AwsSolutions-L1', path: 'dev/Cluster/Fn/Resource' },
    ]);
  });

  test('returns [] when there is no report file', () => {
    expect(readNagFindings(tempDir())).toEqual([]);
  });

  test('returns [] for a report without plugin reports or violations', () => {
    expect(readNagFindings(writeReport({}))).toEqual([]);
    expect(readNagFindings(writeReport({ pluginReports: [{ pluginName: 'AwsSolutions', conclusion: 'success' }] }))).toEqual([]);
  });
});

describe('the gate can fail', () => {
  const ADMIN = managedPolicyFinding('AdministratorAccess');

  /** A tiny app checked like buildApp checks the real one: a role with an AWS managed policy. */
  function tinyApp(acknowledged: boolean) {
    const outdir = tempDir();
    const app = new App({ outdir });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    const stack = new Stack(app, 'Tiny');
    const role = new iam.Role(stack, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
    });
    if (acknowledged) acknowledge(role, [ADMIN], 'test: acknowledged on purpose');
    return { app, outdir };
  }

  test('an unacknowledged finding fails synth and is reported by readNagFindings', () => {
    const { app, outdir } = tinyApp(false);
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM4\[Policy::arn:<AWS::Partition>:iam::aws:policy\/AdministratorAccess\]/);
    expect(readNagFindings(outdir)).toEqual([{ rule: ADMIN, path: 'Tiny/Role/Resource' }]);
  });

  test('the same finding, acknowledged with a reason, is not reported', () => {
    const { app, outdir } = tinyApp(true);
    expect(() => app.synth()).not.toThrow();
    expect(readNagFindings(outdir)).toEqual([]);
  });
});
