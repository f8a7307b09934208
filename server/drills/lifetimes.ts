import type { Clock, TimerHandle } from '../clock';
import type { Logger } from '../log';
import { FencedError, type DrillRecord, type Store } from '../store/store';
import type { LiveDrill } from './live-drill';
import { durationInWords, EVICT_AFTER_MS, expiredMessage } from './registry-types';

/** What the lifetimes need of the registry that keeps the drills. */
export interface LifetimeHost {
  clock: Clock;
  store: Store;
  logger: Logger;
  /** Wall ms a drill may wait in the lobby. */
  lobbyTtl: number;
  /** Wall ms an ended drill without sockets stays loaded (default `EVICT_AFTER_MS`). */
  evictAfter?: number;
  /** Whether the registry serves this very drill now (not another load of it, not nothing). */
  serving(live: LiveDrill): boolean;
  /** Whether sockets are in the drill. */
  inUse(drillId: string): boolean;
  /** Stops serving the drill here (it stays in the store). */
  untrack(live: LiveDrill): void;
  /** Lets go of the drill's lease (so another node, or a later load, may take it). */
  release(drillId: string): Promise<void>;
}

/**
 * How long the registry keeps a drill nobody needs, with one timer per drill on the registry's clock:
 * - a drill waiting in the **lobby** longer than `lobbyTtl` after its creation **expires**: it is retired in the
 *   store (never replayed again) and no longer served;
 * - an **ended** drill that has had no socket for `evictAfter` is **unloaded**: its timers and lease are released
 *   and the store keeps everything, so the next request loads it again.
 */
export class DrillLifetimes {
  /** Eviction timers of ended drills nobody is connected to. */
  private readonly evictions = new Map<string, TimerHandle>();
  /** Expiry timers of drills in the lobby. */
  private readonly expiries = new Map<string, TimerHandle>();

  constructor(private readonly host: LifetimeHost) {}

  /** Wall ms a drill may wait in the lobby. */
  get lobbyTtl(): number {
    return this.host.lobbyTtl;
  }

  /** Retires a lobby drill whose time limit has passed (before it is loaded); true if it did. */
  async expireIfDue(record: DrillRecord): Promise<boolean> {
    const { clock, store, logger, lobbyTtl } = this.host;
    if (record.status !== 'lobby' || record.retired || clock.now() < record.createdAt + lobbyTtl) return false;
    const retired = { kind: 'expired' as const, at: clock.now(), reason: expiredMessage(lobbyTtl) };
    try {
      store.updateDrill(record.id, { retired });
      await store.commit(record.id);
    } catch (error) {
      logger.error(`drill ${record.id}: could not be marked expired: ${(error as Error).message}`);
      return true; // not served either way; the next start tries again
    }
    record.retired = retired;
    logger.info(`drill ${record.id} expired: never started within ${durationInWords(lobbyTtl)} of its creation`);
    await this.host.release(record.id);
    return true;
  }

  /** Arms the lobby time limit of a loaded drill: when it passes and the drill still has not started, it is retired. */
  armExpiry(live: LiveDrill): void {
    const { clock, store, logger, lobbyTtl } = this.host;
    this.clearExpiry(live.id);
    const due = live.record.createdAt + lobbyTtl - clock.now();
    this.expiries.set(live.id, clock.setTimeout(() => {
      this.expiries.delete(live.id);
      live.exclusive(
        (turn) => {
          if (turn.state.status !== 'lobby') return false;
          store.updateDrill(live.id, { retired: { kind: 'expired', at: turn.wall, reason: expiredMessage(lobbyTtl) } });
          return true;
        },
        (expired) => {
          if (!expired || !this.host.serving(live)) return;
          this.host.untrack(live);
          logger.info(`drill ${live.id} expired: never started within ${durationInWords(lobbyTtl)} of its creation`);
        },
      ).then(
        async (expired) => {
          if (!expired) return;
          await live.close();
          await this.host.release(live.id);
        },
        (error: unknown) => {
          if (!(error instanceof FencedError)) logger.error(`drill ${live.id}: expiring it failed: ${String(error)}`);
        },
      );
    }, Math.max(0, due)));
  }

  clearExpiry(id: string): void {
    this.cancel(this.expiries, id);
  }

  /**
   * (Re)starts the grace period of an ended drill without sockets; when it runs out and that still holds,
   * the drill is dropped from memory and closed (which releases its timers and its lease). A later `get` loads it
   * again.
   */
  considerEviction(live: LiveDrill): void {
    const { clock, logger } = this.host;
    const evictAfter = this.host.evictAfter ?? EVICT_AFTER_MS;
    this.cancel(this.evictions, live.id);
    const idle = () => live.state.status === 'ended' && !this.host.inUse(live.id) && this.host.serving(live);
    if (!idle()) return;
    this.evictions.set(live.id, clock.setTimeout(() => {
      this.evictions.delete(live.id);
      if (!idle()) return;
      this.host.untrack(live);
      live.close().then(
        async () => {
          await this.host.release(live.id);
          logger.info(`drill ${live.id} unloaded: ended, no sockets for ${Math.round(evictAfter / 1000)} s`);
        },
        (error: unknown) => logger.error(`drill ${live.id}: unloading failed: ${String(error)}`),
      );
    }, evictAfter));
  }

  /** The drill is no longer served here: neither timer may fire for it. */
  forget(id: string): void {
    this.cancel(this.expiries, id);
    this.cancel(this.evictions, id);
  }

  /** Every timer stops (the server is shutting down). */
  close(): void {
    for (const timer of [...this.evictions.values(), ...this.expiries.values()]) this.host.clock.clearTimeout(timer);
    this.evictions.clear();
    this.expiries.clear();
  }

  /** Stops the drill's timer in `timers` (expiries or evictions), if it has one. */
  private cancel(timers: Map<string, TimerHandle>, id: string): void {
    const timer = timers.get(id);
    if (timer) this.host.clock.clearTimeout(timer);
    timers.delete(id);
  }
}
