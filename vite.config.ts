import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The web app lives in client/ and builds into dist/ at the repository root, which the server serves with an
 * SPA fallback. For front-end work, `npm run dev` (server on :3000) and `npx vite` side by side: the dev server
 * proxies the API and the socket to the server (FIREDRILL_API overrides the target).
 */
const api = process.env.FIREDRILL_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: here('./client'),
  plugins: [react()],
  // The studio's worker (client/src/studio/rehearse.worker.ts) is an ES module: it shares chunks with the page.
  worker: { format: 'es' },
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    sourcemap: false,
    // The studio's chunk (CodeMirror, zod, the loader) is big by nature and loads only on /studio.
    chunkSizeWarningLimit: 800,
    // dist/.vite/manifest.json: which files each lazy page loads (npm run bench measures the studio's).
    manifest: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: api, changeOrigin: true },
      '/socket.io': { target: api, ws: true, changeOrigin: true },
    },
  },
});
