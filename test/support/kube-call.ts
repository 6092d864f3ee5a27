/**
 * Raw HTTPS calls to the kube stand-in, trusting its CA, with a bearer token: what a test needs to
 * speak the wire protocol itself (methods, content types, query strings) and read the answer.
 */
import { request } from 'node:https';

/** The answer: status code and parsed JSON body. */
export interface KubeCallResult {
  readonly status: number;
  readonly json: Record<string, unknown>;
}

/** A caller bound to one server and token. */
export type KubeCall = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<KubeCallResult>;

/** A caller of `url` with the CA `caData` (base64 PEM) and `token()` read at each call. */
export function kubeCaller(url: string, caData: string, token: () => string): KubeCall {
  return (method, path, body, headers = {}) => {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(`${url}${path}`, {
        method,
        ca: Buffer.from(caData, 'base64'),
        headers: {
          authorization: `Bearer ${token()}`, 'content-type': 'application/json',
          ...(payload === undefined ? {} : { 'content-length': String(Buffer.byteLength(payload)) }), ...headers,
        },
      }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => { text += c.toString(); });
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as Record<string, unknown> });
          } catch {
            reject(new Error(`${method} ${path}: HTTP ${res.statusCode} non-JSON body ${JSON.stringify(text.slice(0, 80))}`));
          }
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
  };
}
