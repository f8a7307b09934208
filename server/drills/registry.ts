import { Drill } from '../../shared/drill/drill';
import type { DrillEvent } from '../../shared/drill/events';
import type { CreateDrillResponse } from '../../shared/protocol/messages';
import type { Scenario } from '../../shared/scenario/schema';
import { hashSecret, normalizeJoinCode, type Ids } from '../ids';
import type { DrillRecord } from '../store/store';
import { LiveDrill, type LiveDrillDeps } from './live-drill';
import { canonical, replayStored } from './replay';

export interface RegistryDeps extends LiveDrillDeps {
  ids: Ids;
}

/**
 * Every drill the server is playing, one `LiveDrill` each. Drills that were live when the server stopped
 * are restored by `restoreAll`; ended drills are loaded from the store when someone asks for them (views,
 * hot-wash action items, reports).
 */
export class DrillRegistry {
  private readonly drills = new Map<string, LiveDrill>();
  /** Drills whose log failed to replay: not served, reported once. */
  private readonly unavailable = new Set<string>();

  constructor(private readonly deps: RegistryDeps) {}

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
    let sink: (event: DrillEvent) => void = () => {};
    const drill = new Drill(scenario, { journal: (event) => sink(event) });
    const live = new LiveDrill(record, drill, (journal) => { sink = journal; }, 0, this.deps);
    this.drills.set(live.id, live);
    return { live, secrets };
  }

  /** The drill with this id, loading it from the store if needed; undefined if unknown or unavailable. */
  get(id: string): LiveDrill | undefined {
    const loaded = this.drills.get(id);
    if (loaded || this.unavailable.has(id)) return loaded;
    const record = this.deps.store.getDrill(id);
    const live = record && this.load(record);
    if (live && live.state.status !== 'ended') {
      live.resume().catch((error: unknown) => this.deps.logger.error(`drill ${id}: resume failed: ${String(error)}`));
    }
    return live;
  }

  /** The joinable (not ended) drill with this code. */
  byJoinCode(code: string): LiveDrill | undefined {
    const record = this.deps.store.findLiveDrillByJoinCode(normalizeJoinCode(code));
    return record ? this.get(record.id) : undefined;
  }

  /** Restores every drill that was live when the server stopped and restarts its clock. */
  async restoreAll(): Promise<{ restored: string[]; failed: string[] }> {
    const restored: string[] = [];
    const failed: string[] = [];
    for (const record of this.deps.store.listLiveDrills()) {
      const live = this.drills.get(record.id) ?? this.load(record);
      if (!live) {
        failed.push(record.id);
        continue;
      }
      await live.resume();
      restored.push(record.id);
    }
    return { restored, failed };
  }

  /** Stops every drill's timers and saves its clock. */
  async close(): Promise<void> {
    await Promise.all([...this.drills.values()].map((live) => live.close()));
    this.drills.clear();
  }

  private load(record: DrillRecord): LiveDrill | undefined {
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
      // Resume where drill time stood at the last checkpoint (or the last event): downtime does not count.
      const t = Math.max(record.clock.t, replayed.drill.now);
      const live = new LiveDrill(record, replayed.drill, replayed.attach, t, this.deps);
      this.drills.set(record.id, live);
      return live;
    } catch (error) {
      this.unavailable.add(record.id);
      logger.error(`drill ${record.id}: cannot be restored, its log does not replay: ${(error as Error).message}`);
      return undefined;
    }
  }

  private freeJoinCode(): string {
    for (let attempt = 0; attempt < 50; attempt++) {
      const code = normalizeJoinCode(this.deps.ids.joinCode());
      if (!this.deps.store.findLiveDrillByJoinCode(code)) return code;
    }
    throw new Error('could not find a free join code; too many live drills for the code space or a broken id generator');
  }
}
