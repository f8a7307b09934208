import { Drill, ENGINE_VERSION } from '../../shared/drill/drill';
import type { DrillEvent } from '../../shared/drill/events';
import type { CreateDrillResponse } from '../../shared/protocol/messages';
import type { Scenario } from '../../shared/scenario/schema';
import { hashSecret, normalizeJoinCode } from '../ids';
import { FencedError, type DrillRecord } from '../store/store';
import { LocalOwnership, type Ownership } from '../cluster/ownership';
import { CheckpointBatcher } from './checkpoints';
import { NotSavedError } from '../store/group-commit';
import { DrillLifetimes } from './lifetimes';
import { LiveDrill, type LiveDrillDeps } from './live-drill';
import { rebuildStored } from './rebuild';
import { restoreLiveDrills } from './restore';
import { SnapshotKeeper } from './snapshots';

import {
  expiredMessage, LOBBY_TTL_MS, READ_ONLY_MESSAGE, UNAVAILABLE_MESSAGE,
  type Location, type Quarantine, type Refusal, type RegistryDeps, type Restored,
} from './registry-types';

// Its constants and types live in registry-types.ts; importers keep importing them from here.
export * from './registry-types';

/**
 * The drills this node is playing, one `LiveDrill` each. Drills that were live when the server stopped are restored
 * by `restoreAll`; ended drills are loaded from the store when someone asks for them (views, hot-wash action items,
 * rejoins) and unloaded again once they have had no socket for `evictAfter` (their timers released; the store keeps
 * everything, so the next `get` loads them again).
 *
 * A drill is loaded only by its **owner** (`ownership`): on one node that is always this one; on several, the node
 * that holds the drill's lease. `locate` says where a drill is served, taking the lease when it is free (a drill
 * nobody runs, or whose owner died); a lease this node loses (renewal failed, or a write was fenced) drops the drill
 * at once, without writing anything more.
 *
 * The stored log is the truth: a drill whose log does not replay to the same events is **quarantined** (not
 * served, answered `unavailable`), never rewritten; so is one whose store failed while it ran. A drill that waits
 * in the lobby longer than `lobbyTtl` expires (retired in the store, never replayed again).
 */
export class DrillRegistry {
  private readonly drills = new Map<string, LiveDrill>();
  /** Loads under way (two requests for an unloaded drill share one load). */
  private readonly loading = new Map<string, Promise<Location>>();
  /** Drills not served until a restart, and why. */
  private readonly quarantined = new Map<string, Quarantine>();
  /** The lobby time limit and the unloading of ended drills nobody is in (server/drills/lifetimes.ts). */
  private readonly lifetimes: DrillLifetimes;
  /** Whether sockets are in a drill (set by the socket layer); without it, no drill has sockets. */
  private inUse: (drillId: string) => boolean = () => false;
  /** One timer and one write a second for the clocks of all running drills (in the store's batch of that turn). */
  readonly checkpoints: CheckpointBatcher;
  /** Snapshots of the drills that change, so that a restore replays only the events after the latest one. */
  readonly snapshots: SnapshotKeeper;
  /** How the drills loaded so far were rebuilt: from a snapshot plus the events after it, or by replaying the whole log. */
  readonly rebuilt = { fromSnapshot: 0, fullReplay: 0 };
  readonly ownership: Ownership;
  private readonly liveDeps: LiveDrillDeps;
  /** Called with every drill the registry starts tracking (created, restored or loaded again). */
  private readonly trackers = new Set<(live: LiveDrill) => void>();
  /** Called with every drill the registry stops serving (unloaded, quarantined, expired, owned elsewhere now). */
  private readonly untrackers = new Set<(live: LiveDrill) => void>();
  private closing = false;

  constructor(private readonly deps: RegistryDeps) {
    const { store, clock, logger } = deps;
    this.ownership = deps.ownership ?? new LocalOwnership();
    this.checkpoints = new CheckpointBatcher({ store, clock, logger, interval: deps.checkpointInterval });
    this.snapshots = new SnapshotKeeper({ store, clock, logger, ...deps.snapshots });
    this.checkpoints.onTick(() => void this.snapshots.tick());
    this.liveDeps = {
      store, clock, logger, checkpoints: this.checkpoints, snapshots: this.snapshots,
      broken: (live, reason) => this.broken(live, reason),
      fenced: (live) => this.moved(live),
    };
    this.lifetimes = new DrillLifetimes({
      clock, store, logger, lobbyTtl: deps.lobbyTtl ?? LOBBY_TTL_MS, ...(deps.evictAfter !== undefined ? { evictAfter: deps.evictAfter } : {}),
      serving: (live) => this.drills.get(live.id) === live,
      inUse: (id) => this.inUse(id),
      untrack: (live) => this.untrack(live),
      release: (id) => this.ownership.release(id),
    });
    this.ownership.onLost((id) => {
      const live = this.drills.get(id);
      if (live) live.stepDownFor(new FencedError(id, `drill ${id}: its lease was taken over by another node`));
      else this.quarantined.delete(id);
    });
  }

