/**
 * The custom resources of a cloud assembly as a deployment would run them against the stand-ins:
 * each with its properties resolved to plain values (lib/sandbox/cfn-values.ts), its bundled
 * handler (lib/sandbox/assembly-handlers.ts) with the function's resolved role and environment,
 * in creation order; the CloudFormation event the Provider framework hands the user function;
 * and one invocation of the bundled handler in its own process (lib/sandbox/lambda-process.ts).
 */
import * as path from 'path';
import type { AssemblyStack, BundledHandler } from './assembly-handlers';
import { customResourcesOf } from './assembly-handlers';
import type { CfnStack, ResourceValueOf } from './cfn-values';
import { resolveCfnValue, resolveProperties, resourceSite } from './cfn-values';
import { invokeBundledHandler, lambdaRuntimeEnv } from './lambda-process';
import { creationOrder } from './template-order';

/** A custom resource with everything resolved. */
export interface ResolvedCustomResource {
  /** The stack that holds it. */
  readonly stack: AssemblyStack;
  /** Its logical id in that stack. */
  readonly logicalId: string;
  /** The resource's `Type`. */
  readonly type: string;
  /** `stack/logicalId (Type)`, for messages. */
  readonly site: string;
  /** Its properties as CloudFormation passes them (ServiceToken included). */
  readonly properties: Record<string, unknown>;
  /** The bundled handler its provider runs. */
  readonly handler: BundledHandler;
  /** The user function's name (stand-in value). */
  readonly functionName: string;
  /** The user function's role ARN (stand-in value). */
  readonly roleArn: string;
  /** The user function's `Environment.Variables`, resolved. */
  readonly environment: Readonly<Record<string, string>>;
}

/** Options of {@link resolveCustomResources}. */
export interface ResolveOptions {
  /** @default standInResourceValue (cfn-values.ts) */
  readonly resourceValue?: ResourceValueOf;
}

function asStrings(site: string, what: string, value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((value ?? {}) as Record<string, unknown>)) {
    if (typeof v !== 'string') throw new Error(`${site}: ${what}.${k} resolves to ${JSON.stringify(v)}, not a string; Lambda variables are strings`);
    out[k] = v;
  }
  return out;
}

/**
 * Every custom resource of `types` in `stacks` (in deployment order), each stack's in creation
 * order, with properties, role, name and environment of its handler resolved.
 * @throws UnresolvedValueError (cfn-values.ts) for any value that does not resolve
 */
export function resolveCustomResources(stacks: readonly AssemblyStack[], types: readonly string[], options: ResolveOptions = {}): ResolvedCustomResource[] {
  const byName = new Map<string, CfnStack>(stacks.map((s) => [s.stackName, s]));
  const found = customResourcesOf(stacks, types);
  return stacks.flatMap((stack) => {
    const mine = found.filter((r) => r.stack === stack);
    const order = creationOrder(stack.template, mine.map((r) => r.logicalId));
    return order.map((logicalId) => {
      const r = mine.find((m) => m.logicalId === logicalId)!;
      const scope = { stack, stacks: byName, ...(options.resourceValue ? { resourceValue: options.resourceValue } : {}) };
      const fnSite = resourceSite(stack, r.handler.functionLogicalId);
      const fnProps = r.handler.fn.Properties ?? {};
      const environment = (fnProps.Environment as { Variables?: unknown } | undefined)?.Variables;
      const name = resolveCfnValue(scope, { Ref: r.handler.functionLogicalId }, { resource: fnSite, path: '(Ref)' });
      const role = resolveCfnValue(scope, fnProps.Role, { resource: fnSite, path: 'Role' });
      return {
        stack, logicalId, type: r.resource.Type, site: resourceSite(stack, logicalId),
        properties: resolveProperties(scope, logicalId), handler: r.handler,
        functionName: String(name), roleArn: String(role),
        environment: asStrings(fnSite, 'Environment.Variables', Object.fromEntries(Object.entries((environment ?? {}) as Record<string, unknown>)
          .map(([k, v]) => [k, resolveCfnValue(scope, v, { resource: fnSite, path: `Environment.Variables.${k}` })]))),
      };
    });
  });
}

