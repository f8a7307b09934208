import { BlockList, isIP } from 'node:net';
import { isLoopback } from './create-limit';

/** Whether a connection's peer is a reverse proxy whose X-Forwarded-* headers the server believes. */
export type ProxyTrust = (ip: string | undefined) => boolean;

/** Only a proxy on this machine (the default). */
export const loopbackOnly: ProxyTrust = isLoopback;

/**
 * `FIREDRILL_TRUST_PROXY`: the addresses (or CIDR ranges) of the reverse proxies or load balancers in front of the
 * nodes, besides loopback, which is always trusted. Comma- or space-separated, like `10.0.0.5, 10.0.1.0/24`.
 * Throws with what to fix.
 */
export function parseTrustedProxies(text: string | undefined): string[] {
  if (!text?.trim()) return [];
  return text.split(/[\s,]+/).filter(Boolean).map((entry) => {
    const [address, prefix, extra] = entry.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? undefined : Number(prefix);
    const max = family === 4 ? 32 : 128;
    if (!family || extra !== undefined || (bits !== undefined && (!/^\d+$/.test(prefix) || bits > max))) {
      throw new Error(`FIREDRILL_TRUST_PROXY: "${entry}" is not an IP address or CIDR range; write the load balancer's address, like 10.0.0.5 or 10.0.1.0/24`);
    }
    return entry;
  });
}

/** Loopback, plus the addresses and ranges given (from `parseTrustedProxies`). */
export function proxyTrust(trusted: readonly string[]): ProxyTrust {
  if (!trusted.length) return loopbackOnly;
  const list = new BlockList();
  for (const entry of trusted) {
    const [address, prefix] = entry.split('/');
    const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return (ip) => {
    if (!ip) return false;
    if (isLoopback(ip)) return true;
    const bare = ip.split('%')[0].replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
    const family = isIP(bare);
    return family !== 0 && list.check(bare, family === 4 ? 'ipv4' : 'ipv6');
  };
}
