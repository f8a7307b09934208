import { randomUUID } from 'node:crypto';
import type { OpReply } from '../drills/ops';
import type { Logger } from '../log';
import { NodeUnreachable, type BusNotice, type BusRequest, type NodeBus } from './bus';
import type { RedisClient } from './redis-limits';

/** Wall ms between heartbeats; a node silent for three of them is taken as gone. */
export const HEARTBEAT_MS = 1000;

type Wire =
  | { t: 'req'; id: string; from: string; request: BusRequest }
  | { t: 'rep'; id: string; reply: OpReply }
  | { t: 'note'; notice: BusNotice }
  | { t: 'beat'; from: string };

interface Pending { resolve(reply: OpReply): void; reject(error: Error): void; timer: ReturnType<typeof setTimeout> }

/**
 * The node bus over Redis pub/sub. Each node listens on its own channel (requests to it, replies to its requests,
 * notices for its sockets) and on one shared channel (notices for every node, heartbeats). A request to a node that
 * no longer listens fails at once (PUBLISH reaches nobody: the node died and Redis dropped its connection); one that
 * gets no answer in time (the node is stopped or cut off) fails after its timeout.
 */
export class RedisBus implements NodeBus {
  private readonly pending = new Map<string, Pending>();
  private readonly noticeHandlers = new Set<(notice: BusNotice) => void>();
  private readonly peerHandlers = new Set<(node: string, alive: boolean) => void>();
  private readonly seen = new Map<string, number>();
  private readonly gone = new Set<string>();
  private handler?: (request: BusRequest) => Promise<OpReply>;
  private beat?: ReturnType<typeof setInterval>;
  private closed = false;

  private constructor(private readonly pub: RedisClient, private readonly sub: RedisClient, readonly node: string, private readonly logger: Logger, private readonly prefix: string) {}

  /** Subscribes (on a connection of its own) and starts the heartbeat. */
  static async start(pub: RedisClient, node: string, logger: Logger, prefix = 'firedrill:'): Promise<RedisBus> {
    const sub = pub.duplicate();
    sub.on('error', (error: Error) => logger.warn(`redis (node bus): ${error.message}`));
    await sub.connect();
    const bus = new RedisBus(pub, sub, node, logger, prefix);
    await sub.subscribe([bus.channel(node), `${prefix}all`], (message) => bus.received(message));
    bus.beat = setInterval(() => bus.heartbeat(), HEARTBEAT_MS);
    bus.beat.unref();
    bus.heartbeat();
    return bus;
  }

  request(node: string, request: BusRequest, timeoutMs: number): Promise<OpReply> {
    const id = randomUUID();
    return new Promise<OpReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new NodeUnreachable(node, 'timeout'));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.send(node, { t: 'req', id, from: this.node, request }).then((receivers) => {
        if (receivers > 0) return;
        const waiting = this.pending.get(id);
        if (!waiting) return;
        clearTimeout(waiting.timer);
        this.pending.delete(id);
        reject(new NodeUnreachable(node, 'gone'));
      }, (error: unknown) => {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    });
  }

  serve(handler: (request: BusRequest) => Promise<OpReply>): void {
    this.handler = handler;
  }

  tell(node: string, notice: BusNotice): void {
    if (node === this.node) return this.notify(notice);
    void this.send(node, { t: 'note', notice }).catch((error: unknown) => this.logger.warn(`node bus: a notice to ${node} was not sent: ${String(error)}`));
  }

  broadcast(notice: BusNotice): void {
    void this.pub.publish(`${this.prefix}all`, JSON.stringify({ t: 'note', notice } satisfies Wire))
      .catch((error: unknown) => this.logger.warn(`node bus: a notice to every node was not sent: ${String(error)}`));
  }

  onNotice(handler: (notice: BusNotice) => void): void {
    this.noticeHandlers.add(handler);
  }

  onPeers(handler: (node: string, alive: boolean) => void): void {
    this.peerHandlers.add(handler);
  }

  peers(): string[] {
    return [...this.seen.keys()].filter((node) => !this.gone.has(node));
  }

  /** Whether Redis answers (for the health check). */
  async ping(): Promise<void> {
    await this.pub.ping();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.beat) clearInterval(this.beat);
    for (const waiting of this.pending.values()) {
      clearTimeout(waiting.timer);
      waiting.reject(new NodeUnreachable('this node', 'gone'));
    }
    this.pending.clear();
    // With Redis down, unsubscribe waits for a connection that may never come back: give it a second, then drop
    // the connection anyway (the subscription dies with it), so that a node can always shut down.
    if (this.sub.isReady) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.sub.unsubscribe().catch(() => undefined), new Promise((resolve) => { timer = setTimeout(resolve, 1000); })]);
      clearTimeout(timer);
    }
    this.sub.destroy();
  }

  private channel(node: string): string {
    return `${this.prefix}node:${node}`;
  }

  private send(node: string, wire: Wire): Promise<number> {
    return this.pub.publish(this.channel(node), JSON.stringify(wire));
  }

  private received(message: string): void {
    let wire: Wire;
    try {
      wire = JSON.parse(message) as Wire;
    } catch {
      return;
    }
    switch (wire.t) {
      case 'req': return void this.answer(wire);
      case 'rep': {
        const waiting = this.pending.get(wire.id);
        if (!waiting) return; // too late: the requester gave up (and will ask again, with the same command id)
        clearTimeout(waiting.timer);
        this.pending.delete(wire.id);
        return waiting.resolve(wire.reply);
      }
      case 'note': return this.notify(wire.notice);
      case 'beat': return this.heard(wire.from);
    }
  }

  private async answer(wire: Extract<Wire, { t: 'req' }>): Promise<void> {
    let reply: OpReply;
    try {
      if (!this.handler) throw new Error('this node serves no requests yet');
      reply = await this.handler(wire.request);
    } catch (error) {
      this.logger.error(`node bus: a request from ${wire.from} failed: ${(error as Error).stack ?? String(error)}`);
      reply = { ok: false, error: { code: 'internal', message: 'The server could not do that; it has been logged. Try again.' } };
    }
    await this.send(wire.from, { t: 'rep', id: wire.id, reply }).catch((error: unknown) => this.logger.warn(`node bus: a reply to ${wire.from} was not sent: ${String(error)}`));
  }

  private notify(notice: BusNotice): void {
    for (const handler of this.noticeHandlers) {
      try {
        handler(notice);
      } catch (error) {
        this.logger.error(`node bus: a notice handler failed: ${String(error)}`);
      }
    }
  }

  private heartbeat(): void {
    if (this.closed) return;
    void this.pub.publish(`${this.prefix}all`, JSON.stringify({ t: 'beat', from: this.node } satisfies Wire)).catch(() => undefined);
    const now = Date.now();
    for (const [node, at] of this.seen) {
      if (node === this.node || this.gone.has(node) || now - at < 3 * HEARTBEAT_MS) continue;
      this.gone.add(node);
      this.logger.warn(`node ${node} is silent (no heartbeat for ${Math.round((now - at) / 1000)} s): its sockets count as disconnected`);
      for (const handler of this.peerHandlers) handler(node, false);
    }
  }

  private heard(node: string): void {
    const known = this.seen.has(node);
    this.seen.set(node, Date.now());
    if (node === this.node) return;
    if (this.gone.delete(node)) {
      this.logger.info(`node ${node} is back`);
      for (const handler of this.peerHandlers) handler(node, true);
    } else if (!known) {
      for (const handler of this.peerHandlers) handler(node, true);
    }
  }
}
