/**
 * RFC 3986 percent-encoding as SigV4 and botocore's `percent_encode` use it: everything except
 * the unreserved characters `A-Z a-z 0-9 - _ . ~` is escaped, `/` and `=` included.
 */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
