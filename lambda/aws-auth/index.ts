import type { EntryChange, MergeOptions } from './core';
import { applyOwner, checkDistinctPrincipals, removeOwner, validateDesired } from './core';
import type { AwsCredentialsProvider } from '../edge/aws';
import { ClusterNotFoundError } from '../edge/aws';
import type { AwsEdgeWithIam } from '../edge/aws-iam';
import { createAwsEdgeWithIam } from '../edge/aws-iam';
import { workDeadline } from '../edge/budget';
import { connectToCluster } from '../edge/connect';
import type { CustomResourceEvent, CustomResourceResponse, LambdaContextLike } from '../edge/events';
import { KubeClient } from '../edge/kube';
import type { KubeClientOptions, KubeTarget } from '../edge/kube';
import type { Logger } from '../edge/log';
import { jsonLogger } from '../edge/log';
import { sleep as realSleep } from '../edge/retry';
import { explain } from './explain';
import { validatePrincipals } from './principals';
import { checkReservedIdentities, parseRequest } from './properties';
import type { MergeRequest } from './properties';
import { syncAwsAuth } from './sync';
import { AwsAuthAttributes } from './api';
import { checkAuthority, readAuthority } from './authority';

/** Everything the handler reaches outside itself; tests and the CLI pass their own. */
export interface HandlerDeps {
  readonly region: string;
  /** Builds the AWS edge with its IAM calls (GetRole/GetUser check the mapped principals). */
  readonly aws: (region: string, credentials?: AwsCredentialsProvider) => AwsEdgeWithIam;
  readonly kube: (target: KubeTarget, options: KubeClientOptions) => KubeClient;
  readonly now: () => number;
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly log: Logger;
  /**
   * The function's environment: its own configuration (`AwsAuthFunctionEnv`, fixed at synth)
   * and `AWS_LAMBDA_FUNCTION_NAME`. Read on every invocation.
   */
  readonly environment: () => Readonly<Record<string, string | undefined>>;
}

function defaultDeps(): HandlerDeps {
  return {
    region: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? '',
    aws: createAwsEdgeWithIam,
    kube: (target, options) => new KubeClient(target, options),
    now: Date.now,
    random: Math.random,
    sleep: realSleep,
    log: jsonLogger,
    environment: () => process.env,
  };
}

/** The physical id: a new cluster or owner is a new resource (CloudFormation then deletes the old one). */
export function physicalIdOf(req: Pick<MergeRequest, 'clusterName' | 'owner'>): string {
  return `aws-auth/${req.clusterName}/${req.owner}`;
}

