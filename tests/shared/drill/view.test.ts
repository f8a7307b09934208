import { describe, expect, it } from 'vitest';
import { canSee, viewOf, type Viewer } from '../../../shared/drill/view';
import type { Drill } from '../../../shared/drill/drill';
import { facilitator, MIN, must, ofType, player, startedDrill, TEAM, tinyScenario } from './helpers';

const scenario = tinyScenario(`
  start:
    injects:
      - { id: all-page, channel: pager, title: Checkout errors, ack: true }
      - { id: ops-mail, to: [ops], channel: email, title: Failover runbook attached, ack: true }
      - { id: leads, at: 1m, to: [ic, comms], channel: email, title: The CEO wants a word }
    on:
      - { when: { declared: resolved }, goto: done }
  done: { final: true }
`);

const viewer = (id: string): Viewer => ({ kind: 'participant', id });
const staff: Viewer[] = [{ kind: 'facilitator' }, { kind: 'observer' }];
const inbox = (drill: Drill, v: Viewer) => viewOf(drill.state, v).injects.map((i) => i.injectId);

/** Ann IC, Bea comms, Cal ops, Dee scribe, Eve joined without a role. */
function drill() {
  const d = startedDrill(scenario, { ...TEAM, eve: [] });
  d.advanceTo(2 * MIN);
  return d;
}

describe('per-role views', () => {
  it('show an inject addressed to a role to whoever holds it and to staff, and to nobody else', () => {
    const d = drill();
    expect(inbox(d, viewer('cal'))).toEqual(['all-page', 'ops-mail']);
    expect(inbox(d, viewer('ann'))).toEqual(['all-page', 'leads']);
    expect(inbox(d, viewer('bea'))).toEqual(['all-page', 'leads']);
    expect(inbox(d, viewer('dee'))).toEqual(['all-page']);
    expect(inbox(d, viewer('eve'))).toEqual(['all-page']);
    for (const v of staff) expect(inbox(d, v)).toEqual(['all-page', 'ops-mail', 'leads']);
  });

  it('show a player holding two roles the injects of both', () => {
    const d = drill();
    must(d, { type: 'role.release', role: 'ic' }, player('ann'), 2 * MIN);
    must(d, { type: 'role.claim', role: 'ic' }, player('cal'), 2 * MIN);
    expect(inbox(d, viewer('cal'))).toEqual(['all-page', 'ops-mail', 'leads']);
    expect(inbox(d, viewer('ann'))).toEqual(['all-page']);
  });

  it('agree with canSee on every event of the log, for every viewer', () => {
    const d = drill();
    must(d, { type: 'inject.ack', injectId: 'ops-mail' }, player('cal'), 2 * MIN);
    must(d, { type: 'note.add', text: 'Ops found the runbook fast.' }, facilitator, 2 * MIN);
    must(d, { type: 'inject.send', to: ['scribe'], channel: 'chat', title: 'Keep the timeline', ack: false }, facilitator, 2 * MIN);
    const viewers: Viewer[] = [...staff, ...['ann', 'bea', 'cal', 'dee', 'eve'].map(viewer)];
    for (const v of viewers) {
      const seen = new Set(viewOf(d.state, v).injects.map((i) => i.seq));
      for (const event of ofType(d.log, 'inject.delivered')) expect(canSee(event, v, d.state), `${event.injectId} for ${JSON.stringify(v)}`).toBe(seen.has(event.seq));
      const acks = Object.keys(viewOf(d.state, v).acks);
      for (const event of ofType(d.log, 'inject.ack')) expect(canSee(event, v, d.state), `ack of ${event.injectId} for ${JSON.stringify(v)}`).toBe(acks.includes(event.injectId));
    }
  });

  it('keep the scenario state, notes and ad-hoc inject orders for staff', () => {
    const d = drill();
    must(d, { type: 'note.add', text: 'Slow start.' }, facilitator, 2 * MIN);
    must(d, { type: 'inject.send', to: ['all'], channel: 'chat', title: 'Heads up', ack: false }, facilitator, 2 * MIN);
    const mine = viewOf(d.state, viewer('ann'));
    expect(mine.machineState).toBeUndefined();
    expect(mine.notes).toEqual([]);
    for (const type of ['state.entered', 'note.add', 'inject.send'] as const) {
      const event = ofType(d.log, type)[0];
      expect(canSee(event, viewer('ann'), d.state)).toBe(false);
      for (const v of staff) expect(canSee(event, v, d.state)).toBe(true);
    }
    // The delivered ad-hoc inject itself is for everyone it is addressed to.
    expect(inbox(d, viewer('ann'))).toContain(ofType(d.log, 'inject.delivered').at(-1)!.injectId);
    for (const v of staff) expect(viewOf(d.state, v)).toBe(d.state);
  });

  it('show acks only for injects the viewer can see', () => {
    const d = drill();
    must(d, { type: 'inject.ack', injectId: 'ops-mail' }, player('cal'), 2 * MIN);
    must(d, { type: 'inject.ack', injectId: 'all-page' }, player('ann'), 2 * MIN);
    expect(Object.keys(viewOf(d.state, viewer('cal')).acks).sort()).toEqual(['all-page', 'ops-mail']);
    expect(Object.keys(viewOf(d.state, viewer('ann')).acks)).toEqual(['all-page']);
  });
});

