/**
 * Config validation of what decides cluster admin at the environment level: the create-only
 * creator-admin setting and cluster deletion protection (people-role trust: validate/people-admin.test.ts).
 */
import type { EnvironmentConfig } from '../../../lib/config/types';
import { validateEnvironment } from '../../../lib/config/validate';
import { problemLines } from './problem-lines';
import { envConfig } from '../../config-fixtures';

const CREATOR_FIX = 'is required and create-only (changing it replaces the cluster). Set false for a new environment, so that the CloudFormation execution role gets no cluster-admin access entry; '
  + 'set true for a cluster already deployed without this setting (CloudFormation\'s default is true, so true keeps that cluster; false would replace it)';

describe('bootstrapCreatorAdmin (create-only, required)', () => {
  test('missing: an error naming the environment and field, with the fix for a new and for a deployed cluster', () => {
    const rest: Record<string, unknown> = { ...envConfig({ name: 'qa' }) };
    delete rest.bootstrapCreatorAdmin;
    expect(problemLines(rest as unknown as EnvironmentConfig)).toEqual([`[qa] bootstrapCreatorAdmin = (missing): ${CREATOR_FIX}`]);
  });

  test.each([['a string', 'false'], ['null', null], ['a number', 0]])('not a boolean (%s) is refused the same way', (_label, value) => {
    expect(problemLines({ ...envConfig(), bootstrapCreatorAdmin: value as unknown as boolean })).toEqual([`[test] bootstrapCreatorAdmin = ${JSON.stringify(value)}: ${CREATOR_FIX}`]);
  });

  test.each([true, false])('%s is kept as given', (value) => {
    expect(validateEnvironment(envConfig({ bootstrapCreatorAdmin: value })).bootstrapCreatorAdmin).toBe(value);
  });
});

describe('deletionProtection', () => {
  test('defaults to true', () => {
    expect(validateEnvironment(envConfig()).deletionProtection).toBe(true);
  });

  test('false is kept', () => {
    expect(validateEnvironment(envConfig({ deletionProtection: false })).deletionProtection).toBe(false);
  });

  test('a non-boolean is refused', () => {
    expect(problemLines(envConfig({ deletionProtection: 'yes' as unknown as boolean }))).toEqual([
      '[test] deletionProtection = "yes": must be true or false (true: EKS refuses to delete the cluster; changing it never replaces the cluster)',
    ]);
  });
});
