import { describe, expect, it } from 'vitest';
import { Drill } from '../../../shared/drill/drill';
import { deliveredAt, delivered, facilitator, MIN, must, ofType, player, SEC, startedDrill, statesEntered, TEAM, tinyScenario } from './helpers';

const scenario = tinyScenario(`
  start:
    injects:
      - { id: page, channel: pager, title: Errors up, ack: true }
      - { id: dash, at: 1m, telemetry: { errors: [2, 5, 18, 38] } }
      - { id: ticket, at: 3m, channel: support, title: 40 tickets }
      - { id: tweet, at: 10m, channel: social, title: Is it down? }
    on:
      - { when: { escalated: vendor }, goto: engaged }
    after:
      - { in: 10m, goto: storm }
  storm:
    injects:
      - { id: storm-1, channel: social, title: Trending }
    on:
      - { when: { escalated: vendor }, goto: engaged }
  engaged:
    injects:
      - { id: engaged-0, title: Vendor joined }
      - { id: engaged-2, at: 2m, title: Failover proposed, telemetry: { errors: [40, 10] } }
      - { id: engaged-5, at: 5m, title: Failover done }
    on:
      - { when: { declared: resolved }, goto: done }
  done: { final: true }
`);

const page = { type: 'contact.page', contact: 'vendor', message: 'Join the bridge please.' } as const;

