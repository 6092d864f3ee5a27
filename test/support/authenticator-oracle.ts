/**
 * The aws-iam-authenticator oracle: asks Go how the authenticator reads an aws-auth ConfigMap.
 *
 * `authenticator-oracle/main.go` reproduces the authenticator's read path (ToJSON, go-yaml v2,
 * encoding/json into its config types, Validate, saveMap) with Debian's `golang-go`,
 * `golang-k8s-sigs-yaml-dev` and `golang-gopkg-yaml.v2-dev`, built offline in GOPATH mode. It is
 * built once per source version into `.tmp/authenticator-oracle/` (git-ignored) and answers in
 * batch: one process, one JSON line per ConfigMap.
 *
 * The `data` strings travel to Go as JSON, as they travel to the Kubernetes API server: a lone
 * surrogate (which a JS string can hold and UTF-8 cannot) arrives as U+FFFD, as it would in the
 * cluster, so a value that holds one can never read back as intended.
 *
 * Where Go or the Debian sources are missing, `oracleAvailability()` says why and
 * `describeWithOracle` skips with a visible warning (the CodeBuild pipeline has no Go); with
 * `AUTHENTICATOR_ORACLE_REQUIRED=1` (set by `.ci/run`) a missing oracle fails instead.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** GOPATH holding the Debian Go source packages. */
export const DEBIAN_GOPATH = '/usr/share/gocode';

/** The Debian packages the oracle needs, for messages and `.ci/run`. */
export const ORACLE_DEBIAN_PACKAGES = ['golang-go', 'golang-k8s-sigs-yaml-dev', 'golang-gopkg-yaml.v2-dev'] as const;

/** Environment variable that turns a missing oracle from a skip into a failure. */
export const ORACLE_REQUIRED_ENV = 'AUTHENTICATOR_ORACLE_REQUIRED';

const ROOT = path.resolve(__dirname, '..', '..');
const SOURCE_DIR = path.join(__dirname, 'authenticator-oracle');
const BUILD_DIR = path.join(ROOT, '.tmp', 'authenticator-oracle');
const REQUIRED_SOURCES = ['gopkg.in/yaml.v2/yaml.go', 'sigs.k8s.io/yaml/yaml.go'];

/** A role mapping as the authenticator holds it (Go `config.RoleMapping`, JSON-encoded). */
export interface GoRoleMapping {
  readonly rolearn?: string;
  readonly sso?: { readonly permissionSetName: string; readonly accountID: string; readonly partition?: string };
  readonly username: string;
  /** `null` when the entry had no groups (a nil Go slice). */
  readonly groups: string[] | null;
  readonly userid?: string;
}

/** A user mapping as the authenticator holds it (Go `config.UserMapping`, JSON-encoded). */
export interface GoUserMapping {
  readonly userarn: string;
  readonly username: string;
  readonly groups: string[] | null;
  readonly userid?: string;
}

/** What the authenticator made of one data key. */
export interface OracleKey<T> {
  /** The key exists in `data`. */
  readonly present: boolean;
  /** Present but blank, ``, "" or '' (no entries, no error). */
  readonly skipped: boolean;
  /** The YAML/JSON error, when there was one. */
  readonly error?: string;
  /**
   * Which step failed: `tojson` (YAML syntax; the whole key is dropped), `json` (a value of the
   * wrong type; encoding/json skipped it and kept the rest), `yaml` (mapAccounts).
   */
  readonly stage?: 'tojson' | 'json' | 'yaml';
  /** The entries the authenticator keeps, in order (after `Validate()`). */
  readonly entries: T[];
  /** Entries that decoded but that `Validate()` refused (dropped). */
  readonly rejected: { readonly index: number; readonly error: string; readonly entry: unknown }[];
}

/** The authenticator's reading of one ConfigMap. */
export interface OracleResult {
  readonly mapRoles: OracleKey<GoRoleMapping>;
  readonly mapUsers: OracleKey<GoUserMapping>;
  readonly mapAccounts: OracleKey<string>;
  /** After saveMap: lower-cased role ARN (or SSO pattern) -> mapping, the last entry winning. */
  readonly roles: Record<string, GoRoleMapping>;
  /** After saveMap: user ARN as written -> mapping (lookups then compare case-insensitively). */
  readonly users: Record<string, GoUserMapping>;
  /** After saveMap: the account ids, sorted, once each. */
  readonly accounts: string[];
}

/** Whether the oracle can run here, and the built binary when it can. */
export type OracleAvailability =
  | { readonly available: true; readonly binary: string; readonly goVersion: string }
  | { readonly available: false; readonly reason: string };

let cached: OracleAvailability | undefined;

function goEnv(tmp: string, gopath: string): NodeJS.ProcessEnv {
  // GOTMPDIR keeps go's work directory out of the system temp dir.
  return { ...process.env, GO111MODULE: 'off', GOPATH: gopath, GOFLAGS: '', GOTMPDIR: tmp };
}

function sourceHash(): string {
  const h = createHash('sha256');
  for (const f of fs.readdirSync(SOURCE_DIR).filter((n) => n.endsWith('.go')).sort()) {
    h.update(f).update('\0').update(fs.readFileSync(path.join(SOURCE_DIR, f)));
  }
  return h.digest('hex').slice(0, 16);
}

/**
 * Builds the oracle with `go` (or another Go command) unless this source version is built
 * already; reports why not instead of throwing.
 */
