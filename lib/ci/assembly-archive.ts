/**
 * The pull request's cloud assemblies arrive as one tar (`base/...`, `head/...`) made by the
 * unprivileged synth workflow, which the pull request itself can rewrite. This module reads it
 * as untrusted data: it accepts only what a synthesized assembly needs for a review (JSON files
 * and the directories holding them, outside `asset.*` bundles), checks every entry before it
 * writes anything, and writes the files itself (no `tar` binary, no links, no modes, no owners).
 * The parser is pure; {@link extractAssemblies} is the only function that touches the disk.
 */
import * as fs from 'fs';
import * as path from 'path';

/** The two top-level directories of the archive. */
export const ASSEMBLY_SIDES = ['base', 'head'] as const;
/** One of {@link ASSEMBLY_SIDES}. */
export type AssemblySide = (typeof ASSEMBLY_SIDES)[number];

/** Limits on the archive; a synthesized eks-access app's JSON is about 2 MiB a side. */
export interface ArchiveLimits {
  /** @default 64 MiB */
  readonly maxTotalBytes: number;
  /** @default 16 MiB */
  readonly maxFileBytes: number;
  /** @default 5000 */
  readonly maxEntries: number;
}

/** The default {@link ArchiveLimits}. */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = { maxTotalBytes: 64 * 1024 * 1024, maxFileBytes: 16 * 1024 * 1024, maxEntries: 5000 };

/** A refused archive; the message names the entry, what is wrong and what the synth workflow must upload. */
export class ArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveError';
  }
}

/** One accepted entry. */
export interface ArchiveEntry {
  /** Normalized relative path, `/`-separated, starting with `base/` or `head/` (or being one of them). */
  readonly path: string;
  readonly type: 'file' | 'directory';
  /** File content (empty for directories). */
  readonly data: Buffer;
}

const BLOCK = 512;
/** Path components a synthesized assembly uses: letters, digits and `._-`, not `.` or `..`. */
const COMPONENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

function field(header: Buffer, offset: number, length: number): string {
  const raw = header.subarray(offset, offset + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end === -1 ? length : end).toString('latin1');
}

function octal(header: Buffer, offset: number, length: number, name: string, what: string): number {
  const text = field(header, offset, length).trim();
  if (!/^[0-7]{1,11}$/.test(text)) throw new ArchiveError(`entry ${JSON.stringify(name)}: its ${what} field ${JSON.stringify(text)} is not an octal number; upload a plain ustar archive (tar --format=ustar)`);
  return parseInt(text, 8);
}

function checksumOk(header: Buffer, name: string): boolean {
  const stored = octal(header, 148, 8, name, 'checksum');
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i];
  return sum === stored;
}

/** The entry's path, normalized and checked: relative, no `..`, inside base/ or head/, plain components. */
function checkedPath(raw: string): string {
  const trimmed = raw.replace(/\/+$/, '').replace(/^(\.\/)+/, '');
  const parts = trimmed.split('/');
  if (raw.startsWith('/') || parts.some((p) => !COMPONENT.test(p))) {
    throw new ArchiveError(`entry ${JSON.stringify(raw)}: paths must be relative, without "..", "." or empty components, made of letters, digits and "._-"`);
  }
  if (!(ASSEMBLY_SIDES as readonly string[]).includes(parts[0])) {
    throw new ArchiveError(`entry ${JSON.stringify(raw)}: everything must be under ${ASSEMBLY_SIDES.map((s) => `${s}/`).join(' or ')}`);
  }
  if (parts.some((p) => p.startsWith('asset.'))) {
    throw new ArchiveError(`entry ${JSON.stringify(raw)}: asset bundles (asset.*) are not reviewed; leave them out of the archive`);
  }
  return parts.join('/');
}

/**
 * Parses and checks a ustar archive. Accepts regular files ending in `.json` and directories;
 * refuses links, devices, FIFOs, pax and GNU extension headers, duplicate paths, absolute or
 * `..` paths, anything outside `base/` and `head/`, and archives over the limits.
 * @throws ArchiveError naming the first offending entry
 */
