/**
 * The strict resolver of the assembly test: each intrinsic it resolves (table), the stand-in
 * values of roles, functions and clusters, cross-stack references followed into the producing
 * stack, and a failure naming resource, path and intrinsic for everything it does not resolve.
 */
import type { CfnStack } from '../../../lib/sandbox/cfn-values';
import { UnresolvedValueError, generatedName, resolveCfnValue, resolveProperties, resourceSite, standInResourceValue } from '../../../lib/sandbox/cfn-values';

const PRODUCER: CfnStack = {
  stackName: 'dev-Cluster', account: '111111111111', region: 'eu-west-1',
  template: {
    Resources: { Cluster: { Type: 'AWS::EKS::Cluster', Properties: { Name: 'eks-access-dev' } }, Unnamed: { Type: 'AWS::EKS::Cluster', Properties: {} } },
    Outputs: {
      ClusterName: { Value: { Ref: 'Cluster' } },
      Exported: { Value: { 'Fn::Join': ['', ['x-', { Ref: 'AWS::Region' }]] }, Export: { Name: { 'Fn::Sub': '${AWS::StackName}-exported' } } },
    },
  },
};

const STACK: CfnStack = {
  stackName: 'dev-Access', account: '111111111111', region: 'eu-west-1',
  template: {
    Parameters: { BootstrapVersion: { Type: 'String' } },
    Resources: {
      Role: { Type: 'AWS::IAM::Role', Properties: {} },
      NamedRole: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'admin', Path: '/team/' } },
      Fn: { Type: 'AWS::Lambda::Function', Properties: {} },
      NamedFn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'apply' } },
      Queue: { Type: 'AWS::SQS::Queue', Properties: {} },
      Thing: { Type: 'Custom::Thing', Properties: { A: { Ref: 'Role' }, Nested: { List: ['x', { 'Fn::If': ['C', 'a', 'b'] }] } } },
    },
  },
};

const stacks = new Map([PRODUCER, STACK].map((s) => [s.stackName, s]));
const scope = { stack: STACK, stacks };
const site = { resource: 'dev-Access/Thing (Custom::Thing)', path: 'Value' };
const resolve = (value: unknown) => resolveCfnValue(scope, value, site);
const failure = (value: unknown): string => {
  try {
    resolve(value);
  } catch (e) {
    expect(e).toBeInstanceOf(UnresolvedValueError);
    return (e as Error).message;
  }
  throw new Error(`${JSON.stringify(value)} resolved`);
};

describe('resolveCfnValue: what it resolves', () => {
  test.each<[string, unknown, unknown]>([
    ['a literal', 'plain', 'plain'],
    ['a structure, AWS::NoValue dropped', { a: ['x', { Ref: 'AWS::NoValue' }], b: { Ref: 'AWS::NoValue' }, c: 1 }, { a: ['x'], c: 1 }],
    ['pseudo parameters', { 'Fn::Join': [':', [{ Ref: 'AWS::Partition' }, { Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }, { Ref: 'AWS::StackName' }, { Ref: 'AWS::URLSuffix' }]] }, 'aws:eu-west-1:111111111111:dev-Access:amazonaws.com'],
    ['a role without a name', { 'Fn::GetAtt': ['Role', 'Arn'] }, 'arn:aws:iam::111111111111:role/dev-Access-Role'],
    ['a named role with a path', { 'Fn::GetAtt': ['NamedRole', 'Arn'] }, 'arn:aws:iam::111111111111:role/team/admin'],
    ['a role\'s Ref (its name)', { Ref: 'NamedRole' }, 'admin'],
    ['GetAtt in its dotted form', { 'Fn::GetAtt': 'Fn.Arn' }, 'arn:aws:lambda:eu-west-1:111111111111:function:dev-Access-Fn'],
    ['a named function\'s Ref', { Ref: 'NamedFn' }, 'apply'],
    ['Fn::Join of JSON around a reference', { 'Fn::Join': ['', ['{"arn":"', { 'Fn::GetAtt': ['NamedRole', 'Arn'] }, '"}']] }, '{"arn":"arn:aws:iam::111111111111:role/team/admin"}'],
    ['Fn::Sub with pseudo parameters, resources, attributes, variables and an escape', { 'Fn::Sub': ['${AWS::Region}/${NamedRole}/${Fn.Arn}/${v}/${!Literal}', { v: { Ref: 'NamedFn' } }] }, 'eu-west-1/admin/arn:aws:lambda:eu-west-1:111111111111:function:dev-Access-Fn/apply/${Literal}'],
    ['Fn::Select of Fn::Split', { 'Fn::Select': [1, { 'Fn::Split': ['/', 'a/b/c'] }] }, 'b'],
    ['Fn::GetStackOutput, followed into the producer', { 'Fn::GetStackOutput': { StackName: 'dev-Cluster', Region: 'eu-west-1', OutputName: 'ClusterName' } }, 'eks-access-dev'],
    ['Fn::ImportValue, by the resolved export name', { 'Fn::ImportValue': 'dev-Cluster-exported' }, 'x-eu-west-1'],
  ])('%s', (_what, value, expected) => {
    expect(resolve(value)).toEqual(expected);
  });

  test('a resource value function replaces the stand-in defaults', () => {
    const custom = { stack: STACK, stacks, resourceValue: (_s: CfnStack, id: string, attr?: string) => (id === 'Queue' && attr === 'Arn' ? 'arn:queue' : undefined) };
    expect(resolveCfnValue(custom, { 'Fn::GetAtt': ['Queue', 'Arn'] }, site)).toBe('arn:queue');
  });
});

