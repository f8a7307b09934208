import type { Scenario } from '../../../shared/scenario/schema';
import type { ScoredPost } from '../../../shared/scoring/types';
import type { Rehearsal, SandboxPost } from '../../../shared/simulate/rehearse';
import type { WorkerReply, WorkerRequest } from './rehearse-protocol';

type Pending = { resolve: (reply: WorkerReply) => void; reject: (error: Error) => void };
type Body<K> = K extends WorkerRequest['kind'] ? Omit<Extract<WorkerRequest, { kind: K }>, 'id'> : never;

/**
 * The studio's Web Worker, started on first use from a bundled same-origin file (no blob: or data: URL, so
 * `worker-src 'self'` is enough). One request of each kind counts at a time: a newer one supersedes the older,
 * whose promise rejects with `Superseded` so the page shows only the latest answer.
 */
export class StudioWorker {
  private worker?: Worker;
  private next = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly latest = new Map<string, number>();

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./rehearse.worker.ts', import.meta.url), { type: 'module', name: 'firedrill-studio' });
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const waiting = this.pending.get(event.data.id);
      this.pending.delete(event.data.id);
      waiting?.resolve(event.data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      const error = new Error(`The rehearsal worker failed: ${event.message || 'unknown error'}. Reload the page to try again.`);
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
      this.worker?.terminate();
      this.worker = undefined;
    };
    this.worker = worker;
    return worker;
  }

  private ask<K extends WorkerRequest['kind']>(body: Body<K>): Promise<WorkerReply> {
    const id = this.next++;
    this.latest.set(body.kind, id);
    return new Promise<WorkerReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.start().postMessage({ ...body, id } as WorkerRequest);
    }).then((reply) => {
      if (this.latest.get(body.kind) !== id) throw new Superseded();
      if (!reply.ok) throw new Error(reply.message);
      return reply;
    });
  }

  async rehearse(scenario: Scenario, seed: number): Promise<{ rehearsal: Rehearsal; ms: number }> {
    const reply = await this.ask<'rehearse'>({ kind: 'rehearse', scenario, seed });
    if (!reply.ok || reply.kind !== 'rehearse') throw new Error('unexpected reply');
    return { rehearsal: reply.rehearsal, ms: reply.ms };
  }

  async rate(scenario: Scenario, post: SandboxPost): Promise<ScoredPost> {
    const reply = await this.ask<'rate'>({ kind: 'rate', scenario, post });
    if (!reply.ok || reply.kind !== 'rate') throw new Error('unexpected reply');
    return reply.post;
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.pending.clear();
  }
}

/** A request answered after a newer one of its kind was made; its answer is dropped. */
export class Superseded extends Error {
  constructor() {
    super('superseded');
  }
}
