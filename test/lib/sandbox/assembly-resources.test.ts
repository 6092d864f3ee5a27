/**
 * A custom resource of a real assembly as a deployment runs it: properties, role, name and
 * environment of its handler resolved (an unresolvable variable fails naming the function), the
 * event the Provider framework passes, and the asset's handler run in its own process with the
 * function's variables, what Lambda provides and the stand-in's credentials.
 */
import { cloudFormationEvent, invokeResource, resolveCustomResources, resolvedResourcesOfType } from '../../../lib/sandbox/assembly-resources';
import { UnresolvedValueError } from '../../../lib/sandbox/cfn-values';
import type { AssemblyFixture } from './assembly-fixture';
import { FIXTURE_TYPE, synthAssemblyFixture } from './assembly-fixture';

let fixture: AssemblyFixture;
beforeAll(() => { fixture = synthAssemblyFixture(); });
afterAll(() => fixture.remove());

/** The logical id of the user function's role. */
const roleOf = (): string => (fixture.stack.template.Resources![fixture.ids.userFunction].Properties!.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

describe('assembly resources', () => {
  test('properties, the handler\'s name, role and environment resolved', () => {
    const [r] = resolveCustomResources([fixture.stack], [FIXTURE_TYPE]);
    const role = `arn:aws:iam::111111111111:role/Fixture-${roleOf()}`;
    expect(r.site).toBe(`Fixture/${fixture.ids.resource} (${FIXTURE_TYPE})`);
    expect(r.properties).toEqual({ ServiceToken: `arn:aws:lambda:eu-west-1:111111111111:function:Fixture-${fixture.ids.framework}`, ClusterName: 'demo', RoleArn: role });
    expect([r.functionName, r.roleArn]).toEqual([`Fixture-${fixture.ids.userFunction}`, role]);
    expect(r.environment).toEqual({ MODE: 'strict', ROLE: role });
    expect(resolvedResourcesOfType([fixture.stack], 'AWS::IAM::Role').map((x) => x.logicalId)).toContain(roleOf());
  });

  test('an environment variable that does not resolve fails, naming the function and the variable', () => {
    const stack = fixture.edited((t) => { (t.Resources[fixture.ids.userFunction].Properties.Environment as { Variables: Record<string, unknown> }).Variables.MODE = { 'Fn::If': ['C', 'a', 'b'] }; });
    expect(() => resolveCustomResources([stack], [FIXTURE_TYPE])).toThrow(new UnresolvedValueError(`Fixture/${fixture.ids.userFunction} (AWS::Lambda::Function): property Environment.Variables.MODE holds {"Fn::If":["C","a","b"]}, which cannot be resolved against the stand-ins: Fn::If is not resolved by the stand-ins; resolve it in lib/sandbox/cfn-values.ts (or give that resource a stand-in value) rather than dropping it`));
    const numeric = fixture.edited((t) => { (t.Resources[fixture.ids.userFunction].Properties.Environment as { Variables: Record<string, unknown> }).Variables.MODE = { a: 1 }; });
    expect(() => resolveCustomResources([numeric], [FIXTURE_TYPE])).toThrow(`Fixture/${fixture.ids.userFunction} (AWS::Lambda::Function): Environment.Variables.MODE resolves to {"a":1}, not a string; Lambda variables are strings`);
  });

  test('the event the Provider framework passes: the ResponseURL blanked, old properties and physical id when given', () => {
    const [r] = resolveCustomResources([fixture.stack], [FIXTURE_TYPE]);
    expect(cloudFormationEvent(r, 'Update', { oldProperties: { ClusterName: 'old' }, physicalResourceId: 'fixture' })).toEqual({
      RequestType: 'Update', ServiceToken: r.properties.ServiceToken, ResponseURL: '...',
      StackId: 'arn:aws:cloudformation:eu-west-1:111111111111:stack/Fixture/00000000-0000-4000-8000-000000000000',
      RequestId: `assembly-update-${fixture.ids.resource}`, LogicalResourceId: fixture.ids.resource, ResourceType: FIXTURE_TYPE,
      ResourceProperties: r.properties, OldResourceProperties: { ClusterName: 'old' }, PhysicalResourceId: 'fixture',
    });
    expect(Object.keys(cloudFormationEvent(r, 'Create', { properties: { X: '1' } }))).not.toContain('PhysicalResourceId');
    expect(cloudFormationEvent(r, 'Create', { properties: { X: '1' } }).ResourceProperties).toEqual({ X: '1' });
  });

  test('runs the asset\'s handler with the function\'s variables, what Lambda provides and the stand-in\'s credentials', async () => {
    const [r] = resolveCustomResources([fixture.stack], [FIXTURE_TYPE]);
    const { result } = await invokeResource(r, cloudFormationEvent(r, 'Create'), { awsEnv: { AWS_ACCESS_KEY_ID: 'ASIAFIXTURE', MODE: 'from-the-stand-in' } });
    expect(result).toEqual({
      PhysicalResourceId: 'fixture',
      Data: { mode: 'from-the-stand-in', role: r.roleArn, region: 'eu-west-1', key: 'ASIAFIXTURE', cluster: 'demo', type: FIXTURE_TYPE, remaining: true },
    });
  });
});
