/**
 * `npm run build`'s second step: bundles the server (`server/main.ts` and everything it imports from server/ and
 * shared/) into `dist-server/main.mjs`, which `npm start` runs with plain Node. The source is compiled once, at
 * build time, instead of by tsx at every start, so a restarted server (after a crash or a deploy) opens its port
 * about a second sooner (docs/performance.md, "Recovery").
 *
 * npm packages stay outside the bundle and are loaded from node_modules as they are; the modules that main.ts
 * imports only when configured (PostgreSQL, the cluster) become chunks of their own, so a one-node SQLite server
 * still starts without loading `pg` or `redis`. The WAL checkpointer's worker is plain JavaScript, started by its
 * path: it is copied beside the bundle.
 */
import { build, type BuildOptions } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SERVER_OUT = fileURLToPath(new URL('../dist-server/', import.meta.url));

/** How a Node entry point of ours is bundled: ESM for Node 20, npm packages left in node_modules, source maps linked. */
export const NODE_BUNDLE = {
  bundle: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external',
  outExtension: { '.js': '.mjs' },
  // Stack traces name the TypeScript files and lines: start Node with --enable-source-maps (npm start does).
  sourcemap: 'linked', logLevel: 'warning',
} satisfies BuildOptions;

export async function bundleServer(outdir = SERVER_OUT): Promise<void> {
  // The previous bundle's files go (chunk names change with their content); folders stay, so a bundle the bench or
  // a test made in a subfolder (dist-server/bench/) survives a build run beside it.
  mkdirSync(outdir, { recursive: true });
  for (const entry of readdirSync(outdir, { withFileTypes: true })) if (entry.isFile()) rmSync(join(outdir, entry.name));
  await build({
    entryPoints: { main: fileURLToPath(new URL('./main.ts', import.meta.url)) },
    outdir,
    ...NODE_BUNDLE,
    splitting: true,
  });
  copyFileSync(fileURLToPath(new URL('./store/wal-checkpoint-worker.mjs', import.meta.url)), join(outdir, 'wal-checkpoint-worker.mjs'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  bundleServer().catch((error: unknown) => {
    console.error(`could not bundle the server: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
