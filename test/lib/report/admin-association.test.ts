import { accessEntryTarget, adminPolicyArnFor, allowsAdminPolicy, ASSOCIATE_ACCESS_POLICY, conditionAllowsAdminPolicy, POLICY_ARN_KEY } from '../../../lib/report/admin-association';
import { resourceMatches } from '../../../lib/report/iam-match';
import type { AccessEntry, PolicyCondition } from '../../../lib/report/model';
import { allow } from './rules/environment';

const ADMIN = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';
const VIEW = 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy';
const on = (operator: string, values: string[], key = POLICY_ARN_KEY): PolicyCondition => ({ operator, key, values });

test('names', () => {
  expect([ASSOCIATE_ACCESS_POLICY, POLICY_ARN_KEY]).toEqual(['eks:AssociateAccessPolicy', 'eks:policyArn']);
});

describe('adminPolicyArnFor', () => {
  test.each([
    [ADMIN, ADMIN],
    ['arn:aws-cn:eks::aws:cluster-access-policy/X', 'arn:aws-cn:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy'],
    ['arn:*:eks::aws:cluster-access-policy/*', ADMIN],
    ['arn:aw?:eks::aws:x', ADMIN],
    ['arn::eks::aws:x', ADMIN],
    ['*', ADMIN],
    // Only a value that starts with `arn:` names a partition.
    ['x:arn:aws-cn:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy', ADMIN],
  ])('%s -> %s', (value, expected) => {
    expect(adminPolicyArnFor(value)).toBe(expected);
  });
});

