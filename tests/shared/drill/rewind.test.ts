import { describe, expect, it } from 'vitest';
import type { DrillCommand } from '../../../shared/drill/commands';
import { Drill } from '../../../shared/drill/drill';
import { isInput, type DrillEvent } from '../../../shared/drill/events';
import { foldTo, Rewind, ROLE_VIEWER, seqAtTime, viewpointSees, viewpointState } from '../../../shared/drill/rewind';
import { rolesOf } from '../../../shared/drill/roster';
import { initialDrillState, type DrillState } from '../../../shared/drill/state';
import { canSee, viewOf } from '../../../shared/drill/view';
import type { Scenario } from '../../../shared/scenario/schema';
import { simulate } from '../../../shared/simulate';
import { bundledScenario, bundledScenarioFiles, facilitator, MIN, must, player, startedDrill, TEAM, tinyScenario } from './helpers';

/**
 * Plays a stored log into a fresh drill the way the server's recovery does (inputs at their drill times), and
 * keeps the live drill's own state after every event: the journal sees each event just before it is applied, so
 * the drill's state at that moment is the state after the event before it.
 */
function liveStates(scenario: Scenario, log: readonly DrillEvent[]): { states: Map<number, DrillState>; events: DrillEvent[] } {
  const states = new Map<number, DrillState>();
  const drill: Drill = new Drill(scenario, { journal: (event) => states.set(event.seq - 1, drill.state) });
  for (const event of log) {
    if (!isInput(event)) continue;
    const { seq: _seq, t, by, wall, cid, ...command } = event;
    const result = drill.submit(command as DrillCommand, by, { t, wall, cid });
    if (!result.ok) throw new Error(`seq ${event.seq} refused: ${result.error.message}`);
  }
  const last = log.at(-1);
  if (last) drill.advanceTo(last.t);
  states.set(drill.state.seq, drill.state);
  return { states, events: [...drill.log] };
}

/** A fixed shuffle of 1..n, then a walk back and forth: scrubbing is not only forward. */
function scrubOrder(n: number): number[] {
  const order: number[] = [];
  for (let i = 0, x = 7; i < n; i++) order.push((x = (x * 48271) % 2147483647) % (n + 1));
  return [...order, n, 0, Math.floor(n / 2), n, 1];
}

