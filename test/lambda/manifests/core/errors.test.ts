/** The manifests core's errors: named for the handler's failure reason, message kept as given. */
import { ManifestInputError, ManifestKindError } from '../../../../lambda/manifests/core/errors';

test.each([
  ['ManifestInputError', new ManifestInputError('Objects[0].metadata.name is missing; give every object a name')],
  ['ManifestKindError', new ManifestKindError('Widget.example.com/v1 is not served; install its CRD first')],
] as const)('%s keeps its name and message and is an Error', (name, error) => {
  expect(error).toBeInstanceOf(Error);
  expect(error.name).toBe(name);
  expect(String(error)).toBe(`${name}: ${error.message}`);
});

test('the two errors are told apart by class', () => {
  expect(new ManifestInputError('x')).not.toBeInstanceOf(ManifestKindError);
  expect(new ManifestKindError('x')).not.toBeInstanceOf(ManifestInputError);
});
