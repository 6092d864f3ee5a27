import { extractFunctions, extractLambdaPermissions } from '../../../../lib/report/extract/functions';
import { contextOf } from './context';

const context = contextOf({
  Resources: {
    Role: { Type: 'AWS::IAM::Role', Properties: {}, Metadata: { 'aws:cdk:path': 'dev/Access/Handler/ServiceRole/Resource' } },
    Fn: {
      Type: 'AWS::Lambda::Function',
      Properties: { Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Environment: { Variables: { OWNERS: 'a,b', REGION: { Ref: 'AWS::Region' } } } },
      Metadata: { 'aws:cdk:path': 'dev/Access/Handler/Resource' },
    },
    Named: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'writer', Role: 'arn:aws:iam::111111111111:role/x' } },
    Perm: {
      Type: 'AWS::Lambda::Permission',
      Properties: { FunctionName: { 'Fn::GetAtt': ['Fn', 'Arn'] }, Action: 'lambda:InvokeFunction', Principal: '222222222222', SourceArn: 'arn:aws:s3:::b' },
    },
  },
});

describe('extractFunctions', () => {
  test('label, role, rendered environment and ARN shape', () => {
    expect(extractFunctions(context)).toEqual([
      {
        label: 'function:Access/Handler', role: 'role:Access/Handler/ServiceRole', environment: { OWNERS: 'a,b', REGION: 'eu-west-1' },
        arn: { prefix: 'arn:aws:lambda:eu-west-1:111111111111:function:', stackName: 'dev-Access' },
      },
      {
        label: 'function:writer', role: 'arn:aws:iam::111111111111:role/x', environment: {},
        arn: { prefix: 'arn:aws:lambda:eu-west-1:111111111111:function:', name: 'writer', stackName: 'dev-Access' },
      },
    ]);
  });
});

describe('extractLambdaPermissions', () => {
  test('function, action, principal and conditions', () => {
    expect(extractLambdaPermissions(context)).toEqual([
      { function: 'function:Access/Handler', action: 'lambda:InvokeFunction', principal: '222222222222', conditions: ['SourceArn = arn:aws:s3:::b'] },
    ]);
  });
});
