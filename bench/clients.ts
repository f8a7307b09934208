import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stop, track } from './processes';
import { emptyStopReport, type DrillSlot, type Request, type Response, type ResyncReport, type StopReport, type Target } from './worker-protocol';

const WORKER = fileURLToPath(new URL('./client-worker.ts', import.meta.url));

type Cmd = Request['cmd'];
type ArgsOf<C extends Cmd> = Extract<Request, { cmd: C }>['args'];

/** One forked client worker and its pending requests. */
class Worker {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (data: unknown) => void; reject: (error: Error) => void }>();

  constructor(readonly child: ChildProcess) {
    child.on('message', (message: Response) => {
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.ok) waiter.resolve(message.data);
      else waiter.reject(new Error(`client worker ${child.pid}: ${message.error}`));
    });
    child.once('exit', (code, signal) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`client worker ${child.pid} exited (${signal ?? code})`));
      this.pending.clear();
    });
  }

  call<C extends Cmd>(cmd: C, args: ArgsOf<C>, timeoutMs: number): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`client worker ${this.child.pid}: ${cmd} took longer than ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (data) => { clearTimeout(timer); resolve(data); },
        reject: (error) => { clearTimeout(timer); reject(error); },
      });
      this.child.send({ id, cmd, args } as Request);
    });
  }
}

/**
 * The bench's clients, spread over `count` worker processes; drill i goes to worker i mod count, so every
 * drill's sockets (and its all-members-received measurement) live in one process.
 */
export class ClientPool {
  private constructor(private readonly workers: Worker[]) {}

  static start(count: number): ClientPool {
    const workers = Array.from({ length: count }, () =>
      new Worker(track(fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }))),
    );
    return new ClientPool(workers);
  }

  get pids(): number[] {
    return this.workers.map((w) => w.child.pid!);
  }

  async setup(target: Target, url: string, drills: DrillSlot[], participants: number, scheduleTs: number[], timeoutMs: number): Promise<number> {
    const results = await Promise.all(
      this.workers.map((w, i) =>
        w.call('setup', { target, url, participants, scheduleTs, concurrency: 25, drills: drills.filter((d) => d.index % this.workers.length === i) }, timeoutMs),
      ),
    );
    return (results as { sockets: number }[]).reduce((sum, r) => sum + r.sockets, 0);
  }

  async all<C extends Cmd>(cmd: C, args: ArgsOf<C>, timeoutMs: number): Promise<unknown[]> {
    return Promise.all(this.workers.map((w) => w.call(cmd, args, timeoutMs)));
  }

  /** Stops posting, waits `settleMs` for what is in flight, and merges every worker's measurements. */
  async stop(settleMs: number, timeoutMs: number): Promise<StopReport> {
    const reports = (await this.all('stop', { settleMs }, timeoutMs)) as StopReport[];
    return mergeReports(reports);
  }

  async reconnect(url: string, timeoutMs: number): Promise<ResyncReport[]> {
    return (await this.all('reconnect', { url, concurrency: 50, timeoutMs }, timeoutMs + 5000)) as ResyncReport[];
  }

  /** Asks each worker to close its sockets and exit; kills it by PID if it does not. */
  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(async (w) => {
        await w.call('close', {}, 3000).catch(() => undefined);
        await stop(w.child, 2000);
      }),
    );
  }
}

/** Every worker's (or pool's, or round's) measurements as one report; at most five errors from each. */
export function mergeReports(reports: readonly StopReport[]): StopReport {
  const merged = emptyStopReport();
  for (const r of reports) {
    for (const x of r.injectLatencies) merged.injectLatencies.push(x);
    for (const x of r.injectSeries) merged.injectSeries.push(x);
    for (const x of r.postAck) merged.postAck.push(x);
    for (const x of r.postAll) merged.postAll.push(x);
    for (const x of r.startAll) merged.startAll.push(x);
    merged.injectsMissing += r.injectsMissing;
    merged.injectsExpected += r.injectsExpected;
    merged.postsSent += r.postsSent;
    merged.postsRefused += r.postsRefused;
    merged.postsIncomplete += r.postsIncomplete;
    merged.errors.push(...r.errors.slice(0, 5));
  }
  return merged;
}
