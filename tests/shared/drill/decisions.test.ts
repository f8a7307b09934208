import { describe, expect, it } from 'vitest';
import { TeamCommand, type DrillCommand } from '../../../shared/drill/commands';
import { canSee, viewOf } from '../../../shared/drill/view';
import { facilitator, MIN, must, ofType, player, startedDrill, statesEntered, TEAM, tinyScenario, refused } from './helpers';

const decide = (option: string, injectId = 'failover-call', reason?: string): DrillCommand =>
  ({ type: 'decision.make', injectId, option, ...(reason ? { reason } : {}) });

/** The IC decides whether to fail over; the story branches on the choice; the team can also escalate past it. */
const scenario = tinyScenario(`
  start:
    injects:
      - id: failover-call
        at: 1m
        to: [ic]
        channel: email
        from: PartnerDB support
        title: Fail over now?
        decision:
          options:
            - { id: failover, label: Fail over to the standby now, rating: P, why: Restores checkout fastest. }
            - { id: wait, label: Wait for the storage fix, rating: M, why: No ETA while checkout is down. }
      - id: team-call
        at: 1m
        title: Tell the VP now?
        decision:
          options:
            - { id: now, label: Now, rating: P, why: No surprises. }
            - { id: later, label: After the fix, rating: S, why: Less noise. }
    on:
      - { when: { decided: { inject: failover-call, option: failover } }, goto: failing-over }
      - { when: { escalated: boss }, goto: escalated }
    after:
      - { in: 10m, unless: { decided: { inject: failover-call } }, goto: no-call }
  failing-over:
    fixed: mitigated
    on:
      - { when: { declared: resolved }, goto: done }
  escalated:
    on:
      - { when: { declared: resolved }, goto: done }
  no-call:
    on:
      - { when: { declared: resolved }, goto: done }
  done: { final: true }
`);

function delivered(players: Record<string, string[]> = { ...TEAM, eve: [] }) {
  const drill = startedDrill(scenario, players);
  drill.advanceTo(MIN);
  return drill;
}

