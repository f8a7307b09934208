import { randomBytes } from 'node:crypto';
import type { OutboundStatus } from '../../shared/protocol/messages';
import type { Clock, TimerHandle } from '../clock';
import type { Batch, LiveDrill } from '../drills/live-drill';
import type { Logger } from '../log';
import type { OutboundRecord, Store } from '../store/store';
import { httpPost, signature, urlProblem, type PostFn, type PostResult } from './deliver';
import { DEFAULT_OUTBOUND_CHANNELS, messageFor, OUTBOUND_CHANNELS, payload, testMessage, type OutboundChannel, type OutboundMessage } from './messages';
import type { SecretBox } from './secret-box';

/** Waits between attempts of one delivery (wall ms): 7 attempts over about a minute, then it counts as failed. */
export const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 16_000, 32_000];
/** Deliveries a drill may have waiting; beyond that the oldest waiting one is dropped (and counted). */
export const MAX_QUEUE = 200;
export const DELIVERY_TIMEOUT_MS = 5000;

export interface OutboundOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  box: SecretBox;
  /** Let webhooks reach loopback and private addresses (tests, or a chat server on the same network). */
  allowPrivate?: boolean;
  retryDelays?: number[];
  maxQueue?: number;
  timeoutMs?: number;
  /** The HTTP client (tests may wrap it). */
  post?: PostFn;
}

interface Target { url: string; secret: string; format: 'slack' | 'json'; channels: Set<string>; hint: string }

/** One drill's deliveries: in order, one at a time, each retried with backoff before the next is sent. */
interface Lane {
  queue: OutboundMessage[];
  busy: boolean;
  timer?: TimerHandle;
  delivered: number;
  failed: number;
  dropped: number;
  lastDeliveredAt?: number;
  lastError?: OutboundStatus['lastError'];
}

export interface ConfigureRequest { url?: string; channels?: string[]; format?: 'auto' | 'slack' | 'json'; newSecret?: boolean }

/** A problem with a configuration request, in words for the facilitator. */
export class OutboundConfigError extends Error {}

/**
 * Mirrors chosen drill events to a chat webhook (Slack incoming webhook or any URL), per drill, without ever
 * holding up the drill: it hears a drill's turns only after they are committed and broadcast (`onBatch`), turns the
 * events into messages there and queues them (bounded); the sending happens later, outside the drill's serial
 * queue, strictly in order per drill, each delivery signed (HMAC-SHA256) and retried with backoff. Queued deliveries
 * live in memory: a restart drops them (the drill's log is the record; the mirror is a convenience copy).
 */
export class Outbound {
  /** Each drill's webhook as last read (null: none), once read from the store. */
  private readonly targets = new Map<string, Target | null>();
  private readonly loads = new Map<string, Promise<Target | undefined>>();
  private readonly lanes = new Map<string, Lane>();
  private readonly titles = new Map<string, string>();
  private readonly listeners = new Set<(drillId: string, status: OutboundStatus) => void>();
  private readonly post: PostFn;
  private closed = false;

  constructor(private readonly options: OutboundOptions) {
    this.post = options.post ?? httpPost({ timeoutMs: options.timeoutMs ?? DELIVERY_TIMEOUT_MS, allowPrivate: options.allowPrivate ?? false });
  }

  /** Follows a drill's committed turns (the registry calls this for every drill it loads: the drills this node owns). */
  attach(live: LiveDrill): void {
    this.titles.set(live.id, live.title);
    void this.load(live.id);
    live.onBatch((batch) => this.heard(live, batch));
  }

  /**
   * The drill is no longer run here (unloaded, or owned by another node now): what waits is dropped (the drill's
   * log is the record) and its webhook is read again from the store if it comes back.
   */
  detach(drillId: string): void {
    const lane = this.lanes.get(drillId);
    if (lane?.timer) this.options.clock.clearTimeout(lane.timer);
    this.lanes.delete(drillId);
    this.targets.delete(drillId);
    this.loads.delete(drillId);
  }

