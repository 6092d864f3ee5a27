/**
 * The size rule of a manifests resource's properties, checked at synth.
 *
 * CloudFormation invokes a custom resource's Lambda (here the Provider framework's entry
 * function) asynchronously, and Lambda refuses an asynchronous event over 262144 bytes
 * ("byte payload is too large for the Event invocation type (limit 262144 bytes)", aws-cdk
 * #19165). On Update the event carries the new properties and the old ones
 * (ResourceProperties and OldResourceProperties), so one resource's properties may take at most
 * half of what the envelope (request ids, the presigned ResponseURL, ServiceToken, ...) leaves.
 * A template is also limited (1 MB uploaded to S3), a bound this per-resource one keeps far off
 * for a stack of a few resources.
 */

/** Lambda's limit on an asynchronous invocation's event. */
export const LAMBDA_EVENT_LIMIT_BYTES = 262144;

/** Room kept for the event's other fields (a presigned ResponseURL alone takes 1-2 KB). */
export const EVENT_ENVELOPE_BYTES = 8192;

/** The most one resource's properties may take: half of what the envelope leaves. */
export const MAX_PROPERTIES_BYTES = (LAMBDA_EVENT_LIMIT_BYTES - EVENT_ENVELOPE_BYTES) / 2;

/**
 * Bytes the properties take in the event: their JSON (UTF-8), where a property holding JSON
 * text is a string again, its quotes and backslashes escaped.
 */
export function propertiesBytes(properties: Readonly<Record<string, unknown>>): number {
  return Buffer.byteLength(JSON.stringify(properties));
}

/**
 * Whether the properties of the resource at `resourcePath` fit.
 * @returns undefined when they fit, else the error message naming the resource, the size, the
 *   limit and the fix.
 */
export function payloadProblem(resourcePath: string, properties: Readonly<Record<string, unknown>>): string | undefined {
  const bytes = propertiesBytes(properties);
  if (bytes <= MAX_PROPERTIES_BYTES) return undefined;
  return `manifests resource ${resourcePath}: its properties take ${bytes} bytes, over the ${MAX_PROPERTIES_BYTES} bytes one resource may take (CloudFormation invokes the handler asynchronously, Lambda limits that event to ${LAMBDA_EVENT_LIMIT_BYTES} bytes, and an Update carries the old and the new properties); split the manifests across more resources, for example one per namespace`;
}
