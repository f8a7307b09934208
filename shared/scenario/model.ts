import { parseDuration } from '../duration';
import type { Inject, Scenario } from './schema';

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

/** Every scripted inject of a scenario, keyed by inject id, in file order. */
export function scenarioInjects(scenario: Scenario): Map<string, ScenarioInject> {
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
  }
}