describe('drill timers', () => {
  it('deliver nothing before the drill starts', () => {
    const drill = new Drill(scenario);
    must(drill, { type: 'participant.join', participantId: 'ann', name: 'Ann' }, player('ann'), 0);
    expect(drill.advanceTo(20 * MIN)).toEqual([]);
    expect(drill.nextDue()).toBeUndefined();
  });

  it('deliver a state\'s injects at their `at` after the state was entered', () => {
    const drill = startedDrill(scenario, TEAM);
    const enteredAt = 2 * MIN + 11 * SEC + 7;
    must(drill, page, player('ann'), enteredAt);
    drill.advanceTo(enteredAt + 10 * MIN);
    expect(deliveredAt(drill.log, 'engaged-0')).toBe(enteredAt);
    expect(deliveredAt(drill.log, 'engaged-2')).toBe(enteredAt + 2 * MIN);
    expect(deliveredAt(drill.log, 'engaged-5')).toBe(enteredAt + 5 * MIN);
    expect(ofType(drill.log, 'inject.delivered').find((e) => e.injectId === 'engaged-5')).toMatchObject({ state: 'engaged', title: 'Failover done', to: ['all'], channel: 'chat', ack: false });
  });

  it('cancel the injects of a state that is left before they fire', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, page, player('ann'), 2 * MIN);
    drill.advanceTo(30 * MIN);
    expect(delivered(drill.log)).toEqual(['page', 'dash', 'engaged-0', 'engaged-2', 'engaged-5']);
    expect(statesEntered(drill.log)).toEqual(['start', 'engaged']);
  });

  it('deliver an inject due together with a timed transition first, then take the transition', () => {
    const drill = startedDrill(scenario, TEAM);
    drill.advanceTo(10 * MIN);
    const tail = drill.log.slice(-3).map((e) => (e.type === 'inject.delivered' ? e.injectId : e.type === 'state.entered' ? e.state : e.type));
    expect(tail).toEqual(['tweet', 'storm', 'storm-1']);
    expect(ofType(drill.log, 'inject.delivered').find((e) => e.injectId === 'tweet')).toMatchObject({ state: 'start', t: 10 * MIN });
  });

  it('spread telemetry values one point at a time over the following minute', () => {
    const drill = startedDrill(scenario, TEAM);
    drill.advanceTo(2 * MIN);
    expect(ofType(drill.log, 'inject.delivered').find((e) => e.injectId === 'dash')).toMatchObject({ channel: 'telemetry', telemetry: { errors: [2, 5, 18, 38] } });
    const points = ofType(drill.log, 'telemetry.point').map((p) => [p.series, p.value, p.t]);
    expect(points).toEqual([
      ['errors', 2, 1 * MIN],
      ['errors', 5, 1 * MIN + 15 * SEC],
      ['errors', 18, 1 * MIN + 30 * SEC],
      ['errors', 38, 1 * MIN + 45 * SEC],
    ]);
    expect(drill.state.telemetry.errors).toEqual([
      { t: 1 * MIN, value: 2 },
      { t: 1 * MIN + 15 * SEC, value: 5 },
      { t: 1 * MIN + 30 * SEC, value: 18 },
      { t: 1 * MIN + 45 * SEC, value: 38 },
    ]);
  });

  it('keep titled telemetry injects on their own channel, and append to the same series', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, page, player('ann'), 2 * MIN);
    drill.advanceTo(5 * MIN);
    expect(ofType(drill.log, 'inject.delivered').find((e) => e.injectId === 'engaged-2')).toMatchObject({ channel: 'chat', title: 'Failover proposed' });
    expect(drill.state.telemetry.errors.map((p) => p.value)).toEqual([2, 5, 18, 38, 40, 10]);
    expect(drill.state.telemetry.errors.slice(-2).map((p) => p.t)).toEqual([4 * MIN, 4 * MIN + 30 * SEC]);
  });

  it('end the drill at the scenario duration after the start, with reason duration', () => {
    const drill = startedDrill(scenario, TEAM, { startAt: 3 * MIN }); // some minutes in the lobby first
    drill.advanceTo(33 * MIN - 1);
    expect(drill.state.status).toBe('running');
    const events = drill.advanceTo(33 * MIN);
    expect(events.at(-1)).toMatchObject({ type: 'drill.ended', reason: 'duration', t: 33 * MIN, by: { kind: 'system' } });
    expect(drill.state).toMatchObject({ status: 'ended', endedReason: 'duration' });
  });

  it('end the drill when the facilitator ends it, with reason facilitator', () => {
    const drill = startedDrill(scenario, TEAM);
    const events = must(drill, { type: 'drill.end' }, facilitator, 4 * MIN + 1);
    expect(events.slice(-2).map((e) => e.type)).toEqual(['drill.end', 'drill.ended']);
    expect(events.at(-1)).toMatchObject({ reason: 'facilitator', t: 4 * MIN + 1 });
    expect(drill.state).toMatchObject({ status: 'ended', endedReason: 'facilitator' });
  });

  it('fire nothing after the end: no injects, replies, telemetry points, transitions or second end', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, page, player('ann'), 1 * MIN + 10 * SEC); // reply due at 5m10s, injects due later
    must(drill, { type: 'drill.end' }, facilitator, 3 * MIN + 5 * SEC); // mid-way through a telemetry spread
    const length = drill.log.length;
    expect(drill.nextDue()).toBeUndefined();
    expect(drill.advanceTo(3 * 60 * MIN)).toEqual([]);
    expect(drill.log).toHaveLength(length);
    expect(ofType(drill.log, 'drill.ended')).toHaveLength(1);
    // The hot wash still works after the end.
    must(drill, { type: 'action-item.add', text: 'Add a failover runbook', owner: 'Cal' }, player('cal'));
    expect(drill.advanceTo(4 * 60 * MIN)).toEqual([]);
  });

  it('report the next due time for the server\'s real timer', () => {
    const drill = startedDrill(scenario, TEAM);
    expect(drill.nextDue()).toBe(1 * MIN);
    drill.advanceTo(1 * MIN);
    expect(drill.nextDue()).toBe(1 * MIN + 15 * SEC);
    expect(drill.now).toBe(1 * MIN);
  });

  it('never move drill time backwards: a command stamped in the past happens now', () => {
    const drill = startedDrill(scenario, TEAM);
    drill.advanceTo(5 * MIN);
    const [event] = must(drill, { type: 'chat.post', text: 'late packet' }, player('ann'), 4 * MIN);
    expect(event.t).toBe(5 * MIN);
    expect(drill.advanceTo(4 * MIN)).toEqual([]);
    expect(drill.now).toBe(5 * MIN);
  });
});
