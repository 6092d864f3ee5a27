/**
 * The ARN a role or function will have, as far as the template and the stack's environment
 * tell: the prefix up to the name, and the literal name when the template sets one.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
import type { ArnShape } from '../model';
import type { TemplateContext } from '../template';

function known(context: TemplateContext): { partition: string; account: string; region?: string } | undefined {
  const partition = context.pseudoParameters.get('AWS::Partition');
  const account = context.pseudoParameters.get('AWS::AccountId');
  if (!partition || !account) return undefined;
  const region = context.pseudoParameters.get('AWS::Region');
  return { partition, account, ...(region ? { region } : {}) };
}

/** The IAM resource types with an ARN shape, and their name property. */
const IAM_TYPES = { role: 'RoleName', user: 'UserName', group: 'GroupName' } as const;

/** `arn:aws:iam::111111111111:role/` (or `user/`, `group/`) + path, with the name when it is a literal. */
export function iamArnShape(context: TemplateContext, type: keyof typeof IAM_TYPES, props: Record<string, unknown>): ArnShape | undefined {
  const env = known(context);
  if (!env) return undefined;
  const iamPath = typeof props.Path === 'string' ? props.Path : '/';
  const literal = props[IAM_TYPES[type]];
  const name = typeof literal === 'string' ? literal : undefined;
  return { prefix: `arn:${env.partition}:iam::${env.account}:${type}${iamPath}`, ...(name ? { name } : {}), stackName: context.stackName };
}

/** `arn:aws:lambda:eu-west-1:111111111111:function:`, with `FunctionName` when it is a literal. */
export function functionArnShape(context: TemplateContext, props: Record<string, unknown>): ArnShape | undefined {
  const env = known(context);
  if (!env?.region) return undefined;
  const name = typeof props.FunctionName === 'string' ? props.FunctionName : undefined;
  return { prefix: `arn:${env.partition}:lambda:${env.region}:${env.account}:function:`, ...(name ? { name } : {}), stackName: context.stackName };
}

/** `arn:aws:eks:eu-west-1:111111111111:cluster/`, with `Name` when it is a literal. */
export function clusterArnShape(context: TemplateContext, props: Record<string, unknown>): ArnShape | undefined {
  const env = known(context);
  if (!env?.region) return undefined;
  const name = typeof props.Name === 'string' ? props.Name : undefined;
  return { prefix: `arn:${env.partition}:eks:${env.region}:${env.account}:cluster/`, ...(name ? { name } : {}), stackName: context.stackName };
}
