/**
 * `npm run demo` is the newcomer's first look: run it as they would and check the story it
 * tells (one write for the first deploy, none for redeploys, foreign entries kept, delete
 * removes only its owner's entry).
 */
import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

test('npm run demo shows create, zero-write redeploys, a foreign entry kept and delete', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/demo.ts'], {
    cwd: ROOT, encoding: 'utf8', timeout: 60_000,
  });
  expect(r.status).toBe(0);
  const out = r.stdout;
  expect(out).toContain('>>> deploy 1 (Create): developer role added, IAM path stripped: 2 aws-auth request(s): GET 200, PUT 200 -> 1 write(s)');
  for (const i of [2, 3, 4]) {
    expect(out).toContain(`>>> deploy ${i} (Update, same properties): 1 aws-auth request(s): GET 200 -> 0 write(s)`);
  }
  const final = out.slice(out.indexOf('--- after delete'));
  expect(final).toContain('role/eks-node-group-role');
  expect(final).toContain('userid: AROAEXAMPLEID');
  expect(final).toContain('- "111122223333"');
  expect(final).toContain('role/reader');
  expect(final).not.toContain('role/developer');
  expect(final).toContain('"owners":{"observability/Mappings"');
});
