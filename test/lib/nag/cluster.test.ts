/**
 * The public-endpoint acknowledgement (AwsSolutions-EKS1) names the API's real callers and the
 * allow-list, and exists only where the rule fires (a private endpoint needs none; synth, which
 * runs cdk-nag, passes in both modes).
 */
import { CALLERS } from '../../../lib/config/api-callers';
import type { EndpointConfig } from '../../../lib/config/types';
import { publicEndpointReason } from '../../../lib/nag/cluster';
import { envConfig, synthApp } from '../../util';

const PUBLIC: EndpointConfig = { access: 'public-and-private', publicCidrs: ['203.0.113.0/24', '198.51.100.0/24'] };
const PRIVATE: EndpointConfig = { access: 'private', operatorCidrs: ['10.200.0.0/16'] };

/** The reasons acknowledged on a construct, by rule id. */
function acknowledged(metadata: ReadonlyArray<{ type: string; data?: unknown }>): Record<string, string> {
  return Object.assign({}, ...metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules').map((m) => m.data as Record<string, string>));
}

describe('publicEndpointReason', () => {
  test('names the allow-list and every caller with where it runs', () => {
    const reason = publicEndpointReason(PUBLIC) ?? '';
    expect(reason).toMatch(/^The public endpoint admits only 203\.0\.113\.0\/24, 198\.51\.100\.0\/24 \(endpoint\.publicCidrs\)/);
    for (const name of Object.values(CALLERS)) expect(reason).toContain(name);
    expect(reason).toContain(`${CALLERS.handler} runs in Lambda in the VPC's private subnets`);
    expect(reason).toContain(`${CALLERS.manifests} runs in Lambda in the VPC's private subnets, each with its own security group`);
    expect(reason).toContain(`${CALLERS.verify} calls from its verifyStepCidrs (CodeBuild, outside any VPC)`);
    // The old reason's claim is gone: no PR diff job calls the API.
    expect(reason).not.toContain('PR diff');
  });

  test('none for a private endpoint', () => {
    expect(publicEndpointReason(PRIVATE)).toBeUndefined();
  });
});

test('the synthesized clusters carry the EKS1 reason only where the public endpoint is on', () => {
  const app = synthApp([envConfig({ name: 'pub', endpoint: PUBLIC }), envConfig({ name: 'priv', endpoint: PRIVATE })], { pipeline: false });
  const reasons = (name: string) => {
    const stage = app.stages.find((s) => s.stageName === name);
    if (!stage) throw new Error(`no stage ${name}`);
    return acknowledged(stage.cluster.cluster.node.metadata);
  };
  const eks1 = (r: Record<string, string>) => Object.entries(r).filter(([id]) => id.includes('AwsSolutions-EKS1')).map(([, reason]) => reason);
  expect(eks1(reasons('pub'))).toEqual([publicEndpointReason(PUBLIC)]);
  expect(eks1(reasons('priv'))).toEqual([]);
});
