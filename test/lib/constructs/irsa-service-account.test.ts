import { App, Stack } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { MANIFESTS_RESOURCE_TYPE } from '../../../lambda/manifests/api';
import { IrsaServiceAccount } from '../../../lib/constructs/irsa-service-account';
import { IRSA_ROLE_ARN_ANNOTATION } from '../../../lib/k8s/service-account';
import { cliContext, getAtt, onlyResource, ownObjects, resourcesOfType } from '../../util';

/** The resource types of CDK's kubectl provider, which 0.3 removed. */
const KUBECTL_TYPES = ['Custom::AWSCDK-EKS-KubernetesResource', 'Custom::AWSCDK-EKS-KubernetesPatch'];

/** One IrsaServiceAccount on a fresh cluster, synthesized with the app's feature flags (cdk.json: the native OIDC provider). */
function synth(props: { patchExisting?: boolean; annotatedByOthers?: boolean }): { template: Template; irsa: IrsaServiceAccount; roleId: string } {
  const stack = new Stack(new App({ context: cliContext() }), 'Test', { env: { account: '111122223333', region: 'eu-west-1' } });
  const cluster = new eks.Cluster(stack, 'Cluster', {
    version: eks.KubernetesVersion.of('1.35'), defaultCapacityType: eks.DefaultCapacityType.NODEGROUP, defaultCapacity: 0
  });
  const irsa = new IrsaServiceAccount(stack, 'Sa', { cluster, namespace: 'kube-system', name: 'aws-node', ...props });
  const template = Template.fromStack(stack);
  const [roleId] = onlyResource(template, 'AWS::IAM::Role', (r) => JSON.stringify(r.Properties?.AssumeRolePolicyDocument).includes('sts:AssumeRoleWithWebIdentity'));
  return { template, irsa, roleId };
}

/** The logical id of the service account's own resource. */
function logicalIdOf(irsa: IrsaServiceAccount): string {
  if (!irsa.objects) throw new Error('the service account has no resource of its own');
  return Stack.of(irsa).getLogicalId(irsa.objects.resource.node.defaultChild as CfnElement);
}

/** Nothing of CDK's kubectl provider: no kubectl resource or patch, and no Lambda layer (the kubectl and awscli layers). */
function expectNoKubectl(template: Template): void {
  for (const type of KUBECTL_TYPES) expect([type, resourcesOfType(template, type)]).toEqual([type, []]);
  expect(resourcesOfType(template, 'AWS::Lambda::LayerVersion')).toEqual([]);
}

describe('IrsaServiceAccount with patchExisting', () => {
  test('default: the app\'s own resource patches the annotation with the role ARN (no objects of its own, no ReleaseAdopted), and there is no kubectl patch', () => {
    const { template, irsa, roleId } = synth({ patchExisting: true });
    expectNoKubectl(template);
    const [{ id, resource, objects, patches }] = ownObjects(template);
    expect(ownObjects(template)).toHaveLength(1);
    expect(resource.Type).toBe(MANIFESTS_RESOURCE_TYPE);
    // The construct id of 0.2 (`<id>/Objects`), so its logical id, and the resource, stay the same.
    expect(irsa.objects?.node.path).toBe('Test/Sa/Objects');
    expect(id).toBe(logicalIdOf(irsa));
    expect(resource.Properties?.Objects).toBe('[]');
    expect(objects).toEqual([]);
    expect(resource.Properties).not.toHaveProperty('ReleaseAdopted');
    expect(patches).toEqual([{
      apiVersion: 'v1', kind: 'ServiceAccount',
      metadata: { name: 'aws-node', namespace: 'kube-system', annotations: { [IRSA_ROLE_ARN_ANNOTATION]: getAtt(roleId, 'Arn') } },
    }]);
  });

  test('annotatedByOthers: the role is still made, but the app neither writes nor patches the service account (another owner keeps the annotation), and no kubectl patch remains', () => {
    const { template, irsa, roleId } = synth({ patchExisting: true, annotatedByOthers: true });
    expectNoKubectl(template);
    expect(resourcesOfType(template, MANIFESTS_RESOURCE_TYPE)).toEqual([]);
    expect(irsa.objects).toBeUndefined();
    expect(template.toJSON().Resources[roleId].Type).toBe('AWS::IAM::Role');
  });

  test('without patchExisting there is no patch (annotatedByOthers has nothing to leave alone): the ServiceAccount with the role ARN, written by the app\'s own resource alone', () => {
    const { template, irsa, roleId } = synth({ annotatedByOthers: true });
    expectNoKubectl(template);
    const own = ownObjects(template);
    expect(own).toHaveLength(1);
    const [{ resource, objects }] = own;
    expect(irsa.objects?.node.path).toBe('Test/Sa/Objects');
    expect(own[0].id).toBe(logicalIdOf(irsa));
    expect(objects).toEqual([expect.objectContaining({
      apiVersion: 'v1', kind: 'ServiceAccount',
      metadata: expect.objectContaining({ name: 'aws-node', namespace: 'kube-system', annotations: { [IRSA_ROLE_ARN_ANNOTATION]: getAtt(roleId, 'Arn') } }),
    })]);
    expect(resource.Properties).not.toHaveProperty('Patches');
    expect(resource.Properties).not.toHaveProperty('ReleaseAdopted');
  });
});
