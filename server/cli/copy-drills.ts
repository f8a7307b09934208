import { isDeepStrictEqual } from 'node:util';
import type { DrillEvent } from '../../shared/drill/events';
import { sameJson } from '../../shared/json';
import { diagnose, summary, type Diagnosis } from './doctor';
import type { DrillRecord, OutboundRecord, ParticipantRecord, Store } from '../store/store';

/**
 * Copying drills from one store to another (`npm run firedrill -- migrate-store`, server/cli/migrate-store.ts):
 * each drill with its whole log (every event as stored: seq, drill time, command id, actor, wall time), its record
 * (key hashes, join code, status, clock checkpoint, engine version, retirement, fork), its seats and its sealed
 * outbound webhook, in one transaction per drill. Nothing is ever rewritten: a drill the target already has is
 * compared, never overwritten.
 */

/** Everything the store holds about one drill. */
export interface DrillCopy {
  drill: DrillRecord;
  events: DrillEvent[];
  participants: ParticipantRecord[];
  outbound?: OutboundRecord;
}

/** Reads all of a drill from a store (undefined: no such drill). */
export async function readDrill(store: Store, id: string): Promise<DrillCopy | undefined> {
  const drill = await store.getDrill(id);
  if (!drill) return undefined;
  const [events, participants, outbound] = await Promise.all([store.events(id), store.participants(id), store.getOutbound(id)]);
  return { drill, events, participants, ...(outbound ? { outbound } : {}) };
}

/** What became of one drill. */
export type DrillOutcome =
  /** Copied and read back identical. `replay`: what replaying the copied log with this engine shows. */
  | { kind: 'copied'; id: string; status: string; live: boolean; events: number; participants: number; outbound: boolean; replay: Diagnosis }
  /** The target already has it, identical (an earlier run copied it). */
  | { kind: 'present'; id: string; events: number }
  /** The target has it with the source's whole log and more: the drill went on there after an earlier run. */
  | { kind: 'continued'; id: string; events: number; targetEvents: number }
  /** The target has a different drill under this id, or the copy could not be written or read back: left as it is. */
  | { kind: 'conflict' | 'failed'; id: string; reason: string };

export interface CopyOptions {
  /** Plan only: read both stores, write nothing. */
  dryRun?: boolean;
  /** Told about each drill as it is done. */
  progress?: (outcome: DrillOutcome, index: number, total: number) => void;
}

/**
 * Copies every drill of `source` into `target`, oldest first (so forks come after their originals), and verifies
 * each copy by reading it back and replaying it. Drills already in `target` are compared, not written. The caller
 * decides whether a non-empty target is acceptable (see the CLI).
 */
export async function copyDrills(source: Store, target: Store, options: CopyOptions = {}): Promise<DrillOutcome[]> {
  const drills = (await source.listDrills()).reverse();
  const outcomes: DrillOutcome[] = [];
  for (const [index, record] of drills.entries()) {
    const outcome = await copyOne(source, target, record.id, options.dryRun ?? false);
    outcomes.push(outcome);
    options.progress?.(outcome, index, drills.length);
  }
  return outcomes;
}

async function copyOne(source: Store, target: Store, id: string, dryRun: boolean): Promise<DrillOutcome> {
  const from = await readDrill(source, id);
  if (!from) return { kind: 'failed', id, reason: 'it disappeared from the source while copying (is a server still using it?)' };
  const existing = await readDrill(target, id);
  if (existing) return compareExisting(from, existing);
  const replay = diagnose(from.drill, from.events);
  const counts = { status: describeStatus(from.drill), live: from.drill.status !== 'ended' && !from.drill.retired, events: from.events.length, participants: from.participants.length, outbound: !!from.outbound };
  if (dryRun) return { kind: 'copied', id, ...counts, replay };
  try {
    target.transaction(() => {
      target.createDrill(from.drill);
      for (const event of from.events) target.appendEvent(id, event);
      for (const seat of from.participants) target.addParticipant(seat);
      if (from.outbound) target.setOutbound(id, from.outbound);
    });
    await target.commit(id);
  } catch (error) {
    return { kind: 'failed', id, reason: `the target refused it, nothing of it was written: ${(error as Error).message}` };
  }
  const back = await readDrill(target, id);
  const difference = back ? differ(from, back) : 'it is not in the target after the commit';
  if (difference) return { kind: 'failed', id, reason: `read back different from the source: ${difference}` };
  const again = diagnose(back!.drill, back!.events);
  if (again.kind !== replay.kind) return { kind: 'failed', id, reason: `replays differently in the target: ${summary(again)} (the source: ${summary(replay)})` };
  return { kind: 'copied', id, ...counts, replay: again };
}

function compareExisting(from: DrillCopy, there: DrillCopy): DrillOutcome {
  const id = from.drill.id;
  const difference = differ(from, there);
  if (!difference) return { kind: 'present', id, events: from.events.length };
  // The drill ran on in the target after an earlier run copied it: the source's log is a prefix of the target's.
  const prefix = there.events.length > from.events.length && from.events.every((e, i) => sameJson(e, there.events[i]));
  const sameDrill = from.drill.createdAt === there.drill.createdAt && from.drill.scenarioId === there.drill.scenarioId;
  if (prefix && sameDrill) return { kind: 'continued', id, events: from.events.length, targetEvents: there.events.length };
  return { kind: 'conflict', id, reason: `the target holds a different drill under this id (${difference}); it was left as it is` };
}

/** The first difference between two copies of a drill, in words; undefined when they are the same. */
export function differ(a: DrillCopy, b: DrillCopy): string | undefined {
  if (!isDeepStrictEqual(a.drill, b.drill)) {
    const fields = (Object.keys({ ...a.drill, ...b.drill }) as (keyof DrillRecord)[]).filter((k) => !isDeepStrictEqual(a.drill[k], b.drill[k]));
    return `drill record differs in ${fields.join(', ')}`;
  }
  if (a.events.length !== b.events.length) return `${a.events.length} events against ${b.events.length}`;
  const at = a.events.findIndex((e, i) => !sameJson(e, b.events[i]));
  if (at >= 0) return `event seq ${a.events[at].seq} differs`;
  if (!isDeepStrictEqual(a.participants, b.participants)) return `${a.participants.length} seats against ${b.participants.length}, or a seat differs`;
  if (!isDeepStrictEqual(a.outbound, b.outbound)) return 'the outbound webhook differs';
  return undefined;
}

function describeStatus(d: DrillRecord): string {
  return d.retired ? `${d.status}, ${d.retired.kind}` : d.status;
}

/** Totals over some drills of a store, to compare the source with the target. */
export interface DrillCounts { drills: number; live: number; ended: number; events: number; participants: number; outbound: number }

/** Counts what `store` holds of the drills `ids` (a drill it lacks counts nothing). */
export async function countDrills(store: Store, ids: readonly string[]): Promise<DrillCounts> {
  const counts: DrillCounts = { drills: 0, live: 0, ended: 0, events: 0, participants: 0, outbound: 0 };
  for (const id of ids) {
    const copy = await readDrill(store, id);
    if (!copy) continue;
    counts.drills++;
    if (copy.drill.status === 'ended') counts.ended++;
    else if (!copy.drill.retired) counts.live++;
    counts.events += copy.events.length;
    counts.participants += copy.participants.length;
    if (copy.outbound) counts.outbound++;
  }
  return counts;
}
