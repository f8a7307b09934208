import type { IncomingMessage } from 'node:http';
import { isLoopback } from '../http/create-limit';

/**
 * Which web pages may open a socket: the server's own origin (the host the browser asked for), plus the
 * configured extra origins (`FIREDRILL_ALLOWED_ORIGINS`; in `--dev` also the Vite dev server). A browser always
 * sends `Origin` on a WebSocket and on a cross-origin request, so a request without one is not a web page of
 * another site (curl, a script, the tests, Node's socket.io-client) and is let in; `Origin: null` (sandboxed
 * frames, files) is not. This stops a page a staff member happens to open from using their browser, inside
 * their network, to guess join codes or act in a drill.
 */
export function originAllowed(
  req: Pick<IncomingMessage, 'headers'> & { socket?: { remoteAddress?: string } }, extra: readonly string[], trusted: (ip: string | undefined) => boolean = isLoopback,
): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin === 'null') return false;
  const hosts = [req.headers.host];
  // Behind a trusted reverse proxy (on this machine, or FIREDRILL_TRUST_PROXY) the public host comes in X-Forwarded-Host.
  const forwarded = req.headers['x-forwarded-host'];
  if (forwarded && trusted(req.socket?.remoteAddress)) hosts.push(...String(forwarded).split(',').map((h) => h.trim()));
  if (hosts.some((host) => host && host.toLowerCase() === url.host)) return true;
  return extra.includes(url.origin);
}

/** `FIREDRILL_ALLOWED_ORIGINS`: comma- or space-separated origins like `https://drills.example.com`. Throws on a malformed one. */
export function parseOrigins(text: string | undefined): string[] {
  if (!text?.trim()) return [];
  return text.split(/[\s,]+/).filter(Boolean).map((entry) => {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      throw new Error(`FIREDRILL_ALLOWED_ORIGINS: "${entry}" is not an origin; write it like https://drills.example.com`);
    }
    if (url.origin === 'null' || url.pathname !== '/' || url.search || url.hash) {
      throw new Error(`FIREDRILL_ALLOWED_ORIGINS: "${entry}" is not an origin (scheme, host and port only), like https://drills.example.com`);
    }
    return url.origin;
  });
}

/** Origins of the Vite dev server (`npx vite`), allowed with `--dev`. */
export const DEV_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'];
