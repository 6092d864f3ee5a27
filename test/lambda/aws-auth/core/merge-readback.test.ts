/**
 * The read-back guard of the merge: rendered text that does not parse back to exactly the
 * intended entries is never written. The renderer is replaced here by one that goes wrong, since
 * the real one cannot be made to (render.test.ts and the property tests show it reads back).
 */
import { parseList } from '../../../../lambda/aws-auth/core/parse';
import { AwsAuthParseError } from '../../../../lambda/aws-auth/core/errors';
import { applyOwner } from '../../../../lambda/aws-auth/core/merge';
import * as render from '../../../../lambda/aws-auth/core/render';
import { STRICT, desired, role } from './fixtures';

jest.mock('../../../../lambda/aws-auth/core/render', () => {
  const actual = jest.requireActual<typeof render>('../../../../lambda/aws-auth/core/render');
  return { ...actual, renderList: jest.fn(actual.renderList) };
});

const renderList = render.renderList as jest.MockedFunction<typeof render.renderList>;
const EMPTY = { data: {}, annotations: {} };

afterEach(() => renderList.mockClear());

describe('renderChecked', () => {
  test('the real renderer: the text written is the rendered text', () => {
    const r = applyOwner(EMPTY, 'a', desired({ mapRoles: [role('xx')] }), STRICT);
    expect(renderList).toHaveBeenCalledTimes(1);
    expect(r.state.data.mapRoles).toBe(renderList.mock.results[0].value);
  });

  test('text that does not parse fails closed, with the reader\'s message', () => {
    renderList.mockReturnValueOnce('- [broken');
    let reason = '';
    try {
      parseList('mapRoles', '- [broken', 'entries');
    } catch (e) {
      reason = (e as Error).message;
    }
    expect(reason).toMatch(/^aws-auth data key "mapRoles" is not valid YAML/);
    const run = (): unknown => applyOwner(EMPTY, 'a', desired({ mapRoles: [role('xx')] }), STRICT);
    expect(run).toThrow(AwsAuthParseError);
    renderList.mockReturnValueOnce('- [broken');
    expect(run).toThrow(`the merged mapRoles does not parse back (${reason}); nothing was written; this is a bug in eks-access, please report it`);
  });

  test.each([
    ['another entry', '- rolearn: arn:aws:iam::111122223333:role/other\n  username: xx\n  groups:\n  - xx:group\n'],
    ['a value typed differently', '- rolearn: arn:aws:iam::111122223333:role/xx\n  username: xx\n  groups:\n  - yes\n'],
    ['no entry', '[]\n'],
  ])('text that reads back as %s fails closed', (_n, wrong) => {
    const d = desired({ mapRoles: [role('xx', 'xx', ['yes'])] });
    renderList.mockReturnValueOnce(wrong);
    const run = (): unknown => applyOwner(EMPTY, 'a', d, STRICT);
    expect(run).toThrow(AwsAuthParseError);
    renderList.mockReturnValueOnce(wrong);
    expect(run).toThrow('the merged mapRoles does not read back as the intended entries; nothing was written; this is a bug in eks-access, please report it');
  });

  test('each data key is checked under its own name and mode', () => {
    renderList.mockImplementation((items) => (items.length > 0 && typeof items[0] === 'string' ? '- 1\n' : jest.requireActual<typeof render>('../../../../lambda/aws-auth/core/render').renderList(items)));
    try {
      expect(() => applyOwner(EMPTY, 'a', desired({ mapRoles: [role('xx')], mapAccounts: ['444455556666'] }), STRICT))
        .toThrow('the merged mapAccounts does not read back as the intended entries');
    } finally {
      renderList.mockImplementation(jest.requireActual<typeof render>('../../../../lambda/aws-auth/core/render').renderList);
    }
  });
});
