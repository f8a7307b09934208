import { describe, expect, it } from 'vitest';
import { EVALUATOR_COMMAND_TYPES, FACILITATOR_COMMAND_TYPES, TEAM_COMMAND_TYPES, type Actor, type DrillCommand, type EvaluatorCommand, type FacilitatorCommand, type TeamCommand } from '../../../shared/drill/commands';
import { Drill } from '../../../shared/drill/drill';
import { facilitator, MIN, must, player, startedDrill, TEAM, tinyScenario, refused } from './helpers';

const scenario = tinyScenario(`
  start:
    injects:
      - { id: page, channel: pager, title: Errors up, ack: true }
      - { id: ops-mail, to: [ops], channel: email, title: Runbook, ack: true }
      - { id: fyi, title: For your information }
      - { id: later, at: 20m, title: Later, ack: true }
      - id: call
        to: [ic]
        title: Fail over now?
        decision:
          options:
            - { id: failover, label: Fail over now, rating: P, why: Fastest way back. }
            - { id: wait, label: Wait for the vendor, rating: M, why: No ETA. }
      - id: vote
        title: Tell the VP?
        decision:
          options:
            - { id: now, label: Now, rating: P, why: No surprises. }
            - { id: later, label: Later, rating: S, why: Less noise. }
    on:
      - { when: { escalated: boss }, goto: next }
      - { when: { declared: resolved }, goto: done }
  next:
    on:
      - { when: { declared: resolved }, goto: done }
  done: { final: true }
`);

/** One valid example of every command. */
const facilitatorCommands: Record<FacilitatorCommand['type'], FacilitatorCommand> = {
  'drill.start': { type: 'drill.start' },
  'drill.pause': { type: 'drill.pause' },
  'drill.resume': { type: 'drill.resume' },
  'drill.end': { type: 'drill.end' },
  'drill.speed': { type: 'drill.speed', speed: 10 },
  'inject.send': { type: 'inject.send', to: ['all'], channel: 'chat', title: 'Surprise', ack: false },
  'note.add': { type: 'note.add', text: 'An observation' },
  'participant.rename': { type: 'participant.rename', participantId: 'eve', name: 'Evelyn' },
  'participant.remove': { type: 'participant.remove', participantId: 'eve' },
  'participant.merge': { type: 'participant.merge', participantId: 'eve', into: 'ann' },
  'evaluators.set': { type: 'evaluators.set', observers: true },
  'fault.confirm': { type: 'fault.confirm', faultId: 'fault-1', dryRun: false },
  'fault.abort': { type: 'fault.abort', faultId: 'fault-1' },
};
const teamCommands: Record<TeamCommand['type'], TeamCommand> = {
  'role.claim': { type: 'role.claim', role: 'scribe' },
  'role.assign': { type: 'role.assign', role: 'scribe', participantId: 'ann' },
  'role.release': { type: 'role.release', role: 'ic' },
  'inject.ack': { type: 'inject.ack', injectId: 'page' },
  'chat.post': { type: 'chat.post', text: 'Hello' },
  'status.post': { type: 'status.post', phase: 'investigating', text: 'We are on it.' },
  'contact.page': { type: 'contact.page', contact: 'vendor', message: 'Help' },
  'severity.set': { type: 'severity.set', severity: 'SEV1' },
  'incident.declare': { type: 'incident.declare', status: 'mitigated' },
  'action-item.add': { type: 'action-item.add', text: 'Write the runbook', owner: 'Cal' },
  'action-item.update': { type: 'action-item.update', id: '1', status: 'done' },
  'role.takeover': { type: 'role.takeover', role: 'ic', from: 'ann' },
  'decision.make': { type: 'decision.make', injectId: 'call', option: 'failover' },
  'incident.retract': { type: 'incident.retract', status: 'mitigated', reason: 'Errors are back' },
};

const evaluatorCommands: Record<EvaluatorCommand['type'], EvaluatorCommand> = {
  'score.override': { type: 'score.override', target: { objective: 'resolved' }, value: { rating: 'S' }, note: 'Closed in the room on time.' },
};
const observer: Actor = { kind: 'observer' };

