import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ArchiveError, DEFAULT_ARCHIVE_LIMITS, extractAssemblies, parseAssemblyArchive } from '../../../lib/ci/assembly-archive';
import { ustar } from '../../support/ustar';

const MANIFESTS = [{ name: 'base/manifest.json', data: '{}' }, { name: 'head/manifest.json', data: '{}' }];

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-archive-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('accepted', () => {
  test('what the synth workflow packs: GNU tar --format=ustar of the JSON files', () => {
    const src = path.join(tmp, 'src');
    for (const f of ['base/manifest.json', 'head/manifest.json', 'head/assembly-dev/manifest.json', `head/assembly-dev/${'y'.repeat(60)}/${'z'.repeat(60)}.json`, `head/assembly-dev/${'x'.repeat(80)}.template.json`]) {
      fs.mkdirSync(path.dirname(path.join(src, f)), { recursive: true });
      fs.writeFileSync(path.join(src, f), JSON.stringify({ f }));
    }
    const tarFile = path.join(tmp, 'a.tar');
    // The workflow's own command line (pr-synth.yml, "Pack the assemblies' JSON").
    const r = spawnSync('bash', ['-c', `cd "${src}" && find base head -type f -name '*.json' -not -path '*/asset.*' -print0 | sort -z | tar --format=ustar --null --no-recursion -T - -cf "${tarFile}"`]);
    expect(r.status).toBe(0);
    const entries = parseAssemblyArchive(fs.readFileSync(tarFile));
    expect(entries.map((e) => [e.path, e.type])).toEqual([
      ['base/manifest.json', 'file'],
      ['head/assembly-dev/manifest.json', 'file'],
      [`head/assembly-dev/${'x'.repeat(80)}.template.json`, 'file'],
      // Over 100 characters: tar splits it into the prefix and name fields.
      [`head/assembly-dev/${'y'.repeat(60)}/${'z'.repeat(60)}.json`, 'file'],
      ['head/manifest.json', 'file'],
    ]);
    expect(entries[4].data.toString()).toBe(JSON.stringify({ f: 'head/manifest.json' }));

    const out = path.join(tmp, 'out');
    expect(extractAssemblies(fs.readFileSync(tarFile), out)).toEqual({ base: path.join(out, 'base'), head: path.join(out, 'head') });
    expect(fs.readFileSync(path.join(out, 'head/assembly-dev/manifest.json'), 'utf8')).toBe(JSON.stringify({ f: 'head/assembly-dev/manifest.json' }));
    expect((fs.statSync(path.join(out, 'head/manifest.json')).mode & 0o777)).toBe(0o644);
  });

  test('directories and the ustar prefix field; a leading ./ is dropped', () => {
    const entries = parseAssemblyArchive(ustar([{ name: './base/', type: '5' }, ...MANIFESTS, { prefix: 'head/assembly-dev', name: 'manifest.json', data: '{}' }]));
    expect(entries.map((e) => e.path)).toEqual(['base', 'base/manifest.json', 'head/manifest.json', 'head/assembly-dev/manifest.json']);
  });
});

describe('refused, naming the entry and the fix', () => {
  const cases: Array<[string, Parameters<typeof ustar>[0], string]> = [
    ['a symbolic link', [{ name: 'head/manifest.json', type: '2', linkname: '/etc/passwd' }], 'entry "head/manifest.json" is a symbolic link; only regular files and directories are accepted'],
    ['a hard link', [{ name: 'head/x.json', type: '1', linkname: 'base/manifest.json' }], 'entry "head/x.json" is a hard link; only regular files and directories are accepted'],
    ['a device', [{ name: 'head/x.json', type: '3' }], 'entry "head/x.json" is a character device; only regular files and directories are accepted'],
    ['a pax header (could rename the next entry)', [{ name: 'PaxHeader/x', type: 'x', data: '30 path=../../../etc/cron.d/x\n' }], 'entry "PaxHeader/x" is a pax header; only regular files and directories are accepted'],
    ['a GNU long name', [{ name: '././@LongLink', type: 'L', data: 'head/../../x.json' }], 'entry "././@LongLink" is a GNU long name; only regular files and directories are accepted'],
    ['a path with ..', [{ name: 'head/../../home/runner/.bashrc.json', data: '{}' }], 'entry "head/../../home/runner/.bashrc.json": paths must be relative, without "..", "." or empty components, made of letters, digits and "._-"'],
    ['an absolute path', [{ name: '/tmp/x.json', data: '{}' }], 'entry "/tmp/x.json": paths must be relative'],
    ['a path outside base/ and head/', [{ name: 'node_modules/x.json', data: '{}' }], 'entry "node_modules/x.json": everything must be under base/ or head/'],
    ['an asset bundle', [{ name: 'head/asset.abc/index.json', data: '{}' }], 'entry "head/asset.abc/index.json": asset bundles (asset.*) are not reviewed; leave them out of the archive'],
    ['a script', [{ name: 'head/run.sh', data: 'echo' }], 'entry "head/run.sh": only .json files are reviewed; leave other files out of the archive'],
    ['a duplicate', [...MANIFESTS, { name: 'head/manifest.json', data: '{}' }], 'entry "head/manifest.json" appears twice; each path may appear once'],
    ['a bad checksum', [{ name: 'head/manifest.json', data: '{}', badChecksum: true }], 'entry "head/manifest.json": its header checksum is wrong; the archive is damaged'],
    ['a non-ustar header', [{ name: 'head/manifest.json', data: '{}', magic: 'xxxxx' }], 'entry "head/manifest.json": not a ustar header; upload a plain ustar archive (tar --format=ustar)'],
    ['no head', [MANIFESTS[0]], 'the archive has no head/manifest.json; the synth workflow must synthesize the pull request\'s head into head/'],
  ];
  test.each(cases)('%s', (_name, entries, message) => {
    expect(() => parseAssemblyArchive(ustar(entries))).toThrow(ArchiveError);
    expect(() => parseAssemblyArchive(ustar(entries))).toThrow(message);
  });

  test('over the limits: file size, total size, entry count', () => {
    const big = { name: 'head/big.json', data: 'x'.repeat(2000) };
    expect(() => parseAssemblyArchive(ustar([...MANIFESTS, big]), { ...DEFAULT_ARCHIVE_LIMITS, maxFileBytes: 1000 }))
      .toThrow('entry "head/big.json" is 2000 bytes, over the per-file limit of 1000');
    expect(() => parseAssemblyArchive(ustar([...MANIFESTS, big, { ...big, name: 'base/big.json' }]), { ...DEFAULT_ARCHIVE_LIMITS, maxTotalBytes: 3000 }))
      .toThrow('the files add up to more than 3000 bytes');
    expect(() => parseAssemblyArchive(ustar([...MANIFESTS, big]), { ...DEFAULT_ARCHIVE_LIMITS, maxEntries: 2 })).toThrow('the archive has more than 2 entries');
  });

  test('cut short', () => {
    expect(() => parseAssemblyArchive(ustar(MANIFESTS, { end: false }))).toThrow('the archive has no end-of-archive marker; it is damaged or cut short');
  });

  test('nothing is written when any entry is refused, and never into an existing directory', () => {
    const out = path.join(tmp, 'refused');
    expect(() => extractAssemblies(ustar([...MANIFESTS, { name: 'head/x', type: '2', linkname: '/' }]), out)).toThrow('is a symbolic link');
    expect(fs.existsSync(out)).toBe(false);
    fs.mkdirSync(out);
    expect(() => extractAssemblies(ustar(MANIFESTS), out)).toThrow(/EEXIST/);
  });
});
