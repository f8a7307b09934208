import type { DrillStatus } from '../../shared/drill/state';
import { deepFreeze } from '../../shared/freeze';
import type { Scenario } from '../../shared/scenario/schema';
import type { DrillPatch, DrillRecord, ParticipantRecord, Retired } from './store';

/**
 * The rows both SQL stores keep, and how they become records: SQLite and PostgreSQL hold the same tables (their
 * own migrations, their own column types), so a drill reads back the same from either.
 */
export interface DrillRow {
  id: string; scenario_id: string; scenario_json: string; title: string; join_code: string;
  facilitator_key_hash: string; observer_key_hash: string; created_at: number; started_at: number | null;
  ended_at: number | null; status: DrillStatus; clock_t: number; clock_wall: number; clock_speed: number;
  engine_version: number; retired_json: string | null; forked_from: string | null;
}
/** `removed` is SQLite's 0/1 or PostgreSQL's boolean. */
export interface ParticipantRow { drill_id: string; id: string; name: string; token_hash: string; joined_at: number; removed: number | boolean; merged_into: string | null }
export interface OutboundRow { drill_id: string; url_sealed: string; secret_sealed: string; url_hint: string; format: 'slack' | 'json'; channels_json: string; updated_at: number }

/** Distinct scenario texts kept parsed (the least recently read goes first): a version is one entry. */
const SCENARIO_TEXTS = 64;
const parsedScenarios = new Map<string, Scenario>();

/**
 * A drill's pinned scenario from its stored text. Drills of the same scenario version store the same text, and
 * get the same object back, deep-frozen: parsed once, its machine compiled once (`compileScenario`), its injects
 * listed once (`scenarioInjects`), held in memory once. A restart that restores 200 drills of one scenario used to
 * parse and compile it 200 times.
 */
export function scenarioFromJson(json: string): Scenario {
  let scenario = parsedScenarios.get(json);
  if (scenario) parsedScenarios.delete(json);
  else scenario = deepFreeze(JSON.parse(json) as Scenario);
  parsedScenarios.set(json, scenario);
  if (parsedScenarios.size > SCENARIO_TEXTS) parsedScenarios.delete(parsedScenarios.keys().next().value!);
  return scenario;
}

export const drillFromRow = (r: DrillRow): DrillRecord => ({
  id: r.id, scenarioId: r.scenario_id, scenario: scenarioFromJson(r.scenario_json), title: r.title,
  joinCode: r.join_code, facilitatorKeyHash: r.facilitator_key_hash, observerKeyHash: r.observer_key_hash,
  createdAt: r.created_at, ...(r.started_at !== null ? { startedAt: r.started_at } : {}),
  ...(r.ended_at !== null ? { endedAt: r.ended_at } : {}), status: r.status,
  clock: { t: r.clock_t, wall: r.clock_wall, speed: r.clock_speed }, engineVersion: r.engine_version,
  ...(r.retired_json !== null ? { retired: JSON.parse(r.retired_json) as Retired } : {}),
  ...(r.forked_from !== null ? { forkedFrom: r.forked_from } : {}),
});
export const participantFromRow = (r: ParticipantRow): ParticipantRecord => ({
  id: r.id, drillId: r.drill_id, name: r.name, tokenHash: r.token_hash, joinedAt: r.joined_at,
  ...(r.removed ? { removed: true } : {}), ...(r.merged_into !== null ? { mergedInto: r.merged_into } : {}),
});

/** The `drills` columns a patch changes, with their values, in a fixed order (each store writes its own SQL). */
export function drillPatchColumns(patch: DrillPatch): [column: string, value: unknown][] {
  const columns: [string, unknown][] = [];
  if (patch.status !== undefined) columns.push(['status', patch.status]);
  if (patch.startedAt !== undefined) columns.push(['started_at', patch.startedAt]);
  if (patch.endedAt !== undefined) columns.push(['ended_at', patch.endedAt]);
  if (patch.facilitatorKeyHash !== undefined) columns.push(['facilitator_key_hash', patch.facilitatorKeyHash]);
  if (patch.observerKeyHash !== undefined) columns.push(['observer_key_hash', patch.observerKeyHash]);
  if (patch.clock) columns.push(['clock_t', patch.clock.t], ['clock_wall', patch.clock.wall], ['clock_speed', patch.clock.speed]);
  if (patch.engineVersion !== undefined) columns.push(['engine_version', patch.engineVersion]);
  if (patch.retired !== undefined) columns.push(['retired_json', JSON.stringify(patch.retired)]);
  return columns;
}
