/**
 * cdk-nag over the manifests provider (lib/constructs/manifests/nag.ts): with the app's
 * AwsSolutions pack, the provider and its resources leave no unacknowledged finding, in the
 * VPC and outside it, and each acknowledgement carries its reason.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { AwsSolutionsChecks } from 'cdk-nag';
import { VPC_ACCESS_POLICY } from '../../../../lib/constructs/handler-function';
import { KubernetesObjects } from '../../../../lib/constructs/manifests/kubernetes-objects';
import type { ManifestsProvider } from '../../../../lib/constructs/manifests/manifests-provider';
import { managedPolicyFinding } from '../../../../lib/nag/cluster';
import { readNagFindings } from '../../../../lib/nag/report';
import type { NagFinding } from '../../../../lib/nag/report';
import { ACCOUNT, NO_BUNDLING, REGION, importedCluster } from '../../../util';

const env = { account: ACCOUNT, region: REGION };
let findings: NagFinding[] = [];
let synthError: Error | undefined;
let providers: ManifestsProvider[] = [];

beforeAll(() => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-manifests-nag-'));
  const app = new App({ outdir, context: NO_BUNDLING });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new Stack(app, 'Nag', { env });
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['eu-west-1a', 'eu-west-1b'], privateSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'] });
  const inVpc = eks.Cluster.fromClusterAttributes(stack, 'InVpc', { clusterName: 'in-vpc', vpc, clusterSecurityGroupId: 'sg-0123456789abcdef0' });
  const a = new KubernetesObjects(stack, 'InVpcObjects', { cluster: inVpc, objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a' } }] });
  const b = new KubernetesObjects(stack, 'OutsideObjects', { cluster: importedCluster(stack, 'Outside', 'outside'), objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'b' } }] });
  providers = [a.provider, b.provider];
  try {
    app.synth();
  } catch (e) {
    synthError = e as Error;
  }
  findings = readNagFindings(outdir);
  fs.rmSync(outdir, { recursive: true, force: true });
});

test('no unacknowledged finding, and synth passes validation', () => {
  expect(findings).toEqual([]);
  expect(synthError).toBeUndefined();
});

const acks = (c: { node: { metadata: Array<{ type: string; data: unknown }> } }) => c.node.metadata
  .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
  .flatMap((m) => Object.entries(m.data as Record<string, string>));

test('the role of a function in the VPC acknowledges its one managed policy, with the reason; outside the VPC nothing', () => {
  const [inVpc, outside] = providers;
  expect(acks(inVpc.role)).toEqual([[`Annotation::${managedPolicyFinding(VPC_ACCESS_POLICY)}`, 'Lambda requires ENI permissions for a function in a VPC; the AWS managed AWSLambdaVPCAccessExecutionRole grants only those (and logs).']]);
  expect(acks(outside.role)).toEqual([]);
});

test('the Provider framework function acknowledges its findings, naming its one target', () => {
  const framework = providers[0].node.findChild('Provider').node.findChild('framework-onEvent');
  expect(acks(framework).map(([id]) => id)).toEqual([
    `Annotation::${managedPolicyFinding('service-role/AWSLambdaBasicExecutionRole')}`,
    `Annotation::${managedPolicyFinding('service-role/AWSLambdaVPCAccessExecutionRole')}`,
    'Annotation::AwsSolutions-L1',
    expect.stringMatching(/^Annotation::AwsSolutions-IAM5\[Resource::<ManifestsProviderNagInVpc[0-9A-F]+Handler[0-9A-F]+\.Arn>:\*\]$/),
  ]);
});
