import { describe, expect, it } from 'vitest';
import { FACILITATOR_COMMAND_TYPES, SYSTEM_COMMAND_TYPES, TEAM_COMMAND_TYPES, type Actor } from '../../../shared/drill/commands';
import { PRODUCED_EVENT_TYPES, type DrillEvent } from '../../../shared/drill/events';
import { factsOf, initialDrillState, reduceDrill, rolesOf, type DrillState } from '../../../shared/drill/state';
import { facilitator, MIN, must, player, SEC, startedDrill, TEAM, tinyScenario } from './helpers';

const scenario = tinyScenario(`
  start:
    injects:
      - { id: page, channel: pager, title: Errors up, ack: true }
      - { id: dash, at: 1m, telemetry: { errors: [2, 5, 18] } }
    on:
      - { when: { escalated: vendor }, goto: engaged }
  engaged:
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
  must(drill, { type: 'drill.pause' }, facilitator, 2 * MIN);
  must(drill, { type: 'note.add', text: 'Paused to explain the vendor path', ref: 3 }, facilitator, 2 * MIN);
  must(drill, { type: 'drill.resume' }, facilitator, 2 * MIN);
  must(drill, { type: 'inject.send', to: ['ops'], channel: 'chat', title: 'The standby is healthy', ack: true }, facilitator, 3 * MIN);
  must(drill, { type: 'contact.page', contact: 'vendor', message: 'P1 please' }, player('cal'), 4 * MIN);
  drill.advanceTo(9 * MIN);
  must(drill, { type: 'incident.declare', status: 'mitigated' }, player('ann'), 10 * MIN);
  must(drill, { type: 'drill.end' }, facilitator, 11 * MIN);
  must(drill, { type: 'action-item.add', text: 'Automate failover', owner: 'Cal', due: 'Q3' }, player('cal'), 12 * MIN);
  return drill;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

describe('reduceDrill', () => {
  const drill = everyEventDrill();

  it('sees every event type in the test log', () => {
    const all = [...TEAM_COMMAND_TYPES, ...FACILITATOR_COMMAND_TYPES, ...SYSTEM_COMMAND_TYPES, 'participant.join', 'staff.rotate-key', ...PRODUCED_EVENT_TYPES];
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
    expect(s.injects.map((i) => [i.injectId, i.adhoc])).toEqual([['page', false], ['dash', false], [expect.stringMatching(/^adhoc-/), true]]);
    expect(s.injects[1]).not.toHaveProperty('telemetry'); // the points carry the values
    expect(s.telemetry.errors.map((p) => p.value)).toEqual([2, 5, 18]);
    expect(s.machineState).toBe('engaged');
    expect(s.participants.eve).toEqual({ id: 'eve', name: 'Evelyn', joinedAt: 0 });
    expect(s.participants.cal).toEqual({ id: 'cal', name: 'Cal', joinedAt: 0 }); // back: no longer away
    expect(s.participants.fay).toMatchObject({ mergedInto: 'dee' });
    expect(s.participants.gus).toMatchObject({ removed: true });
  });

  it('ignores a role claim that no participant made', () => {
    const state = initialDrillState(scenario);
    const next = reduceDrill(state, { type: 'role.claim', role: 'ic', seq: 1, t: 0, by: { kind: 'system' } });
    expect(next.roles).toEqual({});
    expect(next.seq).toBe(1);
  });
});

describe('factsOf', () => {
  it('reads what the team did, and counts resolved as mitigated too', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, { type: 'incident.declare', status: 'resolved' }, player('ann'), MIN);
    expect(factsOf(drill.state)).toMatchObject({ declared: ['resolved', 'mitigated'], rolesFilled: ['ic', 'comms', 'ops', 'scribe'], escalated: [], severity: 'SEV2' });
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
