import { describe, expect, it } from 'vitest';
import { EVALUATOR_COMMAND_TYPES, FACILITATOR_COMMAND_TYPES, SYSTEM_COMMAND_TYPES, TEAM_COMMAND_TYPES, type Actor } from '../../../shared/drill/commands';
import { PRODUCED_EVENT_TYPES, type DrillEvent } from '../../../shared/drill/events';
import { rolesOf } from '../../../shared/drill/roster';
import { factsOf, initialDrillState, reduceDrill, type DrillState } from '../../../shared/drill/state';
import { deepFreeze } from '../../../shared/freeze';
import { facilitator, MIN, must, player, SEC, startedDrill, TEAM, tinyScenario } from './helpers';

const scenario = tinyScenario(`
  start:
    injects:
      - { id: page, channel: pager, title: Errors up, ack: true }
      - { id: dash, at: 1m, telemetry: { errors: [2, 5, 18] } }
      - id: call
        to: [ic]
        title: Fail over now?
        decision:
          options:
            - { id: failover, label: Fail over now, rating: P, why: Fastest way back. }
            - { id: wait, label: Wait for the vendor, rating: M, why: No ETA. }
    on:
      - { when: { escalated: vendor }, goto: engaged }
  engaged:
    fixed: mitigated
    fault: { webhook: chaos, title: Kill a checkout pod, payload: { pod: checkout-1 } }
    on:
      - { when: { declared: resolved }, goto: done }
  done: { final: true }
`);

const system: Actor = { kind: 'system' };

/** A drill whose log holds every event type there is. */
function everyEventDrill() {
  const drill = startedDrill(scenario, { ...TEAM, eve: [] });
  must(drill, { type: 'drill.speed', speed: 5 }, facilitator, 10 * SEC);
  must(drill, { type: 'inject.ack', injectId: 'page' }, player('ann'), 20 * SEC);
  must(drill, { type: 'role.release', role: 'scribe' }, player('dee'), 30 * SEC);
  must(drill, { type: 'role.assign', role: 'scribe', participantId: 'eve' }, player('ann'), 31 * SEC);
  must(drill, { type: 'chat.post', text: 'War room open' }, player('ann'), 40 * SEC);
  must(drill, { type: 'status.post', phase: 'investigating', text: 'Checkout is failing; we are on it.' }, player('bea'), 50 * SEC);
  must(drill, { type: 'severity.set', severity: 'SEV1' }, player('ann'), 55 * SEC);
  must(drill, { type: 'decision.make', injectId: 'call', option: 'wait' }, player('ann'), 58 * SEC);
  must(drill, { type: 'decision.make', injectId: 'call', option: 'failover', reason: '  The vendor has no ETA.  ' }, player('ann'), 59 * SEC);
  // Cal drops off; once the server logs him away, Eve takes over Operations; Cal comes back without it.
  must(drill, { type: 'participant.away', participantId: 'cal' }, system, 60 * SEC);
  must(drill, { type: 'role.takeover', role: 'ops', from: 'cal' }, player('eve'), 61 * SEC);
  must(drill, { type: 'participant.back', participantId: 'cal' }, system, 62 * SEC);
  must(drill, { type: 'participant.rename', participantId: 'eve', name: 'Evelyn' }, facilitator, 63 * SEC);
  must(drill, { type: 'participant.join', participantId: 'fay', name: 'Dee' }, player('fay'), 64 * SEC);
  must(drill, { type: 'participant.merge', participantId: 'fay', into: 'dee' }, facilitator, 65 * SEC);
  must(drill, { type: 'participant.join', participantId: 'gus', name: 'Gus' }, player('gus'), 66 * SEC);
  must(drill, { type: 'participant.remove', participantId: 'gus' }, facilitator, 67 * SEC);
  must(drill, { type: 'staff.rotate-key', role: 'observer' }, facilitator, 68 * SEC);
  must(drill, { type: 'incident.declare', status: 'mitigated' }, player('ann'), 90 * SEC);
  must(drill, { type: 'incident.retract', status: 'mitigated', reason: 'Errors are back' }, player('ann'), 100 * SEC);
  must(drill, { type: 'drill.pause' }, facilitator, 2 * MIN);
  must(drill, { type: 'note.add', text: 'Paused to explain the vendor path', ref: 3 }, facilitator, 2 * MIN);
  must(drill, { type: 'drill.resume' }, facilitator, 2 * MIN);
  must(drill, { type: 'inject.send', to: ['ops'], channel: 'chat', title: 'The standby is healthy', ack: true }, facilitator, 3 * MIN);
  must(drill, { type: 'contact.page', contact: 'vendor', message: 'P1 please' }, player('cal'), 4 * MIN);
  drill.advanceTo(9 * MIN);
  // A live game day: a real alert fires and resolves; the story's fault is confirmed, sent, aborted.
  must(drill, { type: 'alerts.token', action: 'issue' }, facilitator, 9 * MIN);
  const alert = { format: 'json', status: 'firing', fingerprint: 'f1', labels: { alertname: 'HighErrorRate' }, annotations: {}, source: 'Prometheus', title: 'Errors' } as const;
  must(drill, { type: 'alert.receive', alert }, system, 9 * MIN);
  must(drill, { type: 'alert.receive', alert: { ...alert, status: 'resolved' } }, system, 9 * MIN);
  const faultId = Object.keys(drill.state.faults)[0];
  must(drill, { type: 'fault.confirm', faultId, dryRun: false }, facilitator, 9 * MIN);
  must(drill, { type: 'fault.delivery', faultId, action: 'start', outcome: 'delivered', attempt: 1, status: 200 }, system, 9 * MIN);
  must(drill, { type: 'fault.abort', faultId }, facilitator, 9 * MIN);
  must(drill, { type: 'fault.delivery', faultId, action: 'abort', outcome: 'delivered', attempt: 1, status: 200 }, system, 9 * MIN);
  must(drill, { type: 'incident.declare', status: 'mitigated' }, player('ann'), 10 * MIN);
  must(drill, { type: 'drill.end' }, facilitator, 11 * MIN);
  must(drill, { type: 'action-item.add', text: 'Automate failover', owner: 'Cal', due: 'Q3' }, player('cal'), 12 * MIN);
  must(drill, { type: 'action-item.update', id: String(drill.state.actionItems[0].seq), status: 'in-progress' }, player('cal'), 12 * MIN);
  must(drill, { type: 'evaluators.set', observers: true }, facilitator, 12 * MIN);
  must(drill, { type: 'score.override', target: { objective: 'resolved' }, value: { rating: 'S' }, note: 'Closed on time in the room.' }, { kind: 'observer' }, 12 * MIN);
  return drill;
}

