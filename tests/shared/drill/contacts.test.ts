import { describe, expect, it } from 'vitest';
import type { Drill } from '../../../shared/drill/drill';
import { facilitator, MIN, must, ofType, player, SEC, startedDrill, statesEntered, TEAM, tinyScenario } from './helpers';

const scenario = tinyScenario(`
  start:
    on:
      - { when: { replied: vendor }, goto: vendor-answered }
    after:
      - { in: 20m, unless: { replied: boss }, goto: no-boss }
  vendor-answered:
    on:
      - { when: { all: [{ replied: boss }, { declared: resolved }] }, goto: done }
  no-boss:
    on:
      - { when: { declared: resolved }, goto: done }
  done: { final: true }
`);

const page = (contact: string) => ({ type: 'contact.page', contact, message: 'Please join the bridge.' }) as const;
const replies = (drill: Drill) => ofType(drill.log, 'contact.replied');

describe('contact replies', () => {
  it('arrive exactly `responds` after the page, in drill time, with the scripted text', () => {
    const drill = startedDrill(scenario, TEAM);
    const pagedAt = 2 * MIN + 37 * SEC;
    must(drill, page('vendor'), player('ann'), pagedAt);
    drill.advanceTo(pagedAt + 4 * MIN - 1);
    expect(replies(drill)).toEqual([]);
    expect(drill.state.pages[0].reply).toBeUndefined();
    const events = drill.advanceTo(pagedAt + 4 * MIN);
    expect(ofType(events, 'contact.replied')).toEqual([expect.objectContaining({ contact: 'vendor', text: 'Looking into it.', t: pagedAt + 4 * MIN, by: { kind: 'system' } })]);
    expect(drill.state.pages[0].reply).toMatchObject({ t: pagedAt + 4 * MIN, text: 'Looking into it.' });
  });

  it('fall back to a short acknowledgement naming the contact when none is scripted', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, page('boss'), player('ann'), 1 * MIN);
    drill.advanceTo(11 * MIN);
    expect(replies(drill).map((r) => r.text)).toEqual(['The boss here. Got your page, looking now.']);
  });

  it('are not doubled by a second page while the first reply is pending', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, page('vendor'), player('ann'), 1 * MIN);
    must(drill, page('vendor'), player('cal'), 3 * MIN);
    drill.advanceTo(15 * MIN);
    expect(replies(drill).map((r) => r.t)).toEqual([5 * MIN]);
    // Both pages were answered by that one reply.
    expect(drill.state.pages.map((p) => p.reply?.t)).toEqual([5 * MIN, 5 * MIN]);
  });

  it('come again for a page sent after the previous reply arrived', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, page('vendor'), player('ann'), 1 * MIN);
    must(drill, page('vendor'), player('ann'), 6 * MIN);
    drill.advanceTo(15 * MIN);
    expect(replies(drill).map((r) => r.t)).toEqual([5 * MIN, 10 * MIN]);
  });

  it('make {replied: x} conditions hold from the moment the reply arrives, not the page', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, page('vendor'), player('ann'), 1 * MIN);
    expect(drill.state.machineState).toBe('start');
    drill.advanceTo(5 * MIN - 1);
    expect(drill.state.machineState).toBe('start');
    drill.advanceTo(5 * MIN);
    expect(statesEntered(drill.log)).toEqual(['start', 'vendor-answered']);
    expect(drill.log.findIndex((e) => e.type === 'state.entered' && e.state === 'vendor-answered')).toBeGreaterThan(
      drill.log.findIndex((e) => e.type === 'contact.replied'),
    );
  });

  it('count in compound conditions and in contingencies', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, page('vendor'), player('ann'), 1 * MIN);
    must(drill, page('boss'), player('ann'), 2 * MIN);
    must(drill, { type: 'incident.declare', status: 'mitigated' }, player('ann'), 6 * MIN);
    must(drill, { type: 'incident.declare', status: 'resolved' }, player('ann'), 6 * MIN);
    expect(drill.state.machineState).toBe('vendor-answered'); // resolved, but the boss has not answered yet
    drill.advanceTo(12 * MIN);
    expect(statesEntered(drill.log)).toEqual(['start', 'vendor-answered', 'done']);
    expect(drill.state).toMatchObject({ status: 'ended', endedReason: 'final', t: 12 * MIN });
  });

  it('that are still pending when the drill ends never arrive', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, page('boss'), player('ann'), 1 * MIN);
    must(drill, { type: 'drill.end' }, facilitator, 2 * MIN);
    drill.advanceTo(60 * MIN);
    expect(replies(drill)).toEqual([]);
  });

  it('only come from contacts of the scenario', () => {
    const drill = startedDrill(scenario, TEAM);
    expect(drill.submit(page('nobody'), player('ann'), { t: MIN })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(drill.state.pages).toEqual([]);
  });
});
