/**
 * Resolves the CloudFormation values of a synthesized assembly to the plain values a deployment
 * would hand a custom resource's handler, with the stand-ins' values for what only a deployment
 * knows (a role's generated name, a cluster's name). Strict, unlike the access report's renderer
 * (lib/report/intrinsics.ts, which renders readable labels and keeps what it cannot follow): any
 * intrinsic or reference it cannot resolve is an error naming the resource, the property path and
 * the intrinsic, so that a drift between a construct and its handler is never papered over.
 * Pure: no I/O.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */

/** One resource of a template. */
export interface CfnResourceJson {
  /** The resource type. */
  readonly Type: string;
  /** Its properties, unresolved. */
  readonly Properties?: Record<string, unknown>;
  /** Resources it is created after. */
  readonly DependsOn?: string | readonly string[];
  readonly [key: string]: unknown;
}

/** A CloudFormation template, as far as the resolver reads it. */
export interface CfnTemplateJson {
  /** Resources by logical id. */
  readonly Resources?: Record<string, CfnResourceJson>;
  /** Outputs by name (`Fn::GetStackOutput`, `Fn::ImportValue`). */
  readonly Outputs?: Record<string, { readonly Value: unknown; readonly Export?: { readonly Name: unknown } }>;
  readonly [key: string]: unknown;
}

/** A deployed stack as the resolver sees it: its template and where it is deployed. */
export interface CfnStack {
  /** CloudFormation stack name (`dev-Access`). */
  readonly stackName: string;
  /** Account of the stack's environment (`AWS::AccountId`). */
  readonly account: string;
  /** Region of the stack's environment (`AWS::Region`). */
  readonly region: string;
  /** `AWS::Partition`. @default 'aws' */
  readonly partition?: string;
  /** The stack's template. */
  readonly template: CfnTemplateJson;
}

/**
 * The value a reference to a resource stands for: its `Ref` (`attribute` undefined) or one of its
 * `Fn::GetAtt` attributes; `undefined` when it has none (the resolver then fails).
 */
export type ResourceValueOf = (stack: CfnStack, logicalId: string, attribute?: string) => string | undefined;

/** Where values are resolved: the stack of the resource, the other stacks, and the resources' values. */
export interface CfnValueScope {
  /** The stack whose values are resolved. */
  readonly stack: CfnStack;
  /** Every stack of the assembly by stack name (for `Fn::GetStackOutput` and `Fn::ImportValue`). */
  readonly stacks: ReadonlyMap<string, CfnStack>;
  /** @default {@link standInResourceValue} */
  readonly resourceValue?: ResourceValueOf;
}

/** A value the resolver could not resolve; the message names the resource, the property path and the intrinsic. */
export class UnresolvedValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnresolvedValueError';
  }
}

const NO_VALUE = 'AWS::NoValue';

