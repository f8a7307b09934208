import { describe, expect, it } from 'vitest';
import { Drill } from '../../../shared/drill/drill';
import type { DrillEvent } from '../../../shared/drill/events';
import { facilitator, MIN, must, player, startedDrill, TEAM, tinyScenario } from './helpers';

const scenario = tinyScenario(`
  start:
    injects:
      - { id: page, channel: pager, title: Errors up, ack: true }
      - { id: ticket, at: 3m, channel: support, title: 40 tickets }
    after:
      - { in: 5m, goto: storm }
  storm:
    injects:
      - { id: tweet, channel: social, title: Trending }
    on:
      - { when: { declared: resolved }, goto: done }
  done: { final: true }
`);

describe('the journal (events are kept before they take effect)', () => {
  it('receives every event, in order, before it is in the log or the state', () => {
    const kept: DrillEvent[] = [];
    const journal = (event: DrillEvent) => {
      expect(drill.log).toHaveLength(event.seq - 1);
      expect(drill.state.seq).toBe(event.seq - 1);
      kept.push(event);
    };
    const drill: Drill = new Drill(scenario, { journal });
    must(drill, { type: 'participant.join', participantId: 'ann', name: 'Ann' }, player('ann'), 0);
    must(drill, { type: 'role.claim', role: 'ic' }, player('ann'), 0);
    must(drill, { type: 'drill.start' }, facilitator, 0);
    must(drill, { type: 'chat.post', text: 'on it' }, player('ann'), 1 * MIN);
    drill.advanceTo(30 * MIN);
    expect(kept).toEqual(drill.log);
    expect(kept.map((e) => e.seq)).toEqual(kept.map((_, i) => i + 1));
  });

  it('refusing a command leaves the drill unchanged, and the command can be retried', () => {
    let fail = false;
    const drill = startedDrill(scenario, TEAM, { journal: () => { if (fail) throw new Error('disk full'); } });
    const before = drill.state;
    const length = drill.log.length;
    fail = true;
    expect(() => drill.submit({ type: 'chat.post', text: 'hello' }, player('ann'), { t: 30_000 })).toThrow('disk full');
    expect(drill.state).toBe(before);
    expect(drill.log).toHaveLength(length);
    fail = false;
    must(drill, { type: 'chat.post', text: 'hello' }, player('ann'), 30_000);
    expect(drill.state.posts.map((p) => p.text)).toEqual(['hello']);
  });

  it('failing on an event the scenario produces reaches the caller at once, not later from a stray timer', () => {
    const kept: DrillEvent[] = [];
    const journal = (event: DrillEvent) => {
      if (event.type === 'state.entered' && event.state === 'storm') throw new Error('disk full');
      kept.push(event);
    };
    const drill = startedDrill(scenario, TEAM, { journal });
    expect(() => drill.advanceTo(6 * MIN)).toThrow('disk full');
    expect(drill.log.some((e) => e.type === 'state.entered' && e.state === 'storm')).toBe(false);
    // Nothing after the failed event was kept either.
    expect(kept.at(-1)).toMatchObject({ type: 'inject.delivered', injectId: 'ticket' });
    expect(drill.log).toEqual(kept);

    // Recovery: rebuild from what was kept; the lost events come back as time moves on.
    const rebuilt = Drill.replay(scenario, kept);
    expect(rebuilt.log).toEqual(kept);
    rebuilt.advanceTo(6 * MIN);
    expect(rebuilt.state.machineState).toBe('storm');
    expect(rebuilt.state.injects.map((i) => i.injectId)).toEqual(['page', 'ticket', 'tweet']);
  });

  it('failing while a command takes effect reaches the caller from submit', () => {
    const journal = (event: DrillEvent) => {
      if (event.type === 'inject.delivered' && event.injectId === 'page') throw new Error('disk full');
    };
    const drill = new Drill(scenario, { journal });
    expect(() => drill.submit({ type: 'drill.start' }, facilitator, { t: 0 })).toThrow('disk full');
    expect(drill.log.map((e) => e.type)).toEqual(['drill.start', 'state.entered']);
  });
});
