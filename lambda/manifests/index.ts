/**
 * The manifests handler (CDK Provider framework `onEvent`) for both resource types it serves:
 * the manifests resources, and the RBAC bootstrap, whose steps run inside the admin window
 * (lambda/manifests/admin-window.ts). It checks the properties, plans the steps with the pure
 * core, and runs them with server-side apply through the shared edge.
 */
import type { AwsCredentialsProvider, AwsEdge } from '../edge/aws';
import { ClusterNotFoundError, createAwsEdge } from '../edge/aws';
import { workDeadline } from '../edge/budget';
import { connectToCluster } from '../edge/connect';
import type { CustomResourceEvent, CustomResourceResponse, LambdaContextLike } from '../edge/events';
import { KubeClient } from '../edge/kube';
import type { KubeClientOptions, KubeTarget } from '../edge/kube';
import type { Logger } from '../edge/log';
import { jsonLogger } from '../edge/log';
import { sleep as realSleep } from '../edge/retry';
import { MANIFESTS_RBAC_RESOURCE_TYPE, MANIFESTS_RESOURCE_TYPE, manifestsUsername } from './api';
import { withAdminWindow } from './admin-window';
import { checkPropertyKeys, planSteps, resultAttributes } from './core';
import { checkBootstrapSubjects } from './core/bootstrap-subjects';
import { describeKept, withKept } from './core/kept';
import type { DeclaredSet, Step } from './core';
import { runSteps } from './engine';
import { explainManifestsFailure } from './explain';
import type { ManifestsRequest } from './properties';
import { MANIFESTS_PROPERTY_KEYS, parseManifestsRequest, physicalIdOf } from './properties';
import type { RbacRequest } from './rbac-properties';
import { RBAC_PROPERTY_KEYS, deleteSetOf, parseRbacRequest, rbacPhysicalIdOf, withPreviousGeneration } from './rbac-properties';

/** The `user-agent` of this handler's Kubernetes requests. */
export const MANIFESTS_USER_AGENT = 'eks-access-manifests';

/** Everything the handler reaches outside itself; tests pass their own. */
export interface HandlerDeps {
  /** The function's region (AWS_REGION). */
  readonly region: string;
  /** Builds the AWS edge (EKS, STS), with the function's credentials or the given ones. */
  readonly aws: (region: string, credentials?: AwsCredentialsProvider) => AwsEdge;
  /** Builds the Kubernetes client for the connected cluster. */
  readonly kube: (target: KubeTarget, options: KubeClientOptions) => KubeClient;
  /** Clock of the budget, the tokens and the waits. */
  readonly now: () => number;
  /** Randomness of the retry jitter. */
  readonly random: () => number;
  /** Pause of the retries and waits. */
  readonly sleep: (ms: number) => Promise<void>;
  /** Structured log (never a token or the ResponseURL). */
  readonly log: Logger;
  /** Pause between two reads of a namespace that is not yet Active or not yet gone. @default 1000 */
  readonly pollMs?: number;
}

function defaultDeps(): HandlerDeps {
  return {
    region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? '',
    aws: createAwsEdge,
    kube: (target, options) => new KubeClient(target, options),
    now: Date.now,
    random: Math.random,
    sleep: realSleep,
    log: jsonLogger,
  };
}

