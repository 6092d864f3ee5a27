/**
 * README's stack lists are the stacks the app synthesizes. Each list is a fenced block right
 * after an HTML comment `<!-- cdk-ls -->` (every stack, as `npx cdk ls` prints them) or
 * `<!-- cdk-ls PATTERN -->` (what `npx cdk ls 'PATTERN'` prints, so what `cdk deploy 'PATTERN'`
 * deploys), one stack per line: `<display path>` or `<display path> (<stack name>)`, as the CLI
 * prints it. The app is the default one, synthesized in-process through buildApp().
 */
import * as fs from 'fs';
import * as path from 'path';
import { synthDefaultApp } from '../util';
import type { SynthesizedDefaultApp } from '../util';

const README = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');

/** One stack list of the README. */
interface ReadmeList {
  /** The `cdk ls` pattern, or undefined for every stack. */
  readonly pattern?: string;
  readonly lines: string[];
}

/** Every `<!-- cdk-ls [PATTERN] -->` list of a Markdown text. */
function readmeStackLists(markdown: string): ReadmeList[] {
  const lists: ReadmeList[] = [];
  const marker = /<!-- cdk-ls(?: (\S+))? -->\n+```[a-z]*\n([\s\S]*?)\n```/g;
  for (let m = marker.exec(markdown); m; m = marker.exec(markdown)) {
    lists.push({ pattern: m[1], lines: m[2].split('\n').map((l) => l.trim()).filter((l) => l.length > 0) });
  }
  return lists;
}

/**
 * Whether a stack's display path matches a `cdk ls`/`cdk deploy` pattern: the CLI matches
 * hierarchical ids with glob patterns, where `*` does not cross a `/`. Only `*` is supported here.
 */
function matches(pattern: string, displayPath: string): boolean {
  if (/[?[\]{}!]/.test(pattern)) throw new Error(`pattern ${pattern}: only "*" is supported by this test`);
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+^$()|\\/]/g, '\\$&')).join('[^/]*')}$`);
  return re.test(displayPath);
}

let synthesized: SynthesizedDefaultApp;
/** The stacks as `cdk ls` prints them: the display path, then the stack name when it differs. */
let listed: Array<{ path: string; line: string }>;

beforeAll(() => {
  synthesized = synthDefaultApp();
  listed = synthesized.assembly.stacksRecursively.map((s) => ({
    path: s.hierarchicalId,
    line: s.stackName === s.hierarchicalId ? s.hierarchicalId : `${s.hierarchicalId} (${s.stackName})`,
  }));
});

afterAll(() => {
  if (synthesized) fs.rmSync(synthesized.outdir, { recursive: true, force: true });
});

describe('readmeStackLists', () => {
  test('finds each marked list with its pattern, and nothing unmarked', () => {
    const text = 'x\n<!-- cdk-ls dev/* -->\n```text\ndev/A (dev-A)\n  dev/B\n```\n```text\nnot/Me\n```\n<!-- cdk-ls -->\n\n```\nP\n```\n';
    expect(readmeStackLists(text)).toEqual([{ pattern: 'dev/*', lines: ['dev/A (dev-A)', 'dev/B'] }, { pattern: undefined, lines: ['P'] }]);
  });

  test('the pattern match does not cross a "/"', () => {
    expect(matches('dev/*', 'dev/Cluster')).toBe(true);
    expect(matches('dev/*', 'dev/Cluster/Nested')).toBe(false);
    expect(matches('dev/*', 'devx/Cluster')).toBe(false);
    expect(matches('*', 'Pipeline')).toBe(true);
  });
});

describe('README', () => {
  const lists = readmeStackLists(README);

  test('lists what `cdk deploy \'dev/*\'` deploys, next to that command, and every stack of `cdk ls`', () => {
    expect(lists.map((l) => l.pattern ?? '(all)').sort()).toEqual(['(all)', 'dev/*']);
    expect(README).toContain("npx cdk deploy 'dev/*'");
  });

  test.each(['dev/*', undefined])('the list for %p is exactly the synthesized stacks it selects', (pattern) => {
    const list = lists.find((l) => l.pattern === pattern);
    const expected = listed.filter((s) => pattern === undefined || matches(pattern, s.path)).map((s) => s.line);
    expect([...(list?.lines ?? [])].sort()).toEqual([...expected].sort());
  });
});
