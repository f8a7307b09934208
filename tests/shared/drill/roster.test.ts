import { describe, expect, it } from 'vitest';
import type { Actor, DrillCommand } from '../../../shared/drill/commands';
import { Drill } from '../../../shared/drill/drill';
import { DEFAULT_TAKE_OVER_AFTER_MS, takeOverAfterMs } from '../../../shared/drill/presence';
import { activeParticipants, rolesOf } from '../../../shared/drill/roster';
import { viewOf } from '../../../shared/drill/view';
import { score } from '../../../shared/scoring';
import { facilitator, MIN, must, player, SEC, startedDrill, TEAM, tinyScenario, refused } from './helpers';

const scenario = tinyScenario(`
  start:
    injects:
      - { id: page, channel: pager, title: Errors up, ack: true }
      - { id: ic-brief, to: [ic], channel: email, title: For the IC only, ack: true }
    on:
      - { when: { declared: resolved }, goto: done }
  done: { final: true }
`);
const system: Actor = { kind: 'system' };

/** Ann IC, Bea comms, Cal ops, Dee scribe, and Ivy's second seat (no role): the reproduction of issue 14. */
function withDuplicate() {
  const drill = startedDrill(scenario, { ...TEAM, ivy2: [] });
  must(drill, { type: 'participant.rename', participantId: 'ivy2', name: 'Ann' }, facilitator, 10 * SEC);
  return drill;
}

describe('roster management (the facilitator)', () => {
  it('renames a seat; the old name stays in the timeline where it was said', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, { type: 'chat.post', text: 'IC here' }, player('ann'), 5 * SEC);
    must(drill, { type: 'participant.rename', participantId: 'ann', name: 'Ann Lee' }, facilitator, 6 * SEC);
    expect(drill.state.participants.ann.name).toBe('Ann Lee');
    refused(drill, { type: 'participant.rename', participantId: 'ann', name: 'Ann Lee' }, facilitator, 'conflict', /already called/);
    refused(drill, { type: 'participant.rename', participantId: 'zed', name: 'Zed' }, facilitator, 'not-found');
    const card = score(scenario, drill.log);
    expect(card.timeline.map((e) => e.text)).toContain('The facilitator renamed Ann to Ann Lee.');
  });

  it('removes a seat: its roles are free, it is off the roster, and it can no longer act', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, { type: 'participant.remove', participantId: 'ann' }, facilitator, 5 * SEC);
    expect(drill.state.roles.ic).toBeUndefined();
    expect(activeParticipants(drill.state).map((p) => p.id)).toEqual(['bea', 'cal', 'dee']);
    refused(drill, { type: 'chat.post', text: 'still here?' }, player('ann'), 'forbidden', /off the roster/);
    refused(drill, { type: 'role.assign', role: 'ic', participantId: 'ann' }, facilitator, 'not-found');
    refused(drill, { type: 'participant.remove', participantId: 'ann' }, facilitator, 'not-found');
    must(drill, { type: 'role.claim', role: 'ic' }, player('bea'));
  });

  it('merges a duplicate seat: its roles move to the seat it is merged into, whose inbox now holds them', () => {
    const drill = startedDrill(scenario, { bea: ['comms'], ivy1: ['ic'], ivy2: [] });
    drill.advanceTo(1 * SEC);
    expect(viewOf(drill.state, { kind: 'participant', id: 'ivy2' }).injects.map((i) => i.injectId)).toEqual(['page']);
    must(drill, { type: 'participant.merge', participantId: 'ivy1', into: 'ivy2' }, facilitator, 2 * SEC);
    expect(rolesOf(drill.state, 'ivy2')).toEqual(['ic']);
    expect(rolesOf(drill.state, 'ivy1')).toEqual([]);
    expect(viewOf(drill.state, { kind: 'participant', id: 'ivy2' }).injects.map((i) => i.injectId)).toEqual(['page', 'ic-brief']);
    expect(activeParticipants(drill.state).map((p) => p.id)).toEqual(['bea', 'ivy2']);
    refused(drill, { type: 'participant.merge', participantId: 'ivy2', into: 'ivy2' }, facilitator, 'invalid');
    refused(drill, { type: 'participant.merge', participantId: 'ivy1', into: 'bea' }, facilitator, 'not-found');
    // The report lists the person once, with the role both seats held.
    const card = score(scenario, drill.log);
    expect(card.drill.participants.map((p) => [p.id, p.roles])).toEqual([['bea', ['Communications Lead']], ['ivy2', ['Incident Commander']]]);
  });

  it('is for the facilitator only', () => {
    const drill = withDuplicate();
    for (const command of [
      { type: 'participant.rename', participantId: 'bea', name: 'B' },
      { type: 'participant.remove', participantId: 'bea' },
      { type: 'participant.merge', participantId: 'ivy2', into: 'ann' },
    ] as DrillCommand[]) {
      refused(drill, command, player('ann'), 'forbidden', /Only the facilitator/);
      refused(drill, command, system, 'forbidden');
    }
    refused(drill, { type: 'staff.rotate-key', role: 'facilitator' }, player('ann'), 'forbidden');
  });
});

