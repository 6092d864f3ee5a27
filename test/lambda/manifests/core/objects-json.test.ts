/** The JSON list properties (Objects, Patches) as CloudFormation passes them. */
import { ManifestInputError } from '../../../../lambda/manifests/core/errors';
import { parseJsonList } from '../../../../lambda/manifests/core/objects';

describe('parseJsonList', () => {
  test.each<[string, unknown, unknown[]]>([
    ['absent', undefined, []],
    ['an empty string (CloudFormation renders an absent property so)', '', []],
    ['a JSON list', '[{"kind":"ConfigMap"},1]', [{ kind: 'ConfigMap' }, 1]],
    ['an empty JSON list', '[]', []],
    ['a list already parsed', [{ a: 1 }], [{ a: 1 }]],
  ])('%s', (_name, value, expected) => {
    expect(parseJsonList('Objects', value)).toEqual(expected);
  });

  test.each<[string, unknown, string]>([
    ['invalid JSON', '[{"kind":', 'property Objects is not valid JSON (9 characters starting "[{\\"kind\\":"); the construct renders it, so pass it unchanged'],
    ['long invalid JSON, quoted by its first 20 characters', `x${'y'.repeat(40)}`, 'property Objects is not valid JSON (41 characters starting "xyyyyyyyyyyyyyyyyyyy"); the construct renders it, so pass it unchanged'],
    ['a JSON object', '{"kind":"ConfigMap"}', 'property Objects must be a JSON list of Kubernetes objects, got an object'],
    ['JSON null', 'null', 'property Objects must be a JSON list of Kubernetes objects, got null'],
    ['a JSON number', '3', 'property Objects must be a JSON list of Kubernetes objects, got a number'],
    ['a JSON string', '"x"', 'property Objects must be a JSON list of Kubernetes objects, got a string'],
    ['a number', 3, 'property Objects must be a JSON list of Kubernetes objects, got a number'],
    ['an object', { a: 1 }, 'property Objects must be a JSON list of Kubernetes objects, got an object'],
  ])('%s is refused', (_name, value, message) => {
    expect(() => parseJsonList('Objects', value)).toThrow(new ManifestInputError(message));
  });
});
