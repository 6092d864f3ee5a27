/**
 * Creation order of a template's resources: DependsOn and references (Ref, GetAtt, Sub), followed
 * through resources outside the selection; ties keep the given order; a cycle is refused.
 */
import type { CfnTemplateJson } from '../../../lib/sandbox/cfn-values';
import { creationOrder, directDependencies, referencesIn } from '../../../lib/sandbox/template-order';

const TEMPLATE: CfnTemplateJson = {
  Resources: {
    Objects: { Type: 'Custom::EksAccessManifests', DependsOn: 'Bootstrap', Properties: {} },
    Irsa: { Type: 'Custom::EksAccessManifests', Properties: { Objects: { 'Fn::Join': ['', ['x', { 'Fn::GetAtt': ['Role', 'Arn'] }]] } } },
    Role: { Type: 'AWS::IAM::Role', DependsOn: ['Objects'], Properties: {} },
    Bootstrap: { Type: 'Custom::EksAccessManifestsRbac', DependsOn: ['Entry'], Properties: { PrincipalArn: { Ref: 'AWS::AccountId' } } },
    Entry: { Type: 'AWS::EKS::AccessEntry', Properties: { PrincipalArn: { 'Fn::Sub': '${Handler.Arn} ${AWS::Region} ${!Not}' } } },
    Handler: { Type: 'AWS::Lambda::Function', Properties: {} },
    Loner: { Type: 'Custom::EksAccessManifests', Properties: {} },
  },
};

describe('template order', () => {
  test('references: Ref, GetAtt and Sub names, no pseudo parameters or escapes', () => {
    expect([...referencesIn({ a: [{ Ref: 'A' }, { Ref: 'AWS::Region' }], b: { 'Fn::GetAtt': ['B', 'Arn'] }, c: { 'Fn::Sub': ['${C.Arn}-${D}-${!E}-${AWS::Partition}', {}] } })]).toEqual(['A', 'B', 'C', 'D']);
  });

  test('direct dependencies: DependsOn and references to resources of the template', () => {
    expect(directDependencies(TEMPLATE, 'Irsa')).toEqual(['Role']);
    expect(directDependencies(TEMPLATE, 'Bootstrap')).toEqual(['Entry']);
    expect(directDependencies(TEMPLATE, 'Entry')).toEqual(['Handler']);
    expect(directDependencies(TEMPLATE, 'Missing')).toEqual([]);
  });

  test('a resource after the selected ones it depends on, also through others; ties keep the given order', () => {
    expect(creationOrder(TEMPLATE, ['Irsa', 'Loner', 'Objects', 'Bootstrap'])).toEqual(['Loner', 'Bootstrap', 'Objects', 'Irsa']);
    expect(creationOrder(TEMPLATE, ['Loner', 'Irsa'])).toEqual(['Loner', 'Irsa']);
  });

  test('a cycle is refused, naming it', () => {
    const cyclic: CfnTemplateJson = { Resources: { A: { Type: 'T', DependsOn: 'B' }, B: { Type: 'T', Properties: { X: { Ref: 'A' } } } } };
    expect(() => creationOrder(cyclic, ['A', 'B'])).toThrow('resources A -> B -> A depend on each other; CloudFormation would refuse the template');
  });
});
