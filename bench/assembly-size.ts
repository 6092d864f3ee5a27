import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';

/** A file whose copies the assembly size is given without. */
export interface NamedFile {
  /** How the rows name it, for example `awscli layer (@aws-cdk/asset-awscli-v1)`. */
  readonly name: string;
  /** The file as its package ships it; the assembly holds copies of it (`asset.<hash>.zip`). */
  readonly file: string;
}

/**
 * `<stack> <logical id>` of every Lambda layer (`AWS::Lambda::LayerVersion`) in the templates of
 * `assembly`, nested stages included. Since 0.3 the app has none: CDK's kubectl provider, which
 * brought the kubectl-and-helm and awscli layers, is gone, and so is its layer package.
 */
export function lambdaLayersOf(assembly: CloudAssembly): string[] {
  return assembly.stacksRecursively.flatMap((stack) => Object.entries((stack.template as { Resources?: Record<string, { Type?: string }> }).Resources ?? {})
    .filter(([, r]) => r.Type === 'AWS::Lambda::LayerVersion').map(([id]) => `${stack.hierarchicalId} ${id}`));
}

/** Every regular file under `dir` with its size in bytes (symbolic links neither followed nor counted). */
export function filesUnder(dir: string): Array<{ readonly file: string; readonly bytes: number }> {
  const out: Array<{ file: string; bytes: number }> = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(p));
    else if (entry.isFile()) out.push({ file: p, bytes: fs.statSync(p).size });
  }
  return out;
}

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** Bytes of an assembly, and of the copies of each named file in it (same size and SHA-256). */
export interface AssemblySize {
  /** Bytes of every file under the assembly. */
  readonly total: number;
  /** Per named file: its copies in the assembly and their bytes. */
  readonly named: ReadonlyArray<{ readonly name: string; readonly copies: number; readonly bytes: number }>;
}

/** The size of the assembly in `dir`, and of the copies of `named` in it. */
export function assemblySize(dir: string, named: readonly NamedFile[]): AssemblySize {
  const files = filesUnder(dir);
  return {
    total: files.reduce((sum, f) => sum + f.bytes, 0),
    named: named.map(({ name, file }) => {
      const bytes = fs.statSync(file).size;
      const hash = sha256(file);
      const copies = files.filter((f) => f.bytes === bytes && sha256(f.file) === hash);
      return { name, copies: copies.length, bytes: copies.length * bytes };
    }),
  };
}

/** `74.1 MB`: bytes in decimal megabytes, to one decimal. */
export function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
