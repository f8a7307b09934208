import type { StatusPhase } from '../drill/commands';
import type { Drill } from '../drill/drill';
import type { DrillState } from '../drill/state';
import { ms } from '../scenario/model';
import type { Scenario } from '../scenario/schema';
import { contingencies, distancesToFinal, needKey, requirementOf } from './plan';

const DEFAULT_CADENCE_MS = 20 * 60_000;

/** The status-page cadence target of a scenario (its `cadence` objective), or 20 minutes. */
export function defaultCadenceMs(scenario: Scenario): number {
  const cadence = scenario.objectives.find((o) => o.measure.kind === 'cadence' && o.measure.channel === 'status-page');
  return cadence && typeof cadence.target === 'string' ? ms(cadence.target) : DEFAULT_CADENCE_MS;
}

/** Drill time the current scenario state was entered. */
export function enteredAt(drill: Drill): number {
  const log = drill.log;
  for (let i = log.length - 1; i >= 0; i--) if (log[i].type === 'state.entered') return log[i].t;
  return 0;
}

/** When an action is due: `at`, counted for an objective from `from` (drill start, or an inject's arrival). */
export interface Deadline { from: number; at: number }

/**
 * Deadlines keyed like bot intents (`page:vendor`, `post:status-page`): the scenario's objective targets,
 * and the timers of the current state's contingencies (what the team must do before the scenario escalates).
 */
export function deadlinesOf(scenario: Scenario, drill: Drill, dist = distancesToFinal(scenario)): { objectives: Map<string, Deadline>; contingencies: Map<string, number> } {
  const objectives = new Map<string, Deadline>();
  const set = (key: string, from: number, target: number) => {
    const known = objectives.get(key);
    if (!known || from + target < known.at) objectives.set(key, { from, at: from + target });
  };
  for (const o of scenario.objectives) {
    if (typeof o.target !== 'string') continue;
    const t = ms(o.target);
    const m = o.measure;
    if (m.kind === 'ack') {
      const delivered = drill.state.injects.find((i) => i.injectId === m.inject);
      if (delivered) set(`ack:${m.inject}`, delivered.t, t);
    } else if (m.kind === 'role-filled') set(`claim:${m.role}`, 0, t);
    else if (m.kind === 'roles-filled') scenario.roles.filter((r) => r.required).forEach((r) => set(`claim:${r.id}`, 0, t));
    else if (m.kind === 'first-post') set(`post:${m.channel}`, 0, t);
    else if (m.kind === 'escalated') set(`page:${m.contact}`, 0, t);
    else if (m.kind === 'declared') set(`declare:${m.status}`, 0, t);
    else if (m.kind === 'decision') {
      // Counted from the inject's arrival; the story may ask for one option of it (`decide:inject:option`).
      const delivered = drill.state.injects.findLast((i) => i.injectId === m.inject);
      if (!delivered) continue;
      set(`decide:${m.inject}`, delivered.t, t);
      for (const option of delivered.decision?.options ?? []) set(`decide:${m.inject}:${option.id}`, delivered.t, t);
    }
  }
  const contingencyDeadlines = new Map<string, number>();
  const current = drill.state.machineState;
  if (current) {
    const since = enteredAt(drill);
    for (const edge of contingencies(scenario, dist, current)) {
      for (const need of requirementOf(edge.unless).do) {
        const key = needKey(need);
        contingencyDeadlines.set(key, Math.min(since + edge.in, contingencyDeadlines.get(key) ?? Infinity));
      }
    }
  }
  return { objectives, contingencies: contingencyDeadlines };
}

/** The status-page phase a team would name from what it knows: replies mean the cause is known. */
export function phaseOf(state: DrillState): StatusPhase {
  if (state.declared.mitigated) return 'monitoring';
  return state.pages.some((p) => p.reply) ? 'identified' : 'investigating';
}
