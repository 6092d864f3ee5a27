import { irsaResourceWildcard } from '../../../../lib/config/rules/irsa-resource-wildcard';

const NAG = 'cdk-nag (AwsSolutions-IAM5) fails synth on it and this app acknowledges only a "*" after a literal name prefix';
const FIX = 'end the ARN in one "*" after a literal name prefix, for example arn:aws:s3:::my-bucket/uploads/* or '
  + 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:my-app/*, or list the exact ARNs';

describe('irsaResourceWildcard', () => {
  test.each([
    'arn:aws:s3:::bucket/uploads/*',
    'arn:aws:s3:::eks-access-dev-uploads/*',
    'arn:aws:s3:::bucket/uploads/report-*',
    'arn:aws:secretsmanager:eu-west-1:111122223333:secret:dev/*',
    'arn:aws:dynamodb:eu-west-1:111122223333:table/orders*',
    'arn:aws:dynamodb:eu-west-1:111122223333:table/orders/index/*',
    'arn:aws:logs:eu-west-1:111122223333:log-group:/aws/eks/*',
    'arn:aws:sqs:eu-west-1:111122223333:orders-*',
    'arn:aws:iam::111122223333:role/team/*',
    'arn:aws:s3:::bucket/uploads/file.txt',
    // No resource type before the first "/": the whole name is the literal prefix.
    'arn:aws:secretsmanager:eu-west-1:111122223333:/dev/*',
  ])('compliant: %s', (resource) => {
    expect(irsaResourceWildcard(resource)).toBeUndefined();
  });

  test.each([
    ['a bare "*"', '*', /^is every resource of the actions; cdk-nag .*existing role \(roleArn\)/],
    ['secret:*', 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:*', /^has no literal name before the "\*", so it matches every secret of the account; /],
    ['role/*', 'arn:aws:iam::111122223333:role/*', /^has no literal name before the "\*", so it matches every role of the account; /],
    ['key/*', 'arn:aws:kms:eu-west-1:111122223333:key/*', /^has no literal name before the "\*", so it matches every key of the account; /],
    ['a service without resource types', 'arn:aws:sqs:eu-west-1:111122223333:*', /^has no literal name before the "\*", so it matches every resource of the service in the account; /],
    ['a "*" in the account', 'arn:aws:secretsmanager:eu-west-1:*:secret:dev/x', /^has a "\*" in its partition, service, region or account/],
    ['a "*" in the region', 'arn:aws:secretsmanager:*:111122223333:secret:dev/*', /^has a "\*" in its partition, service, region or account/],
    ['a "*" in the service', 'arn:aws:*:eu-west-1:111122223333:secret:dev/*', /^has a "\*" in its partition, service, region or account/],
    ['a "*" inside the name', 'arn:aws:s3:::bucket/*/reports', /^may hold one "\*", as its last character; /],
    ['two "*"', 'arn:aws:s3:::bucket/*/*', /^may hold one "\*", as its last character; /],
    ['every bucket', 'arn:aws:s3:::*', /^has a "\*" in the bucket name, which matches buckets of every AWS account; /],
    ['a bucket-name prefix', 'arn:aws:s3:::my-bucket*', /^has a "\*" in the bucket name/],
    ['a "?"', 'arn:aws:iam::111122223333:role/app-??', /^uses "\?", an IAM wildcard that cdk-nag does not see; /],
    ['not an ARN', 'bucket/*', /^is not an ARN; /],
  ])('non-compliant: %s', (_, resource, message) => {
    expect(irsaResourceWildcard(resource)).toMatch(message);
  });

  test.each([
    ['five fields', 'arn:aws:s3::bucket/*'],
    ['six fields, not starting with arn', 'nra:aws:s3:::bucket/*'],
  ])('not an ARN (%s): %s', (_label, resource) => {
    expect(irsaResourceWildcard(resource)).toBe(`is not an ARN; ${FIX}`);
  });

  test('an S3 name starting with "/" has no bucket name: refused as a wildcard bucket', () => {
    expect(irsaResourceWildcard('arn:aws:s3:::/uploads/*'))
      .toBe(`has a "*" in the bucket name, which matches buckets of every AWS account; ${NAG}; write the bucket name out and ${FIX}`);
  });

  test('messages end with the fix', () => {
    expect(irsaResourceWildcard('arn:aws:iam::111122223333:role/*'))
      .toBe(`has no literal name before the "*", so it matches every role of the account; ${NAG}; ${FIX}`);
  });
});
