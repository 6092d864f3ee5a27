/**
 * `--format json`, in-process over fixture assemblies: the documented shape, acknowledgements,
 * the error document.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { REPORT_JSON_VERSION } from '../../../lib/report/json-report';
import { BASELINE_MAP_ROLES, baseline } from './fixtures';
import { DEV_AND_PROD, parseJsonReport, removeWrittenAssemblies, runReport } from './run-report';

afterAll(removeWrittenAssemblies);

const { base, head } = DEV_AND_PROD;
const doc = parseJsonReport;

describe('--format json', () => {
  test('one document: verdict, findings, and per environment the paths to admin and the grant changes', () => {
    const run = runReport(base, head, ['--format', 'json']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe('');
    const report = doc(run.markdown);
    expect(Object.keys(report)).toEqual([
      'version', 'base', 'head', 'threshold', 'highest', 'exitCode', 'findings', 'expiredAcknowledgements',
      'acknowledgements', 'warnings', 'unusedAcknowledgements', 'environments',
    ]);
    expect(report).toMatchObject({
      version: REPORT_JSON_VERSION, threshold: 'high', highest: 'critical', exitCode: 2, warnings: [], expiredAcknowledgements: [], unusedAcknowledgements: [],
      acknowledgements: 'none: --base is a directory and no --acknowledgements file was given',
    });
    expect(report.findings).toContainEqual({
      environment: 'prod', severity: 'critical', rule: 'new-masters-mapping', fingerprint: expect.stringMatching(/^[0-9a-f]{24}$/), acknowledged: false,
      summary: 'aws-auth mapRoles `role:external_admin`: mapped to `system:masters` (cluster admin; new mapping)',
    });
    expect(report.environments.map((e) => e.name)).toEqual(['dev', 'prod']);
    const [dev, prod] = report.environments;
    expect(dev).toMatchObject({ added: [], removed: [], changed: [] });
    expect(prod.added).toEqual([{
      section: 'aws-auth mapRoles', label: 'aws-auth mapRoles', id: 'role:external_admin',
      fields: { owner: ['eks-access/prod/people'], username: ['admin'], groups: ['system:masters'] },
    }]);
    expect(prod.adminPaths).toContainEqual(expect.objectContaining({ principal: 'role:external_admin', how: expect.not.stringContaining('\ufdd0') }));
  });

  test('a changed grant: its fields before and after, what was added and removed', () => {
    const [developer, ...others] = BASELINE_MAP_ROLES;
    const changed = { dev: baseline('dev', { mapRoles: [{ ...developer, groups: [...developer.groups, 'reader'] }, ...others] }) };
    const report = doc(runReport({ dev: baseline('dev') }, changed, ['--format', 'json']).markdown);
    expect(report.environments[0].changed).toEqual([{
      section: 'aws-auth mapRoles', label: 'aws-auth mapRoles', id: expect.any(String),
      fields: [{ name: 'groups', before: [...developer.groups].sort(), after: [...developer.groups, 'reader'].sort(), added: ['reader'], removed: [] }],
    }]);
  });

  test('an acknowledged finding carries its acknowledgement', () => {
    const first = doc(runReport(base, head, ['--format', 'json']).markdown);
    const fingerprint = first.findings.find((f) => f.rule === 'new-masters-mapping')!.fingerprint;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'access-report-acks-'));
    const acks = path.join(dir, 'acks.json');
    fs.writeFileSync(acks, JSON.stringify({ acknowledgements: [{ fingerprint, reason: 'break-glass', expires: '2999-12-31', summary: 's' }] }));
    try {
      const report = doc(runReport(base, head, ['--format', 'json', '--acknowledgements', acks]).markdown);
      expect(report.findings.find((f) => f.fingerprint === fingerprint)).toMatchObject({ acknowledged: true, acknowledgement: { reason: 'break-glass', expires: '2999-12-31' } });
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });

  test('an error: the sentence on stderr, an error document on stdout, exit 1', () => {
    const run = runReport(base, head, ['--format', 'json', '--env', 'qa']);
    expect(run.exitCode).toBe(1);
    const message = '--env "qa": no such environment in base or head; the environments are dev, prod';
    expect(run.stderr).toContain(`access-report: ${message}\n`);
    expect(doc(run.markdown)).toEqual({
      version: REPORT_JSON_VERSION, base: null, head: null, threshold: 'high', highest: null, exitCode: 1, error: message,
      findings: [], expiredAcknowledgements: [], acknowledgements: null, warnings: [], unusedAcknowledgements: [], environments: [],
    });
  });
});
