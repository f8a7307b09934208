import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { compileScenario } from '../../../shared/scenario/compile';
import { emptyFacts, type Facts } from '../../../shared/scenario/conditions';
import { Scenario } from '../../../shared/scenario/schema';
import { MIN, must, ofType, player, startedDrill, TEAM, tinyScenario } from './helpers';

/**
 * Facts only grow, so a loop of `on` transitions whose conditions all hold would enter its states forever,
 * inside one XState step (the server would hang). Within one step no state is entered twice.
 */
const scenario = tinyScenario(`
  start:
    on:
      - { when: { posted: war-room }, goto: ping }
  ping:
    injects:
      - { id: ping-note, title: Ping }
    on:
      - { when: { posted: war-room }, goto: pong }
  pong:
    on:
      - { when: { posted: war-room }, goto: ping }
      - { when: { declared: resolved }, goto: done }
  done: { final: true }
`);

/** Runs the compiled machine, failing (not hanging) if one step takes more than 50 microsteps. */
function machineRun(facts: Partial<Facts>[], of: Scenario = scenario) {
  let microsteps = 0;
  const actor = createActor(compileScenario(of), {
    inspect: (event) => {
      if (event.type === '@xstate.microstep' && ++microsteps > 50) throw new Error('runaway loop of on transitions');
    },
  });
  const entered: string[] = [];
  actor.on('entered', (e) => entered.push(e.state));
  actor.start();
  for (const f of facts) {
    microsteps = 0;
    actor.send({ type: 'facts', facts: { ...emptyFacts('SEV2'), ...f } });
  }
  const snapshot = actor.getSnapshot();
  actor.stop();
  return { entered, status: snapshot.status, error: snapshot.error };
}

describe('a loop of on transitions whose conditions all hold', () => {
  it('stops where it would enter a state a second time in the same step', () => {
    expect(machineRun([{ posted: ['war-room'] }])).toEqual({ entered: ['start', 'ping', 'pong'], status: 'active', error: undefined });
  });

  it('goes round once more per team action, and still leaves by another transition', () => {
    expect(machineRun([{ posted: ['war-room'] }, { posted: ['war-room'] }, { posted: ['war-room'], declared: ['resolved'] }]).entered).toEqual(
      ['start', 'ping', 'pong', /* 2nd */ 'ping', 'pong', /* 3rd */ 'ping', 'pong', 'done'],
    );
  });

  it('an `on` transition to its own state never fires', () => {
    // The validator refuses this scenario; the core must survive it anyway (schema checks only).
    const self = Scenario.parse({
      ...scenario,
      states: {
        start: { on: [{ when: { posted: 'war-room' }, goto: 'start' }, { when: { declared: 'resolved' }, goto: 'done' }] },
        done: { final: true },
      },
    });
    expect(machineRun([{ posted: ['war-room'] }, { posted: ['war-room'], declared: ['resolved'] }], self)).toEqual({ entered: ['start', 'done'], status: 'done', error: undefined });
  });

  it('does not hold back a return that a timer started: each timed transition is a step of its own', () => {
    const timed = tinyScenario(`
      start:
        on:
          - { when: { declared: resolved }, goto: done }
        after:
          - { in: 5m, goto: away }
      away:
        on:
          - { when: { posted: war-room }, goto: start }
      done: { final: true }
    `);
    const drill = startedDrill(timed, TEAM);
    must(drill, { type: 'chat.post', text: 'we are here' }, player('ann'), MIN);
    drill.advanceTo(11 * MIN);
    expect(ofType(drill.log, 'state.entered').map((e) => [e.state, e.t / MIN])).toEqual([['start', 0], ['away', 5], ['start', 5], ['away', 10], ['start', 10]]);
  });
});
