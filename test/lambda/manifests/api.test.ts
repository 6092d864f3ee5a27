/** The construct/handler contract of the manifests resource. */
import { MANAGED_BY_LABEL as K8S_MANAGED_BY_LABEL, MANAGED_BY_VALUE as K8S_MANAGED_BY_VALUE } from '../../../lib/k8s/manifest';
import {
  FIELD_MANAGER, MANAGED_BY_LABEL, MANAGED_BY_VALUE, MANIFESTS_RESOURCE_TYPE, MANIFESTS_USERNAME_PREFIX, ManifestsAttributes, ManifestsProps, OWNER_LABEL,
  PATCH_FIELD_MANAGER, manifestsUsername,
} from '../../../lambda/manifests/api';
import type { ManifestsResourceProperties } from '../../../lambda/manifests/api';

/** A label key: an optional DNS-subdomain prefix and `/`, then a name of at most 63 characters. */
const LABEL_KEY_RE = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

describe('the manifests contract', () => {
  test('resource type and property names', () => {
    expect(MANIFESTS_RESOURCE_TYPE).toBe('Custom::EksAccessManifests');
    expect(ManifestsProps).toEqual({ clusterName: 'ClusterName', owner: 'Owner', objects: 'Objects', patches: 'Patches', assumeRoleArn: 'AssumeRoleArn', releaseAdopted: 'ReleaseAdopted' });
    expect(ManifestsAttributes).toEqual({ created: 'Created', changed: 'Changed', unchanged: 'Unchanged', deleted: 'Deleted', summary: 'Summary' });
  });

  test('the properties interface has exactly the property names (checked by the compiler)', () => {
    const props: Record<(typeof ManifestsProps)[keyof typeof ManifestsProps], string> = { ClusterName: 'c', Owner: 'o', Objects: '[]', Patches: '[]', AssumeRoleArn: 'arn', ReleaseAdopted: 'true' };
    const typed: Required<ManifestsResourceProperties> = props;
    expect(Object.keys(typed).sort()).toEqual(Object.values(ManifestsProps).sort());
  });

  test('field managers and labels are the shared vocabulary, the managed-by label owned by lib/k8s', () => {
    expect([FIELD_MANAGER, PATCH_FIELD_MANAGER]).toEqual(['eks-access', 'eks-access-patch']);
    expect([MANAGED_BY_LABEL, MANAGED_BY_VALUE]).toEqual([K8S_MANAGED_BY_LABEL, K8S_MANAGED_BY_VALUE]);
    expect(OWNER_LABEL).toBe('eks-access.io/owner');
    for (const key of [MANAGED_BY_LABEL, OWNER_LABEL]) expect(key).toMatch(LABEL_KEY_RE);
  });

  test('a provider\'s Kubernetes username: the prefix and its bootstrap\'s owner id, outside the prefixes EKS reserves', () => {
    expect(MANIFESTS_USERNAME_PREFIX).toBe('eks-access:manifests:');
    expect(manifestsUsername('access-dev-a1b2c3d4')).toBe('eks-access:manifests:access-dev-a1b2c3d4');
    expect(manifestsUsername('workloads-dev-e5f6a7b8')).not.toBe(manifestsUsername('access-dev-a1b2c3d4'));
    // EKS refuses a custom username starting with these (User Guide, set-custom-username).
    for (const reserved of ['system:', 'eks:', 'aws:', 'amazon:', 'iam:']) expect(manifestsUsername('x').startsWith(reserved)).toBe(false);
    // No {{SessionName}} template: EKS passes the username on as given, so a binding can name it.
    expect(manifestsUsername('x')).not.toMatch(/\{\{/);
  });
});
