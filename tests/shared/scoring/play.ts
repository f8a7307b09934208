/**
 * Scripts a real `Drill` from a list of timed lines, so golden logs are exactly what the server would record.
 */
import { Drill } from '../../../shared/drill/drill';
import type { Actor, DrillCommand } from '../../../shared/drill/commands';
import type { DrillEvent } from '../../../shared/drill/events';
import { parseDuration } from '../../../shared/duration';
import type { Scenario } from '../../../shared/scenario/schema';

/** `[drill time "m:ss" or a duration, who ("facilitator" or a participant id), command, extra wall ms before it]`. */
export type Line = [at: string, who: string, command: DrillCommand, wallGap?: number];

export interface PlayOptions {
  /** Advance the drill clock to here after the last line (fires timers, e.g. the end by duration). */
  until?: string;
  /** Wall-clock ms of drill time 0. */
  wallStart?: number;
}

/** Drill time of "m:ss" / "h:mm:ss" or a duration string ("90s", "5m"), in ms. */
export function ms(at: string): number {
  if (/^\d+(:\d{2}){1,2}$/.test(at)) return at.split(':').map(Number).reduce((acc, n) => acc * 60 + n, 0) * 1000;
  const value = parseDuration(at);
  if (value === undefined) throw new Error(`bad time ${at}`);
  return value;
}

const actor = (who: string): Actor => (who === 'facilitator' ? { kind: 'facilitator' } : who === 'system' ? { kind: 'system' } : { kind: 'participant', id: who });

/** Plays `lines` on a fresh drill and returns its log. Throws when the drill refuses a line. */
export function play(scenario: Scenario, lines: Line[], options: PlayOptions = {}): DrillEvent[] {
  const drill = new Drill(scenario);
  let wallOffset = options.wallStart ?? Date.UTC(2025, 2, 14, 18, 40);
  for (const [at, who, command, wallGap] of lines) {
    wallOffset += wallGap ?? 0;
    const t = ms(at);
    const result = drill.submit(command, actor(who), { t, wall: wallOffset + t });
    if (!result.ok) throw new Error(`line at ${at} (${command.type} by ${who}) refused: ${result.error.message}`);
  }
  if (options.until) drill.advanceTo(ms(options.until));
  return [...drill.log];
}

/** Join lines for a team: `[id, name]` pairs, all at 0:00 in the lobby. */
export function joins(team: [id: string, name: string][]): Line[] {
  return team.map(([id, name]): Line => ['0:00', id, { type: 'participant.join', participantId: id, name }]);
}
