import * as fs from 'fs';
import * as path from 'path';
import { HANDLERS } from '../../bench/bundle';

describe('the bundle bench\'s handlers', () => {
  test('both of the app\'s handlers, by name, at the entries their constructs bundle', () => {
    const root = path.join(__dirname, '..', '..');
    expect(HANDLERS.map((h) => `${h.name}: ${path.relative(root, h.entry)}`)).toEqual(['aws-auth handler: lambda/aws-auth/index.ts', 'manifests handler: lambda/manifests/index.ts']);
    for (const h of HANDLERS) expect(fs.existsSync(h.entry)).toBe(true);
  });

  test('each handler keeps its own targets (reasons in the TSDoc of HANDLERS)', () => {
    const [awsAuth, manifests] = HANDLERS.map((h) => h.targets);
    expect(manifests).toEqual({ withoutSdkKb: 75, withSdkKb: 800, assetKb: 4000, coldLoad: 13 });
    expect(awsAuth).toEqual({ withoutSdkKb: 300, withSdkKb: 1000, assetKb: 5000, coldLoad: 14 });
  });
});
