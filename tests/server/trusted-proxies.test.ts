import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config';
import { clientIp } from '../../server/http/create-limit';
import { parseTrustedProxies, proxyTrust } from '../../server/http/trusted-proxies';
import { originAllowed } from '../../server/socket/origin';

/**
 * FIREDRILL_TRUST_PROXY: a load balancer on another host (three nodes behind nginx) is believed about the client's
 * address and public host; anyone else who sends X-Forwarded-* is not, so nobody can pick their own rate-limit key.
 */
describe('trusted proxies', () => {
  it('reads addresses and CIDR ranges, and says what to write for anything else', () => {
    expect(parseTrustedProxies(undefined)).toEqual([]);
    expect(parseTrustedProxies(' 10.0.0.5, 10.0.1.0/24  fd00::/8 ')).toEqual(['10.0.0.5', '10.0.1.0/24', 'fd00::/8']);
    for (const bad of ['lb.example.com', '10.0.0.0/33', '10.0.0.5/x', '10.0.0.0/8/1', '::1/129']) {
      expect(() => parseTrustedProxies(bad), bad).toThrow(/FIREDRILL_TRUST_PROXY: ".*" is not an IP address or CIDR range; write the load balancer's address/);
    }
    expect(readConfig({ FIREDRILL_TRUST_PROXY: '10.0.0.5' }).trustProxy).toEqual(['10.0.0.5']);
    expect(readConfig({}).trustProxy).toEqual([]);
  });

  it('believes loopback and the configured proxies only, IPv4-mapped addresses included', () => {
    const trust = proxyTrust(['10.0.0.5', '10.0.1.0/24', 'fd00::/8']);
    for (const ip of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.0.0.5', '::ffff:10.0.0.5', '10.0.1.200', 'fd00::7']) expect(trust(ip), ip).toBe(true);
    for (const ip of ['10.0.0.6', '10.0.2.1', '203.0.113.7', 'fe80::1', undefined, 'not-an-ip']) expect(trust(ip), String(ip)).toBe(false);
    expect(proxyTrust([])('10.0.0.5')).toBe(false);
  });

  it('takes the client address from X-Forwarded-For only behind a trusted proxy, skipping trusted hops', () => {
    const trust = proxyTrust(['10.0.0.5']);
    // nginx on 10.0.0.5 in front of the node: the client is the last untrusted hop.
    expect(clientIp('10.0.0.5', '198.51.100.7', trust)).toBe('198.51.100.7');
    expect(clientIp('::ffff:10.0.0.5', '203.0.113.1, 198.51.100.7, 10.0.0.5', trust)).toBe('198.51.100.7');
    // A client talking to the node directly cannot choose its address.
    expect(clientIp('198.51.100.9', '203.0.113.1', trust)).toBe('198.51.100.9');
    // Without the setting, only loopback is believed (as before).
    expect(clientIp('10.0.0.5', '198.51.100.7')).toBe('10.0.0.5');
    expect(clientIp('127.0.0.1', '198.51.100.7')).toBe('198.51.100.7');
  });

  it('lets a page of the public host open a socket through a trusted proxy', () => {
    const trust = proxyTrust(['10.0.0.5']);
    const request = (peer: string) => ({
      headers: { origin: 'https://drills.example.com', host: '10.0.0.11:3000', 'x-forwarded-host': 'drills.example.com' },
      socket: { remoteAddress: peer },
    });
    expect(originAllowed(request('10.0.0.5'), [], trust)).toBe(true);
    expect(originAllowed(request('10.0.0.5'), [])).toBe(false);
    expect(originAllowed(request('198.51.100.9'), [], trust)).toBe(false);
  });
});
