/**
 * From an environment's stacks to its {@link EnvironmentAccess}: every access declaration,
 * sorted so that the result does not depend on template or resource order. Pure.
 */
import type { AssemblyEnvironment } from './assembly';
import { extractAccessEntries } from './extract/access-entries';
import { extractAwsAuth } from './extract/aws-auth';
import { extractClusters } from './extract/clusters';
import { extractFunctions, extractLambdaPermissions } from './extract/functions';
import { extractIamRoles } from './extract/iam';
import { extractRbac } from './extract/rbac';
import { extractRbacBootstraps } from './extract/rbac-bootstraps';
import { distinct, sorted } from './extract/values';
import type { EnvironmentAccess } from './model';

/**
 * Extracts the access declarations of one environment. An RBAC object declared alike by two
 * resources (a retained kubectl resource and the app's own resource that adopted it) is one
 * object on the cluster and is counted once; two different declarations of one object both stay
 * (the report cannot tell which one the cluster holds, so it shows both).
 */
export function extractEnvironment(environment: AssemblyEnvironment): EnvironmentAccess {
  const contexts = environment.stacks.map((s) => s.context);
  const awsAuth = contexts.map(extractAwsAuth);
  const rbac = contexts.map(extractRbac);
  return {
    name: environment.name,
    owners: sorted(awsAuth.flatMap((a) => a.owners), (o) => o.owner),
    mappings: sorted(awsAuth.flatMap((a) => a.mappings), (m) => `${m.list} ${m.principal}`),
    roles: sorted(extractIamRoles(contexts), (r) => r.name),
    rbacRoles: sorted(distinct(rbac.flatMap((r) => r.roles)), (r) => `${r.kind} ${r.namespace ?? ''}/${r.name}`),
    bindings: sorted(distinct(rbac.flatMap((r) => r.bindings)), (b) => `${b.kind} ${b.namespace ?? ''}/${b.name}`),
    accessEntries: sorted(contexts.flatMap(extractAccessEntries), (e) => e.principal),
    functions: sorted(contexts.flatMap(extractFunctions), (f) => f.label),
    permissions: sorted(contexts.flatMap(extractLambdaPermissions), (p) => `${p.function} ${p.principal} ${p.action}`),
    clusters: sorted(environment.stacks.flatMap((s) => extractClusters(s.context, s.deployment)), (c) => c.label),
    deployments: sorted(environment.stacks.map((s) => s.deployment), (d) => d.stack),
    rbacBootstraps: sorted(contexts.flatMap(extractRbacBootstraps), (b) => b.label),
  };
}