/** Builds the Provider framework `onEvent` handler. */
export function createHandler(overrides: Partial<HandlerDeps> = {}) {
  const deps: HandlerDeps = { ...defaultDeps(), ...overrides };
  return async (event: CustomResourceEvent, context?: LambdaContextLike): Promise<CustomResourceResponse> => {
    const type = event.ResourceType ?? MANIFESTS_RESOURCE_TYPE;
    if (type !== MANIFESTS_RESOURCE_TYPE && type !== MANIFESTS_RBAC_RESOURCE_TYPE) {
      throw new Error(`resource type ${JSON.stringify(type)} is not served by the manifests handler (it serves ${MANIFESTS_RESOURCE_TYPE} and ${MANIFESTS_RBAC_RESOURCE_TYPE}); point that resource at its own provider`);
    }
    let operation: Operation;
    try {
      operation = type === MANIFESTS_RESOURCE_TYPE ? manifestsOperation(deps, event) : rbacOperation(deps, event);
    } catch (e) {
      // Nothing was ever applied with properties that do not parse: deleting them is a no-op.
      if (event.RequestType === 'Delete' && event.PhysicalResourceId) {
        deps.log('warn', 'delete with unreadable properties: nothing to remove', { resourceType: type, error: (e as Error).message });
        return { PhysicalResourceId: event.PhysicalResourceId };
      }
      deps.log('error', 'manifests request refused before any call', { resourceType: type, error: (e as Error).message });
      throw e;
    }
    return execute(deps, event, operation, context);
  };
}

/** One operation, planned: where, as whom, and the steps. */
interface Operation {
  readonly clusterName: string;
  readonly owner: string;
  readonly physicalId: string;
  readonly steps: Step[];
  readonly assumeRoleArn?: string;
  /** Runs the steps inside the admin window opened for this principal (the RBAC bootstrap). @default - no window */
  readonly adminWindowFor?: string;
  /** Counts for the log. */
  readonly counts: Record<string, number>;
  /** Release (not delete) objects adopted from kubectl. @default false */
  readonly releaseKubectlAdopted?: boolean;
}

function physicalIdFor(event: CustomResourceEvent, planned: string): string {
  return event.RequestType === 'Delete' && event.PhysicalResourceId ? event.PhysicalResourceId : planned;
}

function manifestsOperation(deps: HandlerDeps, event: CustomResourceEvent): Operation {
  const op = event.RequestType;
  if (op !== 'Delete') checkPropertyKeys(event.ResourceProperties, MANIFESTS_PROPERTY_KEYS);
  const req = parseManifestsRequest(event.ResourceProperties);
  const old = op === 'Update' ? oldSetOf(deps, event, req) : undefined;
  return {
    clusterName: req.clusterName, owner: req.set.owner, assumeRoleArn: req.assumeRoleArn,
    physicalId: physicalIdFor(event, physicalIdOf(req.clusterName, req.set.owner)),
    steps: planSteps(op === 'Delete' ? { old: req.set } : { old, new: req.set }),
    counts: { objects: req.set.objects.length, patches: req.set.patches.length },
    releaseKubectlAdopted: req.releaseKubectlAdopted,
  };
}

function rbacOperation(deps: HandlerDeps, event: CustomResourceEvent): Operation {
  const op = event.RequestType;
  if (op !== 'Delete') checkPropertyKeys(event.ResourceProperties, RBAC_PROPERTY_KEYS);
  const req = parseRbacRequest(event.ResourceProperties);
  let steps: Step[];
  if (op === 'Delete') {
    steps = planSteps({ old: deleteSetOf(req, deps.log) });
  } else if (op === 'Update') {
    checkBootstrapSubjects(req.declared, req.set.owner);
    const old = oldRbacOf(deps, event, req);
    steps = planSteps({ old: old?.set, new: old === undefined ? req.set : withPreviousGeneration(req, old.declared) });
  } else {
    checkBootstrapSubjects(req.declared, req.set.owner);
    steps = planSteps({ new: req.set });
  }
  return {
    clusterName: req.clusterName, owner: req.set.owner, adminWindowFor: req.principalArn,
    physicalId: physicalIdFor(event, rbacPhysicalIdOf(req.clusterName, req.set.owner)),
    steps, counts: { objects: req.set.objects.length },
  };
}

