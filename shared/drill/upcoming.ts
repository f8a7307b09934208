import { describeCondition, holds } from '../scenario/conditions';
import { injectChannel, ms, scenarioDurationMs, type ScenarioInject } from '../scenario/model';
import type { InjectChannel, Scenario } from '../scenario/schema';
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
  injects: Map<string, ScenarioInject>;
  /** Drill time the current scenario state was entered. */
  enteredAt: number;
  now: number;
  /** contact id → drill time their reply is due. */
  replies: ReadonlyMap<string, number>;
  /** Drill time the drill was started (default 0): it ends its duration after that. */
  startedAt?: number;
}

/** The schedule ahead, soonest first. Empty unless the drill is running or paused. */
export function upcomingOf({ scenario, state, injects, enteredAt, now, replies, startedAt = 0 }: UpcomingInput): Upcoming[] {
  if (state.status !== 'running' && state.status !== 'paused') return [];
  const out: Upcoming[] = [{ kind: 'end', at: startedAt + scenarioDurationMs(scenario) }];
  const current = state.machineState ? scenario.states[state.machineState] : undefined;
  if (current) {
    // Delivered since the state was entered: the newest injects, at the end of the list.
    const delivered = new Set<string>();
    for (let i = state.injects.length - 1; i >= 0 && state.injects[i].t >= enteredAt; i--) delivered.add(state.injects[i].injectId);
    for (const inject of injects.values()) {
      if (inject.state !== state.machineState || delivered.has(inject.id)) continue;
      const at = enteredAt + inject.atMs;
      if (at < now) continue;
      const title = inject.title ?? `Telemetry: ${Object.keys(inject.telemetry ?? {}).join(', ')}`;
      out.push({ kind: 'inject', at, injectId: inject.id, title, channel: injectChannel(inject), to: inject.to });
    }
    const facts = current.after.some((after) => after.unless) ? factsOf(state) : undefined;
    for (const after of current.after) {
      const at = enteredAt + ms(after.in);
      if (at < now) continue;
      out.push({ kind: 'transition', at, goto: after.goto, ...(after.unless ? { unless: describeCondition(after.unless) } : {}), willSkip: after.unless && facts ? holds(after.unless, facts) : false });
    }
  }
  for (const [contact, at] of replies) {
    out.push({ kind: 'reply', at, contact, name: scenario.contacts.find((c) => c.id === contact)?.name ?? contact });
  }
  return out.sort((a, b) => a.at - b.at);
}
