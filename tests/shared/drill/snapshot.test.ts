import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor, DrillCommand } from '../../../shared/drill/commands';
import { Drill, ENGINE_VERSION } from '../../../shared/drill/drill';
import { isInput, type DrillEvent } from '../../../shared/drill/events';
import { SnapshotError, type DrillSnapshot } from '../../../shared/drill/snapshot';
import type { TimerJob } from '../../../shared/drill/scheduler';
import { scenarioDurationMs } from '../../../shared/scenario/model';
import type { Scenario } from '../../../shared/scenario/schema';
import { PROFILES, simulate, type Profile } from '../../../shared/simulate';
import { bundledScenario, bundledScenarioFiles, facilitator, MIN, must, player, startedDrill, TEAM } from './helpers';

/** One thing that happens to a drill: an input at drill time `t`, or time passing to `t`. */
type Step =
  | { kind: 'submit'; command: DrillCommand; by: Actor; t: number; wall?: number; cid?: string }
  | { kind: 'advance'; t: number };

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function run(drill: Drill, step: Step): DrillEvent[] {
  if (step.kind === 'advance') return drill.advanceTo(step.t);
  const result = drill.submit(step.command, step.by, { t: step.t, wall: step.wall, cid: step.cid });
  return result.events;
}

const scenarios = new Map<string, Scenario>();
const scenarioOf = (file: string) => scenarios.get(file) ?? scenarios.set(file, bundledScenario(file)).get(file)!;

const plays = new Map<string, DrillEvent[]>();
/** The inputs a simulated team made on a scenario (cached: the same seed gives the same team). */
function inputsOf(file: string, team: Profile, seed: number): DrillEvent[] {
  const key = `${file}/${team}/${seed}`;
  let inputs = plays.get(key);
  if (!inputs) plays.set(key, (inputs = simulate(scenarioOf(file), { team, seed }).events.filter(isInput)));
  return inputs;
}

interface Twists {
  /** Fractions of the inputs at which the facilitator pauses and resumes (another pause may be refused). */
  pause?: [number, number];
  /** Fraction of the inputs at which the facilitator ends the drill. */
  end?: number;
  /** Time passing on its own between inputs (fractions of the gap; 0 and 1 land on the inputs' times). */
  idle: number[];
}

/** The team's inputs as steps, with the twists: pauses, an early end, time passing with nobody acting. */
function stepsOf(inputs: readonly DrillEvent[], twists: Twists): Step[] {
  const steps: Step[] = [];
  const at = (fraction: number) => Math.min(inputs.length - 1, Math.floor(fraction * inputs.length));
  inputs.forEach((event, i) => {
    const { seq: _seq, t, by, wall, cid, ...command } = event;
    const previous = steps.at(-1)?.t ?? 0;
    const idle = twists.idle[i % Math.max(1, twists.idle.length)];
    if (idle !== undefined && t > previous) steps.push({ kind: 'advance', t: previous + Math.floor((t - previous) * idle) });
    if (twists.pause && i === at(twists.pause[0])) steps.push({ kind: 'submit', command: { type: 'drill.pause' }, by: facilitator, t });
    if (twists.pause && i === at(twists.pause[1])) steps.push({ kind: 'submit', command: { type: 'drill.resume' }, by: facilitator, t });
    if (twists.end !== undefined && i === at(twists.end)) steps.push({ kind: 'submit', command: { type: 'drill.end' }, by: facilitator, t });
    steps.push({ kind: 'submit', command: command as DrillCommand, by, t, wall, cid });
  });
  return steps;
}

interface Cut {
  /** Steps played before the snapshot. */
  cut: number;
  /** Move time to just before (`-1`) or exactly to (`0`) the next timer before the snapshot, or not. */
  nudge?: -1 | 0;
  /** Steps played after the snapshot before the "crash" (the log the restore reads). */
  tail: number;
}

/**
 * The proof: plays `steps` on a drill, snapshots it after `cut` steps, stores the log some steps later, then
 * restores one drill from the snapshot plus that log and replays another from the log alone, continues both with
 * the same remaining steps and time, and checks that they stay identical to each other and to the original,
 * event for event. Returns the snapshot (for coverage checks).
 */
