/** Errors of the AWS edge: their sentences, and which failures are worth repeating. */
import { AccessDeniedException, InvalidParameterException, ResourceNotFoundException, ServerException, ServiceUnavailableException } from '@aws-sdk/client-eks';
import { AccessEntryNotFoundError, ClusterNotFoundError, isTransientAwsError } from '../../../lambda/edge/aws-errors';

const meta = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });

describe('edge errors', () => {
  test('ClusterNotFoundError names the cluster, the region and the fix', () => {
    const e = new ClusterNotFoundError('prod', 'eu-west-1');
    expect(e.message).toBe('EKS cluster "prod" was not found in region eu-west-1; check the ClusterName property and that the stack deploys to the cluster\'s region');
    expect([e.name, e.clusterName, e.region]).toEqual(['ClusterNotFoundError', 'prod', 'eu-west-1']);
  });

  test('AccessEntryNotFoundError names the cluster, the principal and the fix', () => {
    const e = new AccessEntryNotFoundError('prod', 'arn:aws:iam::111122223333:role/fn');
    expect(e.message).toBe('EKS cluster "prod" has no access entry for arn:aws:iam::111122223333:role/fn; create the access entry first (the construct creates it before the RBAC bootstrap), or check the PrincipalArn property');
    expect([e.name, e.clusterName, e.principalArn]).toEqual(['AccessEntryNotFoundError', 'prod', 'arn:aws:iam::111122223333:role/fn']);
  });
});

describe('isTransientAwsError', () => {
  test.each<[string, unknown]>([
    ['a server fault', new ServerException({ message: 'x', ...meta(500) })],
    ['a service unavailable', new ServiceUnavailableException({ message: 'x', ...meta(503) })],
    ['a dropped connection', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['a timeout', Object.assign(new Error('timed out'), { name: 'TimeoutError' })],
    ['a value that is not an error', 'boom'],
    ['null', null],
    ...['ThrottlingException', 'TooManyRequestsException', 'Throttling', 'RequestLimitExceeded', 'SlowDown'].map((name): [string, unknown] => [
      `client-fault ${name}`, { name, $fault: 'client' },
    ]),
  ])('transient: %s', (_, e) => {
    expect(isTransientAwsError(e)).toBe(true);
  });

  test.each<[string, unknown]>([
    ['access denied', new AccessDeniedException({ message: 'x', ...meta(403) })],
    ['an invalid parameter', new InvalidParameterException({ message: 'x', ...meta(400) })],
    ['not found', new ResourceNotFoundException({ message: 'x', ...meta(404) })],
    ['the edge\'s cluster not found', new ClusterNotFoundError('c', 'r')],
    ['the edge\'s access entry not found', new AccessEntryNotFoundError('c', 'p')],
  ])('permanent: %s', (_, e) => {
    expect(isTransientAwsError(e)).toBe(false);
  });
});
