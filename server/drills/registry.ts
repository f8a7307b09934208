import { Drill } from '../../shared/drill/drill';
import type { DrillEvent } from '../../shared/drill/events';
import type { CreateDrillResponse } from '../../shared/protocol/messages';
import type { Scenario } from '../../shared/scenario/schema';
import type { Clock, TimerHandle } from '../clock';
import { hashSecret, normalizeJoinCode, type Ids } from '../ids';
import type { Logger } from '../log';
import type { DrillRecord, Store } from '../store/store';
import { CheckpointBatcher } from './checkpoints';
import { NotSavedError } from '../store/group-commit';
import { LiveDrill, type LiveDrillDeps } from './live-drill';
import { canonical, replayStored } from './replay';

/** What HTTP and socket replies say about a drill whose log does not replay (code `unavailable`, HTTP 503). */
export const UNAVAILABLE_MESSAGE = 'This drill could not be restored from its log; see the server log.';

/** How long an ended drill without sockets stays in memory (wall ms) before it is unloaded. */
export const EVICT_AFTER_MS = 10 * 60_000;

export interface RegistryDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  ids: Ids;
  /** Wall ms an ended drill with no sockets is kept loaded; default `EVICT_AFTER_MS`. */
  evictAfter?: number;
  /** Wall ms between batched clock checkpoints of the running drills; default `CHECKPOINT_INTERVAL_MS` (1 s). */
  checkpointInterval?: number;
}

/**
 * Every drill the server is playing, one `LiveDrill` each. Drills that were live when the server stopped
 * are restored by `restoreAll`; ended drills are loaded from the store when someone asks for them (views,
 * hot-wash action items, rejoins) and unloaded again once they have had no socket for `evictAfter`
 * (their timers released; the store keeps everything, so the next `get` loads them again).
 */
export class DrillRegistry {
  private readonly drills = new Map<string, LiveDrill>();
  /** Drills whose log failed to replay: not served, reported once. */
  private readonly unavailable = new Set<string>();
  /** Eviction timers of ended drills nobody is connected to. */
  private readonly evictions = new Map<string, TimerHandle>();
  /** Whether sockets are in a drill (set by the socket layer); without it, no drill has sockets. */
  private inUse: (drillId: string) => boolean = () => false;
  /** One timer and one write a second for the clocks of all running drills (in the store's batch of that turn). */
  readonly checkpoints: CheckpointBatcher;
  private readonly liveDeps: LiveDrillDeps;
  /** Called with every drill the registry starts tracking (created, restored or loaded again). */
  private readonly trackers = new Set<(live: LiveDrill) => void>();