describe('decision injects', () => {
  it('arrive with their options (ids and labels only) and open a decision', () => {
    const drill = delivered();
    const event = ofType(drill.log, 'inject.delivered').find((e) => e.injectId === 'failover-call')!;
    expect(event.decision).toEqual({ options: [{ id: 'failover', label: 'Fail over to the standby now' }, { id: 'wait', label: 'Wait for the storage fix' }] });
    expect(JSON.stringify(event)).not.toMatch(/Restores checkout|"rating"/);
    expect(drill.state.decisions['failover-call']).toEqual({ injectId: 'failover-call', opened: { seq: event.seq, t: MIN }, history: [] });
  });

  it('are decided by a holder of an addressed role, with an optional reason; the story branches on the choice', () => {
    const drill = delivered();
    refused(drill, decide('failover'), player('bea'), 'forbidden', /^Only the Incident Commander can make this decision\. Claim the role, or ask Ann \(Incident Commander\)\.$/);
    must(drill, decide('wait', 'failover-call', 'The vendor says the storage fix is close'), player('ann'), 2 * MIN);
    expect(drill.state.machineState).toBe('start');
    must(drill, decide('failover', 'failover-call', 'No ETA after all'), player('ann'), 3 * MIN);
    expect(statesEntered(drill.log)).toEqual(['start', 'failing-over']);
    const decision = drill.state.decisions['failover-call'];
    expect(decision.history.map((c) => [c.option, c.t, c.reason])).toEqual([['wait', 2 * MIN, 'The vendor says the storage fix is close'], ['failover', 3 * MIN, 'No ETA after all']]);
    expect(decision.choice).toMatchObject({ option: 'failover', by: player('ann') });
  });

  it('addressed to all, may be decided by any participant, with or without a role', () => {
    const drill = delivered();
    must(drill, decide('later', 'team-call'), player('eve'));
    must(drill, decide('now', 'team-call'), player('cal'));
    expect(drill.state.decisions['team-call'].choice?.option).toBe('now');
  });

  it('refuse what makes no sense, saying what would', () => {
    const drill = startedDrill(scenario, TEAM);
    refused(drill, decide('failover'), player('ann'), 'not-found', /has not arrived/);
    drill.advanceTo(MIN);
    refused(drill, decide('panic'), player('ann'), 'not-found', /no option "panic".*the options are failover, wait/);
    refused(drill, { type: 'inject.ack', injectId: 'failover-call' }, player('ann'), 'invalid');
    must(drill, { type: 'inject.send', to: ['all'], channel: 'chat', title: 'Ad hoc', ack: false }, facilitator);
    refused(drill, decide('failover', drill.state.injects.at(-1)!.injectId), player('ann'), 'invalid', /asks for no decision/);
    must(drill, decide('wait'), player('ann'));
    refused(drill, decide('wait'), player('ann'), 'conflict', /"Wait for the storage fix" is already the team's choice/);
    must(drill, decide('wait', 'failover-call', 'Adding why'), player('ann'));
    refused(drill, decide('failover'), facilitator, 'forbidden', /team makes this call/);
  });

  it('close when the story moves on, and stay locked', () => {
    const drill = delivered();
    must(drill, decide('wait'), player('ann'), 2 * MIN);
    must(drill, { type: 'contact.page', contact: 'boss', message: 'Need you' }, player('cal'), 3 * MIN);
    const closed = ofType(drill.log, 'decision.closed');
    expect(closed.map((e) => [e.injectId, e.t])).toEqual([['failover-call', 3 * MIN], ['team-call', 3 * MIN]]);
    // Closed before the next state is entered: the story left the inject's state.
    const types = drill.log.slice(-3).map((e) => e.type);
    expect(types).toEqual(['decision.closed', 'decision.closed', 'state.entered']);
    refused(drill, decide('failover'), player('ann'), 'conflict', /^The story has moved on; this decision is closed\.$/);
    expect(drill.state.decisions['failover-call']).toMatchObject({ closed: { t: 3 * MIN }, choice: { option: 'wait' } });
  });

  it('close at the end of the drill, and are refused while paused', () => {
    const drill = delivered();
    must(drill, { type: 'drill.pause' }, facilitator);
    refused(drill, decide('wait'), player('ann'), 'not-running', /paused/);
    must(drill, { type: 'drill.resume' }, facilitator);
    must(drill, { type: 'drill.end' }, facilitator);
    expect(drill.state.decisions['failover-call'].closed).toBeDefined();
    refused(drill, decide('wait'), player('ann'), 'not-running', /ended/);
  });

  it('let a contingency wait for any choice (decided without an option)', () => {
    const silent = delivered();
    silent.advanceTo(10 * MIN);
    expect(silent.state.machineState).toBe('no-call');
    const quick = delivered();
    must(quick, decide('wait'), player('ann'), 9 * MIN);
    quick.advanceTo(10 * MIN);
    expect(quick.state.machineState).toBe('start');
  });

  it('are seen, like acknowledgements, by exactly the viewers who can see the inject', () => {
    const drill = delivered();
    must(drill, decide('wait', 'failover-call', 'Storage fix is close'), player('ann'), 2 * MIN);
    must(drill, decide('now', 'team-call'), player('bea'), 2 * MIN);
    const [icChoice, teamChoice] = ofType(drill.log, 'decision.make');
    const ann = { kind: 'participant', id: 'ann' } as const;
    const bea = { kind: 'participant', id: 'bea' } as const;
    expect(canSee(icChoice, ann, drill.state)).toBe(true);
    expect(canSee(icChoice, bea, drill.state)).toBe(false);
    expect(canSee(teamChoice, bea, drill.state)).toBe(true);
    expect(canSee(icChoice, { kind: 'observer' }, drill.state)).toBe(true);
    expect(Object.keys(viewOf(drill.state, bea).decisions)).toEqual(['team-call']);
    expect(Object.keys(viewOf(drill.state, ann).decisions).sort()).toEqual(['failover-call', 'team-call']);
    // The role's inbox travels with a handover: so does its decision.
    must(drill, { type: 'role.assign', role: 'ic', participantId: 'bea' }, facilitator, 3 * MIN);
    expect(canSee(icChoice, bea, drill.state)).toBe(true);
    expect(viewOf(drill.state, ann).decisions['failover-call']).toBeUndefined();
    const closed = (() => { must(drill, { type: 'contact.page', contact: 'boss', message: 'x' }, player('cal'), 4 * MIN); return ofType(drill.log, 'decision.closed')[0]; })();
    expect(canSee(closed, ann, drill.state)).toBe(false);
    expect(canSee(closed, bea, drill.state)).toBe(true);
  });

  it('take a reason of at most 500 characters', () => {
    const base = { type: 'decision.make', injectId: 'failover-call', option: 'wait' };
    expect(TeamCommand.safeParse({ ...base, reason: 'x'.repeat(500) }).success).toBe(true);
    expect(TeamCommand.safeParse({ ...base, reason: 'x'.repeat(501) }).success).toBe(false);
    expect(TeamCommand.safeParse({ ...base, option: 'Not An Id' }).success).toBe(false);
  });
});
