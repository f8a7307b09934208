import { createHmac } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** The header that carries the signature (docs/operations.md, "Verifying a delivery"). */
export const SIGNATURE_HEADER = 'x-firedrill-signature';

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" under the drill's signing secret>`, like Stripe's:
 * the timestamp is signed too, so a receiver can refuse replays of old deliveries.
 */
export function signature(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`, 'utf8').digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

/** Addresses a webhook may not reach unless private targets are allowed: loopback, private, link-local, CGNAT. */
const PRIVATE = new BlockList();
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) PRIVATE.addSubnet(net, prefix, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1], 'ipv4');
  return PRIVATE.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * What is wrong with a webhook URL, in words, or undefined. Without `allowPrivate` only https URLs to public
 * hosts are accepted: anyone may create a drill, so the server must not become a way to reach the machines
 * around it (the address a name resolves to is checked again at every delivery).
 */
export function urlProblem(raw: string, allowPrivate: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'That is not a URL. Paste the whole webhook address, starting with https://.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'A webhook URL starts with https://.';
  if (url.protocol === 'http:' && !allowPrivate) return 'Use an https:// webhook URL (plain http is only allowed when the server allows private targets).';
  if (url.username || url.password) return 'Leave user names and passwords out of the URL.';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && (isPrivateAddress(host) || host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal'))) {
    return 'That URL points into a private network; use the public webhook URL (FIREDRILL_WEBHOOK_ALLOW_PRIVATE=true lets a server post to private addresses).';
  }
  return undefined;
}

/** DNS lookup that refuses private addresses (unless allowed), so a public name cannot lead to a private host. */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const list = (addresses as LookupAddress[]).filter((a) => allowPrivate || !isPrivateAddress(a.address));
      if (!list.length) return callback(Object.assign(new Error(`${hostname} resolves only to private addresses`), { code: 'EPRIVATE' }), '', 4);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}

export interface PostResult {
  ok: boolean;
  /** HTTP status, or 0 when no answer came (network error, timeout, refused address). */
  status: number;
  /** Seconds from a Retry-After header. */
  retryAfter?: number;
  error?: string;
}

export type PostFn = (url: string, body: string, headers: Record<string, string>) => Promise<PostResult>;

/** POSTs JSON with a hard timeout; never throws (the result says what happened). Reads at most 4 KB of the answer. */
export function httpPost(options: { timeoutMs: number; allowPrivate: boolean }): PostFn {
  return (raw, body, headers) => new Promise((resolve) => {
    let settled = false;
    const done = (result: PostResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return done({ ok: false, status: 0, error: 'not a URL' });
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (!options.allowPrivate && isPrivateAddress(host)) return done({ ok: false, status: 0, error: 'private address refused' });
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers },
      lookup: guardedLookup(options.allowPrivate),
      timeout: options.timeoutMs,
    }, (res) => {
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > 4096) res.destroy();
      });
      const status = res.statusCode ?? 0;
      const retryAfter = Number(res.headers['retry-after']);
      const finish = () => done({ ok: status >= 200 && status < 300, status, ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfter } : {}), ...(status >= 300 ? { error: `answered ${status}` } : {}) });
      res.on('end', finish);
      res.on('close', finish);
      res.on('error', finish);
    });
    req.on('timeout', () => {
      req.destroy();
      done({ ok: false, status: 0, error: `no answer within ${Math.round(options.timeoutMs / 1000)} s` });
    });
    req.on('error', (error: NodeJS.ErrnoException) => done({ ok: false, status: 0, error: error.code === 'EPRIVATE' ? error.message : error.code ?? error.message }));
    req.end(body);
  });
}
