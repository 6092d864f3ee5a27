import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ArchiveError } from '../../../lib/ci/assembly-archive';
import { checkAssemblyReferences } from '../../../lib/ci/assembly-references';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-refs-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let n = 0;
/** A small assembly: a root manifest with one nested stage assembly holding one stack. */
function assembly(stack: Record<string, unknown> = {}, template: Record<string, unknown> = { Resources: {} }, extraFiles: Record<string, string> = {}): string {
  const dir = path.join(tmp, `a${n++}`);
  fs.mkdirSync(path.join(dir, 'assembly-dev'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ artifacts: { 'assembly-dev': { type: 'cdk:cloud-assembly', properties: { directoryName: 'assembly-dev', displayName: 'dev' } }, Tree: { type: 'cdk:tree', properties: { file: 'tree.json' } } } }));
  fs.writeFileSync(path.join(dir, 'tree.json'), '{}');
  fs.writeFileSync(path.join(dir, 'assembly-dev', 'manifest.json'), JSON.stringify({
    artifacts: { devAccess: { type: 'aws:cloudformation:stack', additionalMetadataFile: 'devAccess.metadata.json', properties: { templateFile: 'devAccess.template.json', ...stack } } },
  }));
  fs.writeFileSync(path.join(dir, 'assembly-dev', 'devAccess.metadata.json'), '{}');
  fs.writeFileSync(path.join(dir, 'assembly-dev', 'devAccess.template.json'), JSON.stringify(template));
  for (const [f, text] of Object.entries(extraFiles)) fs.writeFileSync(path.join(dir, 'assembly-dev', f), text);
  return dir;
}

const nestedStack = (assetPath: unknown) => ({ Resources: { Nested: { Type: 'AWS::CloudFormation::Stack', Metadata: { 'aws:asset:path': assetPath } } } });

test('a well-formed assembly with a nested stack passes', () => {
  expect(() => checkAssemblyReferences(assembly({}, nestedStack('devNested.nested.template.json'), { 'devNested.nested.template.json': '{"Resources":{}}' }), 'head')).not.toThrow();
});

test.each([
  ['a template outside the assembly', { templateFile: '../../../../etc/passwd' }, undefined, 'head/assembly-dev/manifest.json artifacts.devAccess.properties.templateFile = "../../../../etc/passwd": must be a plain file name inside the assembly (letters, digits, "._-", no "/")'],
  ['an absolute template path', { templateFile: '/home/runner/work/x.json' }, undefined, 'properties.templateFile = "/home/runner/work/x.json": must be a plain file name'],
  ['a missing template', { templateFile: 'gone.template.json' }, undefined, 'properties.templateFile = "gone.template.json": no such file in the assembly'],
  ['a nested stack template outside the assembly (cdk diff would read and print it)', {}, nestedStack('../../../.git/config'), 'head/assembly-dev/devAccess.template.json Resources.Nested.Metadata["aws:asset:path"] = "../../../.git/config": must be a plain file name'],
  ['a nested stack template that is a directory', {}, nestedStack('..'), '= "..": must be a plain file name'],
])('refuses %s', (_name, stack, template, message) => {
  const dir = assembly(stack, template);
  expect(() => checkAssemblyReferences(dir, 'head')).toThrow(ArchiveError);
  expect(() => checkAssemblyReferences(dir, 'head')).toThrow(message);
});

test('refuses a nested assembly directory outside the assembly', () => {
  const dir = assembly();
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ artifacts: { x: { type: 'cdk:cloud-assembly', properties: { directoryName: '../other' } } } }));
  expect(() => checkAssemblyReferences(dir, 'base')).toThrow('base/manifest.json artifacts.x.properties.directoryName = "../other": must be a plain directory name inside the assembly');
});

test('refuses a manifest that is not JSON', () => {
  const dir = assembly();
  fs.writeFileSync(path.join(dir, 'manifest.json'), 'not json');
  expect(() => checkAssemblyReferences(dir, 'base')).toThrow(/^base\/manifest.json is not readable JSON/);
});
