/**
 * aws-auth declarations: every `Custom::EksAccessAwsAuth` merge resource, with its owner-level
 * settings and its role and user mappings.
 */
import { AWS_AUTH_RESOURCE_TYPE, AwsAuthProps } from '../../../lambda/aws-auth/api';
import { constructPathOf, renderString, resolveValue } from '../intrinsics';
import type { AwsAuthMapping, AwsAuthOwner } from '../model';
import { resourcesOf } from '../template';
import type { TemplateContext } from '../template';
import { asList, getIgnoringCase, toStringList } from './values';

/** The owners and mappings declared in one stack. */
export interface AwsAuthDeclarations {
  readonly owners: AwsAuthOwner[];
  readonly mappings: AwsAuthMapping[];
}

function mappingsOf(context: TemplateContext, owner: string, list: AwsAuthMapping['list'], value: unknown): AwsAuthMapping[] {
  const arnKey = list === 'mapRoles' ? 'rolearn' : 'userarn';
  return asList(resolveValue(context, value)).map((entry) => ({
    list,
    owner,
    principal: renderString(context, getIgnoringCase(entry, arnKey)),
    username: renderString(context, getIgnoringCase(entry, 'username')),
    groups: toStringList(getIgnoringCase(entry, 'groups')),
  }));
}

/** Extracts the aws-auth owners and mappings of one stack. */
export function extractAwsAuth(context: TemplateContext): AwsAuthDeclarations {
  const owners: AwsAuthOwner[] = [];
  const mappings: AwsAuthMapping[] = [];
  for (const [logicalId, resource] of resourcesOf(context.template)) {
    if (resource.Type !== AWS_AUTH_RESOURCE_TYPE) continue;
    const props = resource.Properties ?? {};
    const owner = renderString(context, props[AwsAuthProps.owner]) || (constructPathOf(context, logicalId) ?? logicalId);
    owners.push({
      owner,
      cluster: renderString(context, props[AwsAuthProps.clusterName]),
      allowClusterAdmin: renderString(context, props[AwsAuthProps.allowClusterAdmin]) === 'true',
      accounts: toStringList(resolveValue(context, props[AwsAuthProps.mapAccounts])),
    });
    mappings.push(
      ...mappingsOf(context, owner, 'mapRoles', props[AwsAuthProps.mapRoles]),
      ...mappingsOf(context, owner, 'mapUsers', props[AwsAuthProps.mapUsers]),
    );
  }
  return { owners, mappings };
}
