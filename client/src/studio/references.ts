import type { Path } from '../../../shared/scenario/problems';
import type { Scenario } from '../../../shared/scenario/schema';

/** What ids a scenario defines, for completing and explaining the places that refer to them. */
export interface References {
  states: { id: string; detail?: string }[];
  roles: { id: string; detail?: string }[];
  contacts: { id: string; detail?: string }[];
  injects: { id: string; detail?: string; ack: boolean }[];
  series: { id: string; detail?: string }[];
}

export type RefKind = keyof References;

export const NO_REFERENCES: References = { states: [], roles: [], contacts: [], injects: [], series: [] };

/** The ids the scenario (or the draft of a file with errors) defines. */
export function referencesOf(scenario: Scenario | undefined): References {
  if (!scenario) return NO_REFERENCES;
  const injects: References['injects'] = [];
  for (const state of Object.values(scenario.states)) {
    for (const inject of state.injects) if (inject.id) injects.push({ id: inject.id, ack: inject.ack, ...(inject.title ? { detail: inject.title } : {}) });
  }
  return {
    states: Object.entries(scenario.states).map(([id, s]) => ({ id, detail: s.final ? 'final state' : s.description })),
    roles: scenario.roles.map((r) => ({ id: r.id, detail: r.name })),
    contacts: scenario.contacts.map((c) => ({ id: c.id, detail: c.title ? `${c.name}, ${c.title}` : c.name })),
    injects,
    series: scenario.telemetry.map((t) => ({ id: t.id, detail: t.title })),
  };
}

/** Which kind of id the value at `path` names, if it names one. */
export function referenceAt(path: Path): RefKind | undefined {
  const strings = path.filter((s): s is string => typeof s === 'string');
  const last = strings.at(-1);
  const parent = strings.at(-2);
  if (last === 'goto' || (path.length === 1 && last === 'initial') || (parent === 'measure' && last === 'state')) return 'states';
  if (last === 'role-filled' || last === 'handed-over' || (parent === 'measure' && last === 'role')) return 'roles';
  if (last === 'to' && typeof path.at(-1) === 'number') return 'roles';
  if (last === 'escalated' || last === 'replied' || (parent === 'measure' && last === 'contact')) return 'contacts';
  if (last === 'acked' || ((parent === 'measure' || parent === 'decided') && last === 'inject')) return 'injects';
  return undefined;
}

/** Which kind of id the keys of the map at `path` are (the series of a telemetry inject). */
export function keyReferenceAt(path: Path): RefKind | undefined {
  return path[0] === 'states' && path.at(-1) === 'telemetry' && path.includes('injects') ? 'series' : undefined;
}
