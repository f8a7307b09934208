import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * How a receiver checks a signed delivery (outbound webhooks and fault webhooks; docs/operations.md): HMAC-SHA256
 * of "<t>.<body>" under the signing secret, compared in constant time.
 */
export function verifySignature(secret: string, header: string | undefined, body: string): boolean {
  const parts = Object.fromEntries((header ?? '').split(',').map((p) => p.split('=') as [string, string]));
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1 ?? '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Waits (real time) until `predicate` holds, for what a real HTTP receiver gets in its own time. */
export async function waitFor(what: string, predicate: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** One request a receiver got, its JSON body parsed as `J`. */
export interface Received<J> { headers: IncomingMessage['headers']; body: string; json: J }
export interface Receiver<J> { url: string; received: Received<J>[]; open: ServerResponse[]; close(): Promise<void> }

/**
 * A local webhook receiver at `path` on 127.0.0.1. `answer` decides each response (default 200 "ok"); returning
 * 'hold' keeps it open (until `close`).
 */
export async function webhookReceiver<J>(path: string, answer: (n: number, res: ServerResponse) => void | 'hold' = (_n, res) => { res.end('ok'); }): Promise<Receiver<J>> {
  const received: Received<J>[] = [];
  const open: ServerResponse[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
    req.on('end', () => {
      received.push({ headers: req.headers, body, json: JSON.parse(body) as J });
      if (answer(received.length, res) === 'hold') open.push(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`,
    received, open,
    close: () => new Promise((resolve) => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
