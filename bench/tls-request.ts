import { Agent, request } from 'https';

/**
 * One HTTPS request on a new TLS connection (a new agent, so a full handshake), answered by
 * `url`'s server whatever its status: the machine's cost of one round trip to a local stand-in,
 * the baseline the handler's latencies are divided by.
 */
export function tlsRoundTrip(url: string, caData: string): Promise<number> {
  const agent = new Agent({ ca: Buffer.from(caData, 'base64').toString('utf8'), keepAlive: false });
  return new Promise((resolve, reject) => {
    const req = request(new URL('/version', url), { agent }, (res) => {
      res.resume();
      res.on('end', () => { agent.destroy(); resolve(res.statusCode ?? 0); });
    });
    req.on('error', (e) => { agent.destroy(); reject(e); });
    req.end();
  });
}