describe('fold to a seq', () => {
  for (const file of bundledScenarioFiles()) {
    it(`equals the live drill's state at every event: ${file}`, () => {
      const scenario = bundledScenario(file);
      const { events: log } = simulate(scenario, { team: 'textbook', seed: 3 });
      const { states, events } = liveStates(scenario, log);
      expect(events).toEqual(log);
      const rewind = Rewind.of(scenario, log, { every: 16 });
      for (let seq = 0; seq <= rewind.lastSeq; seq++) expect(rewind.at(seq)).toEqual(states.get(seq));
      for (const seq of scrubOrder(rewind.lastSeq)) expect(rewind.at(seq)).toEqual(states.get(seq));
      expect(foldTo(initialDrillState(scenario), log, 5)).toEqual(states.get(5));
      expect(rewind.checkpointCount).toBe(Math.floor(log.length / 16) + 1);
    });
  }

  it('keeps one checkpoint per `every` events however it is scrubbed, and past the end is the end', () => {
    const scenario = bundledScenario('partner-db-down.yaml');
    const { events } = simulate(scenario, { team: 'chaotic', seed: 5 });
    const rewind = Rewind.of(scenario, [...events].reverse(), { every: 10 });
    const end = foldTo(initialDrillState(scenario), events, Infinity);
    expect(rewind.at(events.length + 100)).toEqual(end);
    expect(rewind.at(3)).toEqual(foldTo(initialDrillState(scenario), events, 3));
    expect(rewind.at(events.length)).toEqual(end);
    expect(rewind.checkpointCount).toBe(Math.floor(events.length / 10) + 1);
    expect(rewind.at(0)).toEqual(initialDrillState(scenario));
  });

  it('scrubs a 2,000-event log at a bounded cost: one pass forward, then fewer than `every` events per jump', () => {
    const scenario = bundledScenario('partner-db-down.yaml');
    const start = simulate(scenario, { team: 'textbook', seed: 1 }).events.filter((e) => e.t === 0);
    const events: DrillEvent[] = [...start];
    for (let k = 0; events.length < 2000; k++) {
      events.push({ seq: events.length + 1, t: 1000 * (k + 1), by: player('p-ic'), type: 'chat.post', text: `Update ${k}` } as DrillEvent);
    }
    const rewind = Rewind.of(scenario, events, { every: 50 });
    expect(rewind.at(2000).posts).toHaveLength(2000 - start.length);
    expect(rewind.reductions).toBe(2000);
    let before = rewind.reductions;
    for (const seq of scrubOrder(2000)) {
      const target = rewind.at(seq);
      expect(target.seq).toBe(seq);
      expect(rewind.reductions - before).toBeLessThan(50);
      before = rewind.reductions;
    }
    // Forward one event at a time (the player, the arrow key) folds exactly one event each.
    rewind.at(1000);
    before = rewind.reductions;
    for (let seq = 1001; seq <= 1100; seq++) rewind.at(seq);
    expect(rewind.reductions - before).toBeLessThanOrEqual(100);
    expect(rewind.checkpointCount).toBe(41);
  });

  it('finds the event at a drill time and the events up to a seq', () => {
    const scenario = bundledScenario('partner-db-down.yaml');
    const { events } = simulate(scenario, { team: 'textbook', seed: 1 });
    const rewind = Rewind.of(scenario, events);
    expect(seqAtTime(events, -1)).toBe(0);
    expect(seqAtTime(events, Infinity)).toBe(rewind.lastSeq);
    for (const e of events) {
      const at = seqAtTime(events, e.t);
      expect(events[at - 1].t).toBeLessThanOrEqual(e.t);
      expect(at).toBeGreaterThanOrEqual(e.seq);
      if (at < events.length) expect(events[at].t).toBeGreaterThan(e.t);
    }
    expect(rewind.upTo(4).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(rewind.event(4)?.seq).toBe(4);
    expect(rewind.event(rewind.lastSeq + 1)).toBeUndefined();
  });
});

describe('a viewpoint', () => {
  for (const file of bundledScenarioFiles()) {
    it(`of a role is what the server sends the holder of that role alone, at every event: ${file}`, () => {
      const scenario = bundledScenario(file);
      const { events } = simulate(scenario, { team: 'slow', seed: 2 });
      const rewind = Rewind.of(scenario, events);
      let compared = 0;
      for (let seq = 1; seq <= rewind.lastSeq; seq++) {
        const state = rewind.at(seq);
        expect(viewpointState(state, { kind: 'facilitator' })).toBe(state);
        for (const [role, holder] of Object.entries(state.roles)) {
          if (rolesOf(state, holder).length !== 1) continue;
          const server = viewOf(state, { kind: 'participant', id: holder });
          expect(viewpointState(state, { kind: 'role', role })).toEqual(server);
          const event = rewind.event(seq)!;
          expect(viewpointSees(event, { kind: 'role', role }, rewind.at(seq - 1))).toBe(canSee(event, { kind: 'participant', id: holder }, rewind.at(seq - 1)));
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(0);
    });
  }

  it('of a role never holds staff-only data, nor injects addressed to other roles, held or not', () => {
    const scenario = tinyScenario(`
    start:
      injects:
        - { id: all-page, at: 0s, to: [all], channel: pager, title: Everyone, ack: true }
        - { id: ops-only, at: 1m, to: [ops], channel: email, title: For ops, ack: true }
        - { id: comms-only, at: 1m, to: [comms], channel: email, title: For comms }
      on:
        - { when: { acked: ops-only }, goto: fixed }
    fixed:
      fixed: mitigated
      on:
        - { when: { declared: resolved }, goto: done }
    done: { final: true }
    `);
    const d = startedDrill(scenario, { ann: ['ic'], cal: ['ops'] }); // comms stays empty
    d.advanceTo(MIN);
    must(d, { type: 'note.add', text: 'IC slow to start' }, facilitator, MIN);
    must(d, { type: 'inject.send', to: ['ops'], channel: 'chat', title: 'Psst, ops', ack: false }, facilitator, MIN);
    must(d, { type: 'inject.ack', injectId: 'ops-only' }, player('cal'), 2 * MIN);
    must(d, { type: 'chat.post', text: 'On it' }, player('cal'), 2 * MIN);
    const rewind = Rewind.of(scenario, d.log);
    const at = rewind.at(rewind.lastSeq);
    const titles = (vp: Parameters<typeof viewpointState>[1]) => viewpointState(at, vp).injects.map((i) => i.title);
    expect(titles({ kind: 'role', role: 'comms' })).toEqual(['Everyone', 'For comms']);
    expect(titles({ kind: 'role', role: 'ops' })).toEqual(['Everyone', 'For ops', 'Psst, ops']);
    expect(titles({ kind: 'facilitator' })).toEqual(['Everyone', 'For ops', 'For comms', 'Psst, ops']);
    for (const role of ['ic', 'comms', 'scribe']) {
      const seen = viewpointState(at, { kind: 'role', role });
      expect(seen.notes).toEqual([]);
      expect(seen.machineState).toBeUndefined();
      expect(seen.fixedLevel).toBeUndefined();
      expect(Object.keys(seen.acks)).toEqual(['all-page'].filter((id) => at.acks[id]));
      expect(seen.posts.map((p) => p.text)).toEqual(['On it']);
      expect(seen.roles).toEqual(at.roles);
      expect(Object.values(seen.participants).some((p) => p.id === ROLE_VIEWER)).toBe(false);
      expect(rewind.upTo(rewind.lastSeq).filter((e) => viewpointSees(e, { kind: 'role', role }, at)).map((e) => e.type)).not.toContain('note.add');
    }
    expect(viewpointState(at, { kind: 'facilitator' }).notes.map((n) => n.text)).toEqual(['IC slow to start']);
    expect(TEAM.ann).toEqual(['ic']);
  });
});
