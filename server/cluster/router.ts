import type { DrillHost } from '../drills/host';
import { opFail, type DrillOp, type OpName, type OpOf, type OpReply } from '../drills/ops';
import type { DrillRegistry, Location } from '../drills/registry';
import type { Logger } from '../log';
import { NodeUnreachable, type NodeBus } from './bus';

export interface RouterOptions {
  registry: DrillRegistry;
  host: DrillHost;
  logger: Logger;
  /** Several nodes: how requests reach another node. */
  bus?: NodeBus;
  /** How long a forwarded request waits for its answer (ms); default 2 s. */
  forwardTimeoutMs?: number;
  /**
   * How long a request waits, all in all, for a drill whose owner is gone (until its lease runs out and a node takes
   * it over) before it is answered `internal` (the client retries); default 15 s.
   */
  waitMs?: number;
}

/** Ops that never load a drill (nor take its lease): they only matter to the node already running it. */
const PASSIVE: ReadonlySet<OpName> = new Set(['detach']);

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends each drill op to the drill's owner and its answer back to whoever asked, on the original socket: on one
 * node (or when this node owns the drill) straight to the local `DrillHost`, inside the drill's queue; otherwise
 * to the owner over the node bus. When the owner is gone (killed, cut off) the request waits until its lease runs
 * out and a node — this one or another — takes the drill over by replay, then asks that one; when the owner turns
 * out to have lost the drill meanwhile (`moved`), it asks again. A command is safe to send twice: its id makes it
 * exactly-once.
 */
export class DrillRouter {
  private readonly forwardTimeoutMs: number;
  private readonly waitMs: number;

  constructor(private readonly options: RouterOptions) {
    this.forwardTimeoutMs = options.forwardTimeoutMs ?? 2000;
    this.waitMs = options.waitMs ?? 15_000;
    options.bus?.serve((request) => this.serve(request.drillId, request.op));
  }

  /** Runs `op` on the drill's owner and answers through `respond` (once). Throws only what loading the drill threw. */
  async call<N extends OpName>(drillId: string, op: OpOf<N>, respond: (reply: OpReply<N>) => void): Promise<void> {
    const { registry, host, bus, logger } = this.options;
    const deadline = Date.now() + this.waitMs;
    for (let attempt = 0; ; attempt++) {
      const location = PASSIVE.has(op.op) ? await this.peek(drillId) : await registry.locate(drillId);
      if (location.kind === 'here') {
        let moved = false;
        await host.handle<N>(location.live, op, (reply) => {
          if (!reply.ok && reply.error.moved) moved = true;
          else respond(reply);
        });
        if (!moved) return;
        continue;
      }
      if (location.kind === 'refused') return respond(opFail(location.refusal.code, location.refusal.message, { status: location.refusal.status }));
      if (location.kind === 'unknown') return respond(opFail('not-found', 'There is no such drill.', { status: 404, unknown: true }));
      if (!bus || location.holder === bus.node) {
        // Held under this node's name but not loaded: it is being released; ask again in a moment.
        if (Date.now() > deadline) return respond(opFail('internal', 'The drill is not being served just now; try again in a moment.'));
        await pause(50);
        continue;
      }
      try {
        const reply = (await bus.request(location.holder, { drillId, op: op as DrillOp }, this.forwardTimeoutMs)) as OpReply<N>;
        if (!reply.ok && reply.error.moved) {
          await pause(Math.min(200, 20 * 2 ** attempt));
          if (Date.now() <= deadline) continue;
          return respond(opFail('internal', 'The drill is moving to another server; try again in a moment.'));
        }
        return respond(reply);
      } catch (error) {
        if (!(error instanceof NodeUnreachable)) throw error;
        if (PASSIVE.has(op.op)) return respond(opFail('unavailable', 'Its server is gone.'));
        if (Date.now() > deadline) {
          logger.warn(`drill ${drillId}: ${error.message}; gave up after ${this.waitMs} ms`);
          return respond(opFail('internal', 'The drill\'s server is not answering; try again in a moment.'));
        }
        // Its owner died or is cut off: its lease runs out and the drill is taken over (by the sweep of any node,
        // or by this request's next `locate`). Until then, wait.
        await pause(Math.max(50, Math.min(250, location.expiresInMs)));
      }
    }
  }

  /** Like `call`, for callers that want the reply as a value (HTTP routes). */
  ask<N extends OpName>(drillId: string, op: OpOf<N>): Promise<OpReply<N>> {
    return new Promise((resolve, reject) => {
      this.call<N>(drillId, op, resolve).catch(reject);
    });
  }

  /** Another node asks this one, as the drill's owner: run it here if it is (or can be) loaded here, else `moved`. */
  private async serve(drillId: string, op: DrillOp): Promise<OpReply> {
    const location = PASSIVE.has(op.op) ? await this.peek(drillId) : await this.options.registry.locate(drillId);
    if (location.kind === 'here') {
      return new Promise<OpReply>((resolve) => void this.options.host.handle(location.live, op, resolve));
    }
    if (location.kind === 'refused') return opFail(location.refusal.code, location.refusal.message, { status: location.refusal.status });
    if (location.kind === 'unknown') return opFail('not-found', 'There is no such drill.', { status: 404, unknown: true });
    return opFail('unavailable', 'This drill moved to another server; ask again.', { moved: true });
  }

  /** Where a drill is served, without loading it here. */
  private async peek(drillId: string): Promise<Location> {
    const live = this.options.registry.loaded(drillId);
    if (live) return { kind: 'here', live };
    const holder = await this.options.registry.ownership.holderOf(drillId);
    return holder && holder.holder !== this.options.bus?.node ? { kind: 'elsewhere', ...holder } : { kind: 'unknown' };
  }
}