export function buildOracle(go = 'go', gopath = DEBIAN_GOPATH): OracleAvailability {
  const version = spawnSync(go, ['version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) {
    return { available: false, reason: `go not found on PATH (Debian package golang-go): ${version.error?.message ?? version.stderr.trim()}` };
  }
  const missing = REQUIRED_SOURCES.filter((f) => !fs.existsSync(path.join(gopath, 'src', f)));
  if (missing.length > 0) {
    return { available: false, reason: `Go sources ${missing.join(', ')} not found under ${gopath}/src (Debian packages golang-k8s-sigs-yaml-dev, golang-gopkg-yaml.v2-dev)` };
  }
  const dir = path.join(BUILD_DIR, sourceHash());
  const binary = path.join(dir, 'authenticator-oracle');
  if (!fs.existsSync(binary)) {
    fs.mkdirSync(dir, { recursive: true });
    // Build under a private name and rename: jest workers may build at the same time.
    const work = fs.mkdtempSync(path.join(dir, 'build-'));
    try {
      const out = path.join(work, 'authenticator-oracle');
      const r = spawnSync(go, ['build', '-o', out, '.'], { cwd: SOURCE_DIR, env: goEnv(work, gopath), encoding: 'utf8' });
      if (r.status !== 0) {
        return { available: false, reason: `go build of ${SOURCE_DIR} failed: ${(r.stderr || r.error?.message || '').trim()}` };
      }
      fs.renameSync(out, binary);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  }
  return { available: true, binary, goVersion: version.stdout.trim() };
}

/** Builds the oracle once per process (and once per source version on disk); never throws. */
export function oracleAvailability(): OracleAvailability {
  cached ??= buildOracle();
  return cached;
}

function binaryOrThrow(): string {
  const a = oracleAvailability();
  if (!a.available) throw new Error(`the authenticator oracle is not available: ${a.reason}`);
  return a.binary;
}

function parseLine(line: string): OracleResult {
  const v = JSON.parse(line) as OracleResult & { fatal?: string };
  if (v.fatal !== undefined) throw new Error(`authenticator oracle refused its input: ${v.fatal}`);
  return v;
}

/** Reads many ConfigMaps' `data` in one Go process (synchronous batch). */
export function readAll(datas: readonly Record<string, string>[]): OracleResult[] {
  if (datas.length === 0) return [];
  const input = datas.map((data) => JSON.stringify({ data })).join('\n') + '\n';
  const r = spawnSync(binaryOrThrow(), [], { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`authenticator oracle exited with ${r.status}: ${r.stderr}`);
  const lines = r.stdout.split('\n').filter((l) => l.length > 0);
  if (lines.length !== datas.length) throw new Error(`authenticator oracle answered ${lines.length} lines for ${datas.length} inputs`);
  return lines.map(parseLine);
}

/** Reads one ConfigMap's `data`. */
export function readOne(data: Record<string, string>): OracleResult {
  return readAll([data])[0];
}

/**
 * A long-running oracle process for property tests: `read` sends one line and resolves with
 * the answer; answers come back in order. `close()` ends the process.
 */
export class OracleSession {
  /** Starts the process (the oracle must be available). */
  static start(): OracleSession {
    return new OracleSession(spawn(binaryOrThrow(), [], { stdio: 'pipe' }));
  }

  private readonly waiting: { resolve: (r: OracleResult) => void; reject: (e: Error) => void }[] = [];
  private buffer = '';
  private failure: Error | undefined;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => this.onData(chunk));
    child.stderr.setEncoding('utf8');
    let stderr = '';
    child.stderr.on('data', (chunk: string) => { stderr += chunk; });
    child.on('exit', (code) => this.fail(new Error(`authenticator oracle exited with ${code}: ${stderr}`)));
    child.on('error', (e) => this.fail(e));
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    let nl = this.buffer.indexOf('\n');
    while (nl >= 0) {
      const line = this.buffer.slice(0, nl);
      this.buffer = this.buffer.slice(nl + 1);
      const w = this.waiting.shift();
      if (w) {
        try {
          w.resolve(parseLine(line));
        } catch (e) {
          w.reject(e as Error);
        }
      }
      nl = this.buffer.indexOf('\n');
    }
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const w of this.waiting.splice(0)) w.reject(e);
  }

  /** Reads one ConfigMap's `data`. */
  read(data: Record<string, string>): Promise<OracleResult> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(`${JSON.stringify({ data })}\n`);
    });
  }

  /** Ends the process and waits for it. */
  close(): Promise<void> {
    if (this.child.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.stdin.end();
    });
  }
}

/**
 * Starts one session for the enclosing `describe` (beforeAll) and closes it (afterAll);
 * returns a getter for it.
 */
export function useOracleSession(): () => OracleSession {
  let session: OracleSession | undefined;
  beforeAll(() => {
    session = OracleSession.start();
  });
  afterAll(async () => {
    await session?.close();
  });
  return () => {
    if (!session) throw new Error('the oracle session is used outside its describe block');
    return session;
  };
}

/**
 * `describe` when the oracle is available; otherwise `describe.skip` with a warning naming
 * the reason, or a failing test when `AUTHENTICATOR_ORACLE_REQUIRED=1`.
 */
export function describeWithOracle(name: string, fn: () => void): void {
  const a = oracleAvailability();
  if (a.available) {
    describe(`${name} (Go oracle: ${a.goVersion})`, fn);
    return;
  }
  if (process.env[ORACLE_REQUIRED_ENV] === '1') {
    describe(name, () => {
      test('the authenticator oracle is available', () => {
        throw new Error(`${ORACLE_REQUIRED_ENV}=1 but the authenticator oracle is not available: ${a.reason}; install ${ORACLE_DEBIAN_PACKAGES.join(' ')}`);
      });
    });
    return;
  }
  console.warn(`SKIPPING "${name}": the authenticator oracle is not available: ${a.reason}; install ${ORACLE_DEBIAN_PACKAGES.join(' ')} to run these tests`);
  describe.skip(`${name} (SKIPPED: no Go authenticator oracle: ${a.reason})`, fn);
}
