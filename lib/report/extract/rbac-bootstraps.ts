/**
 * The manifests functions' RBAC bootstraps (`Custom::EksAccessManifestsRbac`): which principal
 * each one makes cluster admin for the length of its run (see lambda/manifests/api.ts).
 */
import { MANIFESTS_RBAC_RESOURCE_TYPE, ManifestsRbacProps } from '../../../lambda/manifests/api';
import { renderString, resourceLabel } from '../intrinsics';
import type { RbacBootstrap } from '../model';
import { resourcesOf } from '../template';
import type { TemplateContext } from '../template';

/** Extracts the RBAC bootstraps of one stack. */
export function extractRbacBootstraps(context: TemplateContext): RbacBootstrap[] {
  return resourcesOf(context.template)
    .filter(([, resource]) => resource.Type === MANIFESTS_RBAC_RESOURCE_TYPE)
    .map(([logicalId, resource]) => ({
      label: resourceLabel(context, logicalId),
      principal: renderString(context, resource.Properties?.[ManifestsRbacProps.principalArn]),
      cluster: renderString(context, resource.Properties?.[ManifestsRbacProps.clusterName]),
    }));
}