  /** Hears about every status change (the socket layer pushes it to the console). */
  onStatus(listener: (drillId: string, status: OutboundStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async status(drillId: string): Promise<OutboundStatus> {
    await this.load(drillId);
    return this.statusNow(drillId);
  }

  private statusNow(drillId: string): OutboundStatus {
    const target = this.targets.get(drillId) ?? undefined;
    const lane = this.lanes.get(drillId);
    return {
      configured: !!target,
      ...(target ? { target: target.hint, format: target.format } : {}),
      channels: target ? [...target.channels] : [...DEFAULT_OUTBOUND_CHANNELS],
      delivered: lane?.delivered ?? 0,
      failed: lane?.failed ?? 0,
      pending: (lane?.queue.length ?? 0),
      dropped: lane?.dropped ?? 0,
      ...(lane?.lastDeliveredAt !== undefined ? { lastDeliveredAt: lane.lastDeliveredAt } : {}),
      ...(lane?.lastError ? { lastError: lane.lastError } : {}),
    };
  }

  /**
   * Sets the drill's webhook (the URL may be left out to keep the current one). Returns the status and, when a
   * signing secret was made (first configuration or `newSecret`), the secret: it is shown this once.
   */
  async configure(drillId: string, title: string, request: ConfigureRequest): Promise<{ status: OutboundStatus; signingSecret?: string }> {
    const current = await this.load(drillId);
    const url = request.url?.trim() || current?.url;
    if (!url) throw new OutboundConfigError('Paste the webhook URL first.');
    const problem = urlProblem(url, this.options.allowPrivate ?? false);
    if (problem) throw new OutboundConfigError(problem);
    const channels = request.channels ?? (current ? [...current.channels] : [...DEFAULT_OUTBOUND_CHANNELS]);
    const unknown = channels.filter((c) => !(OUTBOUND_CHANNELS as readonly string[]).includes(c));
    if (unknown.length) throw new OutboundConfigError(`Unknown channel ${unknown.map((c) => `"${c}"`).join(', ')}; pick from ${OUTBOUND_CHANNELS.join(', ')}.`);
    const fresh = !current || request.newSecret === true;
    const secret = fresh ? `whsec_${randomBytes(24).toString('base64url')}` : current.secret;
    const format = request.format && request.format !== 'auto' ? request.format : isSlack(url) ? 'slack' : 'json';
    const hint = urlHint(url);
    const record: OutboundRecord = {
      drillId, urlSealed: this.options.box.seal(url), secretSealed: this.options.box.seal(secret), urlHint: hint, format,
      channels: [...new Set(channels)], updatedAt: this.options.clock.now(),
    };
    this.options.store.setOutbound(drillId, record);
    await this.options.store.commit(drillId);
    this.titles.set(drillId, title);
    this.targets.set(drillId, { url, secret, format, channels: new Set(record.channels), hint });
    const status = this.changed(drillId);
    return { status, ...(fresh ? { signingSecret: secret } : {}) };
  }

  /** Stops mirroring the drill and forgets its webhook; what was queued is dropped. */
  async remove(drillId: string): Promise<OutboundStatus> {
    this.options.store.setOutbound(drillId, undefined);
    await this.options.store.commit(drillId);
    this.targets.set(drillId, null);
    const lane = this.lanes.get(drillId);
    if (lane?.timer) this.options.clock.clearTimeout(lane.timer);
    this.lanes.delete(drillId);
    return this.changed(drillId);
  }

  /** Queues a test message. */
  async test(drillId: string, title: string): Promise<OutboundStatus> {
    if (!(await this.load(drillId))) throw new OutboundConfigError('Set up the webhook first.');
    this.enqueue(drillId, testMessage(drillId, title, this.options.clock.now()));
    return this.statusNow(drillId);
  }

  close(): void {
    this.closed = true;
    for (const lane of this.lanes.values()) if (lane.timer) this.options.clock.clearTimeout(lane.timer);
  }

  /** A committed turn: its mirrored events become queued messages. Synchronous and cheap: it never waits. */
  private heard(live: LiveDrill, batch: Batch): void {
    const target = this.targets.get(live.id);
    // Still being read from the store: the batches wait for it, in order.
    if (target === undefined) return void this.load(live.id).then(() => this.heard(live, batch));
    if (!target) return;
    for (const event of batch.events) {
      const message = messageFor(event, { drillId: live.id, title: live.title, scenario: live.scenario, state: batch.after });
      if (message && target.channels.has(message.channel)) this.enqueue(live.id, message);
    }
  }

  /** The drill's webhook, read from the store once (and after `detach`); a store that fails is tried again next time. */
  private load(drillId: string): Promise<Target | undefined> {
    const known = this.targets.get(drillId);
    if (known !== undefined) return Promise.resolve(known ?? undefined);
    let loading = this.loads.get(drillId);
    if (!loading) {
      loading = this.options.store.getOutbound(drillId).then((record) => {
        let target: Target | null = null;
        if (record) {
          try {
            target = {
              url: this.options.box.open(record.urlSealed), secret: this.options.box.open(record.secretSealed), format: record.format,
              channels: new Set(record.channels), hint: record.urlHint,
            };
          } catch {
            this.options.logger.error(`drill ${drillId}: its webhook cannot be read with this server's secret key (FIREDRILL_SECRET_KEY or secret.key changed?); not mirroring`);
          }
        }
        if (this.loads.get(drillId) === loading) this.targets.set(drillId, target);
        return target ?? undefined;
      }, (error: unknown) => {
        this.options.logger.error(`drill ${drillId}: its webhook could not be read: ${String(error)}`);
        return undefined;
      }).finally(() => {
        if (this.loads.get(drillId) === loading) this.loads.delete(drillId);
      });
      this.loads.set(drillId, loading);
    }
    return loading;
  }

  private lane(drillId: string): Lane {
    let lane = this.lanes.get(drillId);
    if (!lane) {
      lane = { queue: [], busy: false, delivered: 0, failed: 0, dropped: 0 };
      this.lanes.set(drillId, lane);
    }
    return lane;
  }

  private enqueue(drillId: string, message: OutboundMessage): void {
    const lane = this.lane(drillId);
    lane.queue.push(message);
    const max = this.options.maxQueue ?? MAX_QUEUE;
    // Never drop the head while it is being sent: it is in flight.
    while (lane.queue.length > max) {
      lane.queue.splice(lane.busy ? 1 : 0, 1);
      lane.dropped++;
    }
    this.changed(drillId);
    if (!lane.busy) this.pump(drillId, lane, 0);
  }

  /** Sends the head of the lane; on a retryable failure waits and tries again, otherwise moves on. */
  private pump(drillId: string, lane: Lane, attempt: number): void {
    if (this.closed || this.lanes.get(drillId) !== lane) return;
    const message = lane.queue[0];
    const target = this.targets.get(drillId) ?? undefined;
    if (!message || !target) {
      lane.busy = false;
      return;
    }
    lane.busy = true;
    const body = payload(message, target.format, { drillId, title: this.titles.get(drillId) ?? '' });
    const headers = {
      'user-agent': 'Firedrill-Webhook/1',
      'x-firedrill-signature': signature(target.secret, body, Math.floor(this.options.clock.now() / 1000)),
      'x-firedrill-event': message.type,
      'x-firedrill-delivery': message.id,
    };
    void this.post(target.url, body, headers).then((result) => this.answered(drillId, lane, message, attempt, result));
  }

  private answered(drillId: string, lane: Lane, message: OutboundMessage, attempt: number, result: PostResult): void {
    if (this.closed || this.lanes.get(drillId) !== lane) return;
    const now = this.options.clock.now();
    if (result.ok) {
      lane.queue.shift();
      lane.delivered++;
      lane.lastDeliveredAt = now;
      this.changed(drillId);
      return this.pump(drillId, lane, 0);
    }
    const delays = this.options.retryDelays ?? RETRY_DELAYS_MS;
    const retryable = result.status === 0 || result.status === 408 || result.status === 429 || result.status >= 500;
    const what = result.error ?? `answered ${result.status}`;
    if (retryable && attempt < delays.length) {
      lane.lastError = { at: now, message: `${describe(message)}: ${what}; trying again`, retrying: true };
      this.changed(drillId);
      const wait = Math.min(60_000, Math.max(delays[attempt], (result.retryAfter ?? 0) * 1000));
      lane.timer = this.options.clock.setTimeout(() => {
        lane.timer = undefined;
        this.pump(drillId, lane, attempt + 1);
      }, wait);
      return;
    }
    lane.queue.shift();
    lane.failed++;
    lane.lastError = { at: now, message: `${describe(message)}: ${what}${retryable ? `, gave up after ${attempt + 1} attempts` : ''}`, retrying: false };
    this.options.logger.warn(`drill ${drillId}: webhook delivery ${message.id} failed: ${lane.lastError.message}`);
    this.changed(drillId);
    this.pump(drillId, lane, 0);
  }

  private changed(drillId: string): OutboundStatus {
    const status = this.statusNow(drillId);
    for (const listener of this.listeners) {
      try {
        listener(drillId, status);
      } catch (error) {
        this.options.logger.error(`outbound status listener failed: ${String(error)}`);
      }
    }
    return status;
  }
}

const describe = (message: OutboundMessage) => (message.seq !== undefined ? `event #${message.seq} (${message.type})` : 'the test message');

function isSlack(url: string): boolean {
  try {
    return new URL(url).hostname === 'hooks.slack.com';
  } catch {
    return false;
  }
}

/** Enough of a URL to recognise it, never enough to use it: host, then the last 4 characters of the path. */
export function urlHint(url: string): string {
  const parsed = new URL(url);
  const path = parsed.pathname + parsed.search;
  return `${parsed.host}/…${path.length > 8 ? path.slice(-4) : ''}`;
}

export type { OutboundChannel };