  /** Tells the registry which drills have sockets: those are never unloaded. */
  setInUse(inUse: (drillId: string) => boolean): void {
    this.inUse = inUse;
  }

  /** Hears about every drill loaded from now on, and at once about those already loaded. */
  onTrack(tracker: (live: LiveDrill) => void): void {
    this.trackers.add(tracker);
    for (const live of this.drills.values()) tracker(live);
  }

  /** Hears about every drill this node stops serving. */
  onUntrack(listener: (live: LiveDrill) => void): void {
    this.untrackers.add(listener);
  }

  /** Whether the drill is in memory now (for tests and diagnostics; `get` loads it when it is not). */
  isLoaded(id: string): boolean {
    return this.drills.has(id);
  }

  /** The drill if it is in memory now (never loads). */
  loaded(id: string): LiveDrill | undefined {
    return this.drills.get(id);
  }

  /** How many drills this node serves now. */
  get size(): number {
    return this.drills.size;
  }

  /**
   * The socket layer says the drill's last socket is gone (left, or its recovery window passed): an ended
   * drill is unloaded `evictAfter` from now unless someone comes back meanwhile.
   */
  released(id: string): void {
    const live = this.drills.get(id);
    if (live) this.lifetimes.considerEviction(live);
  }

  /**
   * Creates a drill in the lobby, owned by this node. The returned secrets exist only in this answer: the store
   * keeps hashes, and the drill is committed before they are returned.
   */
  async create(scenario: Scenario, title?: string): Promise<{ live: LiveDrill; secrets: CreateDrillResponse }> {
    const { ids, store, clock } = this.deps;
    for (let attempt = 0; ; attempt++) {
      const secrets: CreateDrillResponse = { drillId: ids.drillId(), joinCode: await this.freeJoinCode(), facilitatorKey: ids.secret(), observerKey: ids.secret() };
      const now = clock.now();
      const record: DrillRecord = {
        id: secrets.drillId, scenarioId: scenario.id, scenario, title: title ?? scenario.title, joinCode: secrets.joinCode,
        facilitatorKeyHash: hashSecret(secrets.facilitatorKey), observerKeyHash: hashSecret(secrets.observerKey),
        createdAt: now, status: 'lobby', clock: { t: 0, wall: now, speed: 1 }, engineVersion: ENGINE_VERSION,
      };
      try {
        // With the lease row (several nodes): the node that creates a drill owns it.
        store.createDrill(record);
        // The answer carries the only copy of the keys: the drill is committed (with whatever else the open batch
        // holds) before it is given.
        await store.commit(record.id);
      } catch (error) {
        this.ownership.forget(record.id);
        // Another node took the same join code a moment ago (PostgreSQL refuses it at commit): another code.
        if (attempt < 3 && joinCodeClash(error)) continue;
        throw error;
      }
      this.ownership.adopt(record.id, 1);
      let sink: (event: DrillEvent) => void = () => {};
      const drill = new Drill(scenario, { journal: (event) => sink(event) });
      const live = new LiveDrill(record, drill, (journal) => { sink = journal; }, 0, this.liveDeps);
      this.track(live);
      return { live, secrets };
    }
  }

  /** Whether the drill exists but is quarantined (found at start, on the first `get`, or while it ran) until a restart. */
  isUnavailable(id: string): boolean {
    return this.quarantined.has(id);
  }

  /** Why the drill is quarantined, if it is. */
  quarantineOf(id: string): Quarantine | undefined {
    return this.quarantined.get(id);
  }

  /**
   * What to answer for a drill that `get` did not return although it may exist: quarantined or kept read-only
   * (`unavailable`, 503), expired in the lobby (`not-found`, 404, saying so); undefined for an unknown drill.
   */
  async refusal(id: string): Promise<Refusal | undefined> {
    if (this.quarantined.has(id)) return { code: 'unavailable', status: 503, message: UNAVAILABLE_MESSAGE };
    const retired = this.drills.has(id) ? undefined : (await this.deps.store.getDrill(id))?.retired;
    if (retired?.kind === 'read-only') return { code: 'unavailable', status: 503, message: READ_ONLY_MESSAGE };
    if (retired?.kind === 'expired') return { code: 'not-found', status: 404, message: expiredMessage(this.lifetimes.lobbyTtl) };
    return undefined;
  }