/** Ann IC, Bea comms, Cal ops, Dee scribe; Eve joined without a role; 1 minute in. */
function running() {
  const drill = startedDrill(scenario, { ann: ['ic'], bea: ['comms'], cal: ['ops'], eve: [] });
  drill.advanceTo(MIN);
  return drill;
}

describe('checkCommand, through Drill.submit', () => {
  it('has an example for every command type', () => {
    expect(Object.keys(facilitatorCommands).sort()).toEqual([...FACILITATOR_COMMAND_TYPES].sort());
    expect(Object.keys(teamCommands).sort()).toEqual([...TEAM_COMMAND_TYPES].sort());
    expect(Object.keys(evaluatorCommands).sort()).toEqual([...EVALUATOR_COMMAND_TYPES].sort());
  });

  it.each(FACILITATOR_COMMAND_TYPES)('refuses %s to a participant (forbidden), changing nothing', (type) => {
    for (const drill of [new Drill(scenario), running()]) {
      if (!drill.state.participants.ann) must(drill, { type: 'participant.join', participantId: 'ann', name: 'Ann' }, player('ann'));
      refused(drill, facilitatorCommands[type], player('ann'), 'forbidden', /Only the facilitator/);
    }
  });

  it.each(TEAM_COMMAND_TYPES)('refuses %s to a participant who has not joined (forbidden)', (type) => {
    refused(running(), teamCommands[type], player('zed'), 'forbidden', /Join the drill/);
  });

  const FACILITATOR_MAY = ['role.assign', 'action-item.add', 'action-item.update', 'incident.declare', 'incident.retract', 'severity.set'];
  it.each(TEAM_COMMAND_TYPES.filter((t) => !FACILITATOR_MAY.includes(t)))('refuses the team action %s to the facilitator (forbidden)', (type) => {
    refused(running(), teamCommands[type], facilitator, 'forbidden');
  });

  it('refuses the facilitator a decision: the team makes the call', () => {
    refused(running(), teamCommands['decision.make'], facilitator, 'forbidden', /The team makes this call/);
  });

  it.each([...TEAM_COMMAND_TYPES, ...FACILITATOR_COMMAND_TYPES])('refuses %s to an observer (forbidden)', (type) => {
    const command = (teamCommands as Record<string, DrillCommand>)[type] ?? (facilitatorCommands as Record<string, DrillCommand>)[type];
    const drill = running();
    must(drill, { type: 'evaluators.set', observers: true }, facilitator);
    refused(drill, command, observer, 'forbidden');
  });

  describe('joining', () => {
    it('refuses a second join of the same participant (conflict)', () => {
      refused(running(), { type: 'participant.join', participantId: 'ann', name: 'Ann again' }, player('ann'), 'conflict');
    });

    it('refuses a participant joining under someone else\'s id (forbidden)', () => {
      const drill = new Drill(scenario);
      refused(drill, { type: 'participant.join', participantId: 'bea', name: 'Not Bea' }, player('mallory'), 'forbidden');
      must(drill, { type: 'participant.join', participantId: 'bea', name: 'Bea' }, player('bea'));
    });
  });

  describe('roles', () => {
    it('refuses a claim of a held role with a conflict that names the holder', () => {
      refused(running(), { type: 'role.claim', role: 'ops' }, player('eve'), 'conflict', /Operations Lead is held by Cal/);
    });

    it('refuses a claim of a role you already hold, or one the scenario does not have', () => {
      const drill = running();
      refused(drill, { type: 'role.claim', role: 'ops' }, player('cal'), 'conflict', /already hold/);
      refused(drill, { type: 'role.claim', role: 'janitor' }, player('eve'), 'not-found');
    });

    it('lets only the incident commander or the facilitator assign roles', () => {
      const drill = running();
      refused(drill, { type: 'role.assign', role: 'scribe', participantId: 'eve' }, player('bea'), 'forbidden', /incident commander/);
      must(drill, { type: 'role.assign', role: 'scribe', participantId: 'eve' }, player('ann'));
      must(drill, { type: 'role.assign', role: 'scribe', participantId: 'bea' }, facilitator);
      expect(drill.state.roles.scribe).toBe('bea');
      refused(drill, { type: 'role.assign', role: 'scribe', participantId: 'bea' }, facilitator, 'conflict');
      refused(drill, { type: 'role.assign', role: 'scribe', participantId: 'zed' }, facilitator, 'not-found');
      refused(drill, { type: 'role.assign', role: 'janitor', participantId: 'eve' }, facilitator, 'not-found');
    });

    it('lets a new incident commander assign, and the old one no longer', () => {
      const drill = running();
      must(drill, { type: 'role.assign', role: 'ic', participantId: 'eve' }, player('ann'));
      refused(drill, { type: 'role.assign', role: 'scribe', participantId: 'ann' }, player('ann'), 'forbidden');
      must(drill, { type: 'role.assign', role: 'scribe', participantId: 'ann' }, player('eve'));
    });

    it('refuses releasing a role you do not hold', () => {
      refused(running(), { type: 'role.release', role: 'ops' }, player('eve'), 'conflict');
    });
  });

  describe('acknowledgements', () => {
    it('refuses an unknown inject, and one that has not arrived yet (not-found)', () => {
      const drill = running();
      refused(drill, { type: 'inject.ack', injectId: 'nope' }, player('ann'), 'not-found');
      refused(drill, { type: 'inject.ack', injectId: 'later' }, player('ann'), 'not-found');
    });

    it('refuses an inject that needs no acknowledgement (invalid)', () => {
      refused(running(), { type: 'inject.ack', injectId: 'fyi' }, player('ann'), 'invalid');
    });

    it('refuses an inject addressed to another role (forbidden), accepts it from the holder', () => {
      const drill = running();
      refused(drill, { type: 'inject.ack', injectId: 'ops-mail' }, player('ann'), 'forbidden', /another role/);
      must(drill, { type: 'inject.ack', injectId: 'ops-mail' }, player('cal'));
    });

    it('refuses a second acknowledgement, naming who acknowledged first (conflict)', () => {
      const drill = running();
      must(drill, { type: 'inject.ack', injectId: 'page' }, player('eve'));
      refused(drill, { type: 'inject.ack', injectId: 'page' }, player('ann'), 'conflict', /by Eve/);
    });
  });

  it('refuses repeating a declaration or the current severity (conflict)', () => {
    const drill = running();
    must(drill, { type: 'incident.declare', status: 'mitigated' }, player('ann'));
    refused(drill, { type: 'incident.declare', status: 'mitigated' }, player('ann'), 'conflict');
    refused(drill, { type: 'severity.set', severity: 'SEV2' }, player('ann'), 'conflict');
  });

  it('refuses an unknown contact, an ad-hoc inject to an unknown role, a note on an event that does not exist', () => {
    const drill = running();
    refused(drill, { type: 'contact.page', contact: 'nobody', message: 'hi' }, player('ann'), 'not-found');
    refused(drill, { ...facilitatorCommands['inject.send'], to: ['janitor'] } as DrillCommand, facilitator, 'not-found');
    refused(drill, { type: 'note.add', text: 'see', ref: drill.state.seq + 1 }, facilitator, 'not-found');
    must(drill, { type: 'note.add', text: 'see', ref: drill.state.seq }, facilitator);
  });

  describe('drill status', () => {
    it('in the lobby: allows joining, roles, chat, notes, action items, speed and the start; refuses the rest', () => {
      const drill = new Drill(scenario);
      must(drill, { type: 'participant.join', participantId: 'ann', name: 'Ann' }, player('ann'));
      must(drill, { type: 'participant.join', participantId: 'bea', name: 'Bea' }, player('bea'));
      must(drill, { type: 'role.claim', role: 'ic' }, player('ann'));
      for (const type of ['role.claim', 'role.assign', 'chat.post', 'action-item.add'] as const) must(drill, teamCommands[type], player(type === 'role.claim' ? 'bea' : 'ann'));
      must(drill, { type: 'role.release', role: 'scribe' }, player('ann'));
      for (const type of ['note.add', 'drill.speed'] as const) must(drill, facilitatorCommands[type], facilitator);
      for (const type of ['inject.ack', 'status.post', 'contact.page', 'severity.set', 'incident.declare', 'incident.retract', 'decision.make'] as const) {
        refused(drill, teamCommands[type], player('ann'), 'not-running', /not started/);
      }
      for (const type of ['drill.pause', 'drill.resume', 'inject.send'] as const) refused(drill, facilitatorCommands[type], facilitator, 'not-running');
      must(drill, { type: 'drill.start' }, facilitator);
      expect(drill.state.status).toBe('running');
    });

    it('in the lobby: the facilitator can call off a drill that never started', () => {
      const drill = new Drill(scenario);
      must(drill, { type: 'drill.end' }, facilitator);
      expect(drill.state).toMatchObject({ status: 'ended', endedReason: 'facilitator' });
      expect(drill.log.some((e) => e.type === 'inject.delivered')).toBe(false);
    });

    it('while running: refuses a second start and a resume (conflict)', () => {
      const drill = running();
      refused(drill, facilitatorCommands['drill.start'], facilitator, 'conflict');
      refused(drill, facilitatorCommands['drill.resume'], facilitator, 'conflict');
    });

    it('while paused: allows talk, roles, notes and facilitator steering; refuses incident actions until resumed', () => {
      const drill = running();
      must(drill, { type: 'drill.pause' }, facilitator);
      expect(drill.state.status).toBe('paused');
      refused(drill, facilitatorCommands['drill.pause'], facilitator, 'conflict');
      refused(drill, facilitatorCommands['drill.start'], facilitator, 'conflict');
      for (const type of ['inject.ack', 'status.post', 'contact.page', 'severity.set', 'incident.declare', 'incident.retract', 'decision.make'] as const) {
        refused(drill, teamCommands[type], player('ann'), 'not-running', /paused/);
      }
      for (const type of ['chat.post', 'role.claim', 'action-item.add'] as const) must(drill, teamCommands[type], player('eve'));
      must(drill, { type: 'participant.join', participantId: 'fay', name: 'Fay' }, player('fay'));
      for (const type of ['note.add', 'inject.send', 'drill.speed'] as const) must(drill, facilitatorCommands[type], facilitator);
      must(drill, { type: 'drill.resume' }, facilitator);
      must(drill, teamCommands['status.post'], player('bea'));
    });

    it('after the end: refuses everything but action items, notes and renames (the hot wash)', () => {
      const drill = running();
      must(drill, { type: 'drill.end' }, facilitator);
      for (const type of TEAM_COMMAND_TYPES.filter((t) => !t.startsWith('action-item.'))) refused(drill, teamCommands[type], player('ann'), 'not-running', /ended/);
      for (const type of FACILITATOR_COMMAND_TYPES.filter((t) => t !== 'note.add' && t !== 'participant.rename' && t !== 'evaluators.set' && t !== 'fault.abort')) refused(drill, facilitatorCommands[type], facilitator, 'not-running');
      // A fault still running in the real world can always be aborted after the end (there is none here to abort).
      refused(drill, facilitatorCommands['fault.abort'], facilitator, 'not-found');
      must(drill, facilitatorCommands['participant.rename'], facilitator); // for the report: names can still be fixed
      refused(drill, { type: 'participant.join', participantId: 'fay', name: 'Fay' }, player('fay'), 'not-running');
      must(drill, teamCommands['action-item.add'], player('ann'));
      must(drill, { type: 'action-item.add', text: 'Page the vendor sooner', owner: 'Ann', due: 'next sprint' }, facilitator);
      must(drill, facilitatorCommands['note.add'], facilitator);
      expect(drill.state.actionItems.map((a) => a.owner)).toEqual(['Cal', 'Ann']);
      const first = String(drill.state.actionItems[0].seq);
      must(drill, { type: 'action-item.update', id: first, status: 'in-progress' }, player('bea'));
      must(drill, { type: 'action-item.update', id: first, owner: 'Dee' }, facilitator);
      expect(drill.state.actionItems[0]).toMatchObject({ owner: 'Dee', status: 'in-progress' });
      expect(drill.state.status).toBe('ended');
    });
  });
});

describe('a refused command', () => {
  it('still lets due timers fire, and reports what they produced', () => {
    const drill = startedDrill(scenario, TEAM);
    const result = drill.submit({ type: 'inject.ack', injectId: 'later' }, player('ann'), { t: 20 * MIN });
    expect(result.ok).toBe(true); // `later` arrived at 20m, just before the ack
    const early = startedDrill(scenario, TEAM);
    const refusedResult = early.submit({ type: 'drill.start' }, facilitator, { t: 20 * MIN });
    expect(refusedResult).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(refusedResult.events.map((e) => e.type)).toEqual(['inject.delivered']);
  });
});
