import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import express, { Router } from 'express';

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Firedrill</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>Firedrill</h1>
<p>The server is running, but the web client has not been built yet.</p>
<p>Run <code>npm run build</code> (or <code>npm start</code>, which builds first) and reload this page.
The API answers meanwhile: <a href="/api/health">/api/health</a>, <a href="/api/scenarios">/api/scenarios</a>.</p>
</body></html>`;

/** index.html names the current hashed scripts: always asked again (a 304 when unchanged). */
export const INDEX_CACHE = 'no-cache';
/** Vite's hashed files (`assets/index-3fA9bC1d.js`) never change under their name. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
const HASHED = /-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/** How long a browser may keep a file of the built client. */
export function cacheControlFor(root: string, file: string): string {
  if (file.endsWith('.html')) return INDEX_CACHE;
  if (file.startsWith(join(root, 'assets', sep)) && HASHED.test(file)) return IMMUTABLE;
  return 'public, max-age=3600';
}

/**
 * Serves the built web client from `distDir`. Client routes (/drill/:id, /status/:id, /scorecard/:id, …)
 * fall back to index.html so that a reload or a shared link works. Without a build, a page says how to
 * make one. The folder is checked per request, so building while the server runs works.
 */
export function clientRouter(distDir: string): Router {
  const root = resolve(distDir);
  const index = join(root, 'index.html');
  const router = Router();
  router.use(express.static(root, { index: false, fallthrough: true, cacheControl: false, setHeaders: (res, file) => res.setHeader('Cache-Control', cacheControlFor(root, file)) }));
  // Paths without a dot (no missing asset gets index.html), outside the API and the socket endpoint.
  router.get(/^\/(?!api\/|socket\.io\/)[^.]*$/, (req, res, next) => {
    if (!req.accepts('html')) return next();
    if (existsSync(index)) {
      res.sendFile(index, { cacheControl: false, headers: { 'Cache-Control': INDEX_CACHE } });
      return;
    }
    // Its one inline style is all it needs; nothing else may load.
    res.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
    res.status(200).type('html').send(NOT_BUILT);
  });
  return router;
}
