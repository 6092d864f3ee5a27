import { ManifestInputError } from '../../../../lambda/manifests/core';
import { SERVICE_TOKEN_KEY, checkPropertyKeys } from '../../../../lambda/manifests/core/property-keys';

const KEYS = { resourceType: 'Custom::T', allowed: ['A', 'B', 'C'], required: ['A', 'B'] };
const TAIL = '(it takes A, B, C; A, B required); the construct and the handler disagree on the contract: deploy the construct and its handler from the same version of the app';

function problem(properties: Record<string, unknown> | undefined): string | undefined {
  try {
    checkPropertyKeys(properties, KEYS);
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(ManifestInputError);
    return (e as Error).message;
  }
}

test('the required keys, with or without the optional one and CloudFormation\'s ServiceToken: no problem', () => {
  expect(SERVICE_TOKEN_KEY).toBe('ServiceToken');
  expect(problem({ A: '', B: 0 })).toBeUndefined();
  expect(problem({ A: 1, B: 2, C: 3, ServiceToken: 'arn' })).toBeUndefined();
});

test.each<[string, Record<string, unknown> | undefined, string]>([
  ['one required key missing', { A: 1 }, `Custom::T: property B is missing ${TAIL}`],
  ['both missing (no properties at all)', undefined, `Custom::T: property A is missing; property B is missing ${TAIL}`],
  ['an unknown key', { A: 1, B: 2, D: 4 }, `Custom::T: property D is not one it takes ${TAIL}`],
  ['missing ones first, then unknown ones, each in order', { Z: 1, Y: 2, B: 3 }, `Custom::T: property A is missing; property Z is not one it takes; property Y is not one it takes ${TAIL}`],
  ['a key in another case is another key', { a: 1, B: 2 }, `Custom::T: property A is missing; property a is not one it takes ${TAIL}`],
])('%s', (_what, properties, message) => {
  expect(problem(properties)).toBe(message);
});
