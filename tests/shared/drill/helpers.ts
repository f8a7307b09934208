import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Actor, DrillCommand } from '../../../shared/drill/commands';
import { Drill, type DrillOptions } from '../../../shared/drill/drill';
import type { DrillErrorCode } from '../../../shared/drill/rules';
import type { DrillEvent, DrillEventType, EventOf } from '../../../shared/drill/events';
import { loadScenario } from '../../../shared/scenario/load';
import type { Scenario } from '../../../shared/scenario/schema';

/** Drill-time units, in ms. */
export const SEC = 1000;
export const MIN = 60 * SEC;

export const facilitator: Actor = { kind: 'facilitator' };
export const player = (id: string): Actor => ({ kind: 'participant', id });

/** A scenario from YAML text; throws with every problem when the text is not a valid scenario. */
export function scenarioFrom(text: string): Scenario {
  const result = loadScenario(text);
  if (!result.ok) throw new Error(`scenario does not load:\n${result.problems.map((p) => `${p.line}:${p.col} ${p.message}`).join('\n')}`);
  return result.scenario;
}

const SCENARIO_DIR = join(import.meta.dirname, '../../../scenarios');

/** Every bundled scenario file (`scenarios/*.yaml`), whatever is in the folder today. */
export function bundledScenarioFiles(): string[] {
  return readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).sort();
}

export function bundledScenario(file: string): Scenario {
  return scenarioFrom(readFileSync(join(SCENARIO_DIR, file), 'utf8'));
}

const CONTACTS = `
  - { id: vendor, name: Vendor support, responds: 4m, reply: Looking into it. }
  - { id: boss, name: The boss, responds: 10m }`;

/**
 * A small scenario for one test: roles ic, comms, ops, scribe; contacts `vendor` (replies after 4m) and `boss`
 * (10m); telemetry series `errors`; initial state `start`; the given `states` (YAML, at any indentation).
 */
export function tinyScenario(states: string, options: { duration?: string; severity?: string; contacts?: string } = {}): Scenario {
  return scenarioFrom(`
id: tiny
version: 1
title: Tiny drill
summary: A scenario written for one test.
severity: ${options.severity ?? 'SEV2'}
duration: ${options.duration ?? '30m'}
roles:
  - { id: ic, name: Incident Commander, required: true }
  - { id: comms, name: Communications Lead, required: true }
  - { id: ops, name: Operations Lead }
  - { id: scribe, name: Scribe }
contacts:${options.contacts ?? CONTACTS}
telemetry:
  - { id: errors, title: Error rate, unit: "%" }
initial: start
states:
${indent(dedent(states), 2)}
`);
}

function dedent(text: string): string {
  const lines = text.replace(/^\n+|\s+$/g, '').split('\n');
  const margin = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(margin)).join('\n');
}

function indent(text: string, by: number): string {
  return text.split('\n').map((l) => (l.trim() ? ' '.repeat(by) + l : l)).join('\n');
}

/** Submits a command that must be accepted; fails the test with the refusal otherwise. Returns the events it produced. */
export function must(drill: Drill, command: DrillCommand, by: Actor, t?: number): DrillEvent[] {
  const result = drill.submit(command, by, t === undefined ? {} : { t });
  if (!result.ok) throw new Error(`${command.type} by ${JSON.stringify(by)} refused: ${result.error.code}: ${result.error.message}`);
  return result.events;
}

/** Submits a command that must be refused with `code` (and `message`), and checks that nothing changed. */
export function refused(drill: Drill, command: DrillCommand, by: Actor, code: DrillErrorCode, message?: RegExp): void {
  const state = drill.state;
  const length = drill.log.length;
  const result = drill.submit(command, by);
  expect(result.ok, `${command.type} by ${JSON.stringify(by)} should be refused`).toBe(false);
  if (result.ok) return;
  expect(result.error.code, result.error.message).toBe(code);
  if (message) expect(result.error.message).toMatch(message);
  expect(result.events).toEqual([]);
  expect(drill.state).toBe(state);
  expect(drill.log).toHaveLength(length);
}

/**
 * A drill with these players (participant id → roles they claim) joined and their roles claimed in the
 * lobby at drill time 0, started at `startAt` (default 0).
 */
export function startedDrill(scenario: Scenario, players: Record<string, string[]>, options: DrillOptions & { startAt?: number } = {}): Drill {
  const drill = new Drill(scenario, options);
  for (const [id, roles] of Object.entries(players)) {
    must(drill, { type: 'participant.join', participantId: id, name: id[0].toUpperCase() + id.slice(1) }, player(id), 0);
    for (const role of roles) must(drill, { type: 'role.claim', role }, player(id), 0);
  }
  must(drill, { type: 'drill.start' }, facilitator, options.startAt ?? 0);
  return drill;
}

/** The usual cast: Ann is IC, Bea comms, Cal ops, Dee scribe. */
export const TEAM = { ann: ['ic'], bea: ['comms'], cal: ['ops'], dee: ['scribe'] };

export function ofType<T extends DrillEventType>(events: readonly DrillEvent[], type: T): EventOf<T>[] {
  return events.filter((e): e is EventOf<T> => e.type === type);
}

/** The scenario states the drill entered, in order. */
export function statesEntered(events: readonly DrillEvent[]): string[] {
  return ofType(events, 'state.entered').map((e) => e.state);
}

/** Ids of the injects delivered, in order. */
export function delivered(events: readonly DrillEvent[]): string[] {
  return ofType(events, 'inject.delivered').map((e) => e.injectId);
}

export function deliveredAt(events: readonly DrillEvent[], injectId: string): number | undefined {
  return ofType(events, 'inject.delivered').find((e) => e.injectId === injectId)?.t;
}
