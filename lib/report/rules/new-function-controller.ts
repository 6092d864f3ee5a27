/** A principal newly allowed to invoke or update a function that reaches cluster admin. */
import { AdminPathKinds } from '../admin-paths';
import { code } from '../markdown';
import { newPaths, pathFinding } from './admin-path-diff';
import type { Rule } from './types';

export const newFunctionController: Rule = {
  id: 'new-function-controller',
  severity: 'critical',
  description: 'A principal newly allowed lambda:InvokeFunction, UpdateFunctionCode or UpdateFunctionConfiguration on a function that reaches cluster admin (IAM statements, wildcards included, and Lambda permissions).',
  check: (input) => newPaths(input, AdminPathKinds.functionControl).map((p) => pathFinding(input, p, `${p.how} on ${code(p.target)}, which reaches cluster admin`)),
};
