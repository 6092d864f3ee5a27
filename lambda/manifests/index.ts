/**
 * The manifests handler (CDK Provider framework `onEvent`): checks the properties, plans the
 * steps with the pure core, and runs them with server-side apply through the shared edge.
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
import { MANIFESTS_RESOURCE_TYPE } from './api';
import { planSteps, resultAttributes } from './core';
import { describeKept, withKept } from './core/kept';
import type { DeclaredSet } from './core';
import { runSteps } from './engine';
import { explainManifestsFailure } from './explain';
import type { ManifestsRequest } from './properties';
import { parseManifestsRequest, physicalIdOf } from './properties';

/** The `user-agent` of this handler's Kubernetes requests. */
export const MANIFESTS_USER_AGENT = 'eks-access-manifests';

/** Everything the handler reaches outside itself; tests pass their own. */
export interface HandlerDeps {
  readonly region: string;
  readonly aws: (region: string, credentials?: AwsCredentialsProvider) => AwsEdge;
  readonly kube: (target: KubeTarget, options: KubeClientOptions) => KubeClient;
  readonly now: () => number;
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
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
    if (type !== MANIFESTS_RESOURCE_TYPE) {
      throw new Error(`resource type ${JSON.stringify(type)} is not served by the manifests handler (it serves ${MANIFESTS_RESOURCE_TYPE}); point that resource at its own provider`);
    }
    return manifestsOperation(deps, event, context);
  };
}

async function manifestsOperation(deps: HandlerDeps, event: CustomResourceEvent, context?: LambdaContextLike): Promise<CustomResourceResponse> {
  const op = event.RequestType;
  let req: ManifestsRequest;
  try {
    req = parseManifestsRequest(event.ResourceProperties);
  } catch (e) {
    // Nothing was ever applied with properties that do not parse: deleting them is a no-op.
    if (op === 'Delete' && event.PhysicalResourceId) {
      deps.log('warn', 'delete with unreadable properties: nothing to remove', { error: (e as Error).message });
      return { PhysicalResourceId: event.PhysicalResourceId };
    }
    deps.log('error', 'manifests request refused before any call', { error: (e as Error).message });
    throw e;
  }
  const old = op === 'Update' ? oldSetOf(deps, event, req) : undefined;
  const steps = planSteps(op === 'Delete' ? { old: req.set } : { old, new: req.set });
  const physicalId = op === 'Delete' && event.PhysicalResourceId ? event.PhysicalResourceId : physicalIdOf(req.clusterName, req.set.owner);
  const deadline = workDeadline(context, deps.now);
  deps.log('info', 'manifests request', {
    requestType: op, logicalId: event.LogicalResourceId, cluster: req.clusterName, owner: req.set.owner,
    objects: req.set.objects.length, patches: req.set.patches.length, steps: steps.length,
  });

  const edge = deps.aws(deps.region);
  const kubeEdge = req.assumeRoleArn ? deps.aws(deps.region, () => edge.assumeRole(req.assumeRoleArn!, 'eks-access-manifests')) : edge;
  try {
    let connection;
    try {
      connection = await connectToCluster({
        clusterName: req.clusterName, region: deps.region, edge, identity: kubeEdge, kube: deps.kube, now: deps.now,
        kubeOptions: { deadline, sleep: deps.sleep, random: deps.random, now: deps.now, userAgent: MANIFESTS_USER_AGENT },
      });
    } catch (e) {
      if (op === 'Delete' && e instanceof ClusterNotFoundError) {
        deps.log('info', 'cluster is gone: nothing to remove', { cluster: req.clusterName });
        return { PhysicalResourceId: physicalId };
      }
      throw e;
    }
    const { kube } = connection;
    const outcome = await runSteps(steps, {
      kube, owner: req.set.owner, deadline, now: deps.now, sleep: deps.sleep, log: deps.log, ...(deps.pollMs === undefined ? {} : { pollMs: deps.pollMs }),
    }).finally(() => kube.close());
    const data = withKept(resultAttributes(outcome.results), outcome.kept);
    deps.log('info', 'manifests applied', {
      cluster: req.clusterName, owner: req.set.owner, requests: kube.requests, summary: data.Summary,
      kept: outcome.kept.map(describeKept),
    });
    return { PhysicalResourceId: physicalId, Data: data };
  } catch (e) {
    const identity = await kubeEdge.callerIdentity().then((c) => c.arn, () => undefined);
    const sentence = explainManifestsFailure(e, { clusterName: req.clusterName, region: deps.region, identity, assumeRoleArn: req.assumeRoleArn });
    deps.log('error', 'manifests request failed', { cluster: req.clusterName, owner: req.set.owner, error: sentence });
    throw new Error(sentence);
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
