/**
 * A small real cloud assembly for the assembly helpers' tests: one stack with a CDK Provider
 * framework whose user function is a file asset (index.js, no bundling), and one custom resource
 * of type {@link FIXTURE_TYPE} with a literal and a reference among its properties. Synthesized
 * into a temp folder; {@link AssemblyFixture.remove} deletes it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CustomResource, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import type { AssemblyStack } from '../../../lib/sandbox/assembly-handlers';
import { readAssemblyStacks } from '../../../lib/sandbox/assembly-handlers';
import type { CfnTemplateJson } from '../../../lib/sandbox/cfn-values';

/** The custom resource's type. */
export const FIXTURE_TYPE = 'Custom::Fixture';
/** Where the fixture stack is deployed. */
export const FIXTURE_ENV = { account: '111111111111', region: 'eu-west-1' };

/** The handler of the fixture: it answers with what it was given. */
const HANDLER = `
exports.handler = async (event, context) => ({
  PhysicalResourceId: 'fixture',
  Data: { mode: process.env.MODE, role: process.env.ROLE, region: process.env.AWS_REGION, key: process.env.AWS_ACCESS_KEY_ID,
    cluster: event.ResourceProperties.ClusterName, type: event.ResourceType, remaining: context.getRemainingTimeInMillis() > 0 },
});
`;

/** The synthesized fixture. */
export interface AssemblyFixture {
  readonly outdir: string;
  readonly stack: AssemblyStack;
  /** Logical ids by role: the custom resource, the user function, the framework's onEvent function. */
  readonly ids: { readonly resource: string; readonly userFunction: string; readonly framework: string };
  /** The stack with its template changed by `edit` (on a deep copy). */
  edited(edit: (template: { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> }) => void): AssemblyStack;
  remove(): void;
}

/** Synthesizes the fixture app. */
export function synthAssemblyFixture(): AssemblyFixture {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'assembly-fixture-'));
  const code = path.join(root, 'code');
  fs.mkdirSync(code);
  fs.writeFileSync(path.join(code, 'index.js'), HANDLER);
  const outdir = path.join(root, 'cdk.out');
  const app = new App({ outdir });
  const stack = new Stack(app, 'Fixture', { env: FIXTURE_ENV });
  const fn = new lambda.Function(stack, 'Handler', { code: lambda.Code.fromAsset(code), handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X, memorySize: 256 });
  fn.addEnvironment('MODE', 'strict');
  fn.addEnvironment('ROLE', fn.role!.roleArn);
  const provider = new cr.Provider(stack, 'Provider', { onEventHandler: fn });
  new CustomResource(stack, 'Thing', { serviceToken: provider.serviceToken, resourceType: FIXTURE_TYPE, properties: { ClusterName: 'demo', RoleArn: fn.role!.roleArn } });
  app.synth();
  const [read] = readAssemblyStacks(outdir);
  const resources = Object.entries((read.template as CfnTemplateJson).Resources ?? {});
  const idOf = (match: (r: { Type: string; Properties?: Record<string, unknown> }) => boolean): string => resources.find(([, r]) => match(r))![0];
  const ids = {
    resource: idOf((r) => r.Type === FIXTURE_TYPE),
    userFunction: idOf((r) => r.Type === 'AWS::Lambda::Function' && r.Properties?.Handler === 'index.handler'),
    framework: idOf((r) => r.Type === 'AWS::Lambda::Function' && r.Properties?.Handler === 'framework.onEvent'),
  };
  return {
    outdir, stack: read, ids,
    edited(edit) {
      const template = JSON.parse(JSON.stringify(read.template));
      edit(template);
      return { ...read, template };
    },
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