describe('conditionAllowsAdminPolicy', () => {
  test.each([
    ['ArnEquals the admin policy', on('ArnEquals', [ADMIN]), true],
    ['ArnEquals another policy', on('ArnEquals', [VIEW]), false],
    ['ArnLike with a wildcard', on('ArnLike', ['arn:aws:eks::aws:cluster-access-policy/*']), true],
    ['ArnEquals with a wildcard (it takes them too)', on('ArnEquals', ['arn:aws:eks::aws:cluster-access-policy/AmazonEKS*']), true],
    ['StringLike *', on('StringLike', ['*']), true],
    ['StringLike on another policy', on('StringLike', ['*ViewPolicy']), false],
    ['StringEquals exact', on('StringEquals', [VIEW, ADMIN]), true],
    ['StringEquals is case-sensitive', on('StringEquals', [ADMIN.toLowerCase()]), false],
    ['StringEquals takes no wildcard', on('StringEquals', ['*']), false],
    ['StringEqualsIgnoreCase', on('StringEqualsIgnoreCase', [ADMIN.toUpperCase()]), true],
    ['StringEqualsIgnoreCase another', on('StringEqualsIgnoreCase', [VIEW]), false],
    ['StringNotEquals the admin policy', on('StringNotEquals', [ADMIN]), false],
    ['StringNotEquals another policy', on('StringNotEquals', [VIEW]), true],
    ['StringNotEqualsIgnoreCase the admin policy', on('StringNotEqualsIgnoreCase', [ADMIN.toUpperCase()]), false],
    ['StringNotLike *', on('StringNotLike', ['*']), false],
    ['ArnNotEquals the admin policy', on('ArnNotEquals', [ADMIN]), false],
    ['ArnNotLike another', on('ArnNotLike', ['*View*']), true],
    ['IfExists suffix', on('ArnEqualsIfExists', [VIEW]), false],
    ['ForAnyValue prefix', on('ForAnyValue:StringLike', ['*Admin*']), true],
    ['ForAllValues prefix', on('ForAllValues:StringEquals', [VIEW]), false],
    ['the key is case-insensitive', on('ArnEquals', [VIEW], 'EKS:POLICYARN'), false],
    ['another key is not evaluated', on('StringEquals', ['namespace'], 'eks:accessScope'), true],
    ['another operator on the key is not evaluated', on('Null', ['false']), true],
    ['ArnLike another policy', on('ArnLike', [VIEW]), false],
    ['ArnNotLike a pattern the admin policy matches', on('ArnNotLike', ['arn:aws:eks::aws:cluster-access-policy/*']), false],
    ['several values of a negated operator are a NOR: one matches', on('StringNotEquals', [VIEW, ADMIN]), false],
    ['several values of a negated operator are a NOR: none matches', on('ArnNotEquals', [VIEW, 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy']), true],
    ['ForAnyValue prefix on a value that does not match', on('ForAnyValue:StringEquals', [VIEW]), false],
    ['ForAllValues prefix on a value that matches', on('ForAllValues:ArnLike', ['*Admin*']), true],
    ['a set prefix counts only at the start (unknown, not evaluated)', on('StringEqualsForAnyValue:', [VIEW]), true],
    ['IfExists counts only at the end (unknown, not evaluated)', on('StringIfExistsEquals', [VIEW]), true],
    ['an operator named like an Object member is unknown (not evaluated)', on('constructor', [VIEW]), true],
    ['the partition the value names', on('ArnEquals', ['arn:aws-cn:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy']), true],
  ])('%s: %s', (_, condition, expected) => {
    expect(conditionAllowsAdminPolicy(condition)).toBe(expected);
  });
});

test('allowsAdminPolicy: every condition must allow it; none is an open path', () => {
  const statement = allow([ASSOCIATE_ACCESS_POLICY], ['*']);
  expect(allowsAdminPolicy(statement)).toBe(true);
  expect(allowsAdminPolicy({ ...statement, conditions: [on('StringEquals', ['cluster'], 'eks:accessScope'), on('ArnEquals', [ADMIN])] })).toBe(true);
  expect(allowsAdminPolicy({ ...statement, conditions: [on('ArnLike', ['*']), on('ArnNotEquals', [ADMIN])] })).toBe(false);
});

describe('accessEntryTarget', () => {
  const entry: AccessEntry = { principal: 'role:fn', cluster: 'Cluster/Cluster', type: 'STANDARD', groups: [], policies: [], arnReference: 'Access/P/AccessEntry.AccessEntryArn' };
  const named = { label: 'Cluster/Cluster', bootstrapCreatorAdmin: false, arn: { prefix: 'arn:aws:eks:eu-west-1:111111111111:cluster/', name: 'eks-access-dev', stackName: 'dev-Cluster' } };

  test('its reference, and an entry ARN of its named cluster', () => {
    const target = accessEntryTarget(entry, [named]);
    expect(target).toEqual({ label: 'Access/P/AccessEntry.AccessEntryArn', literalArns: ['arn:aws:eks:eu-west-1:111111111111:access-entry/eks-access-dev/role/x'] });
    expect(resourceMatches('arn:aws:eks:eu-west-1:111111111111:access-entry/eks-access-dev/*', target)).toBe(true);
    expect(resourceMatches('arn:aws:eks:eu-west-1:111111111111:access-entry/other/*', target)).toBe(false);
    expect(resourceMatches('arn:aws:eks:eu-west-1:111111111111:cluster/eks-access-dev', target)).toBe(false);
  });

  test('a generated cluster name starts with the stack name', () => {
    const generated = { ...named, arn: { prefix: named.arn.prefix, stackName: 'dev-Cluster' } };
    expect(accessEntryTarget(entry, [generated]).literalArns).toEqual([
      'arn:aws:eks:eu-west-1:111111111111:access-entry/dev-Cluster-/role/x', 'arn:aws:eks:eu-west-1:111111111111:access-entry/dev-Cluster-x/role/x',
    ]);
  });

  test('the ARN of its own cluster, not of the first one', () => {
    const other = { label: 'Other/Cluster', bootstrapCreatorAdmin: false, arn: { prefix: 'arn:aws:eks:us-east-1:222222222222:cluster/', name: 'other', stackName: 'dev-Other' } };
    expect(accessEntryTarget(entry, [other, named]).literalArns).toEqual(['arn:aws:eks:eu-west-1:111111111111:access-entry/eks-access-dev/role/x']);
  });

  test('without a known cluster ARN or reference: a label naming the principal, no ARN', () => {
    expect(accessEntryTarget({ ...entry, arnReference: undefined }, [{ label: 'Cluster/Cluster', bootstrapCreatorAdmin: false }])).toEqual({ label: 'access entry of role:fn', literalArns: [] });
  });
});
