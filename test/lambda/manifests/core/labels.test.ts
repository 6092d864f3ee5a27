/** Owner ids, the ownership labels and who owns a live object. */
import { MANAGED_BY_LABEL, OWNER_LABEL } from '../../../../lambda/manifests/api';
import { ManifestInputError } from '../../../../lambda/manifests/core/errors';
import { OWNER_ID_RE, checkOwnerId, mayDelete, ownershipLabels, ownershipOf } from '../../../../lambda/manifests/core/labels';

describe('checkOwnerId', () => {
  test.each(['a', 'A1', 'dev-cluster.team_a', `a${'-'.repeat(61)}b`, '0'])('accepts %j', (owner) => {
    expect(checkOwnerId(owner)).toBe(owner);
  });

  test.each<unknown>(['', `a${'b'.repeat(63)}`, '-a', 'a-', '.a', 'a_', 'a/b', 'a b', 'é', 7, undefined, null])('refuses %j', (owner) => {
    expect(() => checkOwnerId(owner)).toThrow(ManifestInputError);
    expect(() => checkOwnerId(owner)).toThrow(`owner id ${JSON.stringify(owner)} is not a label value: 1-63 letters, digits and -_. starting and ending with a letter or digit; the construct derives it, so pass its Owner unchanged`);
  });

  test('the rule is the label-value rule, capped at 63 characters', () => {
    expect(OWNER_ID_RE.test('a'.repeat(63))).toBe(true);
    expect(OWNER_ID_RE.test('a'.repeat(64))).toBe(false);
  });
});

describe('ownershipLabels', () => {
  test('managed-by eks-access and the owner id', () => {
    expect(ownershipLabels('dev-1')).toEqual({ 'app.kubernetes.io/managed-by': 'eks-access', 'eks-access.io/owner': 'dev-1' });
    expect(MANAGED_BY_LABEL).toBe('app.kubernetes.io/managed-by');
  });
});

describe('ownershipOf and mayDelete', () => {
  test.each<[string, Record<string, unknown> | undefined, string, boolean]>([
    ['no labels at all', undefined, 'none', false],
    ['labels without the owner label (managed-by alone is not ownership)', { [MANAGED_BY_LABEL]: 'eks-access' }, 'none', false],
    ['the owner label with this id', { [OWNER_LABEL]: 'dev-1' }, 'this', true],
    ['the owner label with another id', { [OWNER_LABEL]: 'dev-2' }, 'other', false],
    ['the owner label with a value in another case', { [OWNER_LABEL]: 'DEV-1' }, 'other', false],
  ])('%s', (_name, labels, owner, deletable) => {
    expect(ownershipOf(labels, 'dev-1').owner).toBe(owner);
    expect(mayDelete(labels, 'dev-1')).toBe(deletable);
  });

  test('another owner is named', () => {
    expect(ownershipOf({ [OWNER_LABEL]: 'dev-2' }, 'dev-1')).toEqual({ owner: 'other', id: 'dev-2' });
    expect(ownershipOf({ [OWNER_LABEL]: 3 }, 'dev-1')).toEqual({ owner: 'other', id: '3' });
  });
});
