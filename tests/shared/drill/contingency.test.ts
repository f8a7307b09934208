import { describe, expect, it } from 'vitest';
import { ms } from '../../../shared/scenario/model';
import { bundledScenario, delivered, deliveredAt, MIN, must, player, SEC, startedDrill, statesEntered, TEAM, tinyScenario } from './helpers';

const scenario = tinyScenario(`
  start:
    injects:
      - { id: page, channel: pager, title: Checkout errors, ack: true }
    on:
      - { when: { escalated: vendor }, goto: engaged }
    after:
      - { in: 10m, unless: { posted: status-page }, goto: storm }
  storm:
    injects:
      - { id: tweet, channel: social, title: Not a word from you }
    on:
      - { when: { escalated: vendor }, goto: engaged }
  engaged:
    injects:
      - { id: engaged-note, at: 1m, title: Vendor is on the bridge }
    on:
      - { when: { declared: resolved }, goto: done }
    after:
      - { in: 5m, unless: { any: [{ escalated: boss }, { posted: war-room }] }, goto: exec-call }
  exec-call:
    injects:
      - { id: exec, to: [ic], channel: email, title: Why was I not told? }
    on:
      - { when: { declared: resolved }, goto: done }
  done: { final: true }
`);

const post = { type: 'status.post', phase: 'investigating', text: 'Checkout is failing. We are on it. Next update in 15 minutes.' } as const;
const page = (contact: string) => ({ type: 'contact.page', contact, message: 'Please join the bridge.' }) as const;

describe('after … unless (contingency) transitions', () => {
  it('is taken at `in` after the state was entered when the expected action is missing', () => {
    const drill = startedDrill(scenario, TEAM);
    drill.advanceTo(10 * MIN - 1);
    expect(statesEntered(drill.log)).toEqual(['start']);
    drill.advanceTo(10 * MIN);
    expect(statesEntered(drill.log)).toEqual(['start', 'storm']);
    expect(drill.state.machineState).toBe('storm');
    expect(deliveredAt(drill.log, 'tweet')).toBe(10 * MIN);
  });

  it('is not taken when the action happened in time', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, post, player('bea'), 5 * MIN);
    drill.advanceTo(29 * MIN);
    expect(statesEntered(drill.log)).toEqual(['start']);
    expect(delivered(drill.log)).not.toContain('tweet');
  });

  it('is taken when the action comes at the very deadline: timers due by a command\'s time fire first', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, post, player('bea'), 10 * MIN);
    expect(statesEntered(drill.log)).toEqual(['start', 'storm']);
  });

  it('is cancelled when its state is left before it fires', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, page('vendor'), player('ann'), 3 * MIN);
    drill.advanceTo(29 * MIN);
    expect(statesEntered(drill.log)).toEqual(['start', 'engaged', 'exec-call']);
    expect(delivered(drill.log)).not.toContain('tweet');
  });

  it('is not taken when the unless-condition came true before the state was entered (conditions are facts about the whole drill)', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, page('boss'), player('ann'), 1 * MIN); // long before `engaged` is entered
    must(drill, page('vendor'), player('ann'), 3 * MIN);
    expect(drill.state.machineState).toBe('engaged');
    drill.advanceTo(25 * MIN);
    expect(statesEntered(drill.log)).toEqual(['start', 'engaged']);
    expect(delivered(drill.log)).not.toContain('exec');
  });

  it('reads compound conditions: any of its parts holding skips it', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, page('vendor'), player('ann'), 1 * MIN);
    must(drill, { type: 'chat.post', text: 'Vendor is engaged.' }, player('ann'), 2 * MIN);
    drill.advanceTo(25 * MIN);
    expect(statesEntered(drill.log)).toEqual(['start', 'engaged']);
  });

  it('is taken at `in` after the state was entered, not after the drill started', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, page('vendor'), player('ann'), 3 * MIN + 7 * SEC);
    drill.advanceTo(8 * MIN + 7 * SEC - 1);
    expect(drill.state.machineState).toBe('engaged');
    drill.advanceTo(8 * MIN + 7 * SEC);
    expect(drill.state.machineState).toBe('exec-call');
    expect(deliveredAt(drill.log, 'exec')).toBe(8 * MIN + 7 * SEC);
  });
});

