/**
 * Wire formats of the AWS stand-in: the query protocol's XML documents and errors (IAM, STS)
 * and REST-JSON errors (EKS), as the services write them.
 */
import { randomUUID } from 'node:crypto';
import type { SigV4Failure } from './sigv4-verify';

/** XML namespace of each query service. */
export const QUERY_XMLNS = {
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
} as const;

/** API version each query service requires in `Version`. */
export const QUERY_VERSION = { iam: '2010-05-08', sts: '2011-06-15' } as const;

/** A reply ready to write. */
export interface WireReply {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly errorCode?: string;
}

/** Escapes text for XML element content. */
export function xmlEscape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Renders nested plain data as XML elements (strings escaped, objects nested). */
export function xmlElements(fields: Record<string, unknown>): string {
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<${k}>${typeof v === 'object' && v !== null ? xmlElements(v as Record<string, unknown>) : xmlEscape(String(v))}</${k}>`)
    .join('');
}

/** `<{Op}Response><{Op}Result>...</{Op}Result><ResponseMetadata/></{Op}Response>`. */
export function queryResult(service: 'iam' | 'sts', operation: string, result: Record<string, unknown>): WireReply {
  const body = `<${operation}Response xmlns="${QUERY_XMLNS[service]}">`
    + `<${operation}Result>${xmlElements(result)}</${operation}Result>`
    + `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>`
    + `</${operation}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() }, body };
}

/** `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`. */
export function queryError(service: 'iam' | 'sts', status: number, code: string, message: string): WireReply {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  const body = `<ErrorResponse xmlns="${QUERY_XMLNS[service]}">`
    + `<Error><Type>${type}</Type><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message></Error>`
    + `<RequestId>${randomUUID()}</RequestId></ErrorResponse>`;
  return { status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': randomUUID() }, body, errorCode: code };
}

/** REST-JSON error: `x-amzn-ErrorType` header and `{"message": ...}` body. */
export function jsonError(status: number, code: string, message: string, extra: Record<string, unknown> = {}): WireReply {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': code, 'x-amzn-requestid': randomUUID() },
    body: JSON.stringify({ message, ...extra }),
    errorCode: code,
  };
}

/** A REST-JSON success. */
export function jsonResult(body: unknown): WireReply {
  return { status: 200, headers: { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID() }, body: JSON.stringify(body) };
}

/** Query-protocol error for a refused signature (codes as IAM/STS return them). */
export function queryAuthError(service: 'iam' | 'sts', failure: SigV4Failure, message: string): WireReply {
  switch (failure) {
    case 'MissingAuthentication': return queryError(service, 403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
    case 'IncompleteSignature': return queryError(service, 400, 'IncompleteSignature', message);
    case 'UnknownAccessKey':
    case 'BadSessionToken': return queryError(service, 403, 'InvalidClientTokenId', message);
    default: return queryError(service, 403, 'SignatureDoesNotMatch', message);
  }
}

/** REST-JSON error for a refused signature (codes as EKS returns them). */
export function jsonAuthError(failure: SigV4Failure, message: string): WireReply {
  switch (failure) {
    case 'MissingAuthentication': return jsonError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
    case 'IncompleteSignature': return jsonError(400, 'IncompleteSignatureException', message);
    case 'UnknownAccessKey':
    case 'BadSessionToken': return jsonError(403, 'UnrecognizedClientException', message);
    default: return jsonError(403, 'InvalidSignatureException', message);
  }
}
