import { actionMatches, allowedActions, coveringResources, globMatches, resourceMatches } from '../../../lib/report/iam-match';
import type { PolicyStatement } from '../../../lib/report/model';

const statement = (actions: string[], resources: string[], extra: Partial<PolicyStatement> = {}): PolicyStatement => ({
  effect: 'Allow', actions, notActions: [], resources, notResources: [], conditions: [], ...extra,
});
const named = { label: 'function:Access/Handler', arn: { prefix: 'arn:aws:lambda:eu-west-1:111111111111:function:', name: 'eks-access-aws-auth', stackName: 'dev-Access' } };
const generated = { label: 'function:Access/Handler', arn: { prefix: 'arn:aws:lambda:eu-west-1:111111111111:function:', stackName: 'dev-Access' } };

describe('actions', () => {
  test.each([['*', true], ['lambda:*', true], ['Lambda:invoke*', true], ['lambda:Invoke?unction', true], ['lambda:Get*', false], ['s3:*', false]])('%s covers lambda:InvokeFunction: %s', (pattern, expected) => {
    expect(actionMatches(pattern, 'lambda:InvokeFunction')).toBe(expected);
  });

  test('NotAction grants what it does not list; Deny grants nothing', () => {
    expect(allowedActions(statement([], [], { notActions: ['lambda:Get*'] }), ['lambda:InvokeFunction', 'lambda:GetFunction'])).toEqual(['lambda:InvokeFunction']);
    expect(allowedActions(statement(['*'], ['*'], { effect: 'Deny' }), ['lambda:InvokeFunction'])).toEqual([]);
  });
});

describe('resources', () => {
  test.each([
    ['*', named, true],
    ['function:Access/Handler', named, true],
    ['function:Access/Handler:*', named, true],
    ['arn:aws:lambda:eu-west-1:111111111111:function:eks-access-aws-auth', named, true],
    ['arn:aws:lambda:*:*:function:eks-access-*', named, true],
    ['arn:aws:lambda:*:*:function:other-*', named, false],
    ['arn:aws:lambda:*:111111111111:function:*', generated, true],
    ['arn:aws:lambda:*:*:function:dev-Access-*', generated, true],
    ['arn:aws:lambda:*:*:function:prod-*', generated, false],
    ['arn:aws:s3:::bucket/*', generated, false],
  ])('%s covers %j: %s', (pattern, target, expected) => {
    expect(resourceMatches(pattern, target)).toBe(expected);
  });

  test('a label from another environment is another resource', () => {
    expect(resourceMatches('function:Access/Handler', { ...generated, matchLabel: false })).toBe(false);
  });

  test('coveringResources: the matching entries, or NOT(...) when NotResource spares the target', () => {
    expect(coveringResources(statement(['x'], ['function:Other', 'function:Access/Handler']), named)).toEqual(['function:Access/Handler']);
    expect(coveringResources(statement(['x'], [], { notResources: ['arn:aws:s3:::b'] }), named)).toEqual(['NOT(arn:aws:s3:::b)']);
    expect(coveringResources(statement(['x'], [], { notResources: ['*'] }), named)).toEqual([]);
  });
});

describe('globMatches', () => {
  test.each([
    ['a*c', 'abc', true], ['a*c', 'ac', true], ['a*c', 'abd', false], ['a?c', 'abc', true], ['a?c', 'ac', false],
    ['*', '', true], ['', '', true], ['', 'a', false], ['**b', 'ab', true], ['a*b*c', 'aXbYc', true], ['a*b*c', 'aXcYb', false],
  ])('%j ~ %j: %s', (pattern, value, expected) => {
    expect(globMatches(pattern, value)).toBe(expected);
  });

  test('a hostile pattern does not take exponential time', () => {
    const started = Date.now();
    expect(globMatches(`${'*a'.repeat(30)}b`, 'a'.repeat(2000))).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
