import { leaves } from '../scenario/conditions';
import { injectChannel, ms, scenarioInjects, type ScenarioInject } from '../scenario/model';
import type { Objective, Scenario } from '../scenario/schema';
import { formatDuration } from '../duration';
import { writeActions, type ExpectedActions } from './actions';
import { COLUMNS, formatMselTime } from './columns';
import { formatCsv } from './csv';

export interface ExportResult {
  csv: string;
  /** Inject rows written (every scripted inject of the scenario). */
  rows: number;
  /** Objectives an MSEL has no place for (roles, cadence, rubric, reached); import adds standard ones. */
  skipped: string[];
}

interface Row { at: number; state: string; inject: ScenarioInject; actions: ExpectedActions; objective?: string }

/**
 * Writes a scenario as an MSEL. An MSEL is one timeline, so states become phases laid out one after another
 * in the order a team could first meet them; a phase lasts until its last inject plus a minute, or for the
 * length of the timer that leads into the next phase. Branches become consecutive phases: every inject is
 * kept, the branching is not (docs/msel.md).
 */
export function exportMsel(scenario: Scenario): ExportResult {
  const injects = [...scenarioInjects(scenario).values()];
  const rows: Row[] = [];
  const order = stateOrder(scenario);
  let start = 0;
  order.forEach((state, k) => {
    const own = injects.filter((i) => i.state === state).sort((a, b) => a.atMs - b.atMs);
    for (const inject of own) rows.push({ at: start + inject.atMs, state, inject, actions: { ack: inject.ack, pages: [] } });
    if (!own.length) return;
    const lastAt = own[own.length - 1].atMs;
    // A timer straight into the next phase keeps its length, so an imported MSEL exports unchanged.
    const timer = scenario.states[state].after.find((a) => a.goto === order[k + 1]);
    start += timer ? Math.max(lastAt, ms(timer.in)) : lastAt + 60_000;
  });
  const skipped = placeObjectives(scenario, rows);
  const table = rows.map((r) => [
    formatMselTime(r.at), r.state, injectChannel(r.inject), r.inject.from ?? '', r.inject.to.join('; '), r.inject.title ?? '',
    r.inject.body?.replace(/\n$/, '') ?? '', writeActions(r.actions), r.objective ?? '', r.inject.id && !r.inject.id.includes('.') ? r.inject.id : '',
    Object.entries(r.inject.telemetry ?? {}).map(([series, values]) => `${series}: ${values.join(' ')}`).join('; '),
  ]);
  return { csv: formatCsv([[...COLUMNS], ...table]), rows: rows.length, skipped };
}

/**
 * States by the earliest drill time a team could meet them: a timer leads on after its delay, a team action
 * once the state's injects have played out (its last inject plus a minute). Ties keep file order.
 */
function stateOrder(scenario: Scenario): string[] {
  const ids = Object.keys(scenario.states);
  const entry = new Map<string, number>([[scenario.initial, 0]]);
  const lastAt = (id: string) => Math.max(0, ...scenario.states[id].injects.map((i) => ms(i.at)));
  for (let changed = true; changed;) {
    changed = false;
    for (const id of ids) {
      const at = entry.get(id);
      if (at === undefined) continue;
      const def = scenario.states[id];
      const next = [...def.on.map((t) => [t.goto, at + lastAt(id) + 60_000] as const), ...def.after.map((t) => [t.goto, at + ms(t.in)] as const)];
      for (const [goto, t] of next) {
        if (t < (entry.get(goto) ?? Infinity)) {
          entry.set(goto, t);
          changed = true;
        }
      }
    }
  }
  const when = (id: string) => entry.get(id) ?? Infinity;
  return [...ids].sort((a, b) => when(a) - when(b) || ids.indexOf(a) - ids.indexOf(b));
}

/**
 * Puts each measurable objective on a row: an ack objective on its inject's row, the others on the first
 * free row of the state whose transitions mention them (else the first free row), with the action to take.
 */
function placeObjectives(scenario: Scenario, rows: Row[]): string[] {
  const skipped: string[] = [];
  const free = (r: Row) => !r.objective && !r.inject.ack && !r.actions.pages.length && !r.actions.post && !r.actions.declare;
  const mentions = (state: string, o: Objective) => {
    const def = scenario.states[state];
    const conditions = [...def.on.map((t) => t.when), ...def.after.flatMap((t) => (t.unless ? [t.unless] : []))];
    const m = o.measure;
    return conditions.flatMap(leaves).some((leaf) => (m.kind === 'escalated' && (('escalated' in leaf && leaf.escalated === m.contact) || ('replied' in leaf && leaf.replied === m.contact)))
      || (m.kind === 'declared' && 'declared' in leaf && leaf.declared === m.status) || (m.kind === 'first-post' && 'posted' in leaf && leaf.posted === m.channel));
  };
  for (const o of scenario.objectives) {
    const title = o.title ?? o.id;
    const m = o.measure;
    if (m.kind === 'ack') {
      const row = rows.find((r) => r.inject.id === m.inject);
      if (row && !row.objective) row.objective = `${title} (within ${target(o)})`;
      else skipped.push(o.id);
      continue;
    }
    if (m.kind !== 'escalated' && m.kind !== 'declared' && m.kind !== 'first-post') {
      skipped.push(o.id);
      continue;
    }
    const row = rows.find((r) => free(r) && mentions(r.state, o)) ?? rows.find(free);
    if (!row) {
      skipped.push(o.id);
      continue;
    }
    if (m.kind === 'escalated') row.actions.pages.push({ id: m.contact, name: m.contact });
    else if (m.kind === 'declared') row.actions.declare = m.status;
    else row.actions.post = m.channel;
    row.objective = `${title} (by ${formatMselTime(typeof o.target === 'string' ? ms(o.target) : o.target * 60_000)})`;
  }
  return skipped;
}

function target(o: Objective): string {
  return typeof o.target === 'string' ? o.target : formatDuration(o.target * 60_000);
}