/** Builds the Provider framework `onEvent` handler. */
export function createHandler(overrides: Partial<HandlerDeps> = {}) {
  const deps: HandlerDeps = { ...defaultDeps(), ...overrides };
  return async (event: CustomResourceEvent, context?: LambdaContextLike): Promise<CustomResourceResponse> => {
    const op = event.RequestType;
    let req: MergeRequest;
    try {
      req = parseRequest(event.ResourceProperties);
    } catch (e) {
      // Nothing was ever written with properties that do not parse: deleting them is a no-op.
      if (op === 'Delete' && event.PhysicalResourceId) {
        deps.log('warn', 'delete with unreadable properties: nothing to remove', { error: (e as Error).message });
        return { PhysicalResourceId: event.PhysicalResourceId };
      }
      throw e;
    }
    if (op !== 'Delete') {
      // The event's AllowClusterAdmin/TakeOverUnowned are requests; the function's own
      // configuration decides. Delete asks for neither: it only removes the owner's entries.
      try {
        checkAuthority(req, readAuthority(deps.environment()));
        checkReservedIdentities(req);
      } catch (e) {
        deps.log('error', 'aws-auth request refused before any call', { cluster: req.clusterName, owner: req.owner, error: (e as Error).message });
        throw e;
      }
    }
    const physicalId = op === 'Delete' && event.PhysicalResourceId ? event.PhysicalResourceId : physicalIdOf(req);
    const deadline = workDeadline(context, deps.now);
    deps.log('info', 'aws-auth request', {
      requestType: op, logicalId: event.LogicalResourceId, cluster: req.clusterName, owner: req.owner,
      roles: req.mapRoles.length, users: req.mapUsers.length, accounts: req.mapAccounts.length,
    });

    const edge = deps.aws(deps.region);
    let kubeEdge = edge;
    const ctx = { clusterName: req.clusterName, region: deps.region, assumeRoleArn: req.assumeRoleArn, identity: undefined as string | undefined };
    try {
      const options: MergeOptions = { allowClusterAdmin: req.allowClusterAdmin, takeOverUnowned: req.takeOverUnowned };
      const desired = op === 'Delete' ? undefined : checkDistinctPrincipals(validateDesired({ mapRoles: req.mapRoles, mapUsers: req.mapUsers, mapAccounts: req.mapAccounts }, options));

      if (req.assumeRoleArn) {
        const arn = req.assumeRoleArn;
        kubeEdge = deps.aws(deps.region, () => edge.assumeRole(arn, 'eks-access-aws-auth'));
      }
      let connection;
      try {
        connection = await connectToCluster({
          clusterName: req.clusterName, region: deps.region, edge, identity: kubeEdge, kube: deps.kube, now: deps.now,
          kubeOptions: { deadline, sleep: deps.sleep, random: deps.random, now: deps.now },
        });
      } catch (e) {
        if (op === 'Delete' && e instanceof ClusterNotFoundError) {
          deps.log('info', 'cluster is gone: nothing to remove', { cluster: req.clusterName });
          return { PhysicalResourceId: physicalId };
        }
        throw e;
      }
      const { cluster, kube } = connection;
      if (op !== 'Delete' && cluster.authenticationMode === 'API') {
        throw new Error(`cluster ${req.clusterName} uses authentication mode API, which ignores aws-auth; map these principals with access entries, or create the cluster with API_AND_CONFIG_MAP`);
      }
      if (desired && req.validatePrincipals) {
        const validation = await validatePrincipals(edge, { roles: req.mapRoles.map((r) => r.rolearn), users: req.mapUsers.map((u) => u.userarn) });
        if (validation.skipped.length) deps.log('info', 'principals of other accounts not validated (IAM GetRole/GetUser sees only this account)', { skipped: validation.skipped });
      }

      const outcome = await syncAwsAuth(
        kube,
        (current) => (desired ? applyOwner(current, req.owner, desired, options) : removeOwner(current, req.owner)),
        {
          createIfAbsent: op !== 'Delete',
          onConflict: (attempt) => deps.sleep(Math.floor(deps.random() * Math.min(2000, 50 * 2 ** attempt))),
        },
      ).finally(() => kube.close());
      deps.log('info', outcome.result.changed ? 'aws-auth updated' : 'aws-auth already up to date', {
        cluster: req.clusterName, owner: req.owner, writes: outcome.writes, conflicts: outcome.conflicts,
        requests: kube.requests, resourceVersion: outcome.resourceVersion, ...summarize(outcome.result.changes),
      });
      return {
        PhysicalResourceId: physicalId,
        Data: {
          [AwsAuthAttributes.ownedRoles]: outcome.result.owned.roles,
          [AwsAuthAttributes.ownedUsers]: outcome.result.owned.users,
          [AwsAuthAttributes.resourceVersion]: outcome.resourceVersion,
        },
      };
    } catch (e) {
      ctx.identity = await kubeEdge.callerIdentity().then((c) => c.arn, () => undefined);
      const sentence = explain(e, ctx);
      deps.log('error', 'aws-auth request failed', { cluster: req.clusterName, owner: req.owner, error: sentence });
      throw new Error(sentence);
    }
  };
}

/** Change lists for the log: keys grouped by action. */
function summarize(changes: EntryChange[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const c of changes) (out[c.action] ??= []).push(`${c.kind}:${c.key}`);
  return out;
}

/** The Lambda entry point (CDK Provider framework `onEvent`). */
export const handler = createHandler();
