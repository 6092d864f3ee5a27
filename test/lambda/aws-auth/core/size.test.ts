/** Kubernetes size limits of the ConfigMap we write: each limit at, and one byte over, its edge. */
import { OWNERS_ANNOTATION } from '../../../../lambda/aws-auth/api';
import { AwsAuthSizeError } from '../../../../lambda/aws-auth/core/errors';
import { MAX_ANNOTATIONS_BYTES, MAX_CONFIGMAP_BYTES, checkSizes } from '../../../../lambda/aws-auth/core/size';
import type { ConfigMapState } from '../../../../lambda/aws-auth/core/types';

/** Bytes of a key plus its value, as Kubernetes counts them (UTF-8). */
const NOTE = 'example.com/note';
const OWNERS_KEY_BYTES = Buffer.byteLength(OWNERS_ANNOTATION, 'utf8');
const NOTE_KEY_BYTES = Buffer.byteLength(NOTE, 'utf8');

function ownersMessage(bytes: number): string {
  return `the ${OWNERS_ANNOTATION} annotation would be ${bytes} bytes, over the 262144-byte Kubernetes annotation limit; nothing was written; move principals to EKS access entries or merge owners`;
}
function annotationsMessage(bytes: number): string {
  return `the annotations of aws-auth would total ${bytes} bytes, over the 262144-byte Kubernetes limit; nothing was written; remove large annotations (such as kubectl.kubernetes.io/last-applied-configuration) or move principals to EKS access entries`;
}
function totalMessage(bytes: number): string {
  return `aws-auth would be ${bytes} bytes (data plus annotations), over the 1048576-byte (1 MiB) limit; nothing was written; move principals to EKS access entries or remove unused entries`;
}

/** The error checkSizes throws, or undefined. */
function failure(state: ConfigMapState): Error | undefined {
  try {
    checkSizes(state);
    return undefined;
  } catch (e) {
    return e as Error;
  }
}

describe('the limits', () => {
  test('are the Kubernetes ones: 256 KiB of annotations, 1 MiB of ConfigMap', () => {
    expect(MAX_ANNOTATIONS_BYTES).toBe(256 * 1024);
    expect(MAX_CONFIGMAP_BYTES).toBe(1024 * 1024);
  });
});

describe('checkSizes', () => {
  test.each<[string, ConfigMapState, string | undefined]>([
    ['an empty ConfigMap', { data: {}, annotations: {} }, undefined],
    ['an owners annotation of exactly 256 KiB is within its own limit (the annotations total is then over)',
      { data: {}, annotations: { [OWNERS_ANNOTATION]: 'x'.repeat(MAX_ANNOTATIONS_BYTES) } },
      annotationsMessage(MAX_ANNOTATIONS_BYTES + OWNERS_KEY_BYTES)],
    ['an owners annotation one byte over 256 KiB',
      { data: {}, annotations: { [OWNERS_ANNOTATION]: 'x'.repeat(MAX_ANNOTATIONS_BYTES + 1) } },
      ownersMessage(MAX_ANNOTATIONS_BYTES + 1)],
    ['an owners annotation counted in UTF-8 bytes, not characters (2-byte é)',
      { data: {}, annotations: { [OWNERS_ANNOTATION]: 'é'.repeat(MAX_ANNOTATIONS_BYTES / 2 + 1) } },
      ownersMessage(MAX_ANNOTATIONS_BYTES + 2)],
    ['annotations totalling exactly 256 KiB (keys included)',
      { data: {}, annotations: { [NOTE]: 'x'.repeat(MAX_ANNOTATIONS_BYTES - NOTE_KEY_BYTES) } },
      undefined],
    ['annotations one byte over 256 KiB, without an owners annotation',
      { data: {}, annotations: { [NOTE]: 'x'.repeat(MAX_ANNOTATIONS_BYTES - NOTE_KEY_BYTES + 1) } },
      annotationsMessage(MAX_ANNOTATIONS_BYTES + 1)],
    ['annotations one byte over 256 KiB, the owners annotation being small',
      { data: {}, annotations: { [OWNERS_ANNOTATION]: '{}', [NOTE]: 'x'.repeat(MAX_ANNOTATIONS_BYTES - NOTE_KEY_BYTES - OWNERS_KEY_BYTES - 1) } },
      annotationsMessage(MAX_ANNOTATIONS_BYTES + 1)],
    ['annotation keys count too (UTF-8)',
      { data: {}, annotations: { 'é': 'x'.repeat(MAX_ANNOTATIONS_BYTES - 1) } },
      annotationsMessage(MAX_ANNOTATIONS_BYTES + 1)],
    ['data plus annotations of exactly 1 MiB',
      { data: { mapRoles: 'x'.repeat(MAX_CONFIGMAP_BYTES - 8 - NOTE_KEY_BYTES - 2) }, annotations: { [NOTE]: 'ab' } },
      undefined],
    ['data plus annotations one byte over 1 MiB',
      { data: { mapRoles: 'x'.repeat(MAX_CONFIGMAP_BYTES - 8 - NOTE_KEY_BYTES - 1) }, annotations: { [NOTE]: 'ab' } },
      totalMessage(MAX_CONFIGMAP_BYTES + 1)],
    ['data alone one byte over 1 MiB, data keys and UTF-8 counted',
      { data: { 'é': 'é'.repeat(MAX_CONFIGMAP_BYTES / 2 - 1), b: 'c' }, annotations: {} },
      totalMessage(MAX_CONFIGMAP_BYTES + 2)],
    ['data of exactly 1 MiB over several keys',
      { data: { mapRoles: 'x'.repeat(MAX_CONFIGMAP_BYTES / 2 - 8), mapUsers: 'y'.repeat(MAX_CONFIGMAP_BYTES / 2 - 8) }, annotations: {} },
      undefined],
  ])('%s', (_name, state, message) => {
    const e = failure(state);
    if (message === undefined) {
      expect(e).toBeUndefined();
    } else {
      expect(e).toBeInstanceOf(AwsAuthSizeError);
      expect(e?.message).toBe(message);
    }
  });
});
