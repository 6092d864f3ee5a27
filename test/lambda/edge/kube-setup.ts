/** Starts the kube stand-in and builds KubeClients with real tokens for it. */
import type { KubeClientOptions } from '../../../lambda/edge/kube';
import { KubeClient } from '../../../lambda/edge/kube';
import { buildEksToken } from '../../../lambda/edge/token';
import type { TestIdentity } from '../../support/identities';
import { TEST_IDENTITIES } from '../../support/identities';
import type { KubeApiServerHandle } from '../../support/kube-api-server';
import { startKubeApiServer } from '../../support/kube-api-server';

export const CLUSTER = 'prod';
export const REGION = 'eu-west-1';

/** A stand-in plus a client factory; `close()` ends both. */
export interface KubeSetup {
  readonly server: KubeApiServerHandle;
  client(options?: KubeClientOptions, identity?: TestIdentity): KubeClient;
  close(): Promise<void>;
}

/** Starts the stand-in for {@link CLUSTER} knowing the test identities. */
export async function startKubeSetup(): Promise<KubeSetup> {
  const server = await startKubeApiServer({ clusterName: CLUSTER, region: REGION, identities: [TEST_IDENTITIES.handler, TEST_IDENTITIES.deployer] });
  const clients: KubeClient[] = [];
  return {
    server,
    client(options, identity = TEST_IDENTITIES.handler) {
      const c = new KubeClient({
        endpoint: server.url,
        caData: server.caData,
        token: () => buildEksToken({ clusterName: CLUSTER, region: REGION, credentials: identity }),
      }, options);
      clients.push(c);
      return c;
    },
    async close() {
      clients.forEach((c) => c.close());
      await server.close();
    },
  };
}

/** A ConfigMap body for tests. */
export function configMap(name: string, data: Record<string, string>, namespace = 'kube-system') {
  return { apiVersion: 'v1' as const, kind: 'ConfigMap' as const, metadata: { name, namespace }, data };
}
