/**
 * A tiny ustar writer for tests: builds archives entry by entry, including the entries a
 * hostile pull request could upload (links, devices, pax headers, `..` paths, bad checksums)
 * that `tar` itself would refuse or rewrite.
 */

/** One entry to write. */
export interface UstarEntry {
  readonly name: string;
  /** Type flag: '0' file, '1' hard link, '2' symlink, '3' char device, '5' directory, 'x' pax, 'L' GNU long name. @default '0' */
  readonly type?: string;
  readonly data?: Buffer | string;
  readonly linkname?: string;
  /** Stored in the prefix field (ustar's way of holding long paths). */
  readonly prefix?: string;
  /** Corrupt the checksum. */
  readonly badChecksum?: boolean;
  /** Magic other than "ustar". */
  readonly magic?: string;
}

function put(buf: Buffer, offset: number, length: number, value: string): void {
  buf.write(value.slice(0, length), offset, length, 'latin1');
}

function octal(value: number, length: number): string {
  return `${value.toString(8).padStart(length - 1, '0')}\0`;
}

/** The archive's bytes: each entry, then the two zero blocks that end it. */
export function ustar(entries: readonly UstarEntry[], { end = true }: { end?: boolean } = {}): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const data = Buffer.from(e.data ?? '');
    const h = Buffer.alloc(512);
    put(h, 0, 100, e.name);
    put(h, 100, 8, octal(e.type === '5' ? 0o755 : 0o644, 8));
    put(h, 108, 8, octal(0, 8));
    put(h, 116, 8, octal(0, 8));
    put(h, 124, 12, octal(data.length, 12));
    put(h, 136, 12, octal(0, 12));
    put(h, 156, 1, e.type ?? '0');
    put(h, 157, 100, e.linkname ?? '');
    put(h, 257, 6, `${e.magic ?? 'ustar'}\0`);
    put(h, 263, 2, '00');
    put(h, 345, 155, e.prefix ?? '');
    h.fill(0x20, 148, 156);
    let sum = 0;
    for (const b of h) sum += b;
    put(h, 148, 8, `${(e.badChecksum ? sum + 1 : sum).toString(8).padStart(6, '0')}\0 `);
    blocks.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  if (end) blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}
