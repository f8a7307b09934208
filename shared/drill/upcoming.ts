import { describeCondition, holds } from '../scenario/conditions';
import { injectChannel, ms, scenarioDurationMs, scenarioInjects } from '../scenario/model';
import { perScenario } from '../scenario/per-scenario';
import type { Condition, InjectChannel, Scenario } from '../scenario/schema';
import { factsOf, type DrillState } from './state';

/** Something the scenario will do next, with its drill time: the facilitator console counts down to these. */
export type Upcoming =
  | { kind: 'inject'; at: number; injectId: string; title: string; channel: InjectChannel; to: string[] }
  | { kind: 'reply'; at: number; contact: string; name: string }
  | { kind: 'transition'; at: number; goto: string; /** The unless-condition in words ("vendor-support paged"). */ unless?: string; willSkip: boolean }
  | { kind: 'end'; at: number };

interface UpcomingInput {
  scenario: Scenario;
  state: DrillState;
  /** Drill time the current scenario state was entered. */
  enteredAt: number;
  now: number;
  /** contact id → drill time their reply is due. */
  replies: ReadonlyMap<string, number>;
  /** Drill time the drill was started (default 0): it ends its duration after that. */
  startedAt?: number;
}

type InjectItem = Extract<Upcoming, { kind: 'inject' }>;

/** What a scenario state schedules, worked out once per scenario: offsets from entering the state, words ready. */
interface StatePlan {
  injects: (Omit<InjectItem, 'kind' | 'at'> & { atMs: number })[];
  afters: { inMs: number; goto: string; unless?: Condition; unlessText?: string }[];
}

interface Plan { endMs: number; states: Map<string, StatePlan>; contactNames: Map<string, string> }

/**
 * The schedule is asked for after every turn that could change it (an inject, a clock change), so what only
 * depends on the scenario (durations parsed, titles and channels, conditions in words) is kept per scenario.
 * A scenario is immutable once validated (`perScenario`).
 */
const planOf = perScenario((scenario): Plan => {
  const states = new Map<string, StatePlan>();
  for (const name of Object.keys(scenario.states)) states.set(name, { injects: [], afters: [] });
  for (const inject of scenarioInjects(scenario).values()) {
    const title = inject.title ?? `Telemetry: ${Object.keys(inject.telemetry ?? {}).join(', ')}`;
    states.get(inject.state)!.injects.push({ atMs: inject.atMs, injectId: inject.id, title, channel: injectChannel(inject), to: inject.to });
  }
  for (const [name, def] of Object.entries(scenario.states)) {
    states.get(name)!.afters = def.after.map((after) => ({
      inMs: ms(after.in), goto: after.goto, ...(after.unless ? { unless: after.unless, unlessText: describeCondition(after.unless) } : {}),
    }));
  }
  const contactNames = new Map<string, string>();
  for (const contact of scenario.contacts) if (!contactNames.has(contact.id)) contactNames.set(contact.id, contact.name);
  return { endMs: scenarioDurationMs(scenario), states, contactNames };
});

/** The schedule ahead, soonest first. Empty unless the drill is running or paused. */
export function upcomingOf({ scenario, state, enteredAt, now, replies, startedAt = 0 }: UpcomingInput): Upcoming[] {
  if (state.status !== 'running' && state.status !== 'paused') return [];
  const plan = planOf(scenario);
  const out: Upcoming[] = [{ kind: 'end', at: startedAt + plan.endMs }];
  const current = state.machineState ? plan.states.get(state.machineState) : undefined;
  if (current) {
    // Delivered since the state was entered: the newest injects, at the end of the list.
    const delivered = new Set<string>();
    for (let i = state.injects.length - 1; i >= 0 && state.injects[i].t >= enteredAt; i--) delivered.add(state.injects[i].injectId);
    for (const inject of current.injects) {
      const at = enteredAt + inject.atMs;
      if (at < now || delivered.has(inject.injectId)) continue;
      out.push({ kind: 'inject', at, injectId: inject.injectId, title: inject.title, channel: inject.channel, to: inject.to });
    }
    const facts = current.afters.some((after) => after.unless) ? factsOf(state) : undefined;
    for (const after of current.afters) {
      const at = enteredAt + after.inMs;
      if (at < now) continue;
      out.push({ kind: 'transition', at, goto: after.goto, ...(after.unless ? { unless: after.unlessText } : {}), willSkip: after.unless && facts ? holds(after.unless, facts) : false });
    }
  }
  for (const [contact, at] of replies) {
    out.push({ kind: 'reply', at, contact, name: plan.contactNames.get(contact) ?? contact });
  }
  return out.sort((a, b) => a.at - b.at);
}