async function execute(deps: HandlerDeps, event: CustomResourceEvent, o: Operation, context?: LambdaContextLike): Promise<CustomResourceResponse> {
  const op = event.RequestType;
  const deadline = workDeadline(context, deps.now);
  const fields = { resourceType: event.ResourceType ?? MANIFESTS_RESOURCE_TYPE, cluster: o.clusterName, owner: o.owner };
  deps.log('info', 'manifests request', { ...fields, requestType: op, logicalId: event.LogicalResourceId, ...o.counts, steps: o.steps.length });

  const edge = deps.aws(deps.region);
  const kubeEdge = o.assumeRoleArn ? deps.aws(deps.region, () => edge.assumeRole(o.assumeRoleArn!, 'eks-access-manifests')) : edge;
  try {
    let connection;
    try {
      connection = await connectToCluster({
        clusterName: o.clusterName, region: deps.region, edge, identity: kubeEdge, kube: deps.kube, now: deps.now,
        kubeOptions: { deadline, sleep: deps.sleep, random: deps.random, now: deps.now, userAgent: MANIFESTS_USER_AGENT },
      });
    } catch (e) {
      if (op === 'Delete' && e instanceof ClusterNotFoundError) {
        deps.log('info', 'cluster is gone: nothing to remove', fields);
        return { PhysicalResourceId: o.physicalId };
      }
      throw e;
    }
    const { kube } = connection;
    const run = (until: number) => runSteps(o.steps, {
      kube, owner: o.owner, deadline: until, now: deps.now, sleep: deps.sleep, log: deps.log, releaseKubectlAdopted: o.releaseKubectlAdopted === true,
      ...(deps.pollMs === undefined ? {} : { pollMs: deps.pollMs }),
    });
    const principalArn = o.adminWindowFor;
    const outcome = await (principalArn === undefined ? run(deadline) : withAdminWindow({
      clusterName: o.clusterName, principalArn, eks: edge, deadline, now: deps.now, sleep: deps.sleep, log: deps.log,
      isAdmin: async () => (await kube.createSelfSubjectAccessReview({ resourceAttributes: { verb: '*', group: '*', resource: '*' } })).allowed,
    }, run)).finally(() => kube.close());
    const data = withKept(resultAttributes(outcome.results), outcome.kept);
    deps.log('info', 'manifests applied', { ...fields, requests: kube.requests, summary: data.Summary, kept: outcome.kept.map(describeKept), fieldsTakenOver: outcome.takeovers.length });
    return { PhysicalResourceId: o.physicalId, Data: data };
  } catch (e) {
    const identity = await kubeEdge.callerIdentity().then((c) => c.arn, () => undefined);
    const sentence = explainManifestsFailure(e, {
      clusterName: o.clusterName, region: deps.region, identity, assumeRoleArn: o.assumeRoleArn,
      ...(o.adminWindowFor === undefined ? {} : { username: manifestsUsername(o.owner) }),
    });
    deps.log('error', 'manifests request failed', { ...fields, error: sentence });
    throw new Error(sentence);
  }
}

/** The old bootstrap request of an Update, or none when the cluster changed or it does not parse. */
function oldRbacOf(deps: HandlerDeps, event: CustomResourceEvent, req: RbacRequest): RbacRequest | undefined {
  try {
    const old = parseRbacRequest(event.OldResourceProperties);
    return old.clusterName === req.clusterName ? old : undefined;
  } catch (e) {
    deps.log('warn', 'old properties unreadable: nothing to prune, no previous generation', { error: (e as Error).message });
    return undefined;
  }
}

/**
 * The old declared set of an Update, or none when the cluster changed (a new resource: the old
 * one's objects are CloudFormation's Delete to remove) or the old properties do not parse
 * (nothing was ever applied with them).
 */
function oldSetOf(deps: HandlerDeps, event: CustomResourceEvent, req: ManifestsRequest): DeclaredSet | undefined {
  try {
    const old = parseManifestsRequest(event.OldResourceProperties);
    return old.clusterName === req.clusterName ? old.set : undefined;
  } catch (e) {
    deps.log('warn', 'old properties unreadable: nothing to prune', { error: (e as Error).message });
    return undefined;
  }
}

/** The Lambda entry point (CDK Provider framework `onEvent`). */
export const handler = createHandler();