  /**
   * The drill with this id if this node serves it, loading it from the store if needed (and this node may own it);
   * undefined if unknown, quarantined, retired or owned by another node (`locate` says which). Throws
   * `NotSavedError` when loading it needed a commit that failed.
   */
  async get(id: string): Promise<LiveDrill | undefined> {
    const location = await this.locate(id);
    return location.kind === 'here' ? location.live : undefined;
  }

  /**
   * Where the drill is served: here (loaded, or loaded now that this node took its free lease), on another node,
   * refused (quarantined, read-only, expired), or unknown. Throws `NotSavedError` when loading it needed a commit
   * that failed.
   */
  locate(id: string): Promise<Location> {
    const loaded = this.drills.get(id);
    if (loaded) return Promise.resolve({ kind: 'here', live: loaded });
    const quarantine = this.quarantined.get(id);
    if (quarantine) return Promise.resolve({ kind: 'refused', refusal: { code: 'unavailable', status: 503, message: UNAVAILABLE_MESSAGE } });
    let pending = this.loading.get(id);
    if (!pending) {
      pending = this.claimAndLoad(id).finally(() => this.loading.delete(id));
      this.loading.set(id, pending);
    }
    return pending;
  }

  /** The id of the joinable (not ended, not retired) drill with this code; `locate` it (it may be quarantined). */
  async idByJoinCode(code: string): Promise<string | undefined> {
    return (await this.deps.store.findLiveDrillByJoinCode(normalizeJoinCode(code)))?.id;
  }

  /**
   * Restores every drill that was live when the server stopped (that this node may own) and restarts its clock,
   * several at a time: each is loaded through `locate`, so a request for one of them meanwhile (a rejoin) waits
   * for that drill only, and one load serves both. Each drill's regenerated events are committed before it is
   * served or resumes. Never fails because of one drill: a drill whose log does not replay is quarantined, one that
   * fails to resume too, and the others are served. Resolves once every drill is back (or refused).
   */
  restoreAll(): Promise<Restored> {
    return restoreLiveDrills(this, this.deps.store, this.deps.logger);
  }

  /**
   * Takes over live drills nobody holds a lease on (their owner died, was cut off, or shut down): each is restored
   * here by replay, as a restart does. Several nodes: called every fraction of a lease; one node wins each drill.
   * Returns the drills taken over.
   */
  async adoptOrphans(): Promise<string[]> {
    if (!this.ownership.shared || this.closing) return [];
    const taken: string[] = [];
    for (const id of await this.ownership.orphans()) {
      if (this.closing) break;
      const location = await this.locate(id).catch((error: unknown) => {
        this.deps.logger.warn(`drill ${id}: could not take it over: ${String(error)}`);
        return undefined;
      });
      if (location?.kind === 'here') taken.push(id);
    }
    return taken;
  }

  /**
   * Stops every drill's timers after its queued work, saves the running drills' clocks together (committed before
   * it returns) and releases their leases, so that other nodes take them over at once.
   */
  async close(): Promise<void> {
    this.closing = true;
    this.lifetimes.close();
    await Promise.allSettled([...this.loading.values()]);
    const drills = [...this.drills.values()];
    const clocks = await Promise.all(drills.map((live) => live.close()));
    this.checkpoints.write(drills.map((live, i) => [live, clocks[i]] as const));
    this.checkpoints.close();
    this.snapshots.close();
    this.drills.clear();
    try {
      await this.deps.store.commit();
    } catch (error) {
      this.deps.logger.error(`the drill clocks could not be saved on shutdown: ${(error as Error).message}`);
    }
    await Promise.all([...drills.map((live) => live.id), ...this.quarantined.keys()].map((id) => this.ownership.release(id)));
    await this.ownership.close();
  }

  /** Takes the drill's lease when it is free (or keeps it), then loads the drill here. */
  private async claimAndLoad(id: string): Promise<Location> {
    const claim = await this.ownership.acquire(id);
    if (claim.kind === 'held') return { kind: 'elsewhere', holder: claim.holder, expiresInMs: claim.expiresInMs };
    if (claim.kind === 'unknown') return { kind: 'unknown' };
    const record = await this.deps.store.getDrill(id);
    const refuse = async (): Promise<Location> => {
      await this.ownership.release(id);
      const refusal = await this.refusal(id);
      return refusal ? { kind: 'refused', refusal } : { kind: 'unknown' };
    };
    if (!record || record.retired || (await this.lifetimes.expireIfDue(record))) return refuse();
    let live: LiveDrill | undefined;
    try {
      live = await this.load(record);
      if (live) await this.deps.store.commit(live.id);
    } catch (error) {
      if (live) this.untrack(live);
      await this.ownership.release(id);
      throw error;
    }
    if (!live) return { kind: 'refused', refusal: { code: 'unavailable', status: 503, message: UNAVAILABLE_MESSAGE } };
    if (live.state.status !== 'ended') {
      live.resume().catch((error: unknown) => this.resumeFailed(live, error));
    } else {
      this.lifetimes.considerEviction(live);
    }
    return { kind: 'here', live };
  }

