/** Config validation of the upgrade record `kubectlObjectsAdopted` (release 0.2: only its type). */
import type { EnvironmentConfig } from '../../../../lib/config/types';
import { validateEnvironment } from '../../../../lib/config/validate';
import { problemLines } from '../problem-lines';
import { envConfig } from '../../../config-fixtures';

const withRecord = (value: unknown) => envConfig({ kubectlObjectsAdopted: value } as Partial<EnvironmentConfig>);

describe('kubectlObjectsAdopted', () => {
  test('left out: false', () => {
    expect(validateEnvironment(envConfig()).kubectlObjectsAdopted).toBe(false);
  });

  test.each([true, false])('%s is kept', (value) => {
    expect(validateEnvironment(withRecord(value)).kubectlObjectsAdopted).toBe(value);
  });

  test.each([['a string', 'yes'], ['a number', 1], ['null', null]])('%s is refused, naming the field and the fix', (_label, value) => {
    expect(problemLines(withRecord(value))).toEqual([
      `[test] kubectlObjectsAdopted = ${JSON.stringify(value)}: must be true or false (or left out); set true once eks-access 0.2 has been deployed to this environment`,
    ]);
  });
});
