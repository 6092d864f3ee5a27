/**
 * .ci/use-node.sh (sourced by .ci/run): keeps a machine's node when it is the .nvmrc major or
 * newer; otherwise installs `node@<major>` from the npm registry into DIR/node<major> (once) and
 * puts it first on PATH. Run in bash against stand-in `node` and `npm` executables, so the
 * decisions and the exact npm command are checked without downloading Node (.ci/run itself does
 * the real install).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NODE_MAJOR, NODE_VERSION_FILE } from '../../lib/config/versions';

const SCRIPT = path.join(__dirname, '..', '..', '.ci', 'use-node.sh');
const INSTALLED = `v${NODE_MAJOR}.21.0`;

let work: string;
beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'use-node-'));
  fs.writeFileSync(path.join(work, NODE_VERSION_FILE), `${NODE_MAJOR}\n`);
  fs.mkdirSync(path.join(work, 'bin'));
});
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

/** A stand-in executable in the fake machine's bin. */
function tool(name: string, script: string): void {
  fs.writeFileSync(path.join(work, 'bin', name), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
}

/**
 * The machine's node answers `--version` with `version` (none: it fails, as a missing node
 * would). The stand-in npm logs its arguments; `npm install --prefix P ...` makes
 * P/node_modules/.bin/node, answering {@link INSTALLED}, unless `failInstall`.
 */
function machine(version: string | undefined, failInstall = false): void {
  tool('node', version ? `echo ${version}` : 'exit 127');
  tool('npm', [
    'echo "$*" >> "$NPM_LOG"',
    'case "$1" in',
    '  --version) echo 11.0.0 ;;',
    `  install) ${failInstall ? 'exit 1' : `mkdir -p "$3/node_modules/.bin" && printf '#!/bin/sh\\necho ${INSTALLED}\\n' > "$3/node_modules/.bin/node" && chmod +x "$3/node_modules/.bin/node"`} ;;`,
    'esac',
  ].join('\n'));
}

/** Sources the script in bash and runs ci_use_node DIR, then reports which node is first on PATH. */
function useNode(): { status: number | null; stdout: string; stderr: string; npm: string[] } {
  const log = path.join(work, 'npm.log');
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', 'source "$1" && ci_use_node "$2" && echo "first: $(command -v node) $(node --version)"', 'use-node', SCRIPT, path.join(work, 'cache')], {
    cwd: work,
    encoding: 'utf8',
    env: { PATH: `${path.join(work, 'bin')}:/usr/bin:/bin`, HOME: work, NPM_LOG: log },
  });
  const npm = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [];
  fs.rmSync(log, { force: true });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, npm };
}

const prefix = () => path.join(fs.realpathSync(work), 'cache', `node${NODE_MAJOR}`);
const installCommand = () => `install --prefix ${prefix()} --no-save --no-audit --no-fund --no-package-lock node@${NODE_MAJOR}`;

test.each([`v${NODE_MAJOR}.0.0`, `v${NODE_MAJOR + 2}.1.0`])('keeps the machine\'s node %s (the .nvmrc major or newer) and installs nothing', (version) => {
  machine(version);
  const r = useNode();
  expect(r.status).toBe(0);
  expect(r.stdout).toBe(`node ${version} (${path.join(work, 'bin', 'node')}), npm 11.0.0\nfirst: ${path.join(work, 'bin', 'node')} ${version}\n`);
  expect(r.npm).toEqual(['--version']);
  expect(fs.existsSync(path.join(work, 'cache'))).toBe(false);
});

test.each([['an older node', `v${NODE_MAJOR - 4}.20.2`, `node ${NODE_MAJOR - 4}`], ['no node', undefined, 'node (none)']])(
  'with %s, installs node@<major> from the npm registry (its install script allowed), puts it first on PATH, and reuses it on the next run', (_what, version, said) => {
    machine(version);
    const first = useNode();
    expect(first.status).toBe(0);
    expect(first.npm).toEqual([installCommand(), '--version']);
    expect(JSON.parse(fs.readFileSync(path.join(prefix(), 'package.json'), 'utf8'))).toEqual({ private: true, allowScripts: { node: true } });
    const bin = path.join(prefix(), 'node_modules', '.bin', 'node');
    expect(first.stdout).toBe(`${said} is older than Node ${NODE_MAJOR} (.nvmrc): installing node@${NODE_MAJOR} from the npm registry into ${prefix()}\n`
      + `node ${INSTALLED} (${bin}), npm 11.0.0\nfirst: ${bin} ${INSTALLED}\n`);

    const again = useNode();
    expect(again.status).toBe(0);
    expect(again.npm).toEqual(['--version']);
    expect(again.stdout).toBe(`node ${INSTALLED} (${bin}), npm 11.0.0\nfirst: ${bin} ${INSTALLED}\n`);
  });

test('a failed install fails, saying how to install Node by hand', () => {
  machine(`v${NODE_MAJOR - 4}.20.2`, true);
  const r = useNode();
  expect(r.status).not.toBe(0);
  expect(r.stderr).toBe(`npm install node@${NODE_MAJOR} failed; install Node ${NODE_MAJOR} yourself (nvm install reads .nvmrc) and run .ci/run again\n`);
  expect(r.stdout).not.toContain('first:');
});

test('a version file without a major number is refused with its content and the fix', () => {
  machine(`v${NODE_MAJOR}.0.0`);
  fs.writeFileSync(path.join(work, NODE_VERSION_FILE), 'lts/*\n');
  const r = useNode();
  expect(r.status).not.toBe(0);
  expect(r.stderr).toBe('.nvmrc holds "lts/*", not a Node major version; write one number in it, for example 24\n');
  expect(r.npm).toEqual([]);
});
