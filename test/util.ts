/**
 * Shared fixtures of the construct, stack and app tests: the config fixtures (test/config-fixtures.ts), a helper
 * that synthesizes environments through `buildApp` (the same path as `cdk synth`), and small
 * readers for what CloudFormation templates contain (cross-stack values, `Fn::Join`-rendered
 * manifests). Nothing here refers to a hashed logical id.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Template } from 'aws-cdk-lib/assertions';
import type { App, Stack } from 'aws-cdk-lib';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { buildApp } from '../lib/app';
import type { BuildAppOptions } from '../lib/app';
import type { EnvironmentConfig } from '../lib/config/types';
import type { KubernetesObject } from '../lib/k8s/manifest';
import type { EnvironmentStage } from '../lib/stages/environment-stage';
import { cliContext as projectCliContext } from '../lib/upgrade/synthesize';

export * from './config-fixtures';

// ---------------------------------------------------------------------------------------------
// Synthesis
// ---------------------------------------------------------------------------------------------

const ROOT = path.join(__dirname, '..');

/**
 * The context `cdk synth` gives the app: the feature flags of cdk.json and the cached lookups of
 * cdk.context.json. Without them the app would synthesize differently in tests (for example a
 * custom-resource OIDC provider instead of AWS::IAM::OIDCProvider).
 */
export function cliContext(): Record<string, unknown> {
  return projectCliContext(ROOT);
}

/** A CloudFormation template as JSON. */
export interface TemplateJson {
  Resources?: Record<string, CfnResource>;
  Outputs?: Record<string, { Value: unknown; Description?: string; Export?: { Name: unknown } }>;
  [key: string]: unknown;
}

/** One resource of a template. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  [key: string]: unknown;
}

/** The three stacks of one synthesized environment. */
export interface SynthesizedEnvironment {
  readonly stage: EnvironmentStage;
  readonly cluster: Template;
  readonly access: Template;
  readonly workloads: Template;
  /** Templates of the environment by CloudFormation stack name, for {@link resolveCrossStack}. */
  readonly byStackName: ReadonlyMap<string, TemplateJson>;
}

/** The result of {@link synthApp}. */
export interface SynthesizedApp {
  readonly app: App;
  readonly assembly: CloudAssembly;
  readonly stages: EnvironmentStage[];
  /** Per environment name. */
  readonly envs: ReadonlyMap<string, SynthesizedEnvironment>;
}

/**
 * Builds the app through `buildApp` (validation, cdk-nag, one stage per environment) with the
 * CLI's context, synthesizes it once and returns every stack's Template. Synth takes about 1.5 s
 * per environment: call it once per test file, in `beforeAll`.
 */
export function synthApp(environments?: EnvironmentConfig[], options: Omit<BuildAppOptions, 'environments'> = {}): SynthesizedApp {
  const { app, stages } = buildApp({ ...options, environments, context: { ...cliContext(), ...options.context } });
  const assembly = app.synth();
  const envs = new Map<string, SynthesizedEnvironment>();
  for (const stage of stages) {
    const cluster = Template.fromStack(stage.cluster);
    const access = Template.fromStack(stage.access);
    const workloads = Template.fromStack(stage.workloads);
    const byStackName = new Map<string, TemplateJson>([
      [stage.cluster.stackName, cluster.toJSON() as TemplateJson],
      [stage.access.stackName, access.toJSON() as TemplateJson],
      [stage.workloads.stackName, workloads.toJSON() as TemplateJson],
    ]);
    envs.set(stage.stageName, { stage, cluster, access, workloads, byStackName });
  }
  return { app, assembly, stages, envs };
}

/** Synthesizes one environment; see {@link synthApp}. */
export function synthEnvironment(config: EnvironmentConfig): SynthesizedEnvironment {
  const env = synthApp([config]).envs.get(config.name);
  if (!env) throw new Error(`environment ${config.name} was not synthesized`);
  return env;
}

