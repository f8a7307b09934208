import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * Child processes of the bench: servers (spawned) and client workers (forked). Every child is registered
 * here and stopped by its own PID, never by name; `stopAll` runs on success, on error and on the deadline.
 */
const children = new Set<ChildProcess>();

export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null && child.pid !== undefined;

/** Signals one process by its PID; a process that is already gone is not an error. */
function signal(child: ChildProcess, sig: NodeJS.Signals): void {
  try {
    if (running(child)) process.kill(child.pid!, sig);
  } catch {
    // exited between the check and the signal
  }
}

/** Kills `child` by PID: SIGTERM, then SIGKILL after `graceMs`. Resolves once it has exited. */
export async function stop(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (!running(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signal(child, 'SIGTERM');
  const timer = setTimeout(() => signal(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** `kill -9` by PID; resolves once the process is gone. */
export async function kill9(child: ChildProcess): Promise<void> {
  if (!running(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signal(child, 'SIGKILL');
  await exited;
}

/** Stops every child still running, one by one by PID. */
export async function stopAll(): Promise<void> {
  for (const child of [...children]) {
    try {
      await stop(child, 1500);
    } catch {
      // already gone
    }
  }
}

/**
 * CPU time a process has used so far, in ms, from /proc (Linux): the whole process (every thread: the collector's
 * helpers, libuv's pool, worker threads) and its main thread alone (for Node, the event loop). /proc counts in
 * USER_HZ ticks, 100 a second on Linux whatever the kernel's own tick. Undefined where /proc cannot be read.
 */
export function cpuMs(pid: number): { process: number; mainThread: number } | undefined {
  try {
    return { process: ticksOf(`/proc/${pid}/stat`) * 10, mainThread: ticksOf(`/proc/${pid}/task/${pid}/stat`) * 10 };
  } catch {
    return undefined;
  }
}

/** utime + stime of a /proc stat line (fields 14 and 15; the command name before them may hold spaces). */
function ticksOf(file: string): number {
  const line = readFileSync(file, 'utf8');
  const fields = line.slice(line.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Resident set size of a process in KiB, from /proc/<pid>/status (Linux). */
export function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]);
}

/** A free loopback TCP port (bound and released; the bench owns the machine's loopback briefly). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Spawned {
  child: ChildProcess;
  /** The URL from the ready line. */
  url: string;
  /** ms from spawn to the ready line. */
  readyMs: number;
  /** The last lines of output, for error messages. */
  tail: () => string;
  /** The last 200 lines of output (to find a line the server printed a while ago). */
  recent: () => string;
}

export interface SpawnOptions {
  /**
   * A TypeScript script is run with `node --import tsx` (so the PID is the server itself, not a tsx wrapper); a
   * bundle (`.mjs`, server/bundle.ts) with plain `node --enable-source-maps`, as `npm start` runs it.
   */
  script: string;
  args?: string[];
  env?: Record<string, string>;
  /** Extra node flags (before the script). */
  nodeArgs?: string[];
  /** The ready line; its first group is the URL. */
  ready?: RegExp;
  timeoutMs: number;
}

const READY = /listening on (http:\/\/127\.0\.0\.1:\d+)/;

/** Spawns a server and resolves when it prints its ready line; rejects (and kills it) on exit or timeout. */
export function spawnServer(options: SpawnOptions): Promise<Spawned> {
  const started = performance.now();
  const child = track(
    spawn(process.execPath, [...(options.nodeArgs ?? []), ...(options.script.endsWith('.ts') ? ['--import', 'tsx'] : ['--enable-source-maps']), options.script, ...(options.args ?? [])], {
      cwd: process.cwd(),
      env: { ...process.env, NODE_ENV: 'production', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const lines: string[] = [];
  const tail = () => lines.slice(-20).join('\n');
  const recent = () => lines.join('\n');
  const ready = options.ready ?? READY;
  return new Promise((resolve, reject) => {
    let done = false;
    const fail = (message: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      void stop(child).finally(() => reject(new Error(`${options.script}: ${message}\n${tail()}`)));
    };
    const timer = setTimeout(() => fail(`no ready line within ${options.timeoutMs} ms`), options.timeoutMs);
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        lines.push(line);
        if (lines.length > 200) lines.shift();
        const match = ready.exec(line);
        if (match && !done) {
          done = true;
          clearTimeout(timer);
          resolve({ child, url: match[1], readyMs: performance.now() - started, tail, recent });
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => fail(`exited (${signal ?? code}) before it was ready`));
  });
}
