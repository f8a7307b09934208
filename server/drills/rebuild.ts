import { ENGINE_VERSION } from '../../shared/drill/drill';
import type { Logger } from '../log';
import type { DrillRecord, Store } from '../store/store';
import type { Quarantine } from './registry-types';
import { canonical } from '../../shared/json';
import { replayStored, type Replayed } from './replay';
import { replayFromSnapshot } from './snapshots';

/** A stored drill rebuilt for serving, or why it must not be served (with detail for the log). */
export type Rebuilt =
  | { kind: 'rebuilt'; replayed: Replayed; fromSnapshot: boolean; t: number }
  | { kind: 'quarantine'; quarantine: Quarantine; detail?: string };

/**
 * Rebuilds a stored drill from its latest snapshot and the events after it, or by replaying its whole log, for the
 * registry to serve. Only what the replay regenerates beyond the stored log (events lost in a crash before anyone
 * saw them) and a corrected status or engine version are written, in one unit of the store's current batch, never
 * a change to a stored event; the caller commits before serving the drill.
 *
 * A log written by a newer engine, or that does not replay to the same events, comes back as a quarantine. Throws
 * what the replay or the store threw (a `NotSavedError` is the disk, not the log).
 */
export async function rebuildStored(record: DrillRecord, store: Store, logger: Logger): Promise<Rebuilt> {
  if (record.engineVersion > ENGINE_VERSION) {
    return { kind: 'quarantine', quarantine: { reason: `its log was written by a newer Firedrill (engine ${record.engineVersion}; this server runs engine ${ENGINE_VERSION})` } };
  }
  const [stored, saved] = await Promise.all([store.events(record.id), store.snapshot(record.id).catch((error: unknown) => error as Error)]);
  const fromSnapshot = replayFromSnapshot(record, stored, saved, logger);
  const replayed = fromSnapshot ?? replayStored(record.scenario, stored);
  if (replayed.divergence) {
    const { seq, stored: was, regenerated: now } = replayed.divergence;
    return {
      kind: 'quarantine',
      quarantine: { seq, reason: `REPLAY MISMATCH at seq ${seq}: replaying the stored inputs does not reproduce the stored log` },
      detail: `\n  stored:      ${canonical(was)}\n  regenerated: ${canonical(now)}`,
    };
  }
  if (replayed.regenerated.length > stored.length) {
    logger.warn(`drill ${record.id}: replay regenerated ${replayed.regenerated.length - stored.length} event(s) lost in a crash before anyone saw them`);
  }
  store.transaction(() => {
    for (const event of replayed.regenerated.slice(stored.length)) store.appendEvent(record.id, event);
    const state = replayed.drill.state;
    if (state.status !== record.status) {
      store.updateDrill(record.id, { status: state.status });
      record.status = state.status;
    }
    // From now on this engine writes to the log: an older server must not replay it.
    if (state.status !== 'ended' && record.engineVersion < ENGINE_VERSION) {
      logger.info(`drill ${record.id}: written by engine ${record.engineVersion}, replays the same on engine ${ENGINE_VERSION}`);
      store.updateDrill(record.id, { engineVersion: ENGINE_VERSION });
      record.engineVersion = ENGINE_VERSION;
    }
  });
  // Resume where drill time stood at the last checkpoint (or the last event): downtime does not count.
  const t = Math.max(record.clock.t, replayed.drill.now);
  return { kind: 'rebuilt', replayed, fromSnapshot: fromSnapshot !== undefined, t };
}
