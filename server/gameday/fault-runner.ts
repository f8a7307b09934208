import type { SystemCommand } from '../../shared/drill/commands';
import { LIMITS } from '../../shared/drill/commands';
import type { FaultState } from '../../shared/drill/state';
import type { Clock, TimerHandle } from '../clock';
import type { Batch, LiveDrill } from '../drills/live-drill';
import type { Logger } from '../log';
import { signature, SIGNATURE_HEADER, type PostFn, type PostResult } from '../outbound/deliver';
import type { FaultWebhook, FaultWebhookInfo } from './fault-webhooks';

/** Waits between attempts of one fault send (wall ms): three attempts in about five seconds, then it has failed. */
export const FAULT_RETRY_DELAYS_MS = [1000, 4000];
export const FAULT_TIMEOUT_MS = 5000;

export interface FaultRunnerOptions {
  clock: Clock;
  logger: Logger;
  webhooks: ReadonlyMap<string, FaultWebhook>;
  post: PostFn;
  retryDelays?: number[];
  /**
   * Several nodes: whether this node still owns the drill (its lease), asked before each retry, so that a node that
   * lost the drill while it waited (frozen, cut off) sends nothing more; the new owner sends it again.
   */
  stillOwner?: (drillId: string) => Promise<boolean>;
}

type FaultDelivery = Extract<SystemCommand, { type: 'fault.delivery' }>;
type Action = FaultDelivery['action'];

/** A send under way: its retry timer, and whether an abort (or the drill moving away) called it off. */
interface Sending { timer?: TimerHandle; cancelled: boolean }

/**
 * Sends a live game day's faults (docs/game-day.md). It hears a drill's committed turns (`attach`), and only a
 * logged `fault.confirm` makes it send a fault's start, only a logged `fault.abort` its abort: nothing reaches a
 * chaos tool that the facilitator did not confirm. Every attempt and answer is logged back into the drill as a
 * `fault.delivery` from the server, with a command id per attempt so that it lands once. Sending happens outside
 * the drill's queue, with a timeout and a few retries: a slow or failing receiver never holds up the drill. A
 * confirmed dry run logs the body that would have been sent and sends nothing.
 */
export class FaultRunner {
  private readonly sending = new Map<string, Sending>();
  /** The drills followed, and how to stop following each. */
  private readonly attached = new Map<LiveDrill, () => void>();
  private closed = false;

  constructor(private readonly options: FaultRunnerOptions) {}

  /** The configured webhooks, as the console may see them. */
  webhooks(): FaultWebhookInfo[] {
    return [...this.options.webhooks.values()].map((w) => ({ name: w.name, target: w.hint }));
  }

  /** Follows a drill's turns; a send the server was in the middle of when it stopped is made again. */
  attach(live: LiveDrill): void {
    this.detach(live);
    this.attached.set(live, live.onBatch((batch) => this.heard(live, batch)));
    for (const fault of Object.values(live.state.faults)) {
      // A start is never sent again after the end; an abort always is (the real system may still be broken).
      if (fault.status === 'starting' && live.state.status !== 'ended') this.send(live, fault, 'start');
      if (fault.status === 'aborting') this.send(live, fault, 'abort');
    }
  }

  /**
   * Stops following a drill this node no longer serves (unloaded, quarantined, taken over by another node): its
   * retries are called off and answers still on the way are not logged. Whoever serves it next sends what is due.
   */
  detach(live: LiveDrill): void {
    const stop = this.attached.get(live);
    if (!stop) return;
    stop();
    this.attached.delete(live);
    for (const [k, sending] of this.sending) {
      if (!k.startsWith(`${live.id}/`)) continue;
      if (sending.timer) this.options.clock.clearTimeout(sending.timer);
      sending.cancelled = true;
      this.sending.delete(k);
    }
  }

  close(): void {
    this.closed = true;
    for (const stop of this.attached.values()) stop();
    this.attached.clear();
    for (const s of this.sending.values()) if (s.timer) this.options.clock.clearTimeout(s.timer);
    this.sending.clear();
  }

  private heard(live: LiveDrill, batch: Batch): void {
    for (const event of batch.events) {
      if (event.type !== 'fault.confirm' && event.type !== 'fault.abort') continue;
      const fault = batch.after.faults[event.faultId];
      if (!fault) continue;
      if (event.type === 'fault.confirm') this.send(live, fault, 'start');
      else if (fault.status === 'aborting') {
        // An abort calls off a start still waiting to be tried again; one already on the wire is answered as it is.
        const start = this.sending.get(key(live.id, fault.faultId, 'start'));
        if (start?.timer) {
          this.options.clock.clearTimeout(start.timer);
          start.cancelled = true;
          this.sending.delete(key(live.id, fault.faultId, 'start'));
          this.log(live, fault, { action: 'start', outcome: 'cancelled', attempt: 0 }, 'cancel');
        }
        this.send(live, fault, 'abort');
      }
    }
  }

  /** Sends a fault's start or abort: once, or as a dry run, or not at all when its webhook is not configured. */
  private send(live: LiveDrill, fault: FaultState, action: Action): void {
    if (this.closed) return;
    const webhook = this.options.webhooks.get(fault.webhook);
    const body = envelope(live, fault, action, this.options.clock.now());
    if (fault.confirmed?.dryRun) {
      this.log(live, fault, { action, outcome: 'dry-run', attempt: 0, body: body.slice(0, LIMITS.faultBody), ...(webhook ? { target: webhook.hint } : {}) }, 'dry');
      return;
    }
    if (!webhook) {
      const error = `no fault webhook "${fault.webhook}" is configured on this server (FIREDRILL_FAULTS_FILE); confirm it as a dry run, or configure it`;
      this.log(live, fault, { action, outcome: 'failed', attempt: 0, error }, 'unconfigured');
      return;
    }
    const sending: Sending = { cancelled: false };
    this.sending.set(key(live.id, fault.faultId, action), sending);
    // After a restart, attempts already logged for this confirmation (or abort) count: each attempt lands once.
    const logged = fault.deliveries.filter((d) => d.action === action && d.seq > round(fault, action)).length;
    this.attempt(live, fault, action, webhook, body, sending, logged + 1);
  }

