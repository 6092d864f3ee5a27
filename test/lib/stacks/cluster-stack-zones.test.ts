import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ConfigValidationError } from '../../../lib/config/errors';
import type { EnvironmentConfig } from '../../../lib/config/types';
import { validateEnvironment } from '../../../lib/config/validate';
import { ClusterStack } from '../../../lib/stacks/cluster-stack';
import { ACCOUNT, REGION, cliContext, envConfig, resourcesOfType } from '../../util';

const KEY = `availability-zones:account=${ACCOUNT}:region=${REGION}`;
const RECORDED = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

/** The Cluster stack of `config` in an app with `context` (what the CLI passes: cdk.json + cdk.context.json). */
function clusterStack(config: EnvironmentConfig, context: Record<string, unknown> = {}): { app: App; stack: ClusterStack } {
  const app = new App({ context: { ...cliContext(), ...context } });
  const stack = new ClusterStack(app, 'Cluster', { config: validateEnvironment(config), env: { account: ACCOUNT, region: REGION } });
  return { app, stack };
}

/** The context keys the synthesized app asks the CLI to look up. */
function missingKeys(app: App): string[] {
  return (app.synth().manifest.missing ?? []).map((m) => m.key);
}

/** The zone of every subnet of the stack's VPC. */
function subnetZones(stack: ClusterStack): string[] {
  return resourcesOfType(Template.fromStack(stack), 'AWS::EC2::Subnet').map(([, s]) => s.Properties?.AvailabilityZone as string);
}

describe('declared availability zones', () => {
  test('synth asks for no context, and the VPC uses the first maxAzs declared zones in their order', () => {
    const { app, stack } = clusterStack(envConfig({ availabilityZones: ['eu-west-1c', 'eu-west-1a', 'eu-west-1b'], vpc: { cidr: '10.0.0.0/16', maxAzs: 2 } }));
    expect(stack.availabilityZones).toEqual(['eu-west-1c', 'eu-west-1a', 'eu-west-1b']);
    expect([...new Set(subnetZones(stack))].sort()).toEqual(['eu-west-1a', 'eu-west-1c']);
    expect(missingKeys(app)).toEqual([]);
  });

  test('the literal zones are acknowledged as CDK acknowledges looked-up ones: synth prints no W3010 warning', () => {
    const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      clusterStack(envConfig({ availabilityZones: ['eu-west-1a', 'eu-west-1b'] })).app.synth();
      expect(printed.mock.calls.flat().join('\n')).not.toContain('W3010');
    } finally {
      printed.mockRestore();
    }
  });

  test('without declared zones the stack still looks them up (the CLI fills the key)', () => {
    const { app, stack } = clusterStack(envConfig());
    expect(subnetZones(stack)).toContain('dummy1a');
    expect(missingKeys(app)).toEqual([KEY]);
  });

  test('zones equal to the recorded ones synthesize the very template of the lookup (nothing replaced)', () => {
    const lookedUp = Template.fromStack(clusterStack(envConfig({ vpc: { cidr: '10.0.0.0/16', maxAzs: 3, natGateways: 1 } }), { [KEY]: RECORDED }).stack).toJSON();
    const declared = Template.fromStack(clusterStack(envConfig({ vpc: { cidr: '10.0.0.0/16', maxAzs: 3, natGateways: 1 }, availabilityZones: [...RECORDED] }), { [KEY]: RECORDED }).stack).toJSON();
    expect(declared).toEqual(lookedUp);
    expect(JSON.stringify(declared)).toContain('"eu-west-1c"');
  });

  test('zones that differ from the recorded ones are refused: env, field, both lists, the key and the fixes', () => {
    let error: unknown;
    try {
      clusterStack(envConfig({ availabilityZones: ['eu-west-1b', 'eu-west-1a', 'eu-west-1c'] }), { [KEY]: RECORDED });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as Error).message).toBe([
      'Invalid environment config (lib/config/environments.ts against cdk.context.json), 1 problem(s):',
      '  - [test] availabilityZones = ["eu-west-1b","eu-west-1a","eu-west-1c"]: differs from ["eu-west-1a","eu-west-1b","eu-west-1c"], '
        + `the zones cdk.context.json records under "${KEY}" and a deployed VPC of this environment was built from; `
        + 'another list or order moves subnets to other zones, which replaces them and the node groups in them: declare exactly ["eu-west-1a","eu-west-1b","eu-west-1c"], '
        + `or, if this environment was never deployed, delete the "${KEY}" entry from cdk.context.json`,
    ].join('\n'));
  });
});
