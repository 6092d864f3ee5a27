/**
 * Finds, in a synthesized cloud assembly (a `cdk.out` directory with the real esbuild bundles),
 * the custom resources of given types and the bundled handler each one runs: its `ServiceToken`
 * names the CDK Provider framework's `onEvent` function, whose `USER_ON_EVENT_FUNCTION_ARN`
 * names the user function, whose `Code.S3Key` is an asset of the stack's asset manifest
 * (`*.assets.json`), mapped to the asset's directory in the assembly, and whose `Handler` names
 * the file and export. Reads files only; every step that does not hold is an error naming the
 * resource and what was found.
 * @see https://github.com/aws/aws-cdk/tree/main/packages/aws-cdk-lib/custom-resources/lib/provider-framework
 */
import * as fs from 'fs';
import * as path from 'path';
import { AssetManifestArtifact, CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { CfnResourceJson, CfnStack, CfnTemplateJson } from './cfn-values';
import { resourceSite } from './cfn-values';

/** The environment variable of the Provider framework's functions that names the user's `onEvent` function. */
export const USER_ON_EVENT_FUNCTION_ENV = 'USER_ON_EVENT_FUNCTION_ARN';

/** A stack of the assembly, with where it is deployed and its file assets by S3 object key. */
export interface AssemblyStack extends CfnStack {
  /** Hierarchical id (`dev/Access`). */
  readonly displayName: string;
  /** Absolute directory of each file asset of the stack, by the S3 object key it is published to. */
  readonly assetDirectories: ReadonlyMap<string, string>;
}

/** The bundled handler of a custom resource, as the assembly holds it. */
export interface BundledHandler {
  /** Logical id of the user function (in the resource's stack). */
  readonly functionLogicalId: string;
  /** The user function's resource. */
  readonly fn: CfnResourceJson;
  /** Absolute path of the file its `Handler` names (`<asset>/index.js` for `index.handler`). */
  readonly file: string;
  /** The export its `Handler` names (`handler`). */
  readonly exportName: string;
}

/** A custom resource of the assembly with its bundled handler. */
export interface AssemblyCustomResource {
  /** The stack that holds it. */
  readonly stack: AssemblyStack;
  /** Its logical id in that stack. */
  readonly logicalId: string;
  /** Its template resource, unresolved. */
  readonly resource: CfnResourceJson;
  /** The bundled handler its provider runs. */
  readonly handler: BundledHandler;
}

/**
 * Every stack of the assembly in `directory`, nested (stage) assemblies included, in the
 * assembly's deployment order (a stack after the stacks it depends on).
 */
export function readAssemblyStacks(directory: string): AssemblyStack[] {
  return new CloudAssembly(directory).stacksRecursively.map((s) => {
    const assetDirectories = new Map<string, string>();
    for (const dep of s.dependencies) {
      if (!AssetManifestArtifact.isAssetManifestArtifact(dep)) continue;
      for (const asset of Object.values(dep.contents.files ?? {})) {
        const source = asset.source.path;
        if (source === undefined) continue;
        for (const destination of Object.values(asset.destinations)) {
          assetDirectories.set(destination.objectKey, path.resolve(path.dirname(dep.file), source));
        }
      }
    }
    return {
      stackName: s.stackName, displayName: s.hierarchicalId, account: s.environment.account, region: s.environment.region,
      template: s.template as CfnTemplateJson, assetDirectories,
    };
  });
}

function getAttArnOf(value: unknown): string | undefined {
  const args = (value as { 'Fn::GetAtt'?: unknown } | null)?.['Fn::GetAtt'];
  return Array.isArray(args) && args.length === 2 && typeof args[0] === 'string' && args[1] === 'Arn' ? args[0] : undefined;
}

function functionAt(stack: AssemblyStack, site: string, what: string, value: unknown): [string, CfnResourceJson] {
  const id = getAttArnOf(value);
  const fn = id === undefined ? undefined : stack.template.Resources?.[id];
  if (id === undefined || fn?.Type !== 'AWS::Lambda::Function') {
    throw new Error(`${site}: ${what} is ${JSON.stringify(value)}, not the Fn::GetAtt Arn of an AWS::Lambda::Function of stack ${stack.stackName}; the assembly test follows only a CDK Provider framework in the resource's own stack`);
  }
  return [id, fn];
}

/** The bundled handler of custom resource `logicalId` of `stack`, through its Provider framework. */
export function bundledHandlerOf(stack: AssemblyStack, logicalId: string): BundledHandler {
  const resource = stack.template.Resources?.[logicalId];
  const site = resourceSite(stack, logicalId);
  if (!resource) throw new Error(`${site}: no such resource in the template`);
  const [frameworkId, framework] = functionAt(stack, site, 'its ServiceToken', resource.Properties?.ServiceToken);
  const variables = (framework.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
  if (!(USER_ON_EVENT_FUNCTION_ENV in variables)) {
    throw new Error(`${site}: its ServiceToken function ${frameworkId} has no ${USER_ON_EVENT_FUNCTION_ENV} variable, so it is not a CDK Provider framework onEvent function (variables: ${Object.keys(variables).join(', ') || 'none'})`);
  }
  const [functionLogicalId, fn] = functionAt(stack, site, `${USER_ON_EVENT_FUNCTION_ENV} of ${frameworkId}`, variables[USER_ON_EVENT_FUNCTION_ENV]);
  const code = fn.Properties?.Code as { S3Key?: unknown } | undefined;
  const key = code?.S3Key;
  const directory = typeof key === 'string' ? stack.assetDirectories.get(key) : undefined;
  if (directory === undefined) {
    throw new Error(`${site}: its handler ${functionLogicalId} has Code.S3Key ${JSON.stringify(key)}, which no file asset of ${stack.stackName}'s asset manifest is published to (known keys: ${[...stack.assetDirectories.keys()].join(', ') || 'none'}); synthesize with bundling`);
  }
  const handler = fn.Properties?.Handler;
  const dot = typeof handler === 'string' ? handler.lastIndexOf('.') : -1;
  if (typeof handler !== 'string' || dot <= 0) throw new Error(`${site}: its handler ${functionLogicalId} has Handler ${JSON.stringify(handler)}, not <file>.<export>`);
  const file = path.join(directory, `${handler.slice(0, dot)}.js`);
  if (!fs.existsSync(file)) throw new Error(`${site}: its handler ${functionLogicalId} names ${handler}, but ${file} does not exist in the asset (files: ${fs.readdirSync(directory).join(', ')})`);
  return { functionLogicalId, fn, file, exportName: handler.slice(dot + 1) };
}

/** Every custom resource of `types` in `stacks`, with its bundled handler, stack by stack. */
export function customResourcesOf(stacks: readonly AssemblyStack[], types: readonly string[]): AssemblyCustomResource[] {
  return stacks.flatMap((stack) => Object.entries(stack.template.Resources ?? {})
    .filter(([, r]) => types.includes(r.Type))
    .map(([logicalId, resource]) => ({ stack, logicalId, resource, handler: bundledHandlerOf(stack, logicalId) })));
}