  /**
   * Rebuilds a stored drill (`rebuildStored`: from its snapshot or by replay, writing only what the replay
   * regenerated) and tracks it; the caller commits before serving it. A log that does not replay to the same events
   * quarantines the drill.
   */
  private async load(record: DrillRecord): Promise<LiveDrill | undefined> {
    const { logger } = this.deps;
    try {
      const rebuilt = await rebuildStored(record, this.deps.store, logger);
      if (rebuilt.kind === 'quarantine') {
        this.quarantine(record.id, rebuilt.quarantine, rebuilt.detail);
        return undefined;
      }
      const { replayed, t } = rebuilt;
      this.rebuilt[rebuilt.fromSnapshot ? 'fromSnapshot' : 'fullReplay']++;
      const live = new LiveDrill(record, replayed.drill, replayed.attach, t, this.liveDeps);
      this.track(live);
      const state = replayed.drill.state;
      this.snapshots.loaded(live, state.seq, state.status);
      if (state.status !== 'ended') logger.info(`drill ${record.id}: resumes at drill time ${t} ms (${state.status}; checkpoint ${record.clock.t} ms, last event ${replayed.drill.now} ms)${this.ownership.shared ? ` on ${this.ownership.node}` : ''}`);
      return live;
    } catch (error) {
      // A commit that failed is the disk, not the log: nothing is kept, and the next request tries again.
      if (error instanceof NotSavedError) throw error;
      this.quarantine(record.id, { reason: `its log does not replay: ${(error as Error).message}` });
      return undefined;
    }
  }

  /** Takes a drill out of service until a restart, saying so once in the log. Nothing stored is changed. */
  private quarantine(id: string, quarantine: Quarantine, detail = ''): void {
    this.quarantined.set(id, quarantine);
    this.deps.logger.error(
      `drill ${id}: quarantined, ${quarantine.reason}. It is not served (answered 'unavailable') and its stored log is kept as it is; ` +
      `the other drills are served. Run \`npm run firedrill -- doctor ${id}\` for the options.${detail}`,
    );
  }

  /** A loaded drill failed to start its clock: quarantined, the others carry on (unless it moved to another node). */
  private resumeFailed(live: LiveDrill, error: unknown): void {
    this.untrack(live);
    void live.close().catch(() => undefined);
    if (error instanceof FencedError || live.stepped) return;
    if (!this.quarantined.has(live.id)) this.quarantine(live.id, { reason: `it failed to resume: ${error instanceof Error ? error.message : String(error)}` });
  }

  /** The drill's store failed while it ran (`LiveDrill` gave up on it): quarantined like a log that does not replay. */
  private broken(live: LiveDrill, reason: string): void {
    if (this.drills.get(live.id) !== live) return;
    this.untrack(live);
    this.quarantine(live.id, { reason });
  }

  /** Another node owns the drill now: forget it here (its lease is not renewed; nothing more is written). */
  private moved(live: LiveDrill): void {
    this.ownership.forget(live.id);
    if (this.drills.get(live.id) !== live) return;
    this.untrack(live);
    void live.close().catch(() => undefined);
  }

  /** Keeps `live` in memory and watches for its end (an ended drill may be unloaded) and for its start. */
  private track(live: LiveDrill): void {
    this.drills.set(live.id, live);
    if (live.state.status === 'lobby') this.lifetimes.armExpiry(live);
    for (const tracker of this.trackers) tracker(live);
    live.onBatch((batch) => {
      if (batch.after.status !== 'lobby') this.lifetimes.clearExpiry(live.id);
      if (batch.after.status === 'ended' && batch.before.status !== 'ended') this.lifetimes.considerEviction(live);
    });
  }

  /** Stops serving `live` here (it stays in the store). */
  private untrack(live: LiveDrill): void {
    if (this.drills.get(live.id) !== live) return;
    this.drills.delete(live.id);
    this.snapshots.forget(live.id);
    this.lifetimes.forget(live.id);
    for (const listener of this.untrackers) listener(live);
  }

  private async freeJoinCode(): Promise<string> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const code = normalizeJoinCode(this.deps.ids.joinCode());
      if (!(await this.deps.store.findLiveDrillByJoinCode(code))) return code;
    }
    throw new Error('could not find a free join code; too many live drills for the code space or a broken id generator');
  }
}

/** Whether a drill could not be created because a live drill took its join code meanwhile. */
function joinCodeClash(error: unknown): boolean {
  const cause = error instanceof NotSavedError ? error.cause : error;
  return /join_code/.test(String((cause as { constraint?: string })?.constraint ?? '')) || /UNIQUE constraint failed: drills\.join_code/.test(String((cause as Error)?.message));
}
