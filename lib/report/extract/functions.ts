/**
 * Lambda functions (`AWS::Lambda::Function`) and their resource policies
 * (`AWS::Lambda::Permission`): who a function runs as, and who else may call it.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-permission.html
 */
import { renderString, resolveValue, resourceLabel } from '../intrinsics';
import type { LambdaFunction, LambdaPermission } from '../model';
import { resourcesOf } from '../template';
import type { TemplateContext } from '../template';
import { functionArnShape } from './arn-shape';
import { asRecord } from './values';

/** Extracts the Lambda functions of one stack. */
export function extractFunctions(context: TemplateContext): LambdaFunction[] {
  return resourcesOf(context.template)
    .filter(([, resource]) => resource.Type === 'AWS::Lambda::Function')
    .map(([logicalId, resource]) => {
      const props = resource.Properties ?? {};
      const variables = asRecord(asRecord(props.Environment).Variables);
      const arn = functionArnShape(context, props);
      return {
        label: resourceLabel(context, logicalId),
        role: renderString(context, props.Role),
        environment: Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, renderString(context, v)])),
        ...(arn ? { arn } : {}),
      };
    });
}

/** Condition properties of a permission. */
const CONDITION_PROPERTIES = ['SourceArn', 'SourceAccount', 'PrincipalOrgID', 'FunctionUrlAuthType', 'EventSourceToken'];

/** Extracts the Lambda permissions of one stack. */
export function extractLambdaPermissions(context: TemplateContext): LambdaPermission[] {
  return resourcesOf(context.template)
    .filter(([, resource]) => resource.Type === 'AWS::Lambda::Permission')
    .map(([, resource]) => {
      const props = asRecord(resolveValue(context, resource.Properties ?? {}));
      return {
        function: renderString(context, props.FunctionName),
        action: renderString(context, props.Action),
        principal: renderString(context, props.Principal),
        conditions: CONDITION_PROPERTIES.filter((k) => props[k] !== undefined).map((k) => `${k} = ${renderString(context, props[k])}`),
      };
    });
}