function checkCut(scenario: Scenario, steps: readonly Step[], { cut, nudge, tail }: Cut): DrillSnapshot {
  const original = new Drill(scenario);
  for (const step of steps.slice(0, cut)) run(original, step);
  const due = original.nextDue();
  const nextT = steps[cut]?.t ?? Infinity;
  if (nudge !== undefined && due !== undefined && due + nudge <= nextT && due + nudge >= original.now) original.advanceTo(due + nudge);
  const snapshot = copy(original.snapshot());
  expect(snapshot.engine).toBe(ENGINE_VERSION);
  expect(snapshot.seq).toBe(original.log.length);

  // Restored right away, it is the same drill again.
  const again = Drill.restore(scenario, copy(snapshot), copy(original.log));
  expect(copy(again.snapshot())).toStrictEqual(snapshot);

  const crash = Math.min(steps.length, cut + tail);
  for (const step of steps.slice(cut, crash)) run(original, step);
  const stored = copy(original.log);
  const replayed = Drill.replay(scenario, stored);
  const restored = Drill.restore(scenario, copy(snapshot), copy(stored));
  expect(restored.log).toStrictEqual(replayed.log);
  expect(restored.log).toStrictEqual(stored);
  expect(restored.state).toStrictEqual(replayed.state);
  expect(restored.nextDue()).toBe(replayed.nextDue());

  const end = Math.max(original.now, steps.at(-1)?.t ?? 0) + scenarioDurationMs(scenario) + MIN;
  for (const step of [...steps.slice(crash), { kind: 'advance', t: end } as const]) {
    const a = run(replayed, step);
    const b = run(restored, step);
    expect(b).toStrictEqual(a);
    expect(run(original, step)).toStrictEqual(a);
    expect(restored.nextDue()).toBe(replayed.nextDue());
    expect(restored.upcoming()).toStrictEqual(replayed.upcoming());
  }
  expect(restored.log).toStrictEqual(replayed.log);
  expect(restored.log).toStrictEqual(original.log);
  expect(restored.state).toStrictEqual(replayed.state);
  expect(copy(restored.snapshot())).toStrictEqual(copy(replayed.snapshot()));
  return snapshot;
}

const kinds = (snapshot: DrillSnapshot) => new Set(snapshot.scheduler.timers.map(({ job }) => job.kind));

