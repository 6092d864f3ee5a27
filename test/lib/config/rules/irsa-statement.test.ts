import { acknowledgeableWildcardResources, irsaStatementProblems } from '../../../../lib/config/rules/irsa-statement';

const BUCKET = 'arn:aws:s3:::bucket/uploads/*';
const ROLES = 'arn:aws:iam::111122223333:role/team/*';

describe('irsaStatementProblems', () => {
  test('compliant: exact actions, resources exact or under a literal prefix', () => {
    expect(irsaStatementProblems({ actions: ['s3:GetObject', 's3:PutObject'], resources: [BUCKET, 'arn:aws:s3:::bucket'] })).toEqual([]);
  });

  test('non-compliant: each wildcard action and each refused resource, with its field', () => {
    const problems = irsaStatementProblems({ actions: ['s3:Get*', 'iam:PassRole'], resources: [BUCKET, ROLES, '*'] });
    expect(problems.map((p) => [p.field, p.value])).toEqual([
      ['actions[0]', 's3:Get*'],
      ['resources[0]', BUCKET], // fine alone, but not beside iam:PassRole
      ['resources[1]', ROLES],
      ['resources[2]', '*'],
    ]);
    expect(problems[3].message).toMatch(/^is every resource of the actions/); // the resource rule speaks first
  });
});

describe('acknowledgeableWildcardResources', () => {
  test('the wildcard resources no statement refuses', () => {
    expect(acknowledgeableWildcardResources([
      { actions: ['s3:GetObject'], resources: [BUCKET, 'arn:aws:s3:::bucket'] },
      { actions: ['iam:GetRole'], resources: [ROLES] },
    ])).toEqual([BUCKET, ROLES]);
  });

  test('a resource refused in one statement is refused for the role; a wildcard action does not refuse its resources', () => {
    expect(acknowledgeableWildcardResources([
      { actions: ['iam:GetRole'], resources: [ROLES] },
      { actions: ['iam:PassRole'], resources: [ROLES] },
      { actions: ['s3:Get*'], resources: [BUCKET] },
      { actions: ['s3:GetObject'], resources: ['arn:aws:secretsmanager:eu-west-1:111122223333:secret:*'] },
    ])).toEqual([BUCKET]);
  });

  test('only resource problems refuse: an action problem whose value reads like the resource does not', () => {
    // A malformed action spelled as the resource ARN: reported under actions[0], so BUCKET stays acknowledgeable.
    expect(acknowledgeableWildcardResources([{ actions: [BUCKET], resources: [BUCKET] }])).toEqual([BUCKET]);
  });
});
