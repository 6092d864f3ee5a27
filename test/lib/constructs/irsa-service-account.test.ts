import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { MANIFESTS_RESOURCE_TYPE } from '../../../lambda/manifests/api';
import { IrsaServiceAccount } from '../../../lib/constructs/irsa-service-account';
import { IRSA_ROLE_ARN_ANNOTATION } from '../../../lib/k8s/service-account';
import { cliContext, onlyResource, resourcesOfType } from '../../util';

const PATCH = 'Custom::AWSCDK-EKS-KubernetesPatch';

/** One IrsaServiceAccount on a fresh cluster, synthesized with the app's feature flags (cdk.json: the native OIDC provider). */
function synth(props: { patchExisting?: boolean; retirePatch?: boolean }): Template {
  const stack = new Stack(new App({ context: cliContext() }), 'Test', { env: { account: '111122223333', region: 'eu-west-1' } });
  const cluster = new eks.Cluster(stack, 'Cluster', {
    version: eks.KubernetesVersion.of('1.35'), defaultCapacityType: eks.DefaultCapacityType.NODEGROUP, defaultCapacity: 0
  });
  new IrsaServiceAccount(stack, 'Sa', { cluster, namespace: 'kube-system', name: 'aws-node', ...props });
  return Template.fromStack(stack);
}

describe('IrsaServiceAccount with patchExisting', () => {
  test('default: the kubectl patch is retired (restore = apply, Retain) and the app\'s own resource patches the annotation after it', () => {
    const template = synth({ patchExisting: true });
    const [patchId, patch] = onlyResource(template, PATCH);
    expect(patch.Properties?.RestorePatchJson).toEqual(patch.Properties?.ApplyPatchJson);
    expect(patch.DeletionPolicy).toBe('Retain');
    const [, own] = onlyResource(template, MANIFESTS_RESOURCE_TYPE);
    expect(own.DependsOn).toEqual(expect.arrayContaining([patchId]));
    expect(own.Properties?.Objects).toBe('[]');
    expect(own.Properties?.ReleaseAdopted).toBe('true');
    const patches = JSON.stringify(own.Properties?.Patches);
    expect(patches).toContain('\\"kind\\":\\"ServiceAccount\\"');
    expect(patches).toContain(`\\"${IRSA_ROLE_ARN_ANNOTATION}\\":\\"`);
    expect(patches).toMatch(/Fn::GetAtt.*Arn/);
  });

  test('retirePatch: deleting it changes nothing (restore = apply, with the role ARN), removal never calls its delete (Retain), and the app does not patch (the add-on owns the annotation)', () => {
    const template = synth({ patchExisting: true, retirePatch: true });
    expect(resourcesOfType(template, MANIFESTS_RESOURCE_TYPE)).toEqual([]);
    const [, patch] = onlyResource(template, PATCH);
    expect(patch.Properties?.RestorePatchJson).toEqual(patch.Properties?.ApplyPatchJson);
    expect(JSON.stringify(patch.Properties?.ApplyPatchJson)).toContain(IRSA_ROLE_ARN_ANNOTATION);
    expect(JSON.stringify(patch.Properties?.ApplyPatchJson)).toMatch(/Fn::GetAtt.*Arn/);
    expect(patch.DeletionPolicy).toBe('Retain');
    expect(patch.UpdateReplacePolicy).toBe('Retain');
  });

  test('without patchExisting there is no patch (retirePatch has nothing to retire): the ServiceAccount, written by the app\'s own resource after the retained kubectl manifest', () => {
    const template = synth({ retirePatch: true });
    expect(resourcesOfType(template, PATCH)).toEqual([]);
    const [kubectlId, kubectl] = onlyResource(template, 'Custom::AWSCDK-EKS-KubernetesResource');
    expect(kubectl.DeletionPolicy).toBe('Retain');
    const [, own] = onlyResource(template, MANIFESTS_RESOURCE_TYPE);
    expect(own.DependsOn).toEqual(expect.arrayContaining([kubectlId]));
    expect(JSON.stringify(own.Properties?.Objects)).toContain('\\"kind\\":\\"ServiceAccount\\"');
    expect(own.Properties).not.toHaveProperty('Patches');
  });
});
