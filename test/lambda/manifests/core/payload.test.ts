/** The size rule of a resource's properties at synth: the asynchronous Lambda event limit. */
import { EVENT_ENVELOPE_BYTES, LAMBDA_EVENT_LIMIT_BYTES, MAX_PROPERTIES_BYTES, payloadProblem, propertiesBytes } from '../../../../lambda/manifests/core/payload';

/** Properties whose JSON is exactly `bytes` long: `{"Objects":"xxx..."}` is 14 bytes plus the x's. */
const ofBytes = (bytes: number) => ({ Objects: 'x'.repeat(bytes - 14) });

describe('the limits', () => {
  test('Lambda refuses an asynchronous event over 262144 bytes; a resource gets half of what the envelope leaves', () => {
    expect(LAMBDA_EVENT_LIMIT_BYTES).toBe(262144);
    expect(EVENT_ENVELOPE_BYTES).toBe(8192);
    expect(MAX_PROPERTIES_BYTES).toBe(126976);
  });
});

describe('propertiesBytes', () => {
  test.each<[string, Record<string, unknown>, number]>([
    ['empty', {}, 2],
    ['a plain string', { ClusterName: 'dev' }, 21],
    ['JSON text counts its escaped quotes', { Objects: JSON.stringify([{ a: 'b' }]) }, 29],
    ['UTF-8 bytes, not characters', { Owner: 'é' }, 14],
    ['a backslash is escaped', { Objects: '\\' }, 16],
  ])('%s', (_name, props, bytes) => {
    expect(propertiesBytes(props)).toBe(bytes);
  });

  test('the helper builds properties of an exact size', () => {
    expect(propertiesBytes(ofBytes(1000))).toBe(1000);
  });
});

describe('payloadProblem', () => {
  test('properties at the limit fit', () => {
    expect(payloadProblem('Dev/Cluster/Manifests', ofBytes(MAX_PROPERTIES_BYTES))).toBeUndefined();
    expect(payloadProblem('Dev/Cluster/Manifests', {})).toBeUndefined();
  });

  test('one byte over names the resource, the size, the limit and the fix', () => {
    expect(payloadProblem('Dev/Cluster/Manifests', ofBytes(MAX_PROPERTIES_BYTES + 1))).toBe(
      'manifests resource Dev/Cluster/Manifests: its properties take 126977 bytes, over the 126976 bytes one resource may take (CloudFormation invokes the handler asynchronously, Lambda limits that event to 262144 bytes, and an Update carries the old and the new properties); split the manifests across more resources, for example one per namespace');
  });
});