export function parseAssemblyArchive(archive: Buffer, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): ArchiveEntry[] {
  if (archive.length > limits.maxTotalBytes + 1024 * 1024) throw new ArchiveError(`the archive is ${archive.length} bytes, over the limit of ${limits.maxTotalBytes}; upload only the assemblies' JSON files`);
  const entries: ArchiveEntry[] = [];
  const seen = new Set<string>();
  let total = 0;
  let offset = 0;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) return finish(entries);
    const rawName = field(header, 0, 100);
    const prefix = field(header, 345, 155);
    const name = prefix ? `${prefix}/${rawName}` : rawName;
    if (field(header, 257, 5) !== 'ustar') throw new ArchiveError(`entry ${JSON.stringify(name)}: not a ustar header; upload a plain ustar archive (tar --format=ustar)`);
    if (!checksumOk(header, name)) throw new ArchiveError(`entry ${JSON.stringify(name)}: its header checksum is wrong; the archive is damaged`);
    const type = String.fromCharCode(header[156] || 0x30);
    const size = octal(header, 124, 12, name, 'size');
    const dataStart = offset + BLOCK;
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (type !== '0' && type !== '5') {
      const kinds: Record<string, string> = { 1: 'a hard link', 2: 'a symbolic link', 3: 'a character device', 4: 'a block device', 6: 'a FIFO', x: 'a pax header', g: 'a pax global header', L: 'a GNU long name', K: 'a GNU long link' };
      throw new ArchiveError(`entry ${JSON.stringify(name)} is ${kinds[type] ?? `of type ${JSON.stringify(type)}`}; only regular files and directories are accepted`);
    }
    const entryPath = checkedPath(name);
    if (seen.has(entryPath)) throw new ArchiveError(`entry ${JSON.stringify(name)} appears twice; each path may appear once`);
    seen.add(entryPath);
    if (entries.length >= limits.maxEntries) throw new ArchiveError(`the archive has more than ${limits.maxEntries} entries`);
    if (type === '5') {
      entries.push({ path: entryPath, type: 'directory', data: Buffer.alloc(0) });
      continue;
    }
    if (!entryPath.endsWith('.json')) throw new ArchiveError(`entry ${JSON.stringify(name)}: only .json files are reviewed; leave other files out of the archive`);
    if (size > limits.maxFileBytes) throw new ArchiveError(`entry ${JSON.stringify(name)} is ${size} bytes, over the per-file limit of ${limits.maxFileBytes}`);
    total += size;
    if (total > limits.maxTotalBytes) throw new ArchiveError(`the files add up to more than ${limits.maxTotalBytes} bytes`);
    if (dataStart + size > archive.length) throw new ArchiveError(`entry ${JSON.stringify(name)} is cut short; the archive is damaged`);
    entries.push({ path: entryPath, type: 'file', data: Buffer.from(archive.subarray(dataStart, dataStart + size)) });
  }
  throw new ArchiveError('the archive has no end-of-archive marker; it is damaged or cut short');
}

function finish(entries: ArchiveEntry[]): ArchiveEntry[] {
  for (const side of ASSEMBLY_SIDES) {
    if (!entries.some((e) => e.type === 'file' && e.path === `${side}/manifest.json`)) {
      throw new ArchiveError(`the archive has no ${side}/manifest.json; the synth workflow must synthesize the ${side === 'head' ? 'pull request\'s head' : 'merge base'} into ${side}/`);
    }
  }
  return entries;
}

/**
 * Extracts checked entries under `outDir` (which must not exist yet, so nothing already there
 * can redirect a write): directories 0755, files 0644, created exclusively.
 * @returns the directories of the two assemblies
 */
export function extractAssemblies(archive: Buffer, outDir: string, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Record<AssemblySide, string> {
  const entries = parseAssemblyArchive(archive, limits);
  fs.mkdirSync(outDir, { recursive: false, mode: 0o755 });
  for (const e of entries) {
    const target = path.join(outDir, ...e.path.split('/'));
    if (e.type === 'directory') {
      fs.mkdirSync(target, { recursive: true, mode: 0o755 });
    } else {
      fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o755 });
      fs.writeFileSync(target, e.data, { flag: 'wx', mode: 0o644 });
    }
  }
  return { base: path.join(outDir, 'base'), head: path.join(outDir, 'head') };
}
