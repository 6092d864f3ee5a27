/**
 * Finding a custom resource's bundled handler in a real assembly: ServiceToken -> the Provider
 * framework's onEvent -> USER_ON_EVENT_FUNCTION_ARN -> the user function -> Code.S3Key -> the
 * asset directory of the stack's asset manifest -> Handler; and a sentence for each step that
 * does not hold.
 */
import * as fs from 'fs';
import * as path from 'path';
import { USER_ON_EVENT_FUNCTION_ENV, bundledHandlerOf, customResourcesOf } from '../../../lib/sandbox/assembly-handlers';
import type { AssemblyFixture } from './assembly-fixture';
import { FIXTURE_ENV, FIXTURE_TYPE, synthAssemblyFixture } from './assembly-fixture';

let fixture: AssemblyFixture;
beforeAll(() => { fixture = synthAssemblyFixture(); });
afterAll(() => fixture.remove());

const site = () => `Fixture/${fixture.ids.resource} (${FIXTURE_TYPE})`;

describe('assembly handlers', () => {
  test('the stacks of the assembly, with their environment and each file asset\'s directory by S3 key', () => {
    const s = fixture.stack;
    expect([s.stackName, s.displayName, s.account, s.region]).toEqual(['Fixture', 'Fixture', FIXTURE_ENV.account, FIXTURE_ENV.region]);
    const key = (s.template.Resources![fixture.ids.userFunction].Properties!.Code as { S3Key: string }).S3Key;
    const dir = s.assetDirectories.get(key)!;
    expect(path.relative(fixture.outdir, dir)).toBe(`asset.${key.replace(/\.zip$/, '')}`);
    expect(fs.readdirSync(dir)).toEqual(['index.js']);
  });

  test('the bundled handler of the custom resource, through its Provider framework', () => {
    const h = bundledHandlerOf(fixture.stack, fixture.ids.resource);
    expect(h.functionLogicalId).toBe(fixture.ids.userFunction);
    expect(path.relative(fixture.outdir, h.file)).toMatch(/^asset\.[0-9a-f]{64}\/index\.js$/);
    expect(h.exportName).toBe('handler');
    expect(customResourcesOf([fixture.stack], [FIXTURE_TYPE]).map((r) => [r.logicalId, r.handler.file])).toEqual([[fixture.ids.resource, h.file]]);
    expect(customResourcesOf([fixture.stack], ['Custom::Other'])).toEqual([]);
  });

  test('a ServiceToken that is not a function of the stack', () => {
    const stack = fixture.edited((t) => { t.Resources[fixture.ids.resource].Properties.ServiceToken = 'arn:aws:lambda:eu-west-1:111111111111:function:elsewhere'; });
    expect(() => bundledHandlerOf(stack, fixture.ids.resource)).toThrow(`${site()}: its ServiceToken is "arn:aws:lambda:eu-west-1:111111111111:function:elsewhere", not the Fn::GetAtt Arn of an AWS::Lambda::Function of stack Fixture; the assembly test follows only a CDK Provider framework in the resource's own stack`);
  });

  test('a ServiceToken function that is not a Provider framework', () => {
    const stack = fixture.edited((t) => { t.Resources[fixture.ids.resource].Properties.ServiceToken = { 'Fn::GetAtt': [fixture.ids.userFunction, 'Arn'] }; });
    expect(() => bundledHandlerOf(stack, fixture.ids.resource)).toThrow(`${site()}: its ServiceToken function ${fixture.ids.userFunction} has no ${USER_ON_EVENT_FUNCTION_ENV} variable, so it is not a CDK Provider framework onEvent function (variables: MODE, ROLE)`);
  });

  test('a Code.S3Key no asset is published to', () => {
    const stack = fixture.edited((t) => { (t.Resources[fixture.ids.userFunction].Properties.Code as { S3Key: string }).S3Key = 'elsewhere.zip'; });
    expect(() => bundledHandlerOf(stack, fixture.ids.resource)).toThrow(new RegExp(`^${site().replace(/[()]/g, '\\$&')}: its handler ${fixture.ids.userFunction} has Code.S3Key "elsewhere.zip", which no file asset of Fixture's asset manifest is published to \\(known keys: [0-9a-f]{64}\\.zip, `));
  });

  test.each<[string, string]>([
    ['index', 'has Handler "index", not <file>.<export>'],
    ['main.handler', 'names main.handler, but '],
  ])('a Handler %s that names no file of the asset', (handler, message) => {
    const stack = fixture.edited((t) => { t.Resources[fixture.ids.userFunction].Properties.Handler = handler; });
    expect(() => bundledHandlerOf(stack, fixture.ids.resource)).toThrow(`${site()}: its handler ${fixture.ids.userFunction} ${message}`);
  });

  test('a missing resource', () => {
    expect(() => bundledHandlerOf(fixture.stack, 'Nope')).toThrow('Fixture/Nope (missing): no such resource in the template');
  });
});