  private attempt(live: LiveDrill, fault: FaultState, action: Action, webhook: FaultWebhook, body: string, sending: Sending, attempt: number): void {
    const headers = {
      'user-agent': 'Firedrill-Fault/1',
      [SIGNATURE_HEADER]: signature(webhook.secret, body, Math.floor(this.options.clock.now() / 1000)),
      'x-firedrill-event': `fault.${action}`,
      // The same on every attempt: a receiver that already acted on it can tell a retry from a second fault.
      'x-firedrill-delivery': `${live.id}.${fault.faultId}.${action}.${round(fault, action)}`,
    };
    void this.options.post(webhook.url, body, headers).then((result) => this.answered(live, fault, action, webhook, body, sending, attempt, result));
  }

  private answered(live: LiveDrill, fault: FaultState, action: Action, webhook: FaultWebhook, body: string, sending: Sending, attempt: number, result: PostResult): void {
    // Closed, or the drill moved away meanwhile: the node that serves it now owns the outcome.
    if (this.closed || !this.attached.has(live)) return;
    const delays = this.options.retryDelays ?? FAULT_RETRY_DELAYS_MS;
    const retryable = result.status === 0 || result.status === 408 || result.status === 429 || result.status >= 500;
    const base = { action, attempt, target: webhook.hint, ...(result.status ? { status: result.status } : {}) };
    const error = result.error ? { error: result.error.slice(0, LIMITS.faultError) } : {};
    if (result.ok) {
      this.sending.delete(key(live.id, fault.faultId, action));
      this.log(live, fault, { ...base, outcome: 'delivered' }, attempt);
      return;
    }
    if (retryable && attempt <= delays.length && !sending.cancelled) {
      this.log(live, fault, { ...base, outcome: 'retrying', ...error }, attempt);
      sending.timer = this.options.clock.setTimeout(() => {
        sending.timer = undefined;
        if (!sending.cancelled && !this.closed) void this.retry(live, fault, action, webhook, body, sending, attempt + 1);
      }, delays[attempt - 1]);
      return;
    }
    this.sending.delete(key(live.id, fault.faultId, action));
    this.options.logger.warn(`drill ${live.id}: fault ${fault.faultId} ${action} to ${webhook.hint} failed: ${result.error ?? result.status}`);
    this.log(live, fault, { ...base, outcome: 'failed', ...error }, attempt);
  }

  /** A retry, once this node is known to own the drill still (several nodes); otherwise the send is left to the owner. */
  private async retry(live: LiveDrill, fault: FaultState, action: Action, webhook: FaultWebhook, body: string, sending: Sending, attempt: number): Promise<void> {
    const owner = this.options.stillOwner ? await this.options.stillOwner(live.id).catch(() => false) : true;
    if (sending.cancelled || this.closed || !this.attached.has(live)) return;
    if (!owner) {
      this.options.logger.warn(`drill ${live.id}: fault ${fault.faultId} ${action} not retried here: this node no longer owns the drill (its new owner sends it)`);
      this.detach(live);
      return;
    }
    this.attempt(live, fault, action, webhook, body, sending, attempt);
  }

  /** Logs an outcome into the drill, once (the command id names the fault, the round and the attempt). */
  private log(live: LiveDrill, fault: FaultState, delivery: Omit<FaultDelivery, 'type' | 'faultId'>, attempt: number | string): void {
    const command: FaultDelivery = { type: 'fault.delivery', faultId: fault.faultId, ...delivery };
    const cid = `${fault.faultId}.${delivery.action}.${round(fault, delivery.action)}.${attempt}`;
    live.exclusive((turn) => turn.submit(command, { kind: 'system' }, cid)).then((result) => {
      if (!result.ok) this.options.logger.warn(`drill ${live.id}: fault ${fault.faultId} delivery not logged: ${result.error.message}`);
    }, (error: unknown) => this.options.logger.error(`drill ${live.id}: fault ${fault.faultId} delivery not logged: ${String(error)}`));
  }
}

const key = (drillId: string, faultId: string, action: Action) => `${drillId}/${faultId}/${action}`;

/** Which confirmation (or abort) a send belongs to: the seq of the command that asked for it. */
function round(fault: FaultState, action: Action): number {
  return (action === 'start' ? fault.confirmed?.seq : fault.aborted?.seq) ?? 0;
}

/**
 * What a chaos tool receives: what to do (`fault.start` / `fault.abort`), the scenario's payload for it (an abort
 * without its own payload carries the start payload again), and which drill and fault it belongs to.
 */
export function envelope(live: Pick<LiveDrill, 'id' | 'title'>, fault: FaultState, action: Action, now: number): string {
  return JSON.stringify({
    type: `fault.${action}`,
    drill: { id: live.id, title: live.title },
    fault: { id: fault.faultId, webhook: fault.webhook, state: fault.state, ...(fault.title ? { title: fault.title } : {}), dryRun: fault.confirmed?.dryRun ?? false },
    payload: action === 'abort' ? (fault.abort ?? fault.payload) : fault.payload,
    sentAt: new Date(now).toISOString(),
  });
}
