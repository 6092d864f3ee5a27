/** Reading an untrusted cloud assembly: files must stay inside it, nesting must not loop. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readCloudAssembly } from '../../../lib/report/assembly';
import { AccessReportError } from '../../../lib/report/errors';
import { baseline, writeAssembly } from './fixtures';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'access-report-assembly-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function manifest(dir: string, artifacts: Record<string, unknown>): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ version: '55.0.0', artifacts }));
}

function errorOf(fn: () => unknown): AccessReportError {
  try {
    fn();
  } catch (e) {
    return e as AccessReportError;
  }
  throw new Error('no error');
}

describe('readCloudAssembly', () => {
  test('reads the stages and the bootstrap roles of each stack', () => {
    const dir = writeAssembly({ dev: baseline('dev') }, path.join(tmp, 'a'));
    const view = readCloudAssembly(dir);
    expect(view.environments.map((e) => e.name)).toEqual(['dev']);
    expect(view.environments[0].stacks.map((s) => s.deployment)).toEqual([{ stack: 'dev-Cluster' }, { stack: 'dev-Access' }, { stack: 'dev-Workloads' }]);
  });

  test('the manifest\'s execution and deploy roles, with the partition substituted', () => {
    const dir = path.join(tmp, 'b');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 's.template.json'), '{}');
    manifest(dir, {
      s: {
        type: 'aws:cloudformation:stack', environment: 'aws://111111111111/eu-west-1',
        properties: {
          templateFile: 's.template.json', stackName: 'dev-S',
          cloudFormationExecutionRoleArn: 'arn:${AWS::Partition}:iam::111111111111:role/cdk-hnb659fds-cfn-exec-role-111111111111-eu-west-1',
          assumeRoleArn: 'arn:${AWS::Partition}:iam::111111111111:role/cdk-hnb659fds-deploy-role-111111111111-eu-west-1',
        },
      },
    });
    expect(readCloudAssembly(dir).environments[0].stacks[0].deployment).toEqual({
      stack: 'dev-S',
      executionRole: 'arn:aws:iam::111111111111:role/cdk-hnb659fds-cfn-exec-role-111111111111-eu-west-1',
      deployRole: 'arn:aws:iam::111111111111:role/cdk-hnb659fds-deploy-role-111111111111-eu-west-1',
    });
  });

  test.each([
    ['templateFile', { s: { type: 'aws:cloudformation:stack', properties: { templateFile: '../secret.json' } } }],
    ['additionalMetadataFile', { s: { type: 'aws:cloudformation:stack', additionalMetadataFile: '/etc/passwd', properties: { templateFile: 'ok.json' } } }],
    ['directoryName', { n: { type: 'cdk:cloud-assembly', properties: { directoryName: '..' } } }],
  ])('a %s outside the assembly is refused without reading it', (field, artifacts) => {
    const dir = path.join(tmp, 'c');
    fs.writeFileSync(path.join(tmp, 'secret.json'), '"root:x:0:0"');
    manifest(dir, artifacts);
    fs.writeFileSync(path.join(dir, 'ok.json'), '{}');
    const error = errorOf(() => readCloudAssembly(dir));
    expect(error).toBeInstanceOf(AccessReportError);
    expect(error.message).toContain(`names a file outside itself in ${field}`);
    expect(error.message).not.toContain('root:x');
  });

  test('a symbolic link out of the assembly is refused', () => {
    const dir = path.join(tmp, 'd');
    fs.writeFileSync(path.join(tmp, 'secret.json'), '"root:x:0:0"');
    manifest(dir, { s: { type: 'aws:cloudformation:stack', properties: { templateFile: 'link.json' } } });
    fs.symlinkSync(path.join(tmp, 'secret.json'), path.join(dir, 'link.json'));
    expect(errorOf(() => readCloudAssembly(dir)).message).toContain('names a file outside itself in templateFile ("link.json")');
  });

  test('a nested assembly that names itself is refused, not followed forever', () => {
    const dir = path.join(tmp, 'e');
    manifest(dir, { n: { type: 'cdk:cloud-assembly', properties: { directoryName: '.' } } });
    expect(errorOf(() => readCloudAssembly(dir)).message).toContain('nests');
  });

  test.each([
    ['Resources is not an object', '{"Resources": 5}', 't.json: Resources = 5 is not an object of resources; synthesize the assembly again'],
    ['a resource without a Type', '{"Resources": {"R": {"Properties": {}}}}', 't.json: resource "R" has no string Type; synthesize the assembly again'],
    ['a template that is not an object', '[]', 't.json is not a CloudFormation template (a JSON object); synthesize the assembly again'],
  ])('a malformed template is refused, never read as "no access": %s', (_label, template, message) => {
    const dir = path.join(tmp, 'f');
    manifest(dir, { s: { type: 'aws:cloudformation:stack', properties: { templateFile: 't.json' } } });
    fs.writeFileSync(path.join(dir, 't.json'), template);
    const error = errorOf(() => readCloudAssembly(dir));
    expect(error).toBeInstanceOf(AccessReportError);
    expect(error.message).toBe(message);
  });

  test('a template without Resources reads as no resources', () => {
    const dir = path.join(tmp, 'g');
    manifest(dir, { s: { type: 'aws:cloudformation:stack', properties: { templateFile: 't.json' } } });
    fs.writeFileSync(path.join(dir, 't.json'), '{}');
    expect(() => readCloudAssembly(dir)).not.toThrow();
  });
});
