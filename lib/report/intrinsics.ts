/**
 * Renders CloudFormation values (literals and intrinsic functions) as stable, readable text, so
 * that two synths of the same declaration give the same text whatever the logical ids, and a
 * reviewer can tell what a reference points at: `{"Fn::GetAtt": ["PersonexternaladminRole9D81D455",
 * "Arn"]}` becomes `role:external_admin`, a role without a name becomes `role:<construct path>`.
 * Pure: no I/O.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
 */
import { CDK_PATH_METADATA } from './template';
import type { CfnResource, TemplateContext } from './template';

/** A single-key object whose key is `Ref` or starts with `Fn::`. */
export function isIntrinsic(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

const NO_VALUE = 'AWS::NoValue';

function isNoValue(value: unknown): boolean {
  return isIntrinsic(value) && value.Ref === NO_VALUE;
}

/** Literal name properties, by resource type: a named resource is shown by its name. */
const NAME_PROPERTIES: Record<string, string> = {
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::Group': 'GroupName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::Lambda::Function': 'FunctionName',
};

/** Prefixes that say what kind of IAM thing a name stands for. */
const LABEL_PREFIXES: Record<string, string> = {
  'AWS::IAM::Role': 'role:',
  'AWS::IAM::User': 'user:',
  'AWS::IAM::Group': 'group:',
  'AWS::IAM::OIDCProvider': 'oidc-provider:',
  'Custom::AWSCDKOpenIdConnectProvider': 'oidc-provider:',
  'AWS::IAM::ManagedPolicy': 'policy:',
  'AWS::Lambda::Function': 'function:',
};

/** Construct path suffixes CDK adds below the construct a person declared. */
const PATH_SUFFIXES = ['/Resource/Default', '/Resource', '/Default'];

/** The construct path of a resource without its stage prefix and CDK's `/Resource` suffixes. */
export function constructPathOf(context: TemplateContext, logicalId: string): string | undefined {
  const metadata = context.template.Resources?.[logicalId]?.Metadata?.[CDK_PATH_METADATA];
  const raw = typeof metadata === 'string' ? metadata : context.logicalIdPaths.get(logicalId);
  if (raw === undefined) return undefined;
  let path = raw.startsWith(context.pathPrefix) ? raw.slice(context.pathPrefix.length) : raw;
  for (const suffix of PATH_SUFFIXES) {
    if (path.endsWith(suffix)) {
      path = path.slice(0, -suffix.length);
      break;
    }
  }
  return path;
}

/**
 * A stable name for a resource of the template: its literal name property when it has one
 * (`RoleName`), else its construct path, else its logical id.
 */
export function resourceName(context: TemplateContext, logicalId: string): string {
  const resource = context.template.Resources?.[logicalId];
  if (!resource) return logicalId;
  const nameProperty = NAME_PROPERTIES[resource.Type];
  const literal = nameProperty ? resource.Properties?.[nameProperty] : undefined;
  if (typeof literal === 'string') return literal;
  return constructPathOf(context, logicalId) ?? logicalId;
}

/** How a reference to a resource (`Ref`, or `Fn::GetAtt` of its `Arn`) is shown. */
export function resourceLabel(context: TemplateContext, logicalId: string): string {
  const resource = context.template.Resources?.[logicalId];
  // Parameters, and pseudo parameters the stack's environment does not fix, stay symbolic.
  if (!resource) return context.pseudoParameters.get(logicalId) ?? `\${${logicalId}}`;
  return `${LABEL_PREFIXES[resource.Type] ?? ''}${resourceName(context, logicalId)}`;
}

function getAttLabel(context: TemplateContext, logicalId: string, attribute: string): string {
  if (attribute === 'Arn') return resourceLabel(context, logicalId);
  return `${resourceName(context, logicalId)}.${attribute}`;
}

function jsonEscape(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/** The elements of a list-valued expression when they can be known from the template alone. */
function resolveList(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value.filter((v) => !isNoValue(v));
  if (!isIntrinsic(value)) return undefined;
  const split = value['Fn::Split'];
  if (Array.isArray(split) && typeof split[0] === 'string' && typeof split[1] === 'string') {
    return split[1].split(split[0]);
  }
  return undefined;
}

function renderSelect(context: TemplateContext, args: unknown): string {
  if (!Array.isArray(args)) return JSON.stringify(args);
  const [index, list] = args;
  const i = Number(index);
  const items = resolveList(list);
  if (items && Number.isInteger(i) && i >= 0 && i < items.length) return renderString(context, items[i]);
  const split = isIntrinsic(list) ? list['Fn::Split'] : undefined;
  if (Array.isArray(split)) {
    const [separator, source] = split;
    // IRSA condition keys: the issuer is the provider ARN after ":oidc-provider/".
    if (separator === ':oidc-provider/' && i === 1) return `issuer(${renderString(context, source)})`;
    return `${renderString(context, source)}[split "${String(separator)}" #${i}]`;
  }
  return `${renderString(context, list)}[#${i}]`;
}

function renderSub(context: TemplateContext, args: unknown): string {
  const [text, variables] = Array.isArray(args) ? args : [args, {}];
  if (typeof text !== 'string') return JSON.stringify(args);
  const vars = (variables ?? {}) as Record<string, unknown>;
  return text.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    if (inner in vars) return renderString(context, vars[inner]);
    if (inner.startsWith('AWS::')) return context.pseudoParameters.get(inner) ?? whole;
    const dot = inner.indexOf('.');
    if (dot > 0) return getAttLabel(context, inner.slice(0, dot), inner.slice(dot + 1));
    return context.template.Resources?.[inner] ? resourceLabel(context, inner) : whole;
  });
}

