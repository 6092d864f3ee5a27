/**
 * Kubernetes RBAC objects (Role, ClusterRole, RoleBinding, ClusterRoleBinding) in the manifests
 * CDK applies through `Custom::AWSCDK-EKS-KubernetesResource` (property `Manifest`), and in the
 * objects the app's own server-side-apply resources write: `Custom::EksAccessManifests`
 * (`Objects`, and `Patches` of objects owned by others) and the RBAC bootstrap
 * `Custom::EksAccessManifestsRbac` (`Objects`: the function's generated ClusterRole and binding).
 * Each property is JSON text, a literal or a `Fn::Join` with tokens inside strings. An object
 * that two resources declare alike (a retained kubectl resource and the resource that adopted
 * its objects) is counted once by `extract.ts`.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/rbac/
 */
import {
  MANIFESTS_RBAC_RESOURCE_TYPE, MANIFESTS_RESOURCE_TYPE, ManifestsProps, ManifestsRbacProps,
} from '../../../lambda/manifests/api';
import { parseJsonWithTokens } from '../intrinsics';
import type { RbacBinding, RbacRole, RbacRule } from '../model';
import { resourcesOf } from '../template';
import type { TemplateContext } from '../template';
import { asList, asRecord, toStringList } from './values';

/** CloudFormation type of the resource that applies manifests (aws-eks and aws-eks-v2). */
export const KUBERNETES_RESOURCE_TYPE = 'Custom::AWSCDK-EKS-KubernetesResource';

/** The properties holding Kubernetes objects, by resource type. */
export const OBJECT_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  [KUBERNETES_RESOURCE_TYPE]: ['Manifest'],
  [MANIFESTS_RESOURCE_TYPE]: [ManifestsProps.objects, ManifestsProps.patches],
  [MANIFESTS_RBAC_RESOURCE_TYPE]: [ManifestsRbacProps.objects],
};

/** Namespace of a namespaced object applied without one. */
const DEFAULT_NAMESPACE = 'default';

/** RBAC objects declared in one stack. */
export interface RbacDeclarations {
  readonly roles: RbacRole[];
  readonly bindings: RbacBinding[];
}

/** Every object of a manifest, with `List` objects flattened. */
function objectsOf(manifest: unknown): Array<Record<string, unknown>> {
  return asList(manifest).map(asRecord).flatMap((o) => (o.kind === 'List' ? objectsOf(o.items) : [o]));
}

function toRule(raw: unknown): RbacRule {
  const rule = asRecord(raw);
  return {
    apiGroups: toStringList(rule.apiGroups),
    resources: toStringList(rule.resources),
    verbs: toStringList(rule.verbs),
    resourceNames: toStringList(rule.resourceNames),
    nonResourceURLs: toStringList(rule.nonResourceURLs),
  };
}

/** `Group reader`, `User alice`, `ServiceAccount payments/uploader`. */
function toSubject(raw: unknown, bindingNamespace: string | undefined): string {
  const subject = asRecord(raw);
  const kind = String(subject.kind ?? '?');
  const name = String(subject.name ?? '?');
  if (kind === 'ServiceAccount') return `ServiceAccount ${String(subject.namespace ?? bindingNamespace ?? DEFAULT_NAMESPACE)}/${name}`;
  return `${kind} ${name}`;
}

/** Extracts the RBAC objects of one stack's manifests. */
export function extractRbac(context: TemplateContext): RbacDeclarations {
  const roles: RbacRole[] = [];
  const bindings: RbacBinding[] = [];
  for (const [, resource] of resourcesOf(context.template)) {
    const properties = OBJECT_PROPERTIES[resource.Type] ?? [];
    const objects = properties.flatMap((p) => objectsOf(parseJsonWithTokens(context, resource.Properties?.[p])));
    for (const object of objects) {
      const metadata = asRecord(object.metadata);
      const name = String(metadata.name ?? '?');
      const namespaced = object.kind === 'Role' || object.kind === 'RoleBinding';
      const namespace = namespaced ? String(metadata.namespace ?? DEFAULT_NAMESPACE) : undefined;
      if (object.kind === 'Role' || object.kind === 'ClusterRole') {
        roles.push({ kind: object.kind, name, ...(namespace ? { namespace } : {}), rules: asList(object.rules).map(toRule) });
      } else if (object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding') {
        const roleRef = asRecord(object.roleRef);
        bindings.push({
          kind: object.kind,
          name,
          ...(namespace ? { namespace } : {}),
          roleRef: { kind: String(roleRef.kind ?? '?'), name: String(roleRef.name ?? '?') },
          subjects: asList(object.subjects).map((s) => toSubject(s, namespace)),
        });
      }
    }
  }
  return { roles, bindings };
}
