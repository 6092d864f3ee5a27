/**
 * lib/constructs/handler-code.ts: the handlers bundled by esbuild in the synth process, as the
 * local bundling of a Lambda asset.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { BUNDLE_FILE, HANDLER_ESBUILD, HandlerBundling, PROJECT_ROOT, handlerCode } from '../../../lib/constructs/handler-code';

const ENTRY = path.join(PROJECT_ROOT, 'lambda', 'manifests', 'index.ts');
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-access-handler-code-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the options: minified, a source map without embedded sources, the SDK\'s ES module builds, Node 24', () => {
  expect(HANDLER_ESBUILD).toEqual({ bundle: true, platform: 'node', target: 'node24', minify: true, sourcemap: true, sourcesContent: false, mainFields: ['module', 'main'], logLevel: 'warning' });
});

test('tryBundle writes index.js (a CommonJS module exporting handler) and its map, the same bytes every time', () => {
  const first = path.join(dir, 'a');
  const second = path.join(dir, 'b');
  fs.mkdirSync(first);
  fs.mkdirSync(second);
  expect(new HandlerBundling(ENTRY).tryBundle(first)).toBe(true);
  new HandlerBundling(ENTRY).tryBundle(second);
  expect(fs.readdirSync(first).sort()).toEqual([BUNDLE_FILE, `${BUNDLE_FILE}.map`]);
  expect(fs.readFileSync(path.join(first, BUNDLE_FILE))).toEqual(fs.readFileSync(path.join(second, BUNDLE_FILE)));
  const map = JSON.parse(fs.readFileSync(path.join(first, `${BUNDLE_FILE}.map`), 'utf8')) as { sources: string[]; sourcesContent?: unknown; names: string[] };
  expect(map.sourcesContent).toBeUndefined();
  expect(map.sources).toContain(path.relative(first, ENTRY));
  expect(map.names.length).toBeGreaterThan(0);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle is CommonJS, as Lambda loads it
  const loaded = require(path.join(first, BUNDLE_FILE)) as { handler?: unknown };
  expect(typeof loaded.handler).toBe('function');
});

test('a broken entry fails with esbuild\'s message, naming the file', () => {
  const entry = path.join(dir, 'broken.ts');
  fs.writeFileSync(entry, 'export const x = ;\n');
  expect(() => new HandlerBundling(entry).tryBundle(dir)).toThrow(/broken\.ts:1:17: ERROR: Unexpected ";"/);
});

test('two entries are two assets: the entry is part of the bundling that keys CDK\'s asset cache', () => {
  const app = new App({ outdir: dir });
  const stack = new Stack(app, 'S');
  const fn = (id: string, entry: string) => new lambda.Function(stack, id, { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: handlerCode(entry) });
  fn('A', ENTRY);
  fn('B', path.join(PROJECT_ROOT, 'lambda', 'aws-auth', 'index.ts'));
  fn('C', ENTRY);
  const keys = ['A', 'B', 'C'].map((id) => (stack.resolve((stack.node.findChild(id).node.defaultChild as lambda.CfnFunction).code) as { s3Key: string }).s3Key);
  expect(keys[0]).not.toBe(keys[1]);
  expect(keys[2]).toBe(keys[0]);
  const bundled = fs.readdirSync(dir).filter((f) => f.startsWith('asset.'));
  expect(bundled).toHaveLength(2);
});