describe('reduceDrill', () => {
  const drill = everyEventDrill();

  it('sees every event type in the test log', () => {
    const all = [...TEAM_COMMAND_TYPES, ...FACILITATOR_COMMAND_TYPES, ...EVALUATOR_COMMAND_TYPES, ...SYSTEM_COMMAND_TYPES, 'participant.join', 'staff.rotate-key', 'alerts.token', ...PRODUCED_EVENT_TYPES];
    expect(new Set(drill.log.map((e) => e.type))).toEqual(new Set(all));
  });

  it('never mutates its input: every step works on a deep-frozen state and event', () => {
    let state: DrillState = deepFreeze(initialDrillState(scenario));
    for (const event of drill.log) {
      const before = JSON.stringify(state);
      const next = reduceDrill(state, deepFreeze(structuredClone(event)) as DrillEvent);
      expect(JSON.stringify(state)).toBe(before);
      expect(next).not.toBe(state);
      state = deepFreeze(next);
    }
    expect(state).toEqual(drill.state);
  });

  it('folds the log into the drill\'s state (the state is nothing but its log)', () => {
    expect(drill.log.reduce(reduceDrill, initialDrillState(scenario))).toEqual(drill.state);
    expect(drill.state).toMatchObject({ status: 'ended', endedReason: 'facilitator', seq: drill.log.length, t: 12 * MIN, speed: 5, severity: 'SEV1' });
  });

  it('keeps what the team did with its stamps', () => {
    const s = drill.state;
    expect(s.roles).toEqual({ ic: 'ann', comms: 'bea', ops: 'eve', scribe: 'eve' });
    expect(s.acks.page).toMatchObject({ t: 20 * SEC, by: player('ann') });
    expect(s.posts.map((p) => [p.channel, p.phase, p.t])).toEqual([['war-room', undefined, 40 * SEC], ['status-page', 'investigating', 50 * SEC]]);
    expect(s.pages).toEqual([expect.objectContaining({ contact: 'vendor', t: 4 * MIN, by: player('cal'), reply: expect.objectContaining({ t: 8 * MIN, text: 'Looking into it.' }) })]);
    expect(s.notes).toEqual([expect.objectContaining({ text: 'Paused to explain the vendor path', ref: 3, t: 2 * MIN })]);
    expect(s.actionItems).toEqual([expect.objectContaining({ text: 'Automate failover', owner: 'Cal', due: 'Q3', t: 12 * MIN })]);
    expect(s.injects.map((i) => [i.injectId, i.adhoc])).toEqual([['page', false], ['call', false], ['dash', false], [expect.stringMatching(/^adhoc-/), true], [expect.stringMatching(/^alert-/), false]]);
    // The real alert: delivered to everyone (no rules), then resolved; its fault sent and aborted.
    expect(s.injects[4]).toMatchObject({ to: ['all'], channel: 'pager', ack: true, alert: { fingerprint: 'f1', rule: null, source: 'Prometheus', resolved: { t: 9 * MIN } } });
    expect(s.alerts.f1).toMatchObject({ name: 'HighErrorRate', status: 'resolved', fired: true, received: 2, injectId: s.injects[4].injectId });
    expect(Object.values(s.faults)).toEqual([expect.objectContaining({ state: 'engaged', webhook: 'chaos', status: 'aborted', deliveries: [expect.objectContaining({ action: 'start', outcome: 'delivered' }), expect.objectContaining({ action: 'abort', outcome: 'delivered' })] })]);
    // The team sees the options' ids and labels, never the author's ratings and reasons.
    expect(s.injects[1].decision).toEqual({ options: [{ id: 'failover', label: 'Fail over now' }, { id: 'wait', label: 'Wait for the vendor' }] });
    expect(s.injects[2]).not.toHaveProperty('telemetry'); // the points carry the values
    expect(s.telemetry.errors.map((p) => p.value)).toEqual([2, 5, 18]);
    expect(s.machineState).toBe('engaged');
    expect(s.participants.eve).toEqual({ id: 'eve', name: 'Evelyn', joinedAt: 0 });
    expect(s.participants.cal).toEqual({ id: 'cal', name: 'Cal', joinedAt: 0 }); // back: no longer away
    expect(s.participants.fay).toMatchObject({ mergedInto: 'dee' });
    expect(s.participants.gus).toMatchObject({ removed: true });
  });

  it('keeps every choice of a decision, the current one, and when it closed', () => {
    const s = drill.state;
    const closed = drill.log.find((e) => e.type === 'decision.closed')!;
    expect(closed).toMatchObject({ injectId: 'call', t: 4 * MIN }); // paging the vendor moved the story on
    expect(s.decisions.call).toEqual({
      injectId: 'call',
      opened: { seq: expect.any(Number), t: 0 },
      closed: { seq: closed.seq, t: 4 * MIN },
      choice: expect.objectContaining({ option: 'failover', reason: 'The vendor has no ETA.', by: player('ann'), t: 59 * SEC }),
      history: [expect.objectContaining({ option: 'wait', t: 58 * SEC }), expect.objectContaining({ option: 'failover', t: 59 * SEC })],
    });
    expect(s.decisions.call.history[0]).not.toHaveProperty('reason');
  });

  it('keeps declarations and retractions, and judges each against the story', () => {
    const s = drill.state;
    expect(s.checksDeclarations).toBe(true);
    expect(s.fixedLevel).toBe('mitigated');
    expect(s.declarations).toEqual([
      expect.objectContaining({ status: 'mitigated', action: 'declare', premature: true, t: 90 * SEC }),
      expect.objectContaining({ status: 'mitigated', action: 'retract', reason: 'Errors are back', t: 100 * SEC }),
      expect.objectContaining({ status: 'mitigated', action: 'declare', premature: false, t: 10 * MIN }),
    ]);
    expect(s.declarations[1]).not.toHaveProperty('premature');
    expect(s.declared).toEqual({ mitigated: expect.objectContaining({ t: 10 * MIN, premature: false, by: player('ann') }) });
  });

  it('keeps evaluator overrides and settings', () => {
    expect(drill.state.evaluators).toEqual({ observers: true });
    expect(drill.state.overrides).toEqual([
      expect.objectContaining({ by: { kind: 'observer' }, target: { objective: 'resolved' }, value: { rating: 'S' }, note: 'Closed on time in the room.', t: 12 * MIN }),
    ]);
  });

  it('ignores a role claim that no participant made', () => {
    const state = initialDrillState(scenario);
    const next = reduceDrill(state, { type: 'role.claim', role: 'ic', seq: 1, t: 0, by: { kind: 'system' } });
    expect(next.roles).toEqual({});
    expect(next.seq).toBe(1);
  });
});

