/**
 * IAM statements that let a principal associate `AmazonEKSClusterAdminPolicy` with an access
 * entry (`eks:AssociateAccessPolicy`, resource type `access-entry`), judged by the one condition
 * key that names the policy, `eks:policyArn`: no condition on it, or a condition that the admin
 * policy's ARN satisfies, leaves the path open. Other condition keys are not evaluated (the
 * report over-approximates, see `iam-match.ts`). Pure.
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelastickubernetesservice.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { globMatches } from './iam-match';
import type { ResourceTarget } from './iam-match';
import type { AccessEntry, EksCluster, PolicyCondition, PolicyStatement } from './model';

/** The EKS action that associates an access policy with an access entry. */
export const ASSOCIATE_ACCESS_POLICY = 'eks:AssociateAccessPolicy';

/** The condition key holding the ARN of the policy being associated. */
export const POLICY_ARN_KEY = 'eks:policyArn';

/** The admin policy's ARN after the partition. */
const ADMIN_POLICY_ARN_TAIL = ':eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy';

/** The admin policy's ARN in the partition `value` names (`aws` when it names none or a wildcard). */
export function adminPolicyArnFor(value: string): string {
  const partition = /^arn:([^:]*):/.exec(value)?.[1];
  return `arn:${partition !== undefined && partition !== '' && !/[*?]/.test(partition) ? partition : 'aws'}${ADMIN_POLICY_ARN_TAIL}`;
}

/** `ForAnyValue:StringLikeIfExists` as `StringLike`. */
function baseOperator(operator: string): string {
  return operator.replace(/^For(Any|All)Values?:/, '').replace(/IfExists$/, '');
}

/** Whether one value of a condition matches the admin policy's ARN (in the partition the value names). */
type ValueMatcher = (value: string, admin: string) => boolean;

/** The positive string and ARN operators evaluated on `eks:policyArn`. */
const MATCHERS: ReadonlyMap<string, ValueMatcher> = new Map([
  ['StringEquals', (value: string, admin: string) => value === admin],
  ['StringEqualsIgnoreCase', (value: string, admin: string) => value.toLowerCase() === admin.toLowerCase()],
  // ArnEquals and ArnLike both take `*` and `?` in each ARN component.
  ['StringLike', globMatches], ['ArnEquals', globMatches], ['ArnLike', globMatches],
]);

/** Each negated operator and the positive one it negates. */
const NEGATED: ReadonlyMap<string, string> = new Map([
  ['StringNotEquals', 'StringEquals'], ['StringNotEqualsIgnoreCase', 'StringEqualsIgnoreCase'], ['StringNotLike', 'StringLike'],
  ['ArnNotEquals', 'ArnEquals'], ['ArnNotLike', 'ArnLike'],
]);

/**
 * Whether a condition lets its statement apply to an association of the admin policy: any
 * condition on another key does (not evaluated); on `eks:policyArn` a positive string or ARN
 * operator needs a value that matches the admin policy, a negated one no such value (several
 * values of a negated operator are a NOR); any other operator on it (`Null`, unknown) is not
 * evaluated.
 */
export function conditionAllowsAdminPolicy(condition: PolicyCondition): boolean {
  if (condition.key.toLowerCase() !== POLICY_ARN_KEY.toLowerCase()) return true;
  const operator = baseOperator(condition.operator);
  const negated = NEGATED.get(operator);
  const matcher = MATCHERS.get(negated ?? operator);
  if (matcher === undefined) return true;
  const matches = condition.values.some((v) => matcher(v, adminPolicyArnFor(v)));
  return negated === undefined ? matches : !matches;
}

/** Whether every condition of a statement lets it apply to an association of the admin policy. */
export function allowsAdminPolicy(statement: PolicyStatement): boolean {
  return statement.conditions.every(conditionAllowsAdminPolicy);
}

/** The resource part of a cluster's ARN prefix. */
const CLUSTER_RESOURCE = 'cluster/';

/**
 * What an access entry's ARN can be, for matching statement resources: its reference
 * (`X/AccessEntry.AccessEntryArn`) and, when its cluster's ARN is known, an ARN of an entry of
 * that cluster (`arn:aws:eks:REGION:ACCOUNT:access-entry/CLUSTER/role/...`).
 */
export function accessEntryTarget(entry: AccessEntry, clusters: readonly EksCluster[]): ResourceTarget {
  const label = entry.arnReference ?? `access entry of ${entry.principal}`;
  const arn = clusters.find((c) => c.label === entry.cluster)?.arn;
  if (arn === undefined) return { label, literalArns: [] };
  // A cluster's ARN shape ends with `cluster/` (extract/arn-shape.ts); its entries' ARNs end with `access-entry/`.
  const prefix = `${arn.prefix.slice(0, -CLUSTER_RESOURCE.length)}access-entry/`;
  const names = arn.name !== undefined ? [arn.name] : [`${arn.stackName}-`, `${arn.stackName}-x`];
  return { label, literalArns: names.map((n) => `${prefix}${n}/role/x`) };
}
