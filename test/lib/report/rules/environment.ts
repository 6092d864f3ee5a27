/** Small `EnvironmentAccess` values for the rule tests, and a runner of one rule over base and head. */
import { adminPathsOf } from '../../../../lib/report/admin-paths';
import { emptyEnvironment } from '../../../../lib/report/model';
import type { EnvironmentAccess, IamRole, PolicyStatement } from '../../../../lib/report/model';
import type { Severity } from '../../../../lib/report/exit-codes';
import type { Rule, RuleFinding } from '../../../../lib/report/rules/types';

/** An environment `dev` with the given declarations (everything else empty). */
export function env(parts: Partial<Omit<EnvironmentAccess, 'name'>> = {}): EnvironmentAccess {
  return { ...emptyEnvironment('dev'), ...parts };
}

/**
 * What the report takes from a rule besides its findings: its id (the file name, part of every
 * fingerprint), its severity, and a description of one sentence.
 */
export function expectRule(rule: Rule, id: string, severity: Severity): void {
  expect({ id: rule.id, severity: rule.severity }).toEqual({ id, severity });
  expect(rule.description).toMatch(/^[A-Z][^\n]*[a-z)]\.$/);
}

/** Runs `rule` over base and head (with their paths to cluster admin). */
export function check(rule: Rule, base: EnvironmentAccess, head: EnvironmentAccess): RuleFinding[] {
  return rule.check({ base, head, basePaths: adminPathsOf(base), headPaths: adminPathsOf(head) });
}

/** An Allow statement. */
export function allow(actions: string[], resources: string[]): PolicyStatement {
  return { effect: 'Allow', actions, notActions: [], resources, notResources: [], conditions: [] };
}

/** A role trusted by `principals` (`AWS arn:...`), with `statements`. */
export function role(name: string, principals: string[] = [], statements: PolicyStatement[] = []): IamRole {
  return {
    kind: principals.some((p) => p.startsWith('AWS ')) ? 'people' : 'service', name, label: `role:${name}`,
    trust: principals.length === 0 ? [] : [{ effect: 'Allow', actions: ['sts:AssumeRole'], principals, conditions: [] }],
    statements, managedPolicies: [],
  };
}

/** The aws-auth handler's shape: a function running as a role in the writer group, bound to a Role that writes aws-auth. */
export function awsAuthWriter(): Partial<EnvironmentAccess> {
  return {
    roles: [role('handler', ['Service lambda.amazonaws.com'])],
    functions: [{ label: 'function:Access/Handler', role: 'role:handler', environment: {} }],
    accessEntries: [{ principal: 'role:handler', cluster: 'Cluster/Cluster', type: 'STANDARD', groups: ['eks-access:aws-auth-writer'], policies: [] }],
    rbacRoles: [{ kind: 'Role', name: 'writer', namespace: 'kube-system', rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'update', 'patch'], resourceNames: ['aws-auth'], nonResourceURLs: [] }] }],
    bindings: [{ kind: 'RoleBinding', name: 'writer', namespace: 'kube-system', roleRef: { kind: 'Role', name: 'writer' }, subjects: ['Group eks-access:aws-auth-writer'] }],
  };
}
