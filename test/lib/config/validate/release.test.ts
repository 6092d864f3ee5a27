/** Config validation of the upgrade record `kubectlObjectsAdopted`: 0.3 requires it (0.2 must have been deployed). */
import type { EnvironmentConfig } from '../../../../lib/config/types';
import { validateEnvironment } from '../../../../lib/config/validate';
import { DEPLOY_0_2_FIRST } from '../../../../lib/config/validate/release';
import { problemLines } from '../problem-lines';
import { envConfig } from '../../../config-fixtures';

const withRecord = (value: unknown) => envConfig({ kubectlObjectsAdopted: value } as Partial<EnvironmentConfig>);

describe('kubectlObjectsAdopted', () => {
  test('true is accepted', () => {
    expect(validateEnvironment(withRecord(true)).kubectlObjectsAdopted).toBe(true);
  });

  test('the fix names the release to deploy first and the setting', () => {
    expect(DEPLOY_0_2_FIRST).toBe('eks-access 0.3 removes the kubectl resources that 0.2 retained and whose objects it adopted; deploy eks-access 0.2 (git tag v0.2.0) to this environment first, then set kubectlObjectsAdopted: true (for an environment never deployed with a release before 0.2, set it right away)');
  });

  test.each([['left out', undefined, '(missing)'], ['false', false, 'false'], ['a string', 'yes', '"yes"'], ['a number', 1, '1'], ['null', null, 'null']])('%s is refused, naming the field and the fix', (_label, value, shown) => {
    expect(problemLines(withRecord(value))).toEqual([`[test] kubectlObjectsAdopted = ${shown}: must be true: ${DEPLOY_0_2_FIRST}`]);
  });
});
