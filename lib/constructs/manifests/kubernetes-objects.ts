import { CustomResource, Stack } from 'aws-cdk-lib';
import type * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Construct } from 'constructs';
import { MANIFESTS_RESOURCE_TYPE, ManifestsProps, NAMESPACE_DELETE, NAMESPACE_ON_DELETE_ANNOTATION } from '../../../lambda/manifests/api';
import { validateObjects, validatePatches } from '../../../lambda/manifests/core/objects';
import { payloadProblem } from '../../../lambda/manifests/core/payload';
import type { KubernetesObject } from '../../k8s/manifest';
import { manifestsRbacRules } from '../../k8s/manifests-rbac';
import type { CustomKind } from '../../k8s/manifests-rbac';
import { ownerIdOf } from './core/owner-id';
import { ManifestsProvider } from './manifests-provider';

/** What a caller declares for a {@link KubernetesObjects} resource. */
export interface KubernetesObjectsOptions {
  /**
   * The objects the resource owns: applied with server-side apply (field manager `eks-access`,
   * force), labelled with the resource's owner id; Update deletes those it no longer declares
   * and Delete removes them all, never an object whose owner label is another's. The pure
   * builders of `lib/k8s` return them.
   * @see https://kubernetes.io/docs/reference/using-api/server-side-apply/
   */
  readonly objects: KubernetesObject[];
  /**
   * Patches of objects owned by others (apiVersion, kind, metadata.name and namespace, and the
   * fields to own, under field manager `eks-access-patch`, applied without force: a field
   * another manager owns with another value fails the deploy naming that manager, an equal value
   * is shared); released again on removal, the objects themselves are never deleted.
   * @default - no patches
   */
  readonly patches?: KubernetesObject[];
  /**
   * Lets Update and Delete delete the declared Namespaces, and with them everything in them,
   * objects the app did not create included (sets the `eks-access.io/on-delete: delete`
   * annotation on each declared Namespace). Without it a Namespace the resource no longer
   * declares is released, and it and its content stay.
   * @default false
   */
  readonly allowNamespaceDeletion?: boolean;
  /**
   * Resource plurals of kinds outside the built-in table (Namespace, ServiceAccount, ConfigMap,
   * ResourceQuota, LimitRange, NetworkPolicy, Role, RoleBinding, ClusterRole,
   * ClusterRoleBinding), for the function's RBAC generated at synth: an object of another kind
   * without one fails synth.
   * @default - none
   */
  readonly customKinds?: CustomKind[];
  /**
   * Delete and prune release, instead of deleting, the objects the resource adopted from CDK's
   * kubectl provider (they carried an `aws.cdk.eks/prune-*` label): for release 0.2, where the
   * kubectl resource that wrote them is still in the template, so that a rolled-back deploy
   * (which deletes the resources it created) deletes no live object. Objects adopted from anyone
   * else are always released; objects the resource created are always deleted.
   * @default false
   */
  readonly releaseKubectlAdopted?: boolean;
}

/** Props of {@link KubernetesObjects}. */
export interface KubernetesObjectsProps extends KubernetesObjectsOptions {
  /** The cluster the objects are applied to; the stack's manifests provider of it is used (created on first use). */
  readonly cluster: eks.ICluster;
}

/**
 * A set of Kubernetes objects (and patches) applied with the app's own server-side-apply
 * handler instead of CDK's kubectl provider: one `Custom::EksAccessManifests` resource.
 *
 * Its owner id ({@link KubernetesObjects.owner}, the `eks-access.io/owner` label of its
 * objects) is derived from the stack name and the construct path (core/owner-id.ts): it never
 * changes while neither does, so do not move or rename a deployed resource. The objects are
 * validated at synth as the handler validates them, and the properties must fit the event
 * CloudFormation sends (a synth error names the resource and says to split it). The resource
 * depends on the provider's RBAC bootstrap, which generates the function's name-limited RBAC
 * from every resource of the provider.
 */
export class KubernetesObjects extends Construct {
  /** The owner id: a label value, stable for the life of the resource. */
  readonly owner: string;
  /** The provider (one per cluster per stack). */
  readonly provider: ManifestsProvider;
  /** The custom resource. */
  readonly resource: CustomResource;

  constructor(scope: Construct, id: string, props: KubernetesObjectsProps) {
    super(scope, id);
    this.owner = ownerIdOf(Stack.of(this).stackName, this.node.path);
    const objects = props.objects.map((o) => withDeletionSetting(o, props.allowNamespaceDeletion === true, this.node.path));
    const patches = props.patches ?? [];
    const customKinds = props.customKinds ?? [];
    this.validate(objects, patches, customKinds);

    this.provider = ManifestsProvider.getOrCreate(this, { cluster: props.cluster });
    const stack = Stack.of(this);
    const properties: Record<string, string> = {
      [ManifestsProps.clusterName]: props.cluster.clusterName,
      [ManifestsProps.owner]: this.owner,
      [ManifestsProps.objects]: stack.toJsonString(objects),
      ...(patches.length === 0 ? {} : { [ManifestsProps.patches]: stack.toJsonString(patches) }),
      ...(props.releaseKubectlAdopted === true ? { [ManifestsProps.releaseAdopted]: 'true' } : {}),
    };
    const problem = payloadProblem(this.node.path, {
      ...properties,
      [ManifestsProps.objects]: JSON.stringify(objects),
      ...(patches.length === 0 ? {} : { [ManifestsProps.patches]: JSON.stringify(patches) }),
    });
    if (problem !== undefined) throw new Error(problem);

    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: this.provider.serviceToken,
      resourceType: MANIFESTS_RESOURCE_TYPE,
      properties,
    });
    this.resource.node.addDependency(this.provider.bootstrap);
    this.provider.register({ path: this.node.path, objects, patches, customKinds });
  }

  /** The handler's own checks, at synth: objects, patches, and that the RBAC can be generated. */
  private validate(objects: readonly KubernetesObject[], patches: readonly KubernetesObject[], customKinds: readonly CustomKind[]): void {
    try {
      validatePatches(patches, validateObjects(objects, this.owner));
      manifestsRbacRules({ objects, patches, customKinds });
    } catch (e) {
      throw new Error(`KubernetesObjects ${this.node.path}: ${(e as Error).message}`);
    }
  }
}

/**
 * The object, with the deletion annotation when it is a Namespace and deletion is allowed. A
 * declared annotation is refused: the explicit setting is the one way to allow it.
 */
function withDeletionSetting(obj: KubernetesObject, allow: boolean, where: string): KubernetesObject {
  if (obj.apiVersion !== 'v1' || obj.kind !== 'Namespace') return obj;
  const annotations = obj.metadata.annotations ?? {};
  if (annotations[NAMESPACE_ON_DELETE_ANNOTATION] !== undefined) {
    throw new Error(`KubernetesObjects ${where}: Namespace ${obj.metadata.name} declares the annotation ${NAMESPACE_ON_DELETE_ANNOTATION} (${JSON.stringify(annotations[NAMESPACE_ON_DELETE_ANNOTATION])}) itself; remove it and set allowNamespaceDeletion: true on the resource to let Update and Delete delete the namespace`);
  }
  if (!allow) return obj;
  return { ...obj, metadata: { ...obj.metadata, annotations: { ...annotations, [NAMESPACE_ON_DELETE_ANNOTATION]: NAMESPACE_DELETE } } };
}
