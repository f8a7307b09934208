import { parseDuration } from '../duration';
import { perScenario } from './per-scenario';
import type { Declaration, Inject, Scenario } from './schema';

/** An inject with the id it is known by in the drill: its own `id`, or `<state>.<n>` (1-based) when it has none. */
export interface ScenarioInject extends Inject {
  id: string;
  state: string;
  atMs: number;
}

/** The id an inject is known by: its own, or `<state>.<n>` for anonymous ones. */
export function injectId(state: string, index: number, inject: Pick<Inject, 'id'>): string {
  return inject.id ?? `${state}.${index + 1}`;
}

/** The channel an inject shows on: a bare telemetry inject (no title) is a dashboard update. */
export function injectChannel(inject: Pick<Inject, 'channel' | 'telemetry' | 'title'>): Inject['channel'] {
  return inject.telemetry && !inject.title ? 'telemetry' : inject.channel;
}

/**
 * Every scripted inject of a scenario, keyed by inject id, in file order. Built once per scenario object and shared
 * (read only): a drill, its upcoming list and its scorecard all ask for it.
 */
export const scenarioInjects: (scenario: Scenario) => ReadonlyMap<string, ScenarioInject> = perScenario(listInjects);

function listInjects(scenario: Scenario): Map<string, ScenarioInject> {
  const out = new Map<string, ScenarioInject>();
  for (const [state, def] of Object.entries(scenario.states)) {
    def.injects.forEach((inject, index) => {
      const id = injectId(state, index, inject);
      out.set(id, { ...inject, id, state, atMs: ms(inject.at) });
    });
  }
  return out;
}

/** Milliseconds of a duration that the schema already validated. */
export function ms(duration: string): number {
  const value = parseDuration(duration);
  if (value === undefined) throw new Error(`not a duration: ${duration}`);
  return value;
}

/** The scenario's duration in milliseconds. */
export function scenarioDurationMs(scenario: Scenario): number {
  return ms(scenario.duration);
}

/** Default reply of a contact who has none scripted. */
export function contactReply(scenario: Scenario, contactId: string): string {
  const contact = scenario.contacts.find((c) => c.id === contactId);
  return contact?.reply ?? `${contact?.name ?? contactId} here. Got your page, looking now.`;
}

/** Human title of an objective: its own, or one derived from its measure. */
export function objectiveTitle(scenario: Scenario, objectiveId: string): string {
  const objective = scenario.objectives.find((o) => o.id === objectiveId);
  if (!objective) return objectiveId;
  if (objective.title) return objective.title;
  const m = objective.measure;
  const name = (list: { id: string; name?: string; title?: string }[], id: string) => {
    const found = list.find((x) => x.id === id);
    return found?.name ?? found?.title ?? id;
  };
  switch (m.kind) {
    case 'ack': return `The "${m.inject}" inject is acknowledged`;
    case 'role-filled': return `${name(scenario.roles, m.role)} is named`;
    case 'roles-filled': return 'Every required role is filled';
    case 'first-post': return m.channel === 'status-page' ? 'First status-page update' : 'First war-room update';
    case 'cadence': return m.channel === 'status-page' ? 'Status page updated at a steady cadence' : 'War room updated at a steady cadence';
    case 'escalated': return `${name(scenario.contacts, m.contact)} is paged`;
    case 'declared': return `Incident declared ${m.status}`;
    case 'reached': return `The drill reaches "${m.state}"`;
    case 'rubric': return m.channel === 'status-page' ? 'Quality of status-page updates' : 'Quality of war-room updates';
    case 'decision': {
      const title = scenarioInjects(scenario).get(m.inject)?.title;
      return title ? `The call on "${title}"` : `The "${m.inject}" decision is made`;
    }
    case 'alert-ack': {
      const name = scenario.alerts?.find((r) => r.id === m.rule)?.match?.alertname;
      return `The first real ${name ? `${name} ` : `"${m.rule}" `}alert is acknowledged`;
    }
  }
}

/** Who may do what in a drill of this scenario, with the defaults filled in. */
export interface ScenarioPowers {
  /** Roles that may declare and retract mitigated/resolved (the facilitator always may). */
  declare: string[];
  /** Roles that may change the severity (the facilitator always may). */
  severity: string[];
  /** How long a role's holder must be offline before someone else may take the role over (ms). */
  takeOverAfterMs: number;
}

export const DEFAULT_POWERS = { declare: ['ic'], severity: ['ic'], 'take-over-after': '5m' } as const;

/** The scenario's `powers`, or the defaults: the incident commander declares and sets severity. */
export function scenarioPowers(scenario: Pick<Scenario, 'powers'>): ScenarioPowers {
  const powers = scenario.powers;
  return {
    declare: powers?.declare ?? [...DEFAULT_POWERS.declare],
    severity: powers?.severity ?? [...DEFAULT_POWERS.severity],
    takeOverAfterMs: ms(powers?.['take-over-after'] ?? DEFAULT_POWERS['take-over-after']),
  };
}

/**
 * How far a `fixed` level goes: 0 nothing, 1 mitigated, 2 resolved. Resolved implies mitigated, so a level
 * covers every level at or below it.
 */
export function fixedRank(level: Declaration | undefined): number {
  return level === 'resolved' ? 2 : level === 'mitigated' ? 1 : 0;
}

/** Whether the story marks where the service is actually fixed; only then can a declaration be premature. */
export function hasFixedStates(scenario: Pick<Scenario, 'states'>): boolean {
  return Object.values(scenario.states).some((state) => state.fixed !== undefined);
}
