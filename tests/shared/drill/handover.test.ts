import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../shared/drill/commands';
import { Drill } from '../../../shared/drill/drill';
import { factsOf } from '../../../shared/drill/state';
import { holds } from '../../../shared/scenario/conditions';
import { facilitator, MIN, must, player, startedDrill, statesEntered, tinyScenario } from './helpers';

/** The story moves on only once command has really changed hands; a long wait without a handover goes to `fatigue`. */
const scenario = tinyScenario(`
  start:
    on:
      - { when: { handed-over: ic }, goto: relieved }
    after:
      - { in: 20m, unless: { handed-over: ic }, goto: fatigue }
  relieved:
    final: true
  fatigue:
    final: true
`);

const system: Actor = { kind: 'system' };
const handedOver = (drill: Drill) => holds({ 'handed-over': 'ic' }, factsOf(drill.state));

describe('the handed-over condition', () => {
  it('holds once the incident commander assigns command to someone else, and the story follows', () => {
    const drill = startedDrill(scenario, { ann: ['ic'], bea: ['comms'] });
    expect(handedOver(drill)).toBe(false);
    must(drill, { type: 'role.assign', role: 'ic', participantId: 'bea' }, player('ann'), 5 * MIN);
    expect(drill.state.roles.ic).toBe('bea');
    expect(drill.state.handedOver).toEqual(['ic']);
    expect(statesEntered(drill.log)).toEqual(['start', 'relieved']);
  });

  it('does not count the shuffling of roles in the lobby', () => {
    const drill = new Drill(scenario);
    for (const id of ['ann', 'bea']) must(drill, { type: 'participant.join', participantId: id, name: id }, player(id), 0);
    must(drill, { type: 'role.claim', role: 'ic' }, player('ann'), 0);
    must(drill, { type: 'role.assign', role: 'ic', participantId: 'bea' }, player('ann'), 0);
    must(drill, { type: 'drill.start' }, facilitator, 0);
    expect(handedOver(drill)).toBe(false);
    drill.advanceTo(21 * MIN);
    expect(statesEntered(drill.log)).toEqual(['start', 'fatigue']);
  });

  it('is not earned by releasing command and claiming it back (a team gaming it), only by someone else taking it', () => {
    const drill = startedDrill(scenario, { ann: ['ic'], bea: ['comms'] });
    must(drill, { type: 'role.release', role: 'ic' }, player('ann'), 2 * MIN);
    must(drill, { type: 'role.claim', role: 'ic' }, player('ann'), 3 * MIN);
    expect(handedOver(drill)).toBe(false);
    must(drill, { type: 'role.release', role: 'ic' }, player('ann'), 4 * MIN);
    must(drill, { type: 'role.claim', role: 'ic' }, player('bea'), 5 * MIN);
    expect(handedOver(drill)).toBe(true);
  });

  it('is not earned when the same person, joined twice, is merged into their other seat', () => {
    const drill = startedDrill(scenario, { ann: ['ic'], ann2: [] });
    must(drill, { type: 'participant.merge', participantId: 'ann', into: 'ann2' }, facilitator, 2 * MIN);
    expect(drill.state.roles.ic).toBe('ann2');
    expect(handedOver(drill)).toBe(false);
  });

  it('counts a takeover of a commander who has gone away', () => {
    const drill = startedDrill(scenario, { ann: ['ic'], bea: ['comms'] });
    must(drill, { type: 'participant.away', participantId: 'ann' }, system, 1 * MIN);
    must(drill, { type: 'role.takeover', role: 'ic', from: 'ann' }, player('bea'), 7 * MIN);
    expect(handedOver(drill)).toBe(true);
    expect(statesEntered(drill.log)).toEqual(['start', 'relieved']);
  });
});