function renderFindInMap(context: TemplateContext, args: unknown): string {
  if (Array.isArray(args) && args.every((a) => typeof a === 'string')) {
    const [map, top, second] = args as string[];
    const found = context.template.Mappings?.[map]?.[top]?.[second];
    if (found !== undefined) return renderString(context, found);
  }
  return `FindInMap(${(Array.isArray(args) ? args : [args]).map((a) => renderString(context, a)).join(', ')})`;
}

function renderStackOutput(context: TemplateContext, args: unknown): string {
  const { StackName, OutputName } = (args ?? {}) as { StackName?: unknown; OutputName?: unknown };
  const stack = typeof StackName === 'string' ? context.stackByName(StackName) : undefined;
  const output = typeof OutputName === 'string' ? stack?.template.Outputs?.[OutputName] : undefined;
  if (stack && output) return renderString(stack, output.Value);
  return `\${${renderString(context, StackName)}.${renderString(context, OutputName)}}`;
}

function renderImport(context: TemplateContext, args: unknown): string {
  const name = renderString(context, args);
  const found = context.exportByName(name);
  return found ? renderString(found.context, found.value) : `import(${name})`;
}

function renderIntrinsic(context: TemplateContext, value: Record<string, unknown>): string {
  const [fn] = Object.keys(value);
  const args = value[fn];
  switch (fn) {
    case 'Ref':
      return typeof args === 'string' ? resourceLabel(context, args) : JSON.stringify(args);
    case 'Fn::GetAtt': {
      const [id, attribute] = Array.isArray(args) ? args : String(args).split('.');
      return getAttLabel(context, String(id), String(attribute));
    }
    case 'Fn::Join': {
      const [separator, list] = Array.isArray(args) ? args : ['', []];
      const items = resolveList(list);
      if (!items) return renderString(context, list);
      return items.map((item) => renderString(context, item)).join(String(separator));
    }
    case 'Fn::Sub':
      return renderSub(context, args);
    case 'Fn::Select':
      return renderSelect(context, args);
    case 'Fn::Split': {
      const items = resolveList(value);
      return items ? items.map((item) => renderString(context, item)).join(', ') : JSON.stringify(args);
    }
    case 'Fn::If': {
      const [condition, whenTrue, whenFalse] = Array.isArray(args) ? args : [];
      if (isNoValue(whenFalse)) return `${renderString(context, whenTrue)} (if ${String(condition)})`;
      if (isNoValue(whenTrue)) return `${renderString(context, whenFalse)} (unless ${String(condition)})`;
      return `if ${String(condition)} then ${renderString(context, whenTrue)} else ${renderString(context, whenFalse)}`;
    }
    case 'Fn::GetStackOutput':
      return renderStackOutput(context, args);
    case 'Fn::ImportValue':
      return renderImport(context, args);
    case 'Fn::FindInMap':
      return renderFindInMap(context, args);
    case 'Fn::GetAZs':
      return '${AZs}';
    default:
      return `${fn.replace(/^Fn::/, '')}(${JSON.stringify(args)})`;
  }
}

/**
 * A value as one line of text: literals as they are, references as the stable label of what
 * they point at, pseudo parameters as `${AWS::Partition}`, joins and substitutions evaluated.
 */
export function renderString(context: TemplateContext, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return '';
  if (isIntrinsic(value)) return renderIntrinsic(context, value);
  return JSON.stringify(resolveValue(context, value));
}

/** The resource a `Fn::GetAtt [id, 'Value']` of a CfnJson points at, if it does. */
function cfnJsonTarget(context: TemplateContext, value: Record<string, unknown>): CfnResource | undefined {
  const args = value['Fn::GetAtt'];
  if (!Array.isArray(args) || args[1] !== 'Value') return undefined;
  const resource = context.template.Resources?.[String(args[0])];
  return resource?.Type === 'Custom::AWSCDKCfnJson' ? resource : undefined;
}

/**
 * Parses JSON text that may contain tokens: a literal string, or a `Fn::Join` whose literal
 * parts are JSON and whose tokens sit inside JSON strings (how CDK renders `CfnJson` values and
 * Kubernetes manifests). Tokens become their rendered labels.
 * @returns the parsed value, or `undefined` when the text is not JSON
 */
export function parseJsonWithTokens(context: TemplateContext, value: unknown): unknown {
  let text: string | undefined;
  if (typeof value === 'string') text = value;
  else if (isIntrinsic(value) && Array.isArray(value['Fn::Join'])) {
    const [separator, parts] = value['Fn::Join'] as [unknown, unknown];
    if (Array.isArray(parts)) {
      text = parts.map((p) => (typeof p === 'string' ? p : jsonEscape(renderString(context, p)))).join(String(separator));
    }
  }
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A value as plain data: structure kept, every intrinsic that stands for a string rendered with
 * {@link renderString}, `AWS::NoValue` dropped, and the `Value` of a CDK `CfnJson` (used for IRSA
 * trust conditions, whose keys contain the issuer) replaced by the object it renders.
 */
export function resolveValue(context: TemplateContext, value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => !isNoValue(v)).map((v) => resolveValue(context, v));
  if (isIntrinsic(value)) {
    const cfnJson = cfnJsonTarget(context, value);
    if (cfnJson) {
      const parsed = parseJsonWithTokens(context, cfnJson.Properties?.Value);
      return parsed === undefined ? renderString(context, cfnJson.Properties?.Value) : parsed;
    }
    return renderString(context, value);
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => !isNoValue(v));
    return Object.fromEntries(entries.map(([k, v]) => [k, resolveValue(context, v)]));
  }
  return value;
}
