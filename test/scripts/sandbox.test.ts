/**
 * `npm run sandbox` as a newcomer uses it: start it as a subprocess, paste its export lines into
 * a fresh shell without AWS credentials, and run the commands it prints, in order, through the
 * real entry points (`npm run eks-access`, `npm run sandbox -- apply`). Nothing is mocked: the
 * CLI and the handler reach the stand-ins over HTTP(S) with real SDK clients and real EKS
 * tokens. Then Ctrl-C (SIGINT) stops it cleanly and removes its temp folder (the kubeconfig).
 */
import type { ChildProcess } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { NODE_USERNAME, desiredMappings } from '../../lib/config/mappings';
import { findEnvironment } from '../../lib/sandbox/environments';
import { KUBECTL_COMMAND } from '../../lib/sandbox/instructions';
import { requireTool } from '../support/real-tools';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const env = findEnvironment('dev');

/** The environment of a fresh shell: no AWS variables at all, the run's own temp folder. */
function cleanEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  const keep = Object.entries(process.env).filter(([k, v]) => v !== undefined && !k.startsWith('AWS_')) as Array<[string, string]>;
  return { ...Object.fromEntries(keep), ...extra };
}

interface Printed {
  readonly text: string;
  /** The `export` and `unset` lines, verbatim. */
  readonly shell: string[];
  /** The command lines, verbatim (comment included). */
  readonly commands: string[];
}

let sandbox: ChildProcess;
let stdout = '';
let stderr = '';
let sandboxTemp: string;
let printed: Printed;
let exited: Promise<number | null>;

