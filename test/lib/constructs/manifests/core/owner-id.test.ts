/** The owner id of a manifests resource (lib/constructs/manifests/core/owner-id.ts): a label value, stable, unique per place. */
import { createHash } from 'crypto';
import { OWNER_ID_RE } from '../../../../../lambda/manifests/core/labels';
import { OWNER_ID_HASH_LENGTH, OWNER_ID_MAX_LENGTH, ownerIdOf } from '../../../../../lib/constructs/manifests/core/owner-id';

const hashOf = (stack: string, p: string) => createHash('sha256').update(`${stack}\n${p}`).digest('hex').slice(0, 10);

test('the limits: a label value\'s 63 characters, 10 hex digits of hash', () => {
  expect([OWNER_ID_MAX_LENGTH, OWNER_ID_HASH_LENGTH]).toEqual([63, 10]);
});

test.each<[string, string, string, string]>([
  ['a short path: the path with dots, then the hash', 'dev-Access', 'dev/Access/Team', 'dev.Access.Team'],
  ['characters a label value may not hold become -', 'S', 'S/Objects:a b+c', 'S.Objects-a-b-c'],
  ['_ . and - are kept', 'S', 'S/a_b.c-d', 'S.a_b.c-d'],
  ['a long path keeps its last whole segments that fit in 52 characters', 'S', `S/${'a'.repeat(60)}/Objects`, 'Objects'],
  ['the app\'s bootstrap: provider and resource, not a cut word', 'dev-Access', 'dev/Access/ManifestsProviderdevClusterF67766D9/RbacBootstrap', 'ManifestsProviderdevClusterF67766D9.RbacBootstrap'],
  ['51 characters and one more segment: the segment alone', 'S', `x/${'b'.repeat(51)}`, 'b'.repeat(51)],
  ['exactly 52 with the separator: both segments', 'S', `${'x'.repeat(10)}/${'b'.repeat(41)}`, `${'x'.repeat(10)}.${'b'.repeat(41)}`],
  ['53 with the separator: the last segment alone', 'S', `${'x'.repeat(11)}/${'b'.repeat(41)}`, 'b'.repeat(41)],
  ['empty segments (leading, doubled, trailing slashes) are skipped', 'S', '/a//b/', 'a.b'],
  ['a segment starting with a separator character loses it at the start only', 'S', '-x/y-', 'x.y-'],
])('%s', (_, stack, p, readable) => {
  expect(ownerIdOf(stack, p)).toBe(`${readable}-${hashOf(stack, p)}`);
});

test('exactly 52 characters of path fit whole', () => {
  const p = `${'c'.repeat(52)}`;
  expect(ownerIdOf('S', p)).toBe(`${p}-${hashOf('S', p)}`);
  expect(ownerIdOf('S', p)).toHaveLength(63);
  expect(ownerIdOf('S', `d${p}`)).toBe(`${p}-${hashOf('S', `d${p}`)}`);
});

test('a path with nothing readable is the hash alone', () => {
  expect(ownerIdOf('S', '///')).toBe(hashOf('S', '///'));
  expect(ownerIdOf('S', '')).toBe(hashOf('S', ''));
});

test('stable: the same place gives the same id; another stack name or path another', () => {
  expect(ownerIdOf('dev-Access', 'dev/Access/Objects')).toBe(ownerIdOf('dev-Access', 'dev/Access/Objects'));
  expect(ownerIdOf('prod-Access', 'dev/Access/Objects')).not.toBe(ownerIdOf('dev-Access', 'dev/Access/Objects'));
  const long = 'x'.repeat(80);
  expect(ownerIdOf('S', `a${long}`)).not.toBe(ownerIdOf('S', `b${long}`));
  expect(ownerIdOf('S', `a${long}`).slice(0, 52)).toBe(ownerIdOf('S', `b${long}`).slice(0, 52));
});

test('always a label value the handler accepts, at most 63 characters', () => {
  const paths = ['a', 'A/B', '-x-', '.a.', 'ü/ñ', `${'/'.repeat(70)}z`, 'z'.repeat(200), 'a/'.repeat(40), '__x__', 'Stage/Stack/Construct-With.Many_Chars/Resource'];
  for (const p of paths) {
    const id = ownerIdOf('Stack', p);
    expect(id.length).toBeLessThanOrEqual(63);
    expect(id).toMatch(OWNER_ID_RE);
  }
});
