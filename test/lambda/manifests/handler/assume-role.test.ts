/**
 * AssumeRoleArn: the handler reaches Kubernetes as the assumed role (STS AssumeRole on the AWS
 * stand-in, its session signing the EKS token), and a 401 then names that role and the grant.
 */
import { ManifestsProps } from '../../../../lambda/manifests/api';
import { OWNER, configMap, failure, harnessPerTest } from './support';

const start = harnessPerTest();
const ROLE = 'arn:aws:iam::111122223333:role/cluster-writer';

describe('manifests handler: a role to assume', () => {
  test('Kubernetes sees the assumed role\'s session; EKS is called with the function\'s own identity', async () => {
    const h = await start({ roles: [ROLE] });
    const result = await h.handler(h.event('Create', { owner: OWNER, objects: [configMap('default', 'x', {})], assumeRoleArn: ROLE }));
    expect(result.Data).toMatchObject({ Created: '1' });
    expect(new Set(h.kube.requests.map((r) => r.identity))).toEqual(new Set(['arn:aws:sts::111122223333:assumed-role/cluster-writer/eks-access-manifests']));
    expect(h.aws.requests.map((r) => `${r.operation} ${r.identity}`)).toEqual([
      'DescribeCluster arn:aws:sts::111122223333:assumed-role/manifests-handler/lambda-session',
      'AssumeRole arn:aws:sts::111122223333:assumed-role/manifests-handler/lambda-session',
    ]);
  });

  test('a 401 as the assumed role names it and the access entry it needs', async () => {
    const h = await start({ roles: [ROLE] });
    h.kubeIdentities.push = () => h.kubeIdentities.length; // the cluster does not know the assumed session
    const event = h.event('Create', { owner: OWNER, objects: [configMap('default', 'x', {})], assumeRoleArn: ROLE });
    expect(event.ResourceProperties[ManifestsProps.assumeRoleArn]).toBe(ROLE);
    expect(await failure(h.handler(event))).toBe(`Kubernetes rejected arn:aws:sts::111122223333:assumed-role/cluster-writer/eks-access-manifests as unauthenticated (401) while applying the manifests of cluster demo (eu-west-1); give ${ROLE} an EKS access entry with Kubernetes username eks-access:manifests:<owner id of the provider's RBAC bootstrap> (the provider's, which its generated RBAC binds), and check that the cluster's authentication mode includes API.`);
  });
});
