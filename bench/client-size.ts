import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { stop, track } from './processes';
import type { LazyPageSize, LazySize, SizeResult } from './results';

const DIST = 'dist';

/** Runs `vite build` (what `npm run build` runs) as a child with its own PID, bounded by `timeoutMs`. */
function build(timeoutMs: number): Promise<void> {
  const child = track(spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: ['ignore', 'pipe', 'pipe'] }));
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop(child);
      reject(new Error(`vite build took longer than ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`vite build failed (${code}): ${output.slice(-500)}`));
    });
  });
}

/** The JS a browser fetches before the first render: index.html's module scripts and modulepreloads. */
export function entryScripts(html: string): string[] {
  const files = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)) files.add(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)) files.add(m[1]);
  return [...files].filter((f) => f.endsWith('.js'));
}

interface ManifestChunk { file: string; src?: string; imports?: string[]; css?: string[]; assets?: string[] }

/** Files and their raw and gzip -6 sizes. */
function sizeOf(files: string[]): LazySize {
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const bytes = readFileSync(join(DIST, file.replace(/^\//, '')));
    rawBytes += bytes.length;
    gzipBytes += gzipSync(bytes, { level: 6 }).length;
  }
  return { files, rawBytes, gzipBytes };
}

/**
 * What a lazy page adds to the initial load, from vite's manifest: its chunk and the chunks it imports that the
 * entry does not (JS), its CSS, and the workers it starts. Undefined when the build has no manifest or no page.
 */
export function lazyPageSize(src: string): LazyPageSize | undefined {
  const path = join(DIST, '.vite', 'manifest.json');
  if (!existsSync(path)) return undefined;
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, ManifestChunk>;
  const page = manifest[src];
  if (!page) return undefined;
  const initial = new Set<string>();
  const walk = (key: string, into: Set<string>) => {
    const chunk = manifest[key];
    if (!chunk || into.has(chunk.file)) return;
    into.add(chunk.file);
    for (const next of chunk.imports ?? []) walk(next, into);
  };
  for (const [key, chunk] of Object.entries(manifest)) if ((chunk as { isEntry?: boolean }).isEntry) walk(key, initial);
  const mine = new Set<string>();
  walk(src, mine);
  const js = [...mine].filter((f) => !initial.has(f));
  const css = [...new Set([src, ...(page.imports ?? [])].flatMap((k) => manifest[k]?.css ?? []))].filter((f) => !(manifest['index.html']?.css ?? []).includes(f));
  const workers = (page.assets ?? []).filter((f) => /worker.*\.js$/.test(f));
  return { js: sizeOf(js), css: sizeOf(css), workers: sizeOf(workers) };
}

/**
 * Gzipped size (zlib level 6, gzip's default) of the client's initial JS in dist/, and of what the scenario
 * studio adds on /studio. Builds first when dist/ has no index.html; an existing build is measured as it is
 * (`built: false`).
 */
export async function measureClientSize(timeoutMs: number): Promise<SizeResult> {
  const index = join(DIST, 'index.html');
  const built = !existsSync(index);
  if (built) await build(timeoutMs);
  const files = entryScripts(readFileSync(index, 'utf8'));
  if (!files.length) throw new Error(`${index} names no module script`);
  const { rawBytes, gzipBytes } = sizeOf(files);
  const studio = lazyPageSize('src/studio/StudioPage.tsx');
  return { files, rawBytes, gzipBytes, built, ...(studio ? { studio } : {}) };
}