beforeAll(async () => {
  sandboxTemp = mkdtempSync(join(tmpdir(), 'sandbox-test-'));
  sandbox = spawn(process.execPath, [TSX, 'scripts/sandbox.ts'], {
    cwd: ROOT,
    // Its own temp folder, and tsx's cache off, so whatever is left there is the sandbox's.
    env: cleanEnvironment({ TMPDIR: sandboxTemp, TMP: sandboxTemp, TEMP: sandboxTemp, TSX_DISABLE_CACHE: '1' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  exited = new Promise((resolve) => sandbox.on('exit', (code) => resolve(code)));
  sandbox.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start in time; stderr: ${stderr}`)), 60_000);
    sandbox.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('Ctrl-C stops the sandbox.')) { clearTimeout(timer); resolve(); }
    });
    sandbox.on('exit', (code) => { clearTimeout(timer); reject(new Error(`sandbox exited with ${code}: ${stderr}`)); });
  });
  const lines = stdout.split('\n');
  printed = {
    text: stdout,
    shell: lines.filter((l) => l.startsWith('export ') || l.startsWith('unset ')),
    commands: lines.filter((l) => l.startsWith('npm run ')),
  };
}, 90_000);

afterAll(async () => {
  if (sandbox.exitCode === null && sandbox.signalCode === null) {
    sandbox.kill('SIGTERM');
    await exited;
  }
  rmSync(sandboxTemp, { recursive: true, force: true });
});

/** Runs one printed command line in a fresh bash that first runs the printed shell lines. */
function runPrinted(command: string): { code: number | null; out: string; err: string } {
  const r = spawnSync('bash', ['-c', [...printed.shell, command].join('\n')], {
    cwd: ROOT, env: cleanEnvironment(), encoding: 'utf8', timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The printed command line that starts with `prefix` (the first one, or the `n`-th). */
function command(prefix: string, n = 0): string {
  const found = printed.commands.filter((c) => c.startsWith(`${prefix} `) || c.startsWith(`${prefix}   `) || c === prefix);
  if (!found[n]) throw new Error(`no printed command "${prefix}" (#${n}) in:\n${printed.text}`);
  return found[n];
}

/** The sandbox's temp folder, as the printed KUBECONFIG names it. */
const tempFolder = () => /^export KUBECONFIG=(\S+)\/kubeconfig /m.exec(printed.text)![1];

const port = (url: string) => Number(new URL(url).port);
const urls = () => ({
  kube: /Kubernetes API {2}(https:\/\/127\.0\.0\.1:\d+)/.exec(printed.text)![1],
  aws: /export AWS_ENDPOINT_URL_EKS=(http:\/\/127\.0\.0\.1:\d+)/.exec(printed.text)![1],
});

function refused(p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(p, '127.0.0.1');
    socket.on('connect', () => { socket.destroy(); resolve(false); });
    socket.on('error', () => resolve(true));
  });
}

describe('npm run sandbox, used as printed', () => {
  const mappings = desiredMappings(env);
  const declared = [
    ...mappings.mapRoles.filter((r) => r.username !== NODE_USERNAME).map((r) => `+ added role ${r.rolearn} -> ${r.username} [${r.groups.join(', ')}]`),
    ...mappings.mapUsers.map((u) => `+ added user ${u.userarn} -> ${u.username} [${u.groups.join(', ')}]`),
  ];
  const nodes = mappings.mapRoles.filter((r) => r.username === NODE_USERNAME);

  test('prints the endpoints, dummy credentials of its own, the unset line and the commands in order', () => {
    expect(printed.shell).toEqual([
      `export AWS_ENDPOINT_URL_EKS=${urls().aws}`,
      `export AWS_ENDPOINT_URL_IAM=${urls().aws}`,
      `export AWS_ENDPOINT_URL_STS=${urls().aws}`,
      `export AWS_REGION=${env.region}`,
      'export AWS_ACCESS_KEY_ID=AKIASANDBOXOPERATOR1',
      'export AWS_SECRET_ACCESS_KEY=sandbox/operator+DUMMY/not-an-aws-secret01',
      'export AWS_EC2_METADATA_DISABLED=true',
      'unset AWS_PROFILE AWS_SESSION_TOKEN AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
      `export KUBECONFIG=${tempFolder()}/kubeconfig KUBECACHEDIR=${tempFolder()}/kube-cache`,
    ]);
    // The sandbox's one temp folder, in the system temp folder, holding the kubeconfig.
    expect(tempFolder().startsWith(`${sandboxTemp}/eks-access-sandbox-`)).toBe(true);
    expect(readdirSync(tempFolder())).toEqual(['kubeconfig']);
    expect(printed.commands.map((c) => c.split('   #')[0].trim())).toEqual([
      'npm run eks-access -- plan --env dev',
      'npm run sandbox -- apply --env dev',
      'npm run eks-access -- plan --env dev',
      'npm run eks-access -- verify --env dev',
      `npm run eks-access -- verify --env dev --assume-role arn:aws:iam::${env.account}:role/${env.clusterName}-verifier`,
    ]);
  });

  test('plan lists every declared entry as added and the EKS node role as adopted', () => {
    const r = runPrinted(command('npm run eks-access -- plan --env dev'));
    expect(r.err).toContain(`dev: plan ${env.clusterName} in ${env.region} (account ${env.account})...`);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n').map((l) => l.trim());
    for (const line of declared) expect(lines).toContain(line);
    for (const n of nodes) expect(lines).toContain(`= adopted role ${n.rolearn} -> ${NODE_USERNAME} [${n.groups.join(', ')}]`);
    expect(r.err).toContain(`dev: ${declared.length + nodes.length} change(s), 0 drift item(s)`);
    // The cluster creator's access entry, read from the EKS stand-in (EKS creates it with bootstrapCreatorAdmin).
    expect(/i cluster admin access entry: arn:aws:iam::\d{12}:role\/cdk-hnb659fds-cfn-exec-role-.*the cluster creator/.test(r.out)).toBe(env.bootstrapCreatorAdmin);
  });

  test('verify fails before the handler has run: the declared mappings cannot sign in', () => {
    const r = runPrinted(command('npm run eks-access -- verify --env dev'));
    expect(r.code).toBe(1);
    expect(r.out).toContain(`FAIL role arn:aws:iam::${env.account}:role/external_developer (developer): no entry in the live aws-auth maps it`);
    expect(r.err).toContain('dev: FAILED');
  });

  const withKubectl = () => requireTool('kubectl', 'kubernetes-client') && requireTool('aws', 'awscli');

  test('kubectl (optional) reads aws-auth through the printed kubeconfig: only the node role before apply', () => {
    if (!withKubectl()) return;
    const r = runPrinted(KUBECTL_COMMAND);
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
    for (const n of nodes) expect(r.out).toContain(`rolearn: ${n.rolearn}`);
    expect(r.out).not.toContain('external_developer');
  });

  test('apply runs the real handler once: it writes aws-auth and reports what it owns', () => {
    const r = runPrinted(command('npm run sandbox -- apply --env dev'));
    expect(r.err).toContain('dev: running the aws-auth handler once (Create of dev/Access\'s merge resource) against the sandbox...');
    expect(r.code).toBe(0);
    // The handler's own JSON log lines, as the Lambda writes them.
    expect(r.out).toMatch(/"message":"aws-auth updated".*"writes":1/);
    expect(r.out).toContain(`dev: aws-auth handler done: PhysicalResourceId aws-auth/${env.clusterName}/eks-access/dev/people, `
      + `${mappings.mapRoles.length} role and ${mappings.mapUsers.length} user entries owned`);
  });

  test('then plan shows no changes, and verify passes, as the operator and through the verifier role', () => {
    const plan = runPrinted(command('npm run eks-access -- plan --env dev', 1));
    expect(plan.code).toBe(0);
    expect(plan.out).toContain('no changes: aws-auth already holds every declared entry exactly once');
    expect(plan.err).toContain('dev: no changes');
    for (const c of printed.commands.filter((l) => l.startsWith('npm run eks-access -- verify'))) {
      const verify = runPrinted(c);
      expect({ c, code: verify.code, fails: verify.out.split('\n').filter((l) => l.includes('FAIL')) }).toEqual({ c, code: 0, fails: [] });
      expect(verify.out).toContain('ok   developer cannot get secrets in payments');
      expect(verify.err).toContain('dev: verified');
    }
    if (withKubectl()) {
      const r = runPrinted(KUBECTL_COMMAND);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`rolearn: arn:aws:iam::${env.account}:role/external_developer`);
      expect(r.out).toContain('eks-access.io/owners');
    }
  });

  test('a shell without the printed exports is refused by apply, naming the variable and the fix', () => {
    const r = spawnSync('bash', ['-c', 'npm run sandbox -- apply --env dev'], { cwd: ROOT, env: cleanEnvironment(), encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('dev: AWS_ENDPOINT_URL_EKS is not set, not the address of a local sandbox; start "npm run sandbox" and run the export lines it prints in this shell first');
  });

  test('Ctrl-C (SIGINT) stops both servers, exits 0 and removes its temp folder', async () => {
    const { kube, aws } = urls();
    sandbox.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stderr).toContain('SIGINT: stopping the sandbox of dev');
    expect(stderr).toContain(`sandbox stopped; removed ${tempFolder()}`);
    expect(await refused(port(kube))).toBe(true);
    expect(await refused(port(aws))).toBe(true);
    // tsx's CLI (what `npm run sandbox` runs) keeps its IPC socket in `tsx-<uid>/`, shared by
    // every tsx process of the user; it removes the socket and leaves the folder. Anything else,
    // or anything in that folder, is the sandbox's.
    const tsxFolder = `tsx-${process.getuid?.() ?? userInfo().username}`;
    expect(readdirSync(sandboxTemp).filter((n) => n !== tsxFolder)).toEqual([]);
    if (readdirSync(sandboxTemp).includes(tsxFolder)) expect(readdirSync(join(sandboxTemp, tsxFolder))).toEqual([]);
  });
});