/** The result of {@link synthDefaultApp}. */
export interface SynthesizedDefaultApp {
  /** What buildApp built (stages, pipeline). */
  readonly built: ReturnType<typeof buildApp>;
  /** The cloud assembly directory (validation-report.json is written here). */
  readonly outdir: string;
  /** The assembly as written to `outdir`, also when validation failed synth. */
  readonly assembly: CloudAssembly;
  /** The error synth threw, if any (policy validation, that is cdk-nag, fails synth). */
  readonly synthError?: Error;
}

/**
 * The whole default app, exactly as `cdk synth` builds it (`buildApp()` with the CLI's context),
 * synthesized once into a fresh directory. A validation failure does not stop the tests that
 * inspect templates: CDK writes the assembly before it validates, so it is read from disk.
 */
export function synthDefaultApp(): SynthesizedDefaultApp {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-app-'));
  const built = buildApp({ context: cliContext(), outdir });
  let synthError: Error | undefined;
  try {
    built.app.synth();
  } catch (e) {
    synthError = e as Error;
  }
  return { built, outdir, assembly: new CloudAssembly(outdir), synthError };
}

/** One stack of an assembly, nested stage assemblies included. */
export interface AssemblyTemplate {
  /** Display path, for example `dev/Access`. */
  readonly path: string;
  readonly stackName: string;
  readonly template: TemplateJson;
}

/** Every template of an assembly, including those of nested (stage) assemblies. */
export function allTemplates(assembly: CloudAssembly): AssemblyTemplate[] {
  return assembly.stacksRecursively.map((s) => ({ path: s.hierarchicalId, stackName: s.stackName, template: s.template as TemplateJson }));
}

// ---------------------------------------------------------------------------------------------
// Reading templates
// ---------------------------------------------------------------------------------------------

/** Resources of `type` as `[logicalId, resource]`, optionally filtered. */
export function resourcesOfType(template: Template | TemplateJson, type: string, where: (r: CfnResource) => boolean = () => true): Array<[string, CfnResource]> {
  const json = (template instanceof Template ? template.toJSON() : template) as TemplateJson;
  return Object.entries(json.Resources ?? {}).filter(([, r]) => r.Type === type && where(r));
}

/** The only resource of `type` matching `where`; fails the test when there are none or several. */
export function onlyResource(template: Template | TemplateJson, type: string, where?: (r: CfnResource) => boolean): [string, CfnResource] {
  const found = resourcesOfType(template, type, where);
  if (found.length !== 1) throw new Error(`expected exactly one ${type}${where ? ' matching the filter' : ''}, found ${found.length}: ${found.map(([id]) => id).join(', ')}`);
  return found[0];
}

/** `DependsOn` as an array. */
export function dependsOn(resource: CfnResource): string[] {
  const d = resource.DependsOn;
  return d === undefined ? [] : Array.isArray(d) ? d : [d];
}

/**
 * Replaces cross-stack references (`Fn::GetStackOutput` of weak references, `Fn::ImportValue` of
 * strong ones) with the value the producing stack outputs, recursively, so that a consumer's
 * value can be compared with what it refers to in the producer (`{ 'Fn::GetAtt': [id, 'Arn'] }`).
 */
export function resolveCrossStack(value: unknown, templates: ReadonlyMap<string, TemplateJson>): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveCrossStack(v, templates));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 && keys[0] === 'Fn::GetStackOutput') {
    const { StackName, OutputName } = obj['Fn::GetStackOutput'] as { StackName: string; OutputName: string };
    const output = templates.get(StackName)?.Outputs?.[OutputName];
    if (!output) throw new Error(`no output ${OutputName} in stack ${StackName}`);
    return resolveCrossStack(output.Value, templates);
  }
  if (keys.length === 1 && keys[0] === 'Fn::ImportValue') {
    const name = obj['Fn::ImportValue'];
    for (const t of templates.values()) {
      for (const o of Object.values(t.Outputs ?? {})) {
        if (o.Export && JSON.stringify(o.Export.Name) === JSON.stringify(name)) return resolveCrossStack(o.Value, templates);
      }
    }
    throw new Error(`no export ${JSON.stringify(name)}`);
  }
  return Object.fromEntries(keys.map((k) => [k, resolveCrossStack(obj[k], templates)]));
}

