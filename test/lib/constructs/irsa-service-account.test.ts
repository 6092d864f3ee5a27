import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { kubectlLayer } from '../../../lib/config/versions';
import { IrsaServiceAccount } from '../../../lib/constructs/irsa-service-account';
import { IRSA_ROLE_ARN_ANNOTATION } from '../../../lib/k8s/service-account';
import { cliContext, onlyResource, resourcesOfType } from '../../util';

const PATCH = 'Custom::AWSCDK-EKS-KubernetesPatch';

/** One IrsaServiceAccount on a fresh cluster, synthesized with the app's feature flags (cdk.json: the native OIDC provider). */
function synth(props: { patchExisting?: boolean; retirePatch?: boolean }): Template {
  const stack = new Stack(new App({ context: cliContext() }), 'Test', { env: { account: '111122223333', region: 'eu-west-1' } });
  const cluster = new eks.Cluster(stack, 'Cluster', {
    version: eks.KubernetesVersion.of('1.35'), defaultCapacityType: eks.DefaultCapacityType.NODEGROUP, defaultCapacity: 0, kubectlProviderOptions: { kubectlLayer: kubectlLayer(stack, 'Kubectl') },
  });
  new IrsaServiceAccount(stack, 'Sa', { cluster, namespace: 'kube-system', name: 'aws-node', ...props });
  return Template.fromStack(stack);
}

describe('IrsaServiceAccount with patchExisting', () => {
  test('default: the patch removes the annotation when deleted, and CloudFormation deletes it (DeletionPolicy Delete)', () => {
    const [, patch] = onlyResource(synth({ patchExisting: true }), PATCH);
    expect(JSON.parse(patch.Properties?.RestorePatchJson as string)).toEqual({ metadata: { annotations: { [IRSA_ROLE_ARN_ANNOTATION]: null } } });
    expect(patch.DeletionPolicy).toBe('Delete');
  });

  test('retirePatch: deleting it changes nothing (restore = apply, with the role ARN), and removal never calls its delete (Retain)', () => {
    const [, patch] = onlyResource(synth({ patchExisting: true, retirePatch: true }), PATCH);
    expect(patch.Properties?.RestorePatchJson).toEqual(patch.Properties?.ApplyPatchJson);
    expect(JSON.stringify(patch.Properties?.ApplyPatchJson)).toContain(IRSA_ROLE_ARN_ANNOTATION);
    expect(JSON.stringify(patch.Properties?.ApplyPatchJson)).toMatch(/Fn::GetAtt.*Arn/);
    expect(patch.DeletionPolicy).toBe('Retain');
    expect(patch.UpdateReplacePolicy).toBe('Retain');
  });

  test('without patchExisting there is no patch (retirePatch has nothing to retire): a ServiceAccount manifest instead', () => {
    const template = synth({ retirePatch: true });
    expect(resourcesOfType(template, PATCH)).toEqual([]);
    expect(resourcesOfType(template, 'Custom::AWSCDK-EKS-KubernetesResource')).toHaveLength(1);
  });
});
