import * as fs from 'fs';
import * as path from 'path';
import { HANDLER_ESBUILD } from '../../../lib/constructs/handler-code';
import { ESBUILD_NODE_TARGET, NODE_MAJOR, NODE_VERSION_FILE, SUPPORTED_KUBERNETES_VERSIONS, VPC_CNI_ADDON_VERSIONS, vpcCniAddonVersion } from '../../../lib/config/versions';

const ROOT = path.join(__dirname, '..', '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
/** The TypeScript files under `dirs`, relative to the repository. */
function sources(...dirs: string[]): string[] {
  return dirs.flatMap((d) => (fs.readdirSync(path.join(ROOT, d), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => path.join(d, f)));
}

describe('the vpc-cni add-on version table', () => {
  test('has exactly one pinned version per supported Kubernetes version, nothing else', () => {
    expect(Object.keys(VPC_CNI_ADDON_VERSIONS).sort()).toEqual([...SUPPORTED_KUBERNETES_VERSIONS].sort());
  });

  test.each(Object.entries(VPC_CNI_ADDON_VERSIONS))('%s: an EKS build (vMAJOR.MINOR.PATCH-eksbuild.N) of v1.14 or later (network policy)', (_, version) => {
    const match = /^v(\d+)\.(\d+)\.(\d+)-eksbuild\.(\d+)$/.exec(version);
    expect(match).not.toBeNull();
    const [major, minor] = [Number(match![1]), Number(match![2])];
    expect(major > 1 || (major === 1 && minor >= 14)).toBe(true);
  });

  test('vpcCniAddonVersion reads the table, and names the table and the command for a version without an entry', () => {
    for (const v of SUPPORTED_KUBERNETES_VERSIONS) expect(vpcCniAddonVersion(v)).toBe(VPC_CNI_ADDON_VERSIONS[v]);
    expect(() => vpcCniAddonVersion('1.20')).toThrow('VPC_CNI_ADDON_VERSIONS in lib/config/versions.ts has no vpc-cni version for Kubernetes "1.20". '
      + 'Add one from `aws eks describe-addon-versions --addon-name vpc-cni --kubernetes-version 1.20`.');
  });
});

describe(`one Node major everywhere (NODE_MAJOR = ${NODE_MAJOR})`, () => {
  const pkg = JSON.parse(read('package.json')) as { engines: { node: string }; devDependencies: Record<string, string> };

  test(`${NODE_VERSION_FILE} (nvm, actions/setup-node, .ci/run) holds it and nothing else`, () => {
    expect(read(NODE_VERSION_FILE)).toBe(`${NODE_MAJOR}\n`);
  });

  test('package.json asks for it (engines) and types Node\'s API at it (@types/node, pinned exactly)', () => {
    expect(pkg.engines.node).toBe(`>=${NODE_MAJOR}`);
    expect(pkg.devDependencies['@types/node']).toMatch(new RegExp(`^${NODE_MAJOR}\\.\\d+\\.\\d+$`));
  });

  test('.ci/run reads the major from the version file, not a number of its own', () => {
    const run = read('.ci/run');
    expect(run).toContain(NODE_VERSION_FILE);
    expect(run).not.toMatch(/node@\d|node\d\d/);
  });

  test('esbuild bundles the functions for it', () => {
    expect(ESBUILD_NODE_TARGET).toBe(`node${NODE_MAJOR}`);
    expect(HANDLER_ESBUILD.target).toBe(ESBUILD_NODE_TARGET);
  });

  test('the AWS SDK prints no NodeVersionSupportWarning on it (it does on Node 20)', () => {
    const emitted: string[] = [];
    const spy = jest.spyOn(process, 'emitWarning').mockImplementation((w: string | Error) => { emitted.push(String(w)); });
    const saved = process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    delete process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    try {
      jest.isolateModules(() => {
        // A fresh copy of the SDK's check (it warns once per process).
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { emitWarningIfUnsupportedVersion } = require('@aws-sdk/core/client') as { emitWarningIfUnsupportedVersion: (version: string) => void };
        emitWarningIfUnsupportedVersion(`v${NODE_MAJOR}.0.0`);
        expect(emitted).toEqual([]);
        emitWarningIfUnsupportedVersion('v20.20.2');
        expect(emitted).toEqual([expect.stringContaining('NodeVersionSupportWarning')]);
      });
    } finally {
      spy.mockRestore();
      if (saved !== undefined) process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = saved;
    }
  });

  test('every Lambda runtime spelled in lib/, lambda/ and scripts/ is that major, and no esbuild target is spelled there (they import ESBUILD_NODE_TARGET)', () => {
    const runtimes: string[] = [];
    const targets: string[] = [];
    for (const file of sources('lib', 'lambda', 'scripts')) {
      const text = read(file);
      for (const m of text.matchAll(/Runtime\.NODEJS_(\w+)/g)) runtimes.push(`${file}: NODEJS_${m[1]}`);
      for (const m of text.matchAll(/target:\s*['"`](node[^'"`]*)/g)) targets.push(`${file}: ${m[1]}`);
    }
    expect(runtimes.length).toBeGreaterThan(0);
    for (const r of runtimes) expect(r).toMatch(new RegExp(`: NODEJS_${NODE_MAJOR}_X$`));
    expect(targets).toEqual([]);
  });
});
