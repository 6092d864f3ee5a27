/**
 * The slice of the CloudFormation template format the access report reads, and the context in
 * which a value of one template is rendered (its stack, its stage, the other stacks it may
 * reference through `Fn::GetStackOutput` / `Fn::ImportValue`).
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html
 */

/** One resource of a template. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
}

/** One output of a template. */
export interface CfnOutput {
  readonly Value: unknown;
  readonly Export?: { readonly Name: unknown };
}

/** A synthesized CloudFormation template. */
export interface CfnTemplate {
  readonly Resources?: Record<string, CfnResource>;
  readonly Outputs?: Record<string, CfnOutput>;
  readonly Mappings?: Record<string, Record<string, Record<string, unknown>>>;
}

/** Metadata key under which CDK records the construct path of a resource. */
export const CDK_PATH_METADATA = 'aws:cdk:path';

/** Where a value lives, so that references in it can be followed and named. */
export interface TemplateContext {
  /** The template holding the value. */
  readonly template: CfnTemplate;
  /** CloudFormation name of its stack (`dev-Access`): generated physical names start with it. */
  readonly stackName: string;
  /**
   * Construct-path prefix stripped from names (`dev/` for stacks of stage `dev`), so that names
   * are the same in every environment and short enough to read.
   */
  readonly pathPrefix: string;
  /**
   * Construct paths by logical id, from the assembly manifest's `aws:cdk:logicalId` metadata:
   * used when a resource carries no `aws:cdk:path` metadata (synth outside the CLI).
   */
  readonly logicalIdPaths: ReadonlyMap<string, string>;
  /**
   * Values of pseudo parameters known from the stack's environment (`AWS::Partition`,
   * `AWS::Region`, `AWS::AccountId`), so that `arn:${AWS::Partition}:...` and `arn:aws:...`
   * (the partition-literals feature flag) read the same.
   */
  readonly pseudoParameters: ReadonlyMap<string, string>;
  /** The context of another stack, by CloudFormation stack name (for `Fn::GetStackOutput`). */
  readonly stackByName: (stackName: string) => TemplateContext | undefined;
  /** The output exported under `exportName`, with the context of its stack (for `Fn::ImportValue`). */
  readonly exportByName: (exportName: string) => { readonly context: TemplateContext; readonly value: unknown } | undefined;
}

/** The resources of a template (none for a template without a `Resources` section). */
export function resourcesOf(template: CfnTemplate): Array<[string, CfnResource]> {
  return Object.entries(template.Resources ?? {});
}

/** Partitions by region prefix (the commercial partition for any other region). */
const PARTITION_BY_REGION_PREFIX: ReadonlyArray<readonly [string, string]> = [['cn-', 'aws-cn'], ['us-gov-', 'aws-us-gov']];

/**
 * Pseudo parameter values of a stack deployed to `aws://account/region` (the cloud assembly's
 * environment string); nothing for `unknown-account` / `unknown-region`.
 */
export function pseudoParametersOf(environment: string | undefined): Map<string, string> {
  const values = new Map<string, string>();
  const match = /^aws:\/\/([^/]+)\/([^/]+)$/.exec(environment ?? '');
  if (!match) return values;
  const [, account, region] = match;
  if (/^\d{12}$/.test(account)) values.set('AWS::AccountId', account);
  if (region !== 'unknown-region') {
    values.set('AWS::Region', region);
    if (!/^(us-iso|eu-iso)/.test(region)) {
      values.set('AWS::Partition', PARTITION_BY_REGION_PREFIX.find(([prefix]) => region.startsWith(prefix))?.[1] ?? 'aws');
    }
  }
  return values;
}

/** `text` with `${AWS::Partition}`-style pseudo parameters replaced where `values` knows them. */
export function substitutePseudoParameters(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(/\$\{(AWS::\w+)\}/g, (whole, name: string) => values.get(name) ?? whole);
}