  constructor(private readonly deps: RegistryDeps) {
    const { store, clock, logger } = deps;
    this.checkpoints = new CheckpointBatcher({ store, clock, logger, interval: deps.checkpointInterval });
    this.liveDeps = { store, clock, logger, checkpoints: this.checkpoints };
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

  /** Whether the drill is in memory now (for tests and diagnostics; `get` loads it when it is not). */
  isLoaded(id: string): boolean {
    return this.drills.has(id);
  }

  /**
   * The socket layer says the drill's last socket is gone (left, or its recovery window passed): an ended
   * drill is unloaded `evictAfter` from now unless someone comes back meanwhile.
   */
  released(id: string): void {
    const live = this.drills.get(id);
    if (live) this.considerEviction(live);
  }

  /** Creates a drill in the lobby. The returned secrets exist only in this answer: the store keeps hashes. */
  create(scenario: Scenario, title?: string): { live: LiveDrill; secrets: CreateDrillResponse } {
    const { ids, store, clock } = this.deps;
    const secrets: CreateDrillResponse = { drillId: ids.drillId(), joinCode: this.freeJoinCode(), facilitatorKey: ids.secret(), observerKey: ids.secret() };
    const now = clock.now();
    const record: DrillRecord = {
      id: secrets.drillId, scenarioId: scenario.id, scenario, title: title ?? scenario.title, joinCode: secrets.joinCode,
      facilitatorKeyHash: hashSecret(secrets.facilitatorKey), observerKeyHash: hashSecret(secrets.observerKey),
      createdAt: now, status: 'lobby', clock: { t: 0, wall: now, speed: 1 },
    };
    store.createDrill(record);
    // The answer carries the only copy of the keys: the drill is committed (with whatever else the open batch
    // holds) before it is given.
    store.commit();
    let sink: (event: DrillEvent) => void = () => {};
    const drill = new Drill(scenario, { journal: (event) => sink(event) });
    const live = new LiveDrill(record, drill, (journal) => { sink = journal; }, 0, this.liveDeps);
    this.track(live);
    return { live, secrets };
  }

  /**
   * Whether the drill exists but is not served because its stored log did not replay (found at start or on
   * the first `get`; logged then). Lasts until a restart.
   */
  isUnavailable(id: string): boolean {
    return this.unavailable.has(id);
  }

  /**
   * The drill with this id, loading it from the store if needed; undefined if unknown or unavailable. Throws
   * `NotSavedError` when loading it needed a commit that failed.
   */
  get(id: string): LiveDrill | undefined {
    const loaded = this.drills.get(id);
    if (loaded || this.unavailable.has(id)) return loaded;
    const record = this.deps.store.getDrill(id);
    const live = record && this.load(record, true);
    if (live && live.state.status !== 'ended') {
      live.resume().catch((error: unknown) => this.deps.logger.error(`drill ${id}: resume failed: ${String(error)}`));
    } else if (live) {
      this.considerEviction(live);
    }
    return live;
  }

  /** The id of the joinable (not ended) drill with this code; `get` it (it may be unavailable). */
  idByJoinCode(code: string): string | undefined {
    return this.deps.store.findLiveDrillByJoinCode(normalizeJoinCode(code))?.id;
  }

  /**
   * Restores every drill that was live when the server stopped and restarts its clock. What the replays
   * regenerate is committed together before any drill resumes; the drills then catch up with their clocks
   * together (one commit for all of them).
   */
  async restoreAll(): Promise<{ restored: string[]; failed: string[] }> {
    const restored: LiveDrill[] = [];
    const failed: string[] = [];
    for (const record of this.deps.store.listLiveDrills()) {
      const live = this.drills.get(record.id) ?? this.load(record, false);
      if (live) restored.push(live);
      else failed.push(record.id);
    }
    this.deps.store.commit();
    await Promise.all(restored.map((live) => live.resume()));
    return { restored: restored.map((live) => live.id), failed };
  }

  /** Stops every drill's timers after its queued work, and saves the running drills' clocks together (committed before it returns). */
  async close(): Promise<void> {
    for (const timer of this.evictions.values()) this.deps.clock.clearTimeout(timer);
    this.evictions.clear();
    const drills = [...this.drills.values()];
    const clocks = await Promise.all(drills.map((live) => live.close()));
    this.checkpoints.write(drills.map((live, i) => [live, clocks[i]] as const));
    this.checkpoints.close();
    this.drills.clear();
    try {
      this.deps.store.commit();
    } catch (error) {
      this.deps.logger.error(`the drill clocks could not be saved on shutdown: ${(error as Error).message}`);
    }
  }

  /**
   * Rebuilds a stored drill by replay and tracks it. What the replay regenerates (and a corrected status) is
   * written before the drill is served; with `commit` it is committed at once (a failing commit throws
   * `NotSavedError` and loads nothing), otherwise the caller commits before serving it.
   */
  private load(record: DrillRecord, commit: boolean): LiveDrill | undefined {
    const { store, logger } = this.deps;
    try {
      const stored = store.events(record.id);
      const replayed = replayStored(record.scenario, stored);
      if (replayed.divergence) {
        const { seq, stored: was, regenerated: now } = replayed.divergence;
        logger.error(
          `drill ${record.id}: REPLAY MISMATCH at seq ${seq}: the stored log and the replay differ; continuing with the replay ` +
          `and rewriting the stored log from seq ${seq}.\n  stored:      ${canonical(was)}\n  regenerated: ${canonical(now)}`,
        );
      } else if (replayed.regenerated.length > stored.length) {
        logger.warn(`drill ${record.id}: replay regenerated ${replayed.regenerated.length - stored.length} event(s) lost in a crash before anyone saw them`);
      }
      const keep = replayed.divergence ? replayed.divergence.seq - 1 : stored.length;
      store.transaction(() => {
        if (keep < stored.length) store.truncateEvents(record.id, keep);
        for (const event of replayed.regenerated.slice(keep)) store.appendEvent(record.id, event);
      });
      const state = replayed.drill.state;
      if (state.status !== record.status) {
        store.updateDrill(record.id, { status: state.status });
        record.status = state.status;
      }
      if (commit) store.commit();
      // Resume where drill time stood at the last checkpoint (or the last event): downtime does not count.
      const t = Math.max(record.clock.t, replayed.drill.now);
      const live = new LiveDrill(record, replayed.drill, replayed.attach, t, this.liveDeps);
      this.track(live);
      return live;
    } catch (error) {
      // A commit that failed is the disk, not the log: nothing is kept, and the next request tries again.
      if (error instanceof NotSavedError) throw error;
      this.unavailable.add(record.id);
      logger.error(`drill ${record.id}: cannot be restored, its log does not replay: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** Keeps `live` in memory and watches for its end (an ended drill may be unloaded). */
  private track(live: LiveDrill): void {
    this.drills.set(live.id, live);
    for (const tracker of this.trackers) tracker(live);
    live.onBatch((batch) => {
      if (batch.after.status === 'ended' && batch.before.status !== 'ended') this.considerEviction(live);
    });
  }

  /**
   * (Re)starts the grace period of an ended drill without sockets; when it runs out and that still holds,
   * the drill is dropped from memory and closed (which releases its timers). A later `get` loads it again.
   */
  private considerEviction(live: LiveDrill): void {
    const { clock, logger } = this.deps;
    const pending = this.evictions.get(live.id);
    if (pending) clock.clearTimeout(pending);
    this.evictions.delete(live.id);
    if (live.state.status !== 'ended' || this.inUse(live.id) || this.drills.get(live.id) !== live) return;
    this.evictions.set(live.id, clock.setTimeout(() => {
      this.evictions.delete(live.id);
      if (live.state.status !== 'ended' || this.inUse(live.id) || this.drills.get(live.id) !== live) return;
      this.drills.delete(live.id);
      live.close().then(
        () => logger.info(`drill ${live.id} unloaded: ended, no sockets for ${Math.round((this.deps.evictAfter ?? EVICT_AFTER_MS) / 1000)} s`),
        (error: unknown) => logger.error(`drill ${live.id}: unloading failed: ${String(error)}`),
      );
    }, this.deps.evictAfter ?? EVICT_AFTER_MS));
  }

  private freeJoinCode(): string {
    for (let attempt = 0; attempt < 50; attempt++) {
      const code = normalizeJoinCode(this.deps.ids.joinCode());
      if (!this.deps.store.findLiveDrillByJoinCode(code)) return code;
    }
    throw new Error('could not find a free join code; too many live drills for the code space or a broken id generator');
  }
}
