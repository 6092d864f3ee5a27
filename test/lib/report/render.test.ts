/**
 * Template-derived strings cannot inject Markdown or HTML: a hostile role name and group go
 * through extraction, rules and rendering, and come out as code spans only, with table rows intact.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { baseline, BASELINE_MAP_ROLES, peopleRole } from './fixtures';
import { removeWrittenAssemblies, runReport } from './run-report';

afterAll(removeWrittenAssemblies);

const HOSTILE = 'x|y`z\n<img src=x onerror=alert(1)> @org/admins [click](https://evil.example) **bold** \u202Egnp.exe';
const HOSTILE_GROUP = 'g|</td><script>alert(1)</script>';

/** The shown form of HOSTILE inside a code span (outside a table). */
const SHOWN = 'x|y`z\\u{a}<img src=x onerror=alert(1)> @org/admins [click](https://evil.example) **bold** \\u{202e}gnp.exe';

/** `line` with code spans removed (backtick fences of any length, per CommonMark). */
function outsideCode(line: string): string {
  return line.replace(/(`+)(.*?[^`])\1(?!`)/g, '');
}

describe('escaping of template-derived strings', () => {
  const base = { dev: baseline('dev', { allowClusterAdmin: true }) };
  const head = {
    dev: baseline('dev', {
      allowClusterAdmin: true,
      mapRoles: [...BASELINE_MAP_ROLES, { rolearn: { 'Fn::GetAtt': ['Hostile', 'Arn'] }, username: 'h', groups: ['system:masters', HOSTILE_GROUP] }],
      extraAccess: { Hostile: peopleRole('dev', HOSTILE, ['arn:aws:iam::111111111111:role/break-glass']) },
    }),
  };

  test('the hostile name appears only inside code spans, on one line, newline and bidi override shown escaped', () => {
    const { markdown } = runReport(base, head);
    expect(markdown).toContain(`- **critical** · \`dev\` · aws-auth mapRoles \`\`role:${SHOWN}\`\`: mapped to \`system:masters\``);
    for (const line of markdown.split('\n')) {
      const outside = outsideCode(line);
      expect(outside).not.toMatch(/<img|<script|<\/td>|@org|\]\(https|\*\*bold|\u202E/);
    }
    expect(markdown).not.toMatch(/^<img/m);
  });

  test('table rows keep their four cells: | inside a value is escaped', () => {
    const { markdown } = runReport(base, head);
    const rows = markdown.split('\n').filter((l) => l.startsWith('| ') && l.includes('role:x'));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const unescapedPipes = row.match(/(?<!\\)\|/g) ?? [];
      expect(unescapedPipes).toHaveLength(5);
      expect(row).toContain('``role:x\\|y`z\\u{a}<img');
    }
  });

  test('the JSON summary keeps the raw value (plain text, documented as unescaped)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'access-report-json-'));
    try {
      runReport(base, head, ['--json', path.join(dir, 'summary.json')]);
      const summary = JSON.parse(fs.readFileSync(path.join(dir, 'summary.json'), 'utf8')) as { findings: Array<{ rule: string; summary: string }> };
      expect(summary.findings.find((f) => f.rule === 'new-masters-mapping')?.summary).toBe(`aws-auth mapRoles \`role:${HOSTILE}\`: mapped to \`system:masters\` (cluster admin; new mapping)`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
