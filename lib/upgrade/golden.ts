/**
 * The golden templates: one file per stack, `<dir>/<display name>.template.json` (so
 * `dev/Cluster` is `<dir>/dev/Cluster.template.json`), written exactly as synthesized. Nothing is
 * stripped: asset hashes (Lambda code S3 keys, layer keys) change on every handler edit, but such
 * a change is an in-place update, which the gate allows, so they are not noise to the gate. The
 * golden files stand for what is deployed; `--update` refreshes them after a release.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CfnTemplateJson, StackTemplate } from './model';

/** Suffix of every golden file. */
export const GOLDEN_SUFFIX = '.template.json';

/**
 * The golden file of a stack. Each path segment is URI-encoded, so a display name such as
 * `cross-region-stack-444444444444:eu-central-1` gives a portable file name and reads back.
 */
export function goldenFile(dir: string, displayName: string): string {
  return path.join(dir, ...displayName.split('/').map(encodeURIComponent)) + GOLDEN_SUFFIX;
}

/** Every golden stack under `dir`, sorted by display name; none when `dir` does not exist. */
export function readGolden(dir: string): StackTemplate[] {
  const found: StackTemplate[] = [];
  const walk = (sub: string[]): void => {
    for (const entry of fs.readdirSync(path.join(dir, ...sub), { withFileTypes: true })) {
      if (entry.isDirectory()) walk([...sub, entry.name]);
      else if (entry.name.endsWith(GOLDEN_SUFFIX)) {
        const displayName = [...sub, entry.name.slice(0, -GOLDEN_SUFFIX.length)].map(decodeURIComponent).join('/');
        found.push({ displayName, template: JSON.parse(fs.readFileSync(path.join(dir, ...sub, entry.name), 'utf8')) as CfnTemplateJson });
      }
    }
  };
  if (fs.existsSync(dir)) walk([]);
  return found.sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** Replaces the golden files under `dir` with `stacks`; returns the files written and removed. */
export function writeGolden(dir: string, stacks: StackTemplate[]): { written: string[]; removed: string[] } {
  const keep = new Set(stacks.map((s) => s.displayName));
  const removed = readGolden(dir).filter((s) => !keep.has(s.displayName)).map((s) => goldenFile(dir, s.displayName));
  for (const file of removed) fs.rmSync(file);
  const written = stacks.map((s) => {
    const file = goldenFile(dir, s.displayName);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(s.template, undefined, 1) + '\n');
    return file;
  });
  return { written, removed };
}