describe('presence and take-over', () => {
  it('lets a teammate take over a role whose holder the server logged as away, and logs the handover', () => {
    const drill = startedDrill(scenario, { ...TEAM, eve: [] });
    refused(drill, { type: 'role.takeover', role: 'ic', from: 'ann' }, player('eve'), 'conflict', /Ann still holds Incident Commander and has not been away for 5 min/);
    refused(drill, { type: 'role.claim', role: 'ic' }, player('eve'), 'conflict', /held by Ann\. Ask them/);
    must(drill, { type: 'participant.away', participantId: 'ann' }, system, 6 * MIN);
    expect(drill.state.participants.ann.awaySince).toBe(6 * MIN);
    refused(drill, { type: 'role.claim', role: 'ic' }, player('eve'), 'conflict', /who is away\. Take it over instead/);
    refused(drill, { type: 'role.takeover', role: 'ic', from: 'bea' }, player('eve'), 'conflict', /changed hands: it is held by Ann/);
    refused(drill, { type: 'role.takeover', role: 'ops', from: 'cal' }, player('eve'), 'conflict', /Cal still holds/);
    refused(drill, { type: 'role.takeover', role: 'ic', from: 'ann' }, facilitator, 'forbidden');
    refused(drill, { type: 'role.takeover', role: 'janitor', from: 'ann' }, player('eve'), 'not-found');
    must(drill, { type: 'role.takeover', role: 'ic', from: 'ann' }, player('eve'), 7 * MIN);
    expect(drill.state.roles.ic).toBe('eve');
    refused(drill, { type: 'role.takeover', role: 'ic', from: 'eve' }, player('eve'), 'conflict', /already hold/);
    // Ann comes back: logged, and her old role stays with Eve.
    must(drill, { type: 'participant.back', participantId: 'ann' }, system, 8 * MIN);
    expect(drill.state.participants.ann.awaySince).toBeUndefined();
    expect(drill.state.roles.ic).toBe('eve');
    const card = score(scenario, drill.log);
    expect(card.timeline.map((e) => e.text)).toContain('Eve took over the Incident Commander role from Ann, who was away.');
  });

  it('takes presence only from the server (the system actor), once per absence', () => {
    const drill = startedDrill(scenario, TEAM);
    refused(drill, { type: 'participant.away', participantId: 'ann' }, player('bea'), 'forbidden', /server/);
    refused(drill, { type: 'participant.away', participantId: 'ann' }, facilitator, 'forbidden');
    refused(drill, { type: 'participant.back', participantId: 'ann' }, system, 'conflict');
    must(drill, { type: 'participant.away', participantId: 'ann' }, system);
    refused(drill, { type: 'participant.away', participantId: 'ann' }, system, 'conflict');
    must(drill, { type: 'drill.end' }, facilitator);
    refused(drill, { type: 'participant.back', participantId: 'ann' }, system, 'not-running');
  });

  it('replays a take-over exactly: presence is in the log, not measured again', () => {
    const drill = startedDrill(scenario, { ...TEAM, eve: [] });
    must(drill, { type: 'participant.away', participantId: 'ann' }, system, 6 * MIN + 17);
    must(drill, { type: 'role.takeover', role: 'ic', from: 'ann' }, player('eve'), 6 * MIN + 900);
    const replayed = Drill.replay(scenario, JSON.parse(JSON.stringify(drill.log)));
    expect(replayed.log).toStrictEqual(drill.log);
    expect(replayed.state.roles.ic).toBe('eve');
  });

  it('reads the grace period from the scenario, 5 minutes by default', () => {
    expect(takeOverAfterMs(scenario)).toBe(DEFAULT_TAKE_OVER_AFTER_MS);
    expect(DEFAULT_TAKE_OVER_AFTER_MS).toBe(5 * MIN);
    const withPowers = { ...scenario, powers: { declare: ['ic'], severity: ['ic'], 'take-over-after': '90s' } };
    expect(takeOverAfterMs(withPowers)).toBe(90 * SEC);
  });
});
