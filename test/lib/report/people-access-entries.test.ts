/**
 * The access-change report over an environment on accessBackend "both": every people access
 * entry is in the extract, and each system:masters mapping is a path to cluster admin twice,
 * through aws-auth and through its access entry's AmazonEKSClusterAdminPolicy, so nothing the
 * templates grant is missing from the report.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildApp } from '../../../lib/app';
import { adminPathsOf, AdminPathKinds } from '../../../lib/report/admin-paths';
import { readCloudAssembly } from '../../../lib/report/assembly';
import { extractEnvironment } from '../../../lib/report/extract';
import { messageText } from '../../../lib/report/markdown';
import type { EnvironmentAccess } from '../../../lib/report/model';
import { FULL, cliContext, fullEnvConfig } from '../../util';

let tmp: string;
let env: EnvironmentAccess;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'access-report-both-'));
  buildApp({ outdir: tmp, environments: [fullEnvConfig({ accessBackend: 'both' })], context: { ...cliContext(), 'aws:cdk:enable-path-metadata': true, 'aws:cdk:bundling-stacks': [] } }).app.synth();
  env = extractEnvironment(readCloudAssembly(tmp).environments[0]);
}, 120_000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('the people access entries, with the usernames, groups and policies the config declares', () => {
  const people = env.accessEntries.filter((e) => e.username !== undefined && !e.username.startsWith('eks-access:'));
  expect(people.map((e) => [e.principal, e.username, e.groups, e.policies.map((p) => `${p.policy} ${p.scope}`)]).sort()).toEqual([
    [FULL.ciUser, 'ci-bot', ['reader'], []],
    [FULL.ssoRole, 'sso-reader:{{SessionName}}', ['reader'], []],
    ['role:full_admin', 'admin', [], ['AmazonEKSClusterAdminPolicy cluster']],
    ['role:full_break_glass', 'break-glass:{{SessionName}}', [], ['AmazonEKSClusterAdminPolicy cluster']],
    ['role:full_developer', 'developer', ['developer'], []],
    ['role:full_reader', 'reader', ['reader', 'auditors'], []],
  ].sort());
});

test('each admin person is cluster admin through both backends', () => {
  const admins = adminPathsOf(env).filter((p) => p.kind === AdminPathKinds.kubernetesAdmin);
  for (const person of ['role:full_admin', 'role:full_break_glass']) {
    const how = admins.filter((p) => p.principal === person).map((p) => messageText(p.how));
    expect(how).toHaveLength(2);
    expect(how.some((h) => h.includes('aws-auth'))).toBe(true);
    expect(how.some((h) => h.includes('AmazonEKSClusterAdminPolicy'))).toBe(true);
  }
});