describe('resolveCfnValue: everything else fails, naming resource, path and intrinsic', () => {
  const tail = 'resolve it in lib/sandbox/cfn-values.ts (or give that resource a stand-in value) rather than dropping it';
  test.each<[string, unknown, string]>([
    ['Fn::If', { 'Fn::If': ['C', 'a', 'b'] }, 'Fn::If is not resolved by the stand-ins'],
    ['a parameter', { Ref: 'BootstrapVersion' }, 'BootstrapVersion is a parameter of dev-Access, whose value is not known at synth'],
    ['a missing resource', { Ref: 'Missing' }, 'dev-Access has no resource Missing'],
    ['an unknown pseudo parameter', { Ref: 'AWS::NotificationARNs' }, 'pseudo parameter AWS::NotificationARNs has no stand-in value'],
    ['an attribute without a stand-in value', { 'Fn::GetAtt': ['Role', 'RoleId'] }, 'attribute RoleId of Role (AWS::IAM::Role) has no stand-in value'],
    ['a type without a stand-in value', { Ref: 'Queue' }, 'the Ref of Queue (AWS::SQS::Queue) has no stand-in value'],
    ['a missing output', { 'Fn::GetStackOutput': { StackName: 'dev-Cluster', OutputName: 'Nope' } }, 'stack dev-Cluster has no output "Nope"'],
    ['a missing stack', { 'Fn::GetStackOutput': { StackName: 'prod-Cluster', OutputName: 'ClusterName' } }, 'no stack "prod-Cluster" in the assembly'],
    ['another region', { 'Fn::GetStackOutput': { StackName: 'dev-Cluster', Region: 'us-east-1', OutputName: 'ClusterName' } }, 'stack dev-Cluster is in eu-west-1, not "us-east-1"'],
    ['a missing export', { 'Fn::ImportValue': 'nobody' }, 'no stack of the assembly exports "nobody"'],
    ['an index outside the list', { 'Fn::Select': [3, ['a']] }, 'index 3 is outside the list of 1'],
    ['a join of a non-list', { 'Fn::Join': ['', 'abc'] }, '"abc" is not a list'],
    ['a join of a structure', { 'Fn::Join': ['', [{ a: 1 }]] }, '{"a":1} is not a string'],
  ])('%s', (_what, value, reason) => {
    expect(failure(value)).toBe(`dev-Access/Thing (Custom::Thing): property Value holds ${JSON.stringify(value)}, which cannot be resolved against the stand-ins: ${reason}; ${tail}`);
  });

  test('the reason of a nested intrinsic names the innermost one', () => {
    expect(failure({ 'Fn::Join': ['', ['a', { 'Fn::GetAtt': ['Role', 'RoleId'] }]] })).toMatch(/holds \{"Fn::GetAtt":\["Role","RoleId"\]\}, which cannot be resolved/);
  });

  test('a cluster without a literal Name has no Ref value', () => {
    expect(standInResourceValue(PRODUCER, 'Unnamed')).toBeUndefined();
    expect(standInResourceValue(PRODUCER, 'Cluster')).toBe('eks-access-dev');
    expect(standInResourceValue(PRODUCER, 'Cluster', 'Arn')).toBeUndefined();
    expect(standInResourceValue(PRODUCER, 'Gone')).toBeUndefined();
  });
});

describe('resolveProperties', () => {
  test('resolves every property and names the property path down to the failing intrinsic', () => {
    expect(() => resolveProperties(scope, 'Thing')).toThrow('dev-Access/Thing (Custom::Thing): property Nested.List.1 holds {"Fn::If":["C","a","b"]}, which cannot be resolved');
    const ok = { ...scope, stack: { ...STACK, template: { Resources: { Thing: { Type: 'Custom::Thing', Properties: { A: { Ref: 'Role' }, B: { Ref: 'AWS::NoValue' } } }, Role: { Type: 'AWS::IAM::Role' } } } } };
    expect(resolveProperties(ok, 'Thing')).toEqual({ A: 'dev-Access-Role' });
  });

  test('a missing resource is an error', () => {
    expect(() => resolveProperties(scope, 'Nope')).toThrow('dev-Access has no resource Nope; pass a logical id of its template');
    expect(resourceSite(STACK, 'Nope')).toBe('dev-Access/Nope (missing)');
  });

  test('a generated name is cut at the type\'s limit', () => {
    expect(generatedName({ ...STACK, stackName: 's'.repeat(60) }, 'LogicalId')).toBe(`${'s'.repeat(60)}-Log`);
  });
});