function isIntrinsic(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

function isNoValue(value: unknown): boolean {
  return isIntrinsic(value) && value.Ref === NO_VALUE;
}

/**
 * CloudFormation's name for a resource without a name property, made deterministic: it generates
 * `<stack name>-<logical id>-<random suffix>`, cut to the type's limit; the stand-in drops the suffix.
 */
export function generatedName(stack: CfnStack, logicalId: string, maxLength = 64): string {
  return `${stack.stackName}-${logicalId}`.slice(0, maxLength);
}

function literal(resource: CfnResourceJson, property: string): string | undefined {
  const v = resource.Properties?.[property];
  return typeof v === 'string' ? v : undefined;
}

/**
 * The stand-in values of the resource types a custom resource's properties and its handler's
 * environment refer to: an EKS cluster's `Ref` is its literal `Name`; an IAM role's `Ref` is its
 * name and its `Arn` `arn:<partition>:iam::<account>:role<path><name>`; a Lambda function's `Ref`
 * is its name and its `Arn` `arn:<partition>:lambda:<region>:<account>:function:<name>` (a role
 * or function without a literal name gets {@link generatedName}). Any other type or attribute has
 * no stand-in value.
 */
export const standInResourceValue: ResourceValueOf = (stack, logicalId, attribute) => {
  const resource = stack.template.Resources?.[logicalId];
  if (!resource) return undefined;
  const partition = stack.partition ?? 'aws';
  switch (resource.Type) {
    case 'AWS::EKS::Cluster':
      return attribute === undefined ? literal(resource, 'Name') : undefined;
    case 'AWS::IAM::Role': {
      const name = literal(resource, 'RoleName') ?? generatedName(stack, logicalId);
      if (attribute === undefined) return name;
      return attribute === 'Arn' ? `arn:${partition}:iam::${stack.account}:role${literal(resource, 'Path') ?? '/'}${name}` : undefined;
    }
    case 'AWS::Lambda::Function': {
      const name = literal(resource, 'FunctionName') ?? generatedName(stack, logicalId);
      if (attribute === undefined) return name;
      return attribute === 'Arn' ? `arn:${partition}:lambda:${stack.region}:${stack.account}:function:${name}` : undefined;
    }
    default:
      return undefined;
  }
};

/** What is being resolved, for the error sentences. */
interface Site {
  /** `dev-Access/Logical (Custom::Type)` */
  readonly resource: string;
  /** `Objects`, `Environment.Variables.NAME` */
  readonly path: string;
}

class Resolver {
  private readonly resourceValue: ResourceValueOf;

  constructor(private readonly scope: CfnValueScope, private readonly site: Site) {
    this.resourceValue = scope.resourceValue ?? standInResourceValue;
  }

  private fail(intrinsic: unknown, reason: string): never {
    throw new UnresolvedValueError(`${this.site.resource}: property ${this.site.path} holds ${JSON.stringify(intrinsic)}, which cannot be resolved against the stand-ins: ${reason}; resolve it in lib/sandbox/cfn-values.ts (or give that resource a stand-in value) rather than dropping it`);
  }

  private in(stack: CfnStack): Resolver {
    return new Resolver({ ...this.scope, stack }, this.site);
  }

  value(value: unknown): unknown {
    if (Array.isArray(value)) return value.filter((v) => !isNoValue(v)).map((v) => this.value(v));
    if (isIntrinsic(value)) return this.intrinsic(value);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).filter(([, v]) => !isNoValue(v)).map(([k, v]) => [k, this.value(v)]));
    }
    return value;
  }

  private string(value: unknown, within: unknown): string {
    const v = this.value(value);
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return this.fail(within, `${JSON.stringify(value)} is not a string`);
  }

  private list(value: unknown, within: unknown): unknown[] {
    const v = this.value(value);
    if (!Array.isArray(v)) return this.fail(within, `${JSON.stringify(value)} is not a list`);
    return v;
  }

  private ref(name: string, within: unknown, attribute?: string): string {
    const stack = this.scope.stack;
    if (attribute === undefined) {
      const pseudo = this.pseudo(name);
      if (pseudo !== undefined) return pseudo;
      if (name.startsWith('AWS::')) return this.fail(within, `pseudo parameter ${name} has no stand-in value`);
    }
    const resource = stack.template.Resources?.[name];
    if (!resource) {
      const parameters = (stack.template.Parameters ?? {}) as Record<string, unknown>;
      return this.fail(within, name in parameters ? `${name} is a parameter of ${stack.stackName}, whose value is not known at synth` : `${stack.stackName} has no resource ${name}`);
    }
    const v = this.resourceValue(stack, name, attribute);
    if (v === undefined) return this.fail(within, `${attribute === undefined ? 'the Ref' : `attribute ${attribute}`} of ${name} (${resource.Type}) has no stand-in value`);
    return v;
  }

  private pseudo(name: string): string | undefined {
    const s = this.scope.stack;
    const partition = s.partition ?? 'aws';
    const values: Record<string, string> = {
      'AWS::AccountId': s.account, 'AWS::Region': s.region, 'AWS::Partition': partition, 'AWS::StackName': s.stackName,
      'AWS::URLSuffix': partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com',
    };
    return values[name];
  }

  private intrinsic(value: Record<string, unknown>): unknown {
    const [fn] = Object.keys(value);
    const args = value[fn];
    switch (fn) {
      case 'Ref':
        if (typeof args !== 'string') return this.fail(value, 'Ref takes a name');
        return this.ref(args, value);
      case 'Fn::GetAtt': {
        const [id, attribute] = Array.isArray(args) ? args : typeof args === 'string' ? args.split('.') : [];
        if (typeof id !== 'string' || typeof attribute !== 'string') return this.fail(value, 'Fn::GetAtt takes [logical id, attribute]');
        return this.ref(id, value, attribute);
      }
      case 'Fn::Join': {
        if (!Array.isArray(args) || typeof args[0] !== 'string') return this.fail(value, 'Fn::Join takes [separator, list]');
        return this.list(args[1], value).map((part) => this.string(part, value)).join(args[0]);
      }
      case 'Fn::Select': {
        if (!Array.isArray(args)) return this.fail(value, 'Fn::Select takes [index, list]');
        const index = Number(this.value(args[0]));
        const items = this.list(args[1], value);
        if (!Number.isInteger(index) || index < 0 || index >= items.length) return this.fail(value, `index ${JSON.stringify(args[0])} is outside the list of ${items.length}`);
        return items[index];
      }
      case 'Fn::Split': {
        if (!Array.isArray(args) || typeof args[0] !== 'string') return this.fail(value, 'Fn::Split takes [separator, string]');
        return this.string(args[1], value).split(args[0]);
      }
      case 'Fn::Sub':
        return this.sub(value, args);
      case 'Fn::GetStackOutput':
        return this.stackOutput(value, args);
      case 'Fn::ImportValue':
        return this.importValue(value, args);
      default:
        return this.fail(value, `${fn} is not resolved by the stand-ins`);
    }
  }

  private sub(value: unknown, args: unknown): string {
    const [text, variables] = Array.isArray(args) ? args : [args, {}];
    if (typeof text !== 'string') return this.fail(value, 'Fn::Sub takes a string or [string, variables]');
    const vars = (variables ?? {}) as Record<string, unknown>;
    return text.replace(/\$\{([^}]*)\}/g, (_whole, inner: string) => {
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
      if (inner in vars) return this.string(vars[inner], value);
      const dot = inner.indexOf('.');
      return dot > 0 && !inner.startsWith('AWS::') ? this.ref(inner.slice(0, dot), value, inner.slice(dot + 1)) : this.ref(inner, value);
    });
  }

  private stackOutput(value: unknown, args: unknown): unknown {
    const { StackName, OutputName, Region } = (args ?? {}) as { StackName?: unknown; OutputName?: unknown; Region?: unknown };
    const stack = typeof StackName === 'string' ? this.scope.stacks.get(StackName) : undefined;
    if (!stack) return this.fail(value, `no stack ${JSON.stringify(StackName)} in the assembly`);
    if (Region !== undefined && Region !== stack.region) return this.fail(value, `stack ${stack.stackName} is in ${stack.region}, not ${JSON.stringify(Region)}`);
    const output = typeof OutputName === 'string' ? stack.template.Outputs?.[OutputName] : undefined;
    if (!output) return this.fail(value, `stack ${stack.stackName} has no output ${JSON.stringify(OutputName)}`);
    return this.in(stack).value(output.Value);
  }

  private importValue(value: unknown, args: unknown): unknown {
    const name = this.string(args, value);
    for (const stack of this.scope.stacks.values()) {
      for (const output of Object.values(stack.template.Outputs ?? {})) {
        if (output.Export !== undefined && this.in(stack).value(output.Export.Name) === name) return this.in(stack).value(output.Value);
      }
    }
    return this.fail(value, `no stack of the assembly exports ${JSON.stringify(name)}`);
  }
}

