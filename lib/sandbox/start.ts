/**
 * Starts the sandbox of one environment: the Kubernetes API stand-in (HTTPS with the local test
 * CA, EKS bearer tokens verified by SigV4, RBAC) and the EKS/STS/IAM stand-in, both on
 * 127.0.0.1 with ephemeral ports, seeded by {@link sandboxSeed}. Its one temp folder (in the
 * system temp folder) holds a kubeconfig for kubectl and kubectl's discovery cache; `close`
 * removes it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AWS_AUTH_NAME, AWS_AUTH_NAMESPACE } from '../../lambda/aws-auth/api';
import type { ConfigMapState } from '../../lambda/aws-auth/core';
import type { ResolvedEnvironment } from '../config/validate';
import { startAwsEndpoints } from './aws-endpoints';
import type { AwsEndpointsHandle } from './aws-endpoints';
import { callerGroups } from './callers';
import type { TestIdentity } from './identities';
import { startKubeApiServer } from './kube-api-server';
import type { KubeApiServerHandle } from './kube-api-server';
import { renderKubeconfig } from './kubeconfig';
import { sandboxPrincipals } from './principals';
import type { SandboxPrincipals } from './principals';
import { RbacEvaluator, rbacAuthorizer } from './rbac-authorizer';
import { sandboxSeed } from './seed';
import type { SandboxSeed, SeedOptions } from './seed';

/** Options of {@link startSandbox}. */
export interface SandboxOptions extends SeedOptions {
  /** The environment to stand in for (resolved config). */
  readonly env: ResolvedEnvironment;
}

/** A running sandbox. */
export interface Sandbox {
  readonly env: ResolvedEnvironment;
  readonly principals: SandboxPrincipals;
  readonly seed: SandboxSeed;
  /** The Kubernetes API stand-in (`https://127.0.0.1:<port>`), the endpoint DescribeCluster returns. */
  readonly kube: KubeApiServerHandle;
  /** The EKS, STS and IAM stand-in (`http://127.0.0.1:<port>`). */
  readonly aws: AwsEndpointsHandle;
  /** The sandbox's temp folder. */
  readonly tempDir: string;
  /** A kubeconfig for the cluster, in {@link tempDir}. */
  readonly kubeconfig: string;
  /** Where kubectl should keep its discovery cache (KUBECACHEDIR), in {@link tempDir}. */
  readonly kubeCacheDir: string;
  /** Stops both servers and removes the temp folder. Safe to call twice. */
  close(): Promise<void>;
}

/** Starts the sandbox of `options.env`. */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const { env } = options;
  const principals = sandboxPrincipals(env);
  const seed = sandboxSeed(env, principals, options);
  // One list for both servers: sessions STS AssumeRole issues can then sign EKS tokens too.
  const identities: TestIdentity[] = [principals.operator, principals.handler];
  const kube = await startKubeApiServer({ clusterName: env.clusterName, region: env.region, identities });
  let aws: AwsEndpointsHandle;
  try {
    aws = await startAwsEndpoints({
      region: env.region,
      account: env.account,
      identities,
      clusters: [{ name: env.clusterName, endpoint: kube.url, caData: kube.caData, version: env.kubernetesVersion }],
      roles: seed.roles,
      users: seed.users,
      accessEntries: seed.accessPolicies,
      canAssume: (caller, role) => caller === principals.operator.arn && seed.assumableByOperator.includes(role),
    });
  } catch (e) {
    await kube.close();
    throw e;
  }
  for (const cm of seed.configMaps) kube.seed(cm);
  const awsAuth = (): ConfigMapState => {
    const cm = kube.store.get(AWS_AUTH_NAMESPACE, AWS_AUTH_NAME);
    return { data: cm?.data ?? {}, annotations: cm?.metadata.annotations as Record<string, string> | undefined ?? {} };
  };
  kube.setAuthorizer(rbacAuthorizer(new RbacEvaluator(seed.rbac), (caller) => callerGroups(caller, seed.accessEntries, awsAuth)));
  const tempDir = mkdtempSync(join(tmpdir(), 'eks-access-sandbox-'));
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= Promise.all([kube.close(), aws.close()]).then(() => undefined).finally(() => rmSync(tempDir, { recursive: true, force: true })));
  const kubeconfig = join(tempDir, 'kubeconfig');
  try {
    writeFileSync(kubeconfig, renderKubeconfig({ clusterName: env.clusterName, region: env.region, server: kube.url, caData: kube.caData }), { mode: 0o600 });
  } catch (e) {
    await close();
    throw e;
  }
  return { env, principals, seed, kube, aws, tempDir, kubeconfig, kubeCacheDir: join(tempDir, 'kube-cache'), close };
}