describe('the role-inbox rule: a role\'s injects belong to whoever holds the role now, so a handover moves the inbox', () => {
  it('moves the inbox when the holder releases the role and another player claims it', () => {
    const d = drill();
    must(d, { type: 'role.release', role: 'ops' }, player('cal'), 3 * MIN);
    expect(inbox(d, viewer('cal'))).toEqual(['all-page']);
    must(d, { type: 'role.claim', role: 'ops' }, player('eve'), 4 * MIN);
    expect(inbox(d, viewer('eve'))).toEqual(['all-page', 'ops-mail']);
    const opsMail = ofType(d.log, 'inject.delivered').find((e) => e.injectId === 'ops-mail')!;
    expect(canSee(opsMail, viewer('eve'), d.state)).toBe(true);
    expect(canSee(opsMail, viewer('cal'), d.state)).toBe(false);
  });

  it('moves the inbox when the IC assigns the role to someone else', () => {
    const d = drill();
    must(d, { type: 'role.assign', role: 'ops', participantId: 'dee' }, player('ann'), 3 * MIN);
    expect(inbox(d, viewer('dee'))).toEqual(['all-page', 'ops-mail']);
    expect(inbox(d, viewer('cal'))).toEqual(['all-page']);
    // …and the duty with it: the new holder may acknowledge, the old one may not.
    expect(d.submit({ type: 'inject.ack', injectId: 'ops-mail' }, player('cal'), { t: 3 * MIN })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    must(d, { type: 'inject.ack', injectId: 'ops-mail' }, player('dee'), 3 * MIN);
  });

  it('delivers later injects for the role to the new holder only', () => {
    const s = tinyScenario(`
      start:
        injects:
          - { id: later, at: 5m, to: [ops], title: Standby is ready }
        on:
          - { when: { declared: resolved }, goto: done }
      done: { final: true }
    `);
    const d = startedDrill(s, { ...TEAM, eve: [] });
    must(d, { type: 'role.assign', role: 'ops', participantId: 'eve' }, facilitator, 1 * MIN);
    d.advanceTo(5 * MIN);
    expect(inbox(d, viewer('eve'))).toEqual(['later']);
    expect(inbox(d, viewer('cal'))).toEqual([]);
  });
});

describe('a participant\'s own fold', () => {
  const story = tinyScenario(`
    start:
      injects:
        - id: call
          to: [ic]
          title: Fail over now?
          decision:
            options:
              - { id: failover, label: Fail over now, rating: P, why: Fastest. }
              - { id: wait, label: Wait, rating: M, why: No ETA. }
      on:
        - { when: { replied: vendor }, goto: fixed }
    fixed:
      fixed: mitigated
      on:
        - { when: { declared: resolved }, goto: done }
    done: { final: true }
  `);

  it('of the events it may see, from its view, stays equal to its view: decisions, declarations, overrides', async () => {
    const { reduceDrill } = await import('../../../shared/drill/state');
    const d = startedDrill(story, TEAM);
    const views = (['ann', 'bea'] as const).map((id) => ({ v: viewer(id), state: viewOf(d.state, viewer(id)) }));
    must(d, { type: 'decision.make', injectId: 'call', option: 'wait' }, player('ann'), MIN);
    must(d, { type: 'incident.declare', status: 'mitigated' }, player('ann'), MIN); // premature: staff know, participants are not told
    must(d, { type: 'evaluators.set', observers: true }, facilitator, MIN);
    must(d, { type: 'score.override', target: { objective: 'x' }, value: { rating: 'S' }, note: 'seen' }, { kind: 'observer' }, MIN);
    must(d, { type: 'contact.page', contact: 'vendor', message: 'P1' }, player('cal'), 2 * MIN);
    d.advanceTo(7 * MIN); // the vendor answers; the story moves on and closes the decision
    must(d, { type: 'incident.retract', status: 'mitigated', reason: 'Too early' }, player('ann'), 8 * MIN);
    must(d, { type: 'incident.declare', status: 'mitigated' }, player('ann'), 8 * MIN);
    expect(d.state.declarations.map((x) => x.premature)).toEqual([true, undefined, false]);
    for (const { v, state } of views) {
      const folded = d.log.filter((e) => e.seq > state.seq && canSee(e, v, d.state)).reduce(reduceDrill, state);
      expect({ ...folded, seq: d.state.seq, t: d.state.t }).toEqual(viewOf(d.state, v));
    }
    expect(viewOf(d.state, viewer('ann')).declared.mitigated?.premature).toBe(false);
    expect(viewOf(d.state, viewer('ann')).decisions.call.closed).toBeDefined();
    expect(viewOf(d.state, viewer('bea')).decisions).toEqual({});
  });
});