/**
 * `value`, a property of resource `resource` (as `stack/logicalId (Type)`) at `path`, with every
 * intrinsic resolved: `Ref` and `Fn::GetAtt` (pseudo parameters from the stack's environment,
 * resources through `scope.resourceValue`), `Fn::Join`, `Fn::Sub`, `Fn::Select`, `Fn::Split`,
 * `Fn::GetStackOutput` and `Fn::ImportValue` (followed into the producing stack); `AWS::NoValue`
 * dropped.
 * @throws UnresolvedValueError for anything else (`Fn::If`, `Fn::GetAZs`, a parameter, a resource
 * without a stand-in value), naming the resource, the path and the intrinsic
 */
export function resolveCfnValue(scope: CfnValueScope, value: unknown, site: { readonly resource: string; readonly path: string }): unknown {
  return new Resolver(scope, site).value(value);
}

/** The label of a resource in {@link resolveCfnValue}'s sentences: `stack/logicalId (Type)`. */
export function resourceSite(stack: CfnStack, logicalId: string): string {
  const type = stack.template.Resources?.[logicalId]?.Type ?? 'missing';
  return `${stack.stackName}/${logicalId} (${type})`;
}

/**
 * Every property of resource `logicalId` of `scope.stack`, resolved ({@link resolveCfnValue}; the
 * path of an error is the property's name, then the keys down to the intrinsic).
 */
export function resolveProperties(scope: CfnValueScope, logicalId: string): Record<string, unknown> {
  const resource = scope.stack.template.Resources?.[logicalId];
  if (!resource) throw new UnresolvedValueError(`${scope.stack.stackName} has no resource ${logicalId}; pass a logical id of its template`);
  const site = resourceSite(scope.stack, logicalId);
  return resolveAt(scope, resource.Properties ?? {}, site, []) as Record<string, unknown>;
}

/** Resolves a structure key by key, so that the error's path goes down to the intrinsic. */
function resolveAt(scope: CfnValueScope, value: unknown, resource: string, path: string[]): unknown {
  if (isIntrinsic(value) || value === null || typeof value !== 'object') return resolveCfnValue(scope, value, { resource, path: path.join('.') });
  if (Array.isArray(value)) return value.filter((v) => !isNoValue(v)).map((v, i) => resolveAt(scope, v, resource, [...path, String(i)]));
  return Object.fromEntries(Object.entries(value).filter(([, v]) => !isNoValue(v)).map(([k, v]) => [k, resolveAt(scope, v, resource, [...path, k])]));
}
