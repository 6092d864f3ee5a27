/**
 * Who the handler is toward Kubernetes, and what it says when Kubernetes or EKS refuses it:
 * 401 and 403 name the identity (from STS GetCallerIdentity) and the fix; assumeRole signs the
 * token as the assumed role; a missing cluster and authentication mode API fail clearly.
 */
import { failure, harnessPerTest, HANDLER_ARN, log, role, roleArn, run, seedAwsAuth, stored } from './support';

const start = harnessPerTest();
const TEAM = { owner: 'team', mapRoles: [role('developer')] };

function awsCalls(h: Awaited<ReturnType<typeof start>>): string[] {
  return h.aws.requests.map((r) => `${r.service} ${r.operation} ${r.status}${r.identity ? ` as ${r.identity}` : ''}`);
}

describe('Kubernetes refuses the handler', () => {
  test('401: the error names the handler identity and how to grant it access', async () => {
    const h = await start();
    h.kubeIdentities.splice(h.kubeIdentities.findIndex((i) => i.arn === HANDLER_ARN), 1);

    const message = await failure(run(h, 'Create', TEAM));

    expect(message).toBe(
      `Kubernetes rejected ${HANDLER_ARN} as unauthenticated (401) while editing ConfigMap kube-system/aws-auth of cluster demo (eu-west-1); `
      + `give its IAM role ${roleArn('aws-auth-handler')} an EKS access entry in group eks-access:aws-auth-writer `
      + '(AwsAuthMappings creates it unless assumeRole is set) and make sure the cluster\'s authentication mode is API_AND_CONFIG_MAP.',
    );
    expect(log(h)).toEqual(['GET 401']);
    expect(awsCalls(h)).toEqual([`eks DescribeCluster 200 as ${HANDLER_ARN}`, `sts GetCallerIdentity 200 as ${HANDLER_ARN}`]);
    expect(h.awsAuth()).toBeUndefined();
  });

  test('403 on update: the error names the identity, the Role and the group to bind; nothing written', async () => {
    const h = await start();
    const rv = seedAwsAuth(h, { mapRoles: '[]\n' });
    h.kube.setAuthorizer((_who, verb) => verb !== 'update');

    const message = await failure(run(h, 'Create', TEAM));

    expect(message).toBe(
      `Kubernetes authenticated ${HANDLER_ARN} but forbids it to edit ConfigMap kube-system/aws-auth of cluster demo (eu-west-1) `
      + `(403: configmaps "aws-auth" is forbidden: User "${HANDLER_ARN}" cannot update resource "configmaps" in API group "" in the namespace "kube-system"); `
      + 'bind it to the Role eks-access-aws-auth-writer in kube-system (get/update/patch on configmap aws-auth, create on configmaps) '
      + 'through group eks-access:aws-auth-writer.',
    );
    expect(log(h)).toEqual(['GET 200', 'PUT 403']);
    expect(h.awsAuth()!.resourceVersion).toBe(rv);
  });
});

describe('assumeRole', () => {
  const WRITER = roleArn('aws-auth-writer');
  const SESSION = 'arn:aws:sts::111122223333:assumed-role/aws-auth-writer/eks-access-aws-auth';

  test('the token sent to Kubernetes is for the assumed role; EKS is still called as the handler', async () => {
    const h = await start({ roles: [WRITER] });

    await run(h, 'Create', { ...TEAM, assumeRoleArn: WRITER });

    expect(log(h)).toEqual(['GET 404', 'POST 201']);
    expect(h.kube.requests.map((r) => r.identity)).toEqual([SESSION, SESSION]);
    expect(awsCalls(h)).toEqual([`eks DescribeCluster 200 as ${HANDLER_ARN}`, `sts AssumeRole 200 as ${HANDLER_ARN}`]); // one session for all requests
    expect(stored(h).mapRoles).toEqual([role('developer')]);
  });

  test('401 for the assumed role: the error says to map that role', async () => {
    const h = await start({ roles: [WRITER] });
    // Sessions the STS stand-in issues are pushed to kubeIdentities; forget them as they come.
    const push = h.kubeIdentities.push.bind(h.kubeIdentities);
    h.kubeIdentities.push = (...items) => push(...items.filter((i) => !i.arn.includes(':assumed-role/aws-auth-writer/')));

    const message = await failure(run(h, 'Create', { ...TEAM, assumeRoleArn: WRITER }));

    expect(message).toBe(
      `Kubernetes rejected ${SESSION} as unauthenticated (401) while editing ConfigMap kube-system/aws-auth of cluster demo (eu-west-1); `
      + `map ${WRITER} in aws-auth (or give it an access entry) so that it can edit aws-auth.`,
    );
    expect(log(h)).toEqual(['GET 401']);
  });
});

describe('the cluster', () => {
  test('not found on Create: the error names the cluster and the region; Kubernetes never called', async () => {
    const h = await start();

    const message = await failure(run(h, 'Create', { ...TEAM, clusterName: 'prod-eu' }));

    expect(message).toBe('EKS cluster "prod-eu" was not found in region eu-west-1; check the ClusterName property and that the stack deploys to the cluster\'s region');
    expect(h.kube.requests).toEqual([]);
  });

  test('authentication mode API: Create fails saying aws-auth is ignored and what to use instead', async () => {
    const h = await start({ authenticationMode: 'API' });

    const message = await failure(run(h, 'Create', TEAM));

    expect(message).toBe('cluster demo uses authentication mode API, which ignores aws-auth; map these principals with access entries, or create the cluster with API_AND_CONFIG_MAP');
    expect(h.kube.requests).toEqual([]);
  });
});
