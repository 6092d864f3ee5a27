import { CfnRule, Fn, Stack } from 'aws-cdk-lib';
import type { IAspect } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { placeholderSentence } from '../config/placeholder-uses';
import type { PlaceholderUse } from '../config/placeholder-uses';

/** Logical id of the guard's rule in the `Rules` section of a stack's template. */
export const PLACEHOLDER_GUARD_RULE_ID = 'PlaceholderGuard';

/**
 * Adds the `PlaceholderGuard` rule to a stack that still holds placeholders: one assertion per
 * placeholder, which fails, with the placeholder's sentence (file, field, value, fix) as its
 * AssertDescription. CloudFormation evaluates a template's Rules when it creates a change set or
 * a stack, before any resource, so `cdk deploy` and the pipeline's deploy actions are refused
 * with that sentence and nothing is created or changed. Nothing is added without placeholders:
 * the template stays exactly as it was.
 *
 * An assertion must be a rule function, so each one is `Fn::Not [Fn::Equals [value, value]]`
 * over the placeholder's literal value: false wherever the template is deployed. (A comparison
 * with `Ref: AWS::AccountId` would pass when a placeholder template is deployed into a real
 * account, and a repository or connection placeholder has no pseudo parameter to compare with.)
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/rules-section-structure.html
 */
export function guardPlaceholders(stack: Stack, uses: readonly PlaceholderUse[]): CfnRule | undefined {
  if (uses.length === 0) return undefined;
  const existing = stack.node.tryFindChild(PLACEHOLDER_GUARD_RULE_ID);
  if (existing) return existing as CfnRule;
  return new CfnRule(stack, PLACEHOLDER_GUARD_RULE_ID, {
    assertions: uses.map((use) => ({
      assert: Fn.conditionNot(Fn.conditionEquals(String(use.value), String(use.value))),
      assertDescription: placeholderSentence(use),
    })),
  });
}

/**
 * Guards every stack it visits with the placeholders `placeholdersOf` finds for it. An aspect,
 * applied to the whole app, so stacks added after the app was built (to a stage or beside the
 * pipeline) are guarded too. Nested stacks are deployed by their parent, whose rule covers them.
 */
export class PlaceholderGuards implements IAspect {
  constructor(private readonly placeholdersOf: (stack: Stack) => readonly PlaceholderUse[]) {}

  visit(node: IConstruct): void {
    if (Stack.isStack(node) && !node.nested) guardPlaceholders(node, this.placeholdersOf(node));
  }
}
