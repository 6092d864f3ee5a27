import { parseJsonWithTokens, renderString, resolveValue } from '../../../lib/report/intrinsics';
import { pseudoParametersOf } from '../../../lib/report/template';
import type { CfnTemplate, TemplateContext } from '../../../lib/report/template';

const CLUSTER: CfnTemplate = {
  Resources: {
    Provider: { Type: 'AWS::IAM::OIDCProvider', Metadata: { 'aws:cdk:path': 'dev/Cluster/Cluster/OidcProviderNative/Resource' } },
    NodeRole: { Type: 'AWS::IAM::Role', Properties: {}, Metadata: { 'aws:cdk:path': 'dev/Cluster/NodeRole-general/Resource' } },
  },
  Outputs: {
    PublishNodeRoleArn: { Value: { 'Fn::GetAtt': ['NodeRole', 'Arn'] } },
    ExportedProvider: { Value: { Ref: 'Provider' }, Export: { Name: 'dev-Cluster:ExportsOutputRefProvider' } },
  },
};

const ACCESS: CfnTemplate = {
  Resources: {
    Named: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'external_admin' }, Metadata: { 'aws:cdk:path': 'dev/Access/Person-external_admin/Role/Resource' } },
    Unnamed: { Type: 'AWS::IAM::Role', Properties: {} },
    Cluster: { Type: 'AWS::EKS::Cluster', Metadata: { 'aws:cdk:path': 'dev/Access/Cluster/Resource' } },
    Conditions: {
      Type: 'Custom::AWSCDKCfnJson',
      Properties: { Value: { 'Fn::Join': ['', ['{"', { 'Fn::Select': [1, { 'Fn::Split': [':oidc-provider/', { 'Fn::ImportValue': 'dev-Cluster:ExportsOutputRefProvider' }] }] }, ':sub":"system:serviceaccount:a:b"}']] } },
    },
  },
  Mappings: { Regions: { 'eu-west-1': { Ami: 'ami-123' } } },
};

function contexts(environment?: string): { access: TemplateContext; cluster: TemplateContext } {
  const byName: Record<string, TemplateContext> = {};
  const make = (template: CfnTemplate, stackName: string): TemplateContext => ({
    template,
    stackName,
    pathPrefix: 'dev/',
    logicalIdPaths: new Map([['Unnamed', 'dev/Access/Imported/Role/Resource']]),
    pseudoParameters: pseudoParametersOf(environment),
    stackByName: (name) => byName[name],
    exportByName: (name) => {
      const output = Object.values(CLUSTER.Outputs ?? {}).find((o) => o.Export?.Name === name);
      return output ? { context: byName['dev-Cluster'], value: output.Value } : undefined;
    },
  });
  byName['dev-Cluster'] = make(CLUSTER, 'dev-Cluster');
  byName['dev-Access'] = make(ACCESS, 'dev-Access');
  return { access: byName['dev-Access'], cluster: byName['dev-Cluster'] };
}

describe('renderString', () => {
  const { access } = contexts('aws://111111111111/eu-west-1');
  const cases: Array<[string, unknown, string]> = [
    ['literal', 'arn:aws:iam::111111111111:root', 'arn:aws:iam::111111111111:root'],
    ['GetAtt Arn of a named role', { 'Fn::GetAtt': ['Named', 'Arn'] }, 'role:external_admin'],
    ['Ref of a role without RoleName or path metadata: path from the manifest', { Ref: 'Unnamed' }, 'role:Access/Imported/Role'],
    ['GetAtt of another attribute', { 'Fn::GetAtt': ['Cluster', 'OpenIdConnectIssuerUrl'] }, 'Access/Cluster.OpenIdConnectIssuerUrl'],
    ['pseudo parameter from the stack environment', { Ref: 'AWS::Partition' }, 'aws'],
    ['unknown parameter', { Ref: 'BootstrapVersion' }, '${BootstrapVersion}'],
    ['Fn::Join', { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/X']] }, 'arn:aws:iam::aws:policy/X'],
    ['Fn::Sub', { 'Fn::Sub': ['arn:${AWS::Partition}:s3:::${B}/${Named.Arn}/${!Literal}', { B: 'bucket' }] }, 'arn:aws:s3:::bucket/role:external_admin/${Literal}'],
    ['Fn::Select of a literal Fn::Split', { 'Fn::Select': [1, { 'Fn::Split': ['/', 'a/b/c'] }] }, 'b'],
    ['Fn::GetStackOutput of another stack', { 'Fn::GetStackOutput': { StackName: 'dev-Cluster', OutputName: 'PublishNodeRoleArn' } }, 'role:Cluster/NodeRole-general'],
    ['Fn::GetStackOutput of an unknown stack', { 'Fn::GetStackOutput': { StackName: 'x', OutputName: 'Y' } }, '${x.Y}'],
    ['Fn::ImportValue of an export', { 'Fn::ImportValue': 'dev-Cluster:ExportsOutputRefProvider' }, 'oidc-provider:Cluster/Cluster/OidcProviderNative'],
    ['IRSA issuer', { 'Fn::Select': [1, { 'Fn::Split': [':oidc-provider/', { 'Fn::ImportValue': 'dev-Cluster:ExportsOutputRefProvider' }] }] }, 'issuer(oidc-provider:Cluster/Cluster/OidcProviderNative)'],
    ['Fn::If with AWS::NoValue', { 'Fn::If': ['HasX', 'arn:x', { Ref: 'AWS::NoValue' }] }, 'arn:x (if HasX)'],
    ['Fn::FindInMap', { 'Fn::FindInMap': ['Regions', 'eu-west-1', 'Ami'] }, 'ami-123'],
  ];
  test.each(cases)('%s', (_name, value, expected) => {
    expect(renderString(access, value)).toBe(expected);
  });

  test('pseudo parameters stay symbolic when the environment is not known', () => {
    expect(renderString(contexts('aws://unknown-account/unknown-region').access, { Ref: 'AWS::Partition' })).toBe('${AWS::Partition}');
    expect(pseudoParametersOf('aws://222222222222/cn-north-1').get('AWS::Partition')).toBe('aws-cn');
  });
});

describe('resolveValue and parseJsonWithTokens', () => {
  const { access } = contexts('aws://111111111111/eu-west-1');

  test('GetAtt Value of a CfnJson becomes the object it renders', () => {
    expect(resolveValue(access, { StringEquals: { 'Fn::GetAtt': ['Conditions', 'Value'] } })).toEqual({
      StringEquals: { 'issuer(oidc-provider:Cluster/Cluster/OidcProviderNative):sub': 'system:serviceaccount:a:b' },
    });
  });

  test('AWS::NoValue is dropped from lists and objects', () => {
    expect(resolveValue(access, { A: [{ Ref: 'AWS::NoValue' }, 'x'], B: { Ref: 'AWS::NoValue' } })).toEqual({ A: ['x'] });
  });

  test('tokens in JSON text are rendered and escaped inside strings', () => {
    const manifest = { 'Fn::Join': ['', ['[{"kind":"ServiceAccount","role":"', { 'Fn::Sub': 'a"b' }, '"}]']] };
    expect(parseJsonWithTokens(access, manifest)).toEqual([{ kind: 'ServiceAccount', role: 'a"b' }]);
    expect(parseJsonWithTokens(access, 'not json')).toBeUndefined();
  });
});
