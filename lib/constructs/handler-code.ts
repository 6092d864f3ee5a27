/**
 * How the app's handler functions are bundled: esbuild's API in the synth process itself, as
 * local bundling of a Lambda asset. CDK's NodejsFunction runs the same esbuild, but through
 * `npx --no-install esbuild` per function, and npx's start is most of that step's time
 * (0.9 of 1.2 s of a whole-app synth); the bundle is byte for byte the one it made, so the asset
 * hashes (and the templates) stay the same.
 */
import * as path from 'path';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import type { ILocalBundling } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { buildSync } from 'esbuild';
import type { BuildOptions } from 'esbuild';
import { ESBUILD_NODE_TARGET } from '../config/versions';

/** The project root: esbuild's working directory, and what an unbundled asset points at. */
export const PROJECT_ROOT = path.join(__dirname, '..', '..');

/** The bundle's file in the asset, and so the `index` of the functions' `index.handler`. */
export const BUNDLE_FILE = 'index.js';

/**
 * esbuild's options for every handler bundle: minified, with a source map, for Node 24. The AWS
 * SDK is bundled: the EKS token must be byte-identical to aws eks get-token, so the signer version
 * is ours, not whatever the runtime ships.
 */
export const HANDLER_ESBUILD = {
  bundle: true,
  platform: 'node',
  target: ESBUILD_NODE_TARGET,
  minify: true,
  sourcemap: true,
  // Stack traces need the map's mappings and names, not the sources themselves: without them the
  // maps are 60% smaller (aws-auth 3.24 -> 1.28 MB) and each zipped asset stays under 1 MB.
  sourcesContent: false,
  // The SDK's ES module builds, so that esbuild drops what the handlers never import: the
  // bundles shrink by a third (aws-auth 834 -> 559 KB, manifests 599 -> 417 KB).
  mainFields: ['module', 'main'],
  // esbuild's size summary on every synth is noise; its warnings and errors still print.
  logLevel: 'warning',
} as const satisfies BuildOptions;

/**
 * Local bundling of one handler entry file into `index.js` and `index.js.map`. Its fields are
 * part of CDK's asset cache key: two entries never share a bundle.
 */
export class HandlerBundling implements ILocalBundling {
  /** @param entry the handler's entry file (absolute). */
  constructor(readonly entry: string) {}

  /** Bundles into `outputDir`; esbuild's errors throw with its message. */
  tryBundle(outputDir: string): boolean {
    buildSync({ ...HANDLER_ESBUILD, entryPoints: [this.entry], outfile: path.join(outputDir, BUNDLE_FILE), absWorkingDir: PROJECT_ROOT });
    return true;
  }
}

/**
 * The code of a handler function: `entry` bundled by {@link HandlerBundling}, the asset hash that
 * of the bundle. A stack that needs no bundling (`cdk synth` of other stacks, tests with
 * `aws:cdk:bundling-stacks` empty) gets CDK's placeholder asset, as with NodejsFunction.
 */
export function handlerCode(entry: string): lambda.Code {
  return lambda.Code.fromAsset(PROJECT_ROOT, {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      local: new HandlerBundling(entry),
      // Only for CDK's schema: local bundling never declines, so no container runs.
      image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs24.x'),
    },
  });
}
