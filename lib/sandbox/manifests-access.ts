/**
 * The manifests function's access to the harness's stand-in cluster in access-entry mode, as the
 * construct grants it: the owner id of its RBAC bootstrap (its Kubernetes username derives from
 * it), its access entry (that username, no groups, no access policy), and the Kubernetes
 * authorizer composed as EKS composes it for such a cluster. Shared by the handler scenarios and
 * the manifests benchmark.
 */
import { manifestsUsername } from '../../lambda/manifests/api';
import { StoredRbacEvaluator } from './access-entry-cluster';
import { accessPolicyAuthorizer } from './access-policy-authorizer';
import type { StandInAccessEntry } from './aws-endpoints';
import type { ManifestsHarness } from './manifests-harness';
import { MANIFESTS_HANDLER_ROLE } from './manifests-harness';

/** Owner id of the RBAC bootstrap of the harness's provider (its username derives from it). */
export const RBAC_OWNER = 'demo-manifests-rbac';

/** The function's access entry as the construct creates it on the harness's cluster: the username of its provider (of {@link RBAC_OWNER}), no groups, no policy. */
export const FUNCTION_ENTRY: StandInAccessEntry = { clusterName: 'demo', principalArn: MANIFESTS_HANDLER_ROLE, policies: [], username: manifestsUsername(RBAC_OWNER) };

/**
 * Authorizes the harness's stand-in as EKS does for a cluster with access entries: the admin
 * policy at cluster scope allows everything, anything else is RBAC over the objects the stand-in
 * stores at each decision, as the entry's username and groups.
 */
export function useAccessEntries(h: ManifestsHarness): void {
  h.kube.setAuthorizer(accessPolicyAuthorizer({ clusterName: h.clusterName, accessEntries: h.aws.accessEntries, rbac: new StoredRbacEvaluator(h.kube.objects) }));
}
