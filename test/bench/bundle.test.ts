import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HANDLERS, zippedKb } from '../../bench/bundle';

describe('the bundle bench\'s handlers', () => {
  test('both of the app\'s handlers, by name, at the entries their constructs bundle', () => {
    const root = path.join(__dirname, '..', '..');
    expect(HANDLERS.map((h) => `${h.name}: ${path.relative(root, h.entry)}`)).toEqual(['aws-auth handler: lambda/aws-auth/index.ts', 'manifests handler: lambda/manifests/index.ts']);
    for (const h of HANDLERS) expect(fs.existsSync(h.entry)).toBe(true);
  });

  test('each handler keeps its own targets (reasons in the TSDoc of HANDLERS)', () => {
    const [awsAuth, manifests] = HANDLERS.map((h) => h.targets);
    expect(manifests).toEqual({ withoutSdkKb: 75, withSdkKb: 800, assetKb: 4000, zippedKb: 1000, coldLoad: 13 });
    expect(awsAuth).toEqual({ withoutSdkKb: 300, withSdkKb: 1000, assetKb: 5000, zippedKb: 1000, coldLoad: 14 });
  });
});

describe('zippedKb', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-zip-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('within 0.5% of the archive the real zip tool makes of the same files (zip -9)', () => {
    const code = path.join(dir, 'index.js');
    const map = path.join(dir, 'index.js.map');
    fs.writeFileSync(code, Array.from({ length: 4000 }, (_, i) => `exports.f${i}=function(a){return a*${i}+${(i * 7919) % 1000}};`).join('\n'));
    fs.writeFileSync(map, JSON.stringify({ version: 3, names: Array.from({ length: 3000 }, (_, i) => `n${(i * 104729) % 99991}`), mappings: 'AAAA,'.repeat(20000) }));
    const archive = path.join(dir, 'a.zip');
    const r = spawnSync('zip', ['-9', '-q', '-X', '-j', archive, code, map], { encoding: 'utf8' });
    expect([r.error?.message, r.status, r.stderr]).toEqual([undefined, 0, '']);
    const real = fs.statSync(archive).size / 1000;
    const ours = zippedKb([code, map]);
    expect(Math.abs(ours - real) / real).toBeLessThan(0.005);
    expect(ours).toBeLessThan((fs.statSync(code).size + fs.statSync(map).size) / 1000 / 2);
  });
});