describe('factsOf', () => {
  it('reads what the team did', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, { type: 'incident.declare', status: 'mitigated' }, player('ann'), MIN);
    must(drill, { type: 'incident.declare', status: 'resolved' }, player('ann'), MIN);
    expect(factsOf(drill.state)).toMatchObject({ declared: ['mitigated', 'resolved'], rolesFilled: ['ic', 'comms', 'ops', 'scribe'], escalated: [], severity: 'SEV2' });
  });

  it('never counts a resolved declaration as mitigated, and forgets a retracted one', () => {
    const state = [
      { type: 'incident.declare', status: 'resolved', seq: 1, t: 0, by: { kind: 'system' } },
    ].reduce((s, e) => reduceDrill(s, e as DrillEvent), initialDrillState(scenario));
    expect(factsOf(state)).toMatchObject({ declared: ['resolved'], premature: ['resolved'] });
    const drill = startedDrill(scenario, TEAM);
    must(drill, { type: 'incident.declare', status: 'mitigated' }, player('ann'), MIN);
    must(drill, { type: 'incident.retract', status: 'mitigated', reason: 'Too early' }, player('ann'), 2 * MIN);
    expect(factsOf(drill.state)).toMatchObject({ declared: [], premature: [] });
  });

  it('lists standing premature declarations, and a decision by its current option', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, { type: 'incident.declare', status: 'mitigated' }, player('ann'), MIN);
    must(drill, { type: 'decision.make', injectId: 'call', option: 'wait' }, player('ann'), MIN);
    expect(factsOf(drill.state)).toMatchObject({ declared: ['mitigated'], premature: ['mitigated'], decided: { call: 'wait' } });
    must(drill, { type: 'decision.make', injectId: 'call', option: 'failover' }, player('ann'), 2 * MIN);
    expect(factsOf(drill.state).decided).toEqual({ call: 'failover' });
  });

  it('judges nothing premature in a scenario without fixed states', () => {
    const plain = tinyScenario(`
      start:
        on:
          - { when: { declared: resolved }, goto: done }
      done: { final: true }
    `);
    const drill = startedDrill(plain, TEAM);
    must(drill, { type: 'incident.declare', status: 'mitigated' }, player('ann'), MIN);
    expect(drill.state.checksDeclarations).toBe(false);
    expect(drill.state.declared.mitigated?.premature).toBe(false);
    expect(factsOf(drill.state).premature).toEqual([]);
  });

  it('lists a contact once however often they were paged, and as replied only after the reply', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, { type: 'contact.page', contact: 'boss', message: 'one' }, player('ann'), MIN);
    must(drill, { type: 'contact.page', contact: 'boss', message: 'two' }, player('ann'), 2 * MIN);
    expect(factsOf(drill.state)).toMatchObject({ escalated: ['boss'], replied: [] });
    drill.advanceTo(11 * MIN);
    expect(factsOf(drill.state)).toMatchObject({ escalated: ['boss'], replied: ['boss'] });
  });
});

describe('rolesOf', () => {
  it('lists every role a participant holds', () => {
    expect(rolesOf({ roles: { ic: 'ann', scribe: 'ann', ops: 'cal' } }, 'ann')).toEqual(['ic', 'scribe']);
    expect(rolesOf({ roles: { ic: 'ann' } }, 'eve')).toEqual([]);
  });
});