/** `{ Ref: id }` or `{ 'Fn::GetAtt': [id, attr] }` with the id of a resource found by properties. */
export const ref = (logicalId: string) => ({ Ref: logicalId });
export const getAtt = (logicalId: string, attribute: string) => ({ 'Fn::GetAtt': [logicalId, attribute] });

const TOKEN = '@@cfn-token-';

/** A string property with its intrinsic parts stood in for by placeholders. */
export interface RenderedString {
  readonly text: string;
  /** Placeholder -> the intrinsic it stands for. */
  readonly tokens: ReadonlyMap<string, unknown>;
}

/**
 * Renders a string-valued property: a literal, or an `Fn::Join` with `''` whose non-literal parts
 * become placeholders (so that JSON with a role ARN inside still parses).
 */
export function renderString(value: unknown): RenderedString {
  if (typeof value === 'string') return { text: value, tokens: new Map() };
  const join = (value as { 'Fn::Join'?: [string, unknown[]] } | null)?.['Fn::Join'];
  if (!join) throw new Error(`not a string or Fn::Join: ${JSON.stringify(value)}`);
  const tokens = new Map<string, unknown>();
  const text = join[1].map((part) => {
    if (typeof part === 'string') return part;
    const placeholder = `${TOKEN}${tokens.size}@@`;
    tokens.set(placeholder, part);
    return placeholder;
  }).join(join[0]);
  return { text, tokens };
}

/** Puts the intrinsics back where a whole string is one placeholder. */
function restoreTokens(value: unknown, tokens: ReadonlyMap<string, unknown>): unknown {
  if (typeof value === 'string') return tokens.has(value) ? tokens.get(value) : value;
  if (Array.isArray(value)) return value.map((v) => restoreTokens(v, tokens));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, restoreTokens(v, tokens)]));
  }
  return value;
}

/** The Kubernetes objects of a `Manifest` property (a JSON string, or an `Fn::Join` of one). */
export function parseManifest(value: unknown): KubernetesObject[] {
  const { text, tokens } = renderString(value);
  return restoreTokens(JSON.parse(text), tokens) as KubernetesObject[];
}

/** Every Custom::AWSCDK-EKS-KubernetesResource of a template with its parsed manifest: for the golden templates of 0.2, which retained them (0.3's templates have none). */
export function manifests(template: Template | TemplateJson): Array<{ id: string; resource: CfnResource; objects: KubernetesObject[] }> {
  return resourcesOfType(template, 'Custom::AWSCDK-EKS-KubernetesResource')
    .map(([id, resource]) => ({ id, resource, objects: parseManifest(resource.Properties?.Manifest) }));
}

/** Every Custom::EksAccessManifests (the app's own server-side-apply resource) of a template, with its parsed objects and patches. */
export function ownObjects(template: Template | TemplateJson): Array<{ id: string; resource: CfnResource; objects: KubernetesObject[]; patches: KubernetesObject[] }> {
  return resourcesOfType(template, 'Custom::EksAccessManifests').map(([id, resource]) => ({
    id, resource, objects: parseManifest(resource.Properties?.Objects),
    patches: resource.Properties?.Patches === undefined ? [] : parseManifest(resource.Properties.Patches),
  }));
}

/** Statements of a policy document, always as an array. */
export function statements(document: unknown): Array<Record<string, unknown>> {
  const s = (document as { Statement?: unknown }).Statement;
  return (Array.isArray(s) ? s : [s]) as Array<Record<string, unknown>>;
}

/** A value that may be one item or a list, as a list. */
export function asList<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

// ---------------------------------------------------------------------------------------------
// Construct fixtures
// ---------------------------------------------------------------------------------------------

/** App context that skips esbuild bundling (template tests do not need the handler code). */
export const NO_BUNDLING = { 'aws:cdk:bundling-stacks': [] };

/** An imported cluster, as the app's constructs see one: no kubectl provider (0.3 has none; its own resources need only the name). */
export function importedCluster(stack: Stack, id: string, clusterName: string): eks.ICluster {
  return eks.Cluster.fromClusterAttributes(stack, id, { clusterName });
}