describe('Drill.snapshot and Drill.restore', () => {
  const files = bundledScenarioFiles();

  it('restore plus the tail plays on exactly like a full replay, for every bundled scenario and simulated team (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          file: fc.constantFrom(...files),
          team: fc.constantFrom(...PROFILES),
          seed: fc.integer({ min: 1, max: 40 }),
          cut: fc.double({ min: 0, max: 1, noNaN: true }),
          tail: fc.nat(12),
          nudge: fc.constantFrom(undefined, -1 as const, 0 as const),
          pause: fc.option(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { nil: undefined }),
          end: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
          idle: fc.array(fc.constantFrom(0, 0.3, 0.999, 1), { maxLength: 4 }),
        }),
        ({ file, team, seed, cut, tail, nudge, pause, end, idle }) => {
          const steps = stepsOf(inputsOf(file, team, seed), { idle, ...(pause ? { pause } : {}), ...(end !== undefined ? { end } : {}) });
          checkCut(scenarioOf(file), steps, { cut: Math.floor(cut * (steps.length + 1)), tail, nudge });
        },
      ),
      { numRuns: 60, seed: 13 },
    );
  });

  it('holds at every cut of a whole drill: before and after each state change, with replies, telemetry and the end pending', () => {
    const file = 'partner-db-down.yaml';
    const steps = stepsOf(inputsOf(file, 'slow', 3), { idle: [0.5, 1] });
    const seen = new Set<TimerJob['kind']>();
    let stateChanges = 0;
    for (let cut = 0; cut <= steps.length; cut++) {
      const snapshot = checkCut(scenarioOf(file), steps, { cut, tail: cut % 3, nudge: cut % 2 ? -1 : 0 });
      for (const kind of kinds(snapshot)) seen.add(kind);
      if (snapshot.last?.type === 'state.entered') stateChanges++;
    }
    // The cuts met every kind of pending timer, and landed right after state changes.
    expect([...seen].sort()).toEqual(['after', 'end', 'reply', 'telemetry']);
    expect(stateChanges).toBeGreaterThan(0);
  });

  it('restores a paused drill, a drill in the lobby and an ended drill', () => {
    const scenario = scenarioOf('partner-db-down.yaml');
    const lobby: Step[] = [{ kind: 'submit', command: { type: 'participant.join', participantId: 'ann', name: 'Ann' }, by: player('ann'), t: 0 }];
    checkCut(scenario, [...lobby, { kind: 'submit', command: { type: 'drill.start' }, by: facilitator, t: 10 }, { kind: 'advance', t: 5 * MIN }], { cut: 1, tail: 0 });

    const paused: Step[] = [
      ...lobby, { kind: 'submit', command: { type: 'drill.start' }, by: facilitator, t: 0 },
      { kind: 'submit', command: { type: 'contact.page', contact: 'vendor-support', message: 'P1' }, by: player('ann'), t: 30_000 },
      { kind: 'submit', command: { type: 'drill.pause' }, by: facilitator, t: 61_000 },
      { kind: 'submit', command: { type: 'chat.post', text: 'while paused' }, by: player('ann'), t: 61_000 },
      { kind: 'submit', command: { type: 'drill.resume' }, by: facilitator, t: 62_000 },
    ];
    const snapshot = checkCut(scenario, paused, { cut: 4, tail: 0 });
    expect(snapshot.state.status).toBe('paused');

    const ended = [...paused, { kind: 'submit', command: { type: 'drill.end' }, by: facilitator, t: 3 * MIN } as const, { kind: 'submit', command: { type: 'action-item.add', text: 'Fix paging', owner: 'ann' }, by: facilitator, t: 4 * MIN } as const];
    const last = checkCut(scenario, ended, { cut: ended.length - 1, tail: 1 });
    expect(last.state.status).toBe('ended');
    expect(last.machine).toBeUndefined();
    expect(last.scheduler.timers).toEqual([]);
  });

  it('cancels the restored scenario timers when the story moves on before they fire, and keeps the original order of ties', () => {
    const scenario = scenarioOf('partner-db-down.yaml');
    const drill = startedDrill(scenario, TEAM);
    must(drill, { type: 'contact.page', contact: 'vendor-support', message: 'P1: writes failing' }, player('ann'), MIN);
    drill.advanceTo(2 * MIN);
    const snapshot = copy(drill.snapshot());
    const orders = snapshot.scheduler.timers.map((t) => t.order);
    expect(new Set(orders).size).toBe(orders.length);
    const restored = Drill.restore(scenario, copy(snapshot), copy(drill.log));
    for (const t of [3 * MIN, 10 * MIN, 30 * MIN, 200 * MIN]) expect(restored.advanceTo(t)).toStrictEqual(drill.advanceTo(t));
    expect(restored.log).toStrictEqual(drill.log);
  });

  it('refuses a snapshot of another engine, scenario or log, and one that is not a snapshot', () => {
    const scenario = scenarioOf('partner-db-down.yaml');
    const drill = startedDrill(scenario, TEAM);
    drill.advanceTo(5 * MIN);
    const snapshot = copy(drill.snapshot());
    const log = copy(drill.log);
    const refusedWith = (changed: unknown, events: readonly DrillEvent[] = log, on: Scenario = scenario) =>
      expect(() => Drill.restore(on, changed as DrillSnapshot, events)).toThrow(SnapshotError);
    refusedWith({ ...snapshot, engine: ENGINE_VERSION + 1 });
    refusedWith({ ...snapshot, engine: ENGINE_VERSION - 1 });
    refusedWith({ ...snapshot, format: 99 });
    refusedWith(snapshot, log, scenarioOf('sleeping-expert.yaml'));
    refusedWith(snapshot, log.slice(0, -1));
    refusedWith(snapshot, log.map((e, i) => (i === snapshot.seq - 1 ? { ...e, t: e.t + 1 } : e)));
    refusedWith({ ...snapshot, seq: snapshot.seq - 1 });
    // Any stored event before it changed (a disk, a hand edit): the log is replayed in full instead, which judges it.
    refusedWith(snapshot, log.map((e, i) => (i === 2 ? { ...e, wall: 12345 } : e)));
    refusedWith({ ...snapshot, digest: undefined });
    refusedWith({ ...snapshot, scheduler: { ...snapshot.scheduler, timers: [{ at: 1e9, order: 0, job: { kind: 'after', state: 'no-such-state', delay: 5 } }] } });
    refusedWith({ ...snapshot, replies: 'none' });
    // A later event stamped before the snapshot's time (a server resumed from an older clock) does not replay from it.
    refusedWith(snapshot, [...log, { seq: log.length + 1, t: snapshot.t - 1, type: 'chat.post', text: 'hi', by: player('ann') } as DrillEvent]);
  });
});
