/**
 * Why aws-iam.ts is a module of its own: esbuild bundles what a handler imports, so the IAM
 * client travels in the aws-auth handler's bundle (it checks the mapped principals) and not in
 * the manifests handler's. Built as bench/bundle.ts builds them (minified, the Lambda runtime's
 * Node, the SDK bundled), in memory.
 */
import * as path from 'path';
import { buildSync } from 'esbuild';
import { ESBUILD_NODE_TARGET } from '../../../lib/config/versions';

const ROOT = path.join(__dirname, '..', '..', '..');

/** The npm packages a handler's bundle holds (by the paths of its inputs). */
function packagesOf(handler: string): Set<string> {
  const result = buildSync({
    entryPoints: [path.join(ROOT, 'lambda', handler, 'index.ts')],
    bundle: true, minify: true, platform: 'node', target: ESBUILD_NODE_TARGET, write: false, metafile: true, logLevel: 'silent', outdir: 'out',
  });
  const packages = Object.keys(result.metafile.inputs).flatMap((input) => {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    return m ? [m[1]] : [];
  });
  return new Set(packages);
}

test('the manifests handler bundles the EKS and STS clients, not the IAM client', () => {
  const packages = packagesOf('manifests');
  expect(packages.has('@aws-sdk/client-eks')).toBe(true);
  expect(packages.has('@aws-sdk/client-sts')).toBe(true);
  expect(packages.has('@aws-sdk/client-iam')).toBe(false);
});

test('the aws-auth handler bundles the IAM client with the others', () => {
  const packages = packagesOf('aws-auth');
  for (const client of ['@aws-sdk/client-eks', '@aws-sdk/client-sts', '@aws-sdk/client-iam']) expect([client, packages.has(client)]).toEqual([client, true]);
});
