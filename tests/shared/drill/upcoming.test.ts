import { describe, expect, it } from 'vitest';
import { Drill } from '../../../shared/drill/drill';
import { facilitator, MIN, must, player, SEC, startedDrill, TEAM, tinyScenario } from './helpers';

const scenario = tinyScenario(`
  start:
    injects:
      - { id: page, channel: pager, title: Errors up, ack: true }
      - { id: dash, at: 1m, telemetry: { errors: [2, 5] } }
      - { id: ticket, at: 3m, to: [comms], channel: support, title: 40 tickets }
      - { id: tweet, at: 12m, channel: social, title: Is it down? }
    on:
      - { when: { escalated: vendor }, goto: engaged }
    after:
      - { in: 12m, unless: { posted: status-page }, goto: storm }
  storm:
    on:
      - { when: { escalated: vendor }, goto: engaged }
  engaged:
    injects:
      - { id: failover, at: 2m, title: Failover proposed }
    on:
      - { when: { declared: resolved }, goto: done }
  done: { final: true }
`);

const post = { type: 'status.post', phase: 'investigating', text: 'We are on it. Next update in 15 minutes.' } as const;

describe('upcoming()', () => {
  it('is empty in the lobby', () => {
    const drill = new Drill(scenario);
    must(drill, { type: 'participant.join', participantId: 'ann', name: 'Ann' }, player('ann'), 0);
    expect(drill.upcoming()).toEqual([]);
  });

  it('lists the next injects, the contingency and the end, soonest first', () => {
    const drill = startedDrill(scenario, TEAM);
    expect(drill.upcoming()).toEqual([
      { kind: 'inject', at: 1 * MIN, injectId: 'dash', title: 'Telemetry: errors', channel: 'telemetry', to: ['all'] },
      { kind: 'inject', at: 3 * MIN, injectId: 'ticket', title: '40 tickets', channel: 'support', to: ['comms'] },
      { kind: 'inject', at: 12 * MIN, injectId: 'tweet', title: 'Is it down?', channel: 'social', to: ['all'] },
      { kind: 'transition', at: 12 * MIN, goto: 'storm', unless: 'status-page posted', willSkip: false },
      { kind: 'end', at: 30 * MIN },
    ]);
  });

  it('drops injects once delivered', () => {
    const drill = startedDrill(scenario, TEAM);
    drill.advanceTo(3 * MIN);
    expect(drill.upcoming().map((u) => u.kind === 'inject' && u.injectId).filter(Boolean)).toEqual(['tweet']);
  });

  it('marks a contingency willSkip once its unless-condition holds', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, post, player('bea'), 5 * MIN);
    expect(drill.upcoming().find((u) => u.kind === 'transition')).toMatchObject({ at: 12 * MIN, goto: 'storm', willSkip: true });
  });

  it('lists pending replies with the contact\'s name, and the new state\'s schedule after a transition', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, { type: 'contact.page', contact: 'boss', message: 'FYI' }, player('ann'), 1 * MIN + 30 * SEC);
    must(drill, { type: 'contact.page', contact: 'vendor', message: 'Help' }, player('ann'), 2 * MIN);
    expect(drill.state.machineState).toBe('engaged');
    expect(drill.upcoming()).toEqual([
      { kind: 'inject', at: 4 * MIN, injectId: 'failover', title: 'Failover proposed', channel: 'chat', to: ['all'] },
      { kind: 'reply', at: 6 * MIN, contact: 'vendor', name: 'Vendor support' },
      { kind: 'reply', at: 11 * MIN + 30 * SEC, contact: 'boss', name: 'The boss' },
      { kind: 'end', at: 30 * MIN },
    ]);
    drill.advanceTo(6 * MIN);
    expect(drill.upcoming().map((u) => u.kind)).toEqual(['reply', 'end']);
  });

  it('gives two drills of one scenario each their own schedule (what is kept per scenario holds no drill\'s state)', () => {
    const engaged = startedDrill(scenario, TEAM);
    must(engaged, { type: 'contact.page', contact: 'vendor', message: 'Help' }, player('ann'), 2 * MIN);
    const waiting = startedDrill(scenario, TEAM);
    waiting.advanceTo(1 * MIN);
    expect(engaged.upcoming().filter((u) => u.kind === 'inject').map((u) => u.kind === 'inject' && u.injectId)).toEqual(['failover']);
    expect(waiting.upcoming().filter((u) => u.kind === 'inject').map((u) => u.kind === 'inject' && u.injectId)).toEqual(['ticket', 'tweet']);
    expect(engaged.upcoming().find((u) => u.kind === 'reply')).toEqual({ kind: 'reply', at: 6 * MIN, contact: 'vendor', name: 'Vendor support' });
    expect(waiting.upcoming().some((u) => u.kind === 'reply')).toBe(false);
  });

  it('counts the end from the start, not from the lobby', () => {
    const drill = startedDrill(scenario, TEAM, { startAt: 4 * MIN });
    expect(drill.upcoming().at(-1)).toEqual({ kind: 'end', at: 34 * MIN });
    drill.advanceTo(34 * MIN);
    expect(drill.state.endedReason).toBe('duration');
  });

  it('keeps showing the schedule while paused, and nothing once ended', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, { type: 'drill.pause' }, facilitator, 2 * MIN);
    expect(drill.upcoming().length).toBeGreaterThan(0);
    must(drill, { type: 'drill.end' }, facilitator, 2 * MIN);
    expect(drill.upcoming()).toEqual([]);
  });
});
