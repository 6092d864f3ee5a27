/**
 * The owner id of a manifests resource (its `Owner` property, the value of the
 * `eks-access.io/owner` label on every object it owns), derived at synth from where the
 * resource is: its stack's name and its construct path. Pure: no clock, no randomness.
 */
import { createHash } from 'crypto';

/** A label value's limit (and so the owner id's). */
export const OWNER_ID_MAX_LENGTH = 63;

/** Hex characters of the hash that makes the id unique (40 bits). */
export const OWNER_ID_HASH_LENGTH = 10;

/**
 * `<readable>-<hash>`: the readable part is the construct path's last segments, joined with `.`,
 * as many whole segments as fit (the most specific ones; a last segment too long alone keeps its
 * end), with any character a label value may not hold as `-`; the hash is the first
 * {@link OWNER_ID_HASH_LENGTH} hex digits of the SHA-256 of the stack name and the path, so two
 * resources never share an id, even where their readable parts are the same text. The result is a
 * label value (at most 63 characters, alphanumeric at both ends, `-_.` inside).
 *
 * It never changes while the stack name and the construct path stay: renaming either gives the
 * resource a new logical id too (CloudFormation creates the new resource, then deletes the old),
 * and the new resource refuses to take over objects labelled with the old id.
 */
export function ownerIdOf(stackName: string, constructPath: string): string {
  const hash = createHash('sha256').update(`${stackName}\n${constructPath}`).digest('hex').slice(0, OWNER_ID_HASH_LENGTH);
  const room = OWNER_ID_MAX_LENGTH - OWNER_ID_HASH_LENGTH - 1;
  const segments = constructPath.split('/').filter((s) => s !== '').map((s) => s.replace(/[^A-Za-z0-9_.-]/g, '-'));
  let readable = '';
  for (const segment of segments.reverse()) {
    const longer = readable === '' ? segment : `${segment}.${readable}`;
    if (longer.length > room) {
      if (readable === '') readable = segment.slice(-room);
      break;
    }
    readable = longer;
  }
  readable = readable.replace(/^[^A-Za-z0-9]+/, '');
  return readable === '' ? hash : `${readable}-${hash}`;
}