/** What varies between the events of one resource. */
export interface EventOptions {
  /** @default - the resource's resolved properties */
  readonly properties?: Record<string, unknown>;
  /** Update only. */
  readonly oldProperties?: Record<string, unknown>;
  /** Update and Delete: what Create returned. */
  readonly physicalResourceId?: string;
}

/**
 * The event the CDK Provider framework passes the user function: CloudFormation's request, with
 * the pre-signed ResponseURL blanked as the framework blanks it.
 */
export function cloudFormationEvent(r: ResolvedCustomResource, requestType: 'Create' | 'Update' | 'Delete', o: EventOptions = {}): Record<string, unknown> {
  const properties = o.properties ?? r.properties;
  return {
    RequestType: requestType,
    ServiceToken: properties.ServiceToken,
    ResponseURL: '...',
    StackId: `arn:aws:cloudformation:${r.stack.region}:${r.stack.account}:stack/${r.stack.stackName}/00000000-0000-4000-8000-000000000000`,
    RequestId: `assembly-${requestType.toLowerCase()}-${r.logicalId}`,
    LogicalResourceId: r.logicalId,
    ResourceType: r.type,
    ResourceProperties: properties,
    ...(o.oldProperties === undefined ? {} : { OldResourceProperties: o.oldProperties }),
    ...(o.physicalResourceId === undefined ? {} : { PhysicalResourceId: o.physicalResourceId }),
  };
}

/** Options of {@link invokeResource}. */
export interface InvokeOptions {
  /** AWS_ENDPOINT_URL_*, region and credentials of the function's session (the stand-in's). */
  readonly awsEnv: Readonly<Record<string, string>>;
  /** The context's remaining time. @default 300000 */
  readonly remainingMs?: number;
}

/**
 * Runs the resource's bundled handler once with `event`, in its own process: the function's
 * variables, then what Lambda provides (which the function may not override), then the stand-in's
 * endpoints and credentials.
 * @returns what the handler returned, and its logs
 * @throws BundledHandlerError (lambda-process.ts) with the handler's failure sentence
 */
export function invokeResource(r: ResolvedCustomResource, event: unknown, o: InvokeOptions) {
  const fn = r.handler.fn.Properties ?? {};
  const env = {
    ...r.environment,
    ...lambdaRuntimeEnv({
      functionName: r.functionName, region: r.stack.region, runtime: String(fn.Runtime), taskRoot: path.dirname(r.handler.file),
      ...(typeof fn.MemorySize === 'number' ? { memoryMb: fn.MemorySize } : {}),
    }),
    ...o.awsEnv,
  };
  return invokeBundledHandler({ file: r.handler.file, exportName: r.handler.exportName, env, event, functionName: r.functionName, remainingMs: o.remainingMs ?? 300_000 });
}

/** A resource of the assembly with its properties resolved. */
export interface ResolvedResource {
  /** The stack that holds it. */
  readonly stack: AssemblyStack;
  /** Its logical id in that stack. */
  readonly logicalId: string;
  /** Its properties, resolved. */
  readonly properties: Record<string, unknown>;
}

/** Every resource of `type` in `stacks` with its properties resolved (for example the AWS::EKS::AccessEntry of each provider). */
export function resolvedResourcesOfType(stacks: readonly AssemblyStack[], type: string, options: ResolveOptions = {}): ResolvedResource[] {
  const byName = new Map<string, CfnStack>(stacks.map((s) => [s.stackName, s]));
  return stacks.flatMap((stack) => Object.entries(stack.template.Resources ?? {}).filter(([, r]) => r.Type === type).map(([logicalId]) => ({
    stack, logicalId, properties: resolveProperties({ stack, stacks: byName, ...(options.resourceValue ? { resourceValue: options.resourceValue } : {}) }, logicalId),
  })));
}