describe('on transitions', () => {
  it('are checked on entry, so an action taken before the state was entered still counts', () => {
    const drill = startedDrill(scenario, TEAM);
    must(drill, { type: 'incident.declare', status: 'mitigated' }, player('ann'), 1 * MIN);
    must(drill, { type: 'incident.declare', status: 'resolved' }, player('ann'), 1 * MIN); // nothing to resolve yet
    expect(drill.state.machineState).toBe('start');
    must(drill, page('vendor'), player('ann'), 2 * MIN);
    expect(statesEntered(drill.log)).toEqual(['start', 'engaged', 'done']);
    expect(drill.state).toMatchObject({ status: 'ended', endedReason: 'final' });
  });

  it('leave a contingency state as soon as the team acts', () => {
    const drill = startedDrill(scenario, TEAM);
    drill.advanceTo(11 * MIN);
    must(drill, page('vendor'), player('ann'), 12 * MIN);
    expect(statesEntered(drill.log)).toEqual(['start', 'storm', 'engaged']);
  });
});

describe('partner-db-down contingencies', () => {
  const partner = bundledScenario('partner-db-down.yaml');
  // The scenario is still being tuned: read its deadlines from it.
  const stormAt = ms(partner.states.detection.after.find((a) => a.goto === 'social-storm')!.in);

  it('gets the social storm when customers heard nothing by the deadline', () => {
    const drill = startedDrill(partner, TEAM);
    drill.advanceTo(stormAt - 1);
    expect(drill.state.machineState).toBe('detection');
    drill.advanceTo(stormAt);
    expect(statesEntered(drill.log)).toEqual(['detection', 'social-storm']);
  });

  it('gets no social storm when the status page was updated in time', () => {
    const drill = startedDrill(partner, TEAM);
    must(drill, post, player('bea'), stormAt - MIN);
    drill.advanceTo(stormAt + 15 * MIN);
    expect(statesEntered(drill.log)).toEqual(['detection']);
  });

  it('escalates to the execs a while after the vendor engages unless the failover is confirmed, and not when it is', () => {
    const deadline = ms(partner.states['vendor-engaged'].after.find((a) => a.goto === 'exec-escalation')!.in);
    const replies = ms(partner.contacts.find((c) => c.id === 'vendor-support')!.responds);
    const engaged = 4 * MIN + replies; // the story moves on with PartnerDB's reply, not with the page
    const slow = startedDrill(partner, TEAM);
    must(slow, post, player('bea'), 2 * MIN);
    must(slow, page('vendor-support'), player('ann'), 4 * MIN);
    slow.advanceTo(engaged - 1);
    expect(slow.state.machineState).toBe('detection');
    slow.advanceTo(engaged + deadline - 1);
    expect(slow.state.machineState).toBe('vendor-engaged');
    slow.advanceTo(engaged + deadline);
    expect(statesEntered(slow.log)).toEqual(['detection', 'vendor-engaged', 'exec-escalation']);

    const quick = startedDrill(partner, TEAM);
    must(quick, post, player('bea'), 2 * MIN);
    must(quick, page('vendor-support'), player('ann'), 4 * MIN);
    quick.advanceTo(engaged + 3 * MIN);
    must(quick, { type: 'inject.ack', injectId: 'failover-advice' }, player('cal'), engaged + 3 * MIN); // ops confirms
    // A declaration before the failover is done does not fix anything: the story only moves on with the failover.
    must(quick, { type: 'incident.declare', status: 'mitigated' }, player('ann'), engaged + 4 * MIN);
    expect(quick.state.machineState).toBe('failing-over');
    quick.advanceTo(engaged + deadline + 10 * MIN);
    expect(statesEntered(quick.log)).toEqual(['detection', 'vendor-engaged', 'failing-over', 'failed-over', 'recovery', 'orders-replayed']);
  });
});
