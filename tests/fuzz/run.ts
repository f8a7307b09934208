/**
 * `npm run fuzz`: 100,000 fast-check cases of the socket protocol (tests/fuzz/protocol.ts) against a real server
 * in this process, then the memory it holds: resident set size and the JavaScript heap (after a full garbage
 * collection; the script runs node with --expose-gc) before the run, right after it, and once Socket.IO's
 * connection-state recovery buffer has been pruned. `--cases N` and `--seed N` change the run; `--heap` also
 * writes a heap snapshot to test-results/ (open it in Chrome DevTools, Memory tab).
 */
import { mkdirSync } from 'node:fs';
import { writeHeapSnapshot } from 'node:v8';
import { fuzzProtocol } from './protocol';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const cases = arg('--cases', 100_000);
const seed = arg('--seed', Date.now() % 2 ** 31);

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const memory = () => {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
};

async function main(): Promise<void> {
  const before = memory();
  console.log(`fuzz: ${cases} cases, seed ${seed}; before: rss ${mb(before.rss)}, heap ${mb(before.heapUsed)}`);
  const started = Date.now();
  const report = await fuzzProtocol({ cases, seed, onProgress: (done) => { if (done % 10_000 === 0) console.log(`  ${done} cases, rss ${mb(process.memoryUsage().rss)}`); } });
  const after = memory();
  // Socket.IO keeps every packet it broadcast for the recovery window (connection-state recovery).
  const buffered = (report.server.app.io.of('/').adapter as unknown as { packets?: unknown[] }).packets?.length ?? 0;
  console.log(`fuzz: ${report.cases} cases, ${report.requests} requests, ${report.acks} acks (every request with an ack got one), 0 crashes, ` +
    `${report.legitimateChecks} checks of the legitimate client all answered, ${report.storedEvents} events stored in the fuzzed drill, ${Math.round((Date.now() - started) / 1000)} s`);
  console.log(`recovery buffer: ${buffered} packets held for the recovery window (${report.storedEvents} events were broadcast to ${report.sockets} sockets)`);
  console.log(`memory: before rss ${mb(before.rss)} heap ${mb(before.heapUsed)}; after rss ${mb(after.rss)} heap ${mb(after.heapUsed)}`);
  if (process.argv.includes('--heap')) {
    mkdirSync('test-results', { recursive: true });
    console.log(`heap snapshot: ${writeHeapSnapshot(`test-results/fuzz-${Date.now()}.heapsnapshot`)}`);
  }
  await report.server.close();
  report.server.store.close();
  const closed = memory();
  console.log(`memory after closing the server: rss ${mb(closed.rss)} heap ${mb(closed.heapUsed)}`);
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(`fuzz FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
