/**
 * The stand-in cluster in access-entry mode for handlers in their own process: each function's
 * Lambda session, the endpoints' environment, and the Kubernetes authorizer as EKS composes it
 * (the admin policy allows everything; else RBAC over the objects stored at that moment, as the
 * entry's username).
 */
import { buildEksToken } from '../../../lambda/edge/token';
import { CLUSTER_ADMIN_POLICY_ARN } from '../../../lambda/manifests/api';
import type { AccessEntryCluster } from '../../../lib/sandbox/access-entry-cluster';
import { StoredRbacEvaluator, lambdaSessionOf, startAccessEntryCluster } from '../../../lib/sandbox/access-entry-cluster';
import { BUILT_IN_KINDS } from '../../../lib/sandbox/kube-objects';
import { kubeCaller } from '../../support/kube-call';

const ROLE = 'arn:aws:iam::111111111111:role/dev-Access-Handler';
const USERNAME = 'eks-access:manifests:owner';
const kind = (name: string) => BUILT_IN_KINDS.find((k) => k.kind === name)!;

describe('lambdaSessionOf', () => {
  test('the assumed-role session of the role, with fixed fake keys per index', () => {
    expect(lambdaSessionOf('arn:aws:iam::111111111111:role/team/x/apply', 'fn', 0)).toEqual({
      accessKeyId: 'ASIAASSEMBLY00000001', secretAccessKey: 'assembly/secret+KEY/00000000000000000001',
      sessionToken: 'IQoJb3JpZ2luX2VjEASSEMBLY/00000001+session=token', arn: 'arn:aws:sts::111111111111:assumed-role/apply/fn',
    });
    expect(lambdaSessionOf(ROLE, 'fn', 1).accessKeyId).toBe('ASIAASSEMBLY00000002');
  });

  test('a value that is not a role ARN is refused', () => {
    expect(() => lambdaSessionOf('arn:aws:iam::111111111111:user/u', 'fn', 0)).toThrow('role "arn:aws:iam::111111111111:user/u" is not an IAM role ARN (arn:<partition>:iam::<account>:role/<name>); pass the resolved ARN of the function\'s role');
  });
});

describe('startAccessEntryCluster', () => {
  let cluster: AccessEntryCluster;
  beforeAll(async () => {
    cluster = await startAccessEntryCluster({
      clusterName: 'eks-access-dev', region: 'eu-west-1', account: '111111111111',
      functions: [{ roleArn: ROLE, functionName: 'dev-Access-Handler' }],
      accessEntries: [{ clusterName: 'eks-access-dev', principalArn: ROLE, username: USERNAME, policies: [] }],
    });
  });
  afterAll(() => cluster.close());

  const asFunction = async () => {
    const identity = cluster.identityOf(ROLE);
    const token = await buildEksToken({ clusterName: 'eks-access-dev', region: 'eu-west-1', credentials: identity });
    return kubeCaller(cluster.kube.url, cluster.kube.caData, () => token);
  };

  test('the function\'s environment: the endpoints, region and its session\'s credentials; an unknown role is refused', () => {
    const identity = cluster.identityOf(ROLE);
    expect(cluster.awsEnv(ROLE)).toMatchObject({
      AWS_ENDPOINT_URL_EKS: cluster.aws.url, AWS_ENDPOINT_URL_STS: cluster.aws.url, AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: identity.accessKeyId, AWS_SECRET_ACCESS_KEY: identity.secretAccessKey, AWS_SESSION_TOKEN: identity.sessionToken,
    });
    expect(identity.arn).toBe('arn:aws:sts::111111111111:assumed-role/dev-Access-Handler/dev-Access-Handler');
    expect(() => cluster.identityOf('arn:aws:iam::111111111111:role/other')).toThrow(`no function of the stand-in cluster has role arn:aws:iam::111111111111:role/other (roles: ${ROLE}); list it in functions`);
  });

  test('RBAC as the entry\'s username over the stored objects; the admin policy allows everything while associated', async () => {
    const call = await asFunction();
    expect((await call('GET', '/api/v1/namespaces/default')).status).toBe(403);
    // The RBAC a bootstrap would apply, written to the store after the evaluator was made.
    cluster.kube.objects.write(kind('ClusterRole'), { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'reader' }, rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get'] }] });
    cluster.kube.objects.write(kind('ClusterRoleBinding'), {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'reader' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'reader' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: USERNAME }],
    });
    expect((await call('GET', '/api/v1/namespaces/default')).status).toBe(200);
    expect((await call('GET', '/api/v1/namespaces/default/configmaps')).status).toBe(403);
    cluster.aws.accessEntries[0] = { ...cluster.aws.accessEntries[0], policies: [{ policyArn: CLUSTER_ADMIN_POLICY_ARN, accessScope: { type: 'cluster' } }] };
    expect((await call('GET', '/api/v1/namespaces/default/configmaps')).status).toBe(200);
  });

  test('the stored RBAC evaluator reloads the store at each decision', () => {
    const evaluator = new StoredRbacEvaluator(cluster.kube.objects);
    const question = { user: USERNAME, groups: [], verb: 'get', resource: 'namespaces', name: 'default' };
    expect(evaluator.authorize(question).allowed).toBe(true);
    cluster.kube.objects.remove(kind('ClusterRoleBinding'), undefined, 'reader');
    expect(evaluator.authorize(question).allowed).toBe(false);
  });
});
