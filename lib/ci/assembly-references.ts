/**
 * What the CDK CLI reads from a cloud assembly besides manifest.json: files named by the
 * manifest (`templateFile`, `file`, `additionalMetadataFile`, a nested assembly's
 * `directoryName`) and, in `cdk diff`, nested stack templates named by a stack resource's
 * `aws:asset:path` metadata (joined to the assembly directory, aws-cdk toolkit-lib
 * nested-stack-helpers). An untrusted assembly could name `../../somewhere` there and have the
 * CLI read, and print, files outside it. This check allows only plain file names inside the
 * assembly, naming files that exist. Pure apart from reading the assembly.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ArchiveError } from './assembly-archive';

/** Manifest keys (artifact or artifact property) that name a file or directory of the assembly. */
const FILE_KEYS = ['templateFile', 'file', 'additionalMetadataFile', 'directoryName'] as const;
/** A plain file name in the assembly directory. */
const PLAIN_NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

type Json = Record<string, unknown>;

function readJson(file: string, what: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ArchiveError(`${what} is not readable JSON (${(e as Error).message.slice(0, 200)})`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ArchiveError(`${what} is not a JSON object`);
  return value as Json;
}

function checkName(dir: string, value: unknown, where: string, kind: 'file' | 'directory'): string {
  if (typeof value !== 'string' || !PLAIN_NAME.test(value) || value === '.' || value === '..') {
    throw new ArchiveError(`${where} = ${JSON.stringify(value)}: must be a plain ${kind} name inside the assembly (letters, digits, "._-", no "/")`);
  }
  const target = path.join(dir, value);
  const stat = fs.lstatSync(target, { throwIfNoEntry: false });
  if (!stat || (kind === 'file' ? !stat.isFile() : !stat.isDirectory())) throw new ArchiveError(`${where} = ${JSON.stringify(value)}: no such ${kind} in the assembly`);
  return target;
}

/** Nested stack templates (`AWS::CloudFormation::Stack` with `aws:asset:path`) of one template. */
function checkNestedStacks(dir: string, templateFile: string, where: string, seen: Set<string>): void {
  if (seen.has(templateFile)) return;
  seen.add(templateFile);
  const template = readJson(templateFile, where);
  const resources = (template.Resources ?? {}) as Record<string, Json>;
  for (const [id, resource] of Object.entries(resources)) {
    if (resource?.Type !== 'AWS::CloudFormation::Stack') continue;
    const assetPath = (resource.Metadata as Json | undefined)?.['aws:asset:path'];
    if (assetPath === undefined) continue;
    const nested = checkName(dir, assetPath, `${where} Resources.${id}.Metadata["aws:asset:path"]`, 'file');
    checkNestedStacks(dir, nested, `${path.basename(nested)}`, seen);
  }
}

/**
 * Checks one cloud assembly directory and its nested assemblies.
 * @throws ArchiveError naming the manifest entry and the value
 */
export function checkAssemblyReferences(dir: string, label = path.basename(dir), depth = 0): void {
  if (depth > 3) throw new ArchiveError(`${label}: nested assemblies deeper than 3 levels`);
  const manifest = readJson(path.join(dir, 'manifest.json'), `${label}/manifest.json`);
  const artifacts = (manifest.artifacts ?? {}) as Record<string, Json>;
  if (typeof artifacts !== 'object' || Array.isArray(artifacts)) throw new ArchiveError(`${label}/manifest.json: "artifacts" is not an object`);
  const seen = new Set<string>();
  for (const [id, artifact] of Object.entries(artifacts)) {
    const where = `${label}/manifest.json artifacts.${id}`;
    const props = (artifact?.properties ?? {}) as Json;
    for (const key of FILE_KEYS) {
      for (const [value, at] of [[artifact?.[key], `${where}.${key}`], [props[key], `${where}.properties.${key}`]] as const) {
        if (value === undefined) continue;
        const kind = key === 'directoryName' ? 'directory' : 'file';
        const target = checkName(dir, value, at, kind);
        if (key === 'directoryName') checkAssemblyReferences(target, `${label}/${value as string}`, depth + 1);
        if (key === 'templateFile') checkNestedStacks(dir, target, `${label}/${value as string}`, seen);
      }
    }
  }
}
