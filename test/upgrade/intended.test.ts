/** The intended-replacements file: accepted shapes and the exact error for each malformed one. */
import { IntendedReplacementsError, parseIntended } from '../../lib/upgrade/intended';

const FILE = 'test/upgrade/intended-replacements.json';

test('parses entries', () => {
  expect(parseIntended('{"replacements": [{"stack": "dev/Cluster", "logicalId": "Cluster", "reason": "rebuilt"}]}', FILE))
    .toEqual([{ stack: 'dev/Cluster', logicalId: 'Cluster', reason: 'rebuilt' }]);
  expect(parseIntended('{"replacements": []}', FILE)).toEqual([]);
});

test.each([
  ['not JSON', '{', `${FILE} is not valid JSON (`],
  ['no array', '{"replacement": []}', `${FILE} must be an object with a "replacements" array (write {"replacements": []} when nothing is intended).`],
  ['an array at the top', '[]', `${FILE} must be an object with a "replacements" array`],
  ['an entry that is no object', '{"replacements": ["dev/Cluster"]}', `${FILE}: replacements[0] is "dev/Cluster"; it must be an object {"stack", "logicalId", "reason"}.`],
  ['an unknown field', '{"replacements": [{"stack": "a", "logicalId": "b", "reason": "c", "why": "d"}]}', `${FILE}: replacements[0] has an unknown field "why"; the fields are stack, logicalId, reason.`],
  ['an empty reason', '{"replacements": [{"stack": "a", "logicalId": "b", "reason": " "}]}', `${FILE}: replacements[0].reason is " "; it must be a non-empty string that says why the replacement is safe.`],
  ['a missing logical id', '{"replacements": [{"stack": "a", "reason": "c"}]}', `${FILE}: replacements[0].logicalId is undefined; it must be a non-empty string.`],
  ['a duplicate', '{"replacements": [{"stack": "a", "logicalId": "b", "reason": "c"}, {"stack": "a", "logicalId": "b", "reason": "d"}]}', `${FILE}: replacements[1] declares a b a second time; keep one entry per resource.`],
])('refuses %s', (_name, text, message) => {
  expect(() => parseIntended(text, FILE)).toThrow(IntendedReplacementsError);
  expect(() => parseIntended(text, FILE)).toThrow(message);
});
