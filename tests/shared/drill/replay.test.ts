import { createRng } from '../../../shared/simulate/prng';
import { describe, expect, it } from 'vitest';
import { STATUS_PHASES, type Actor, type DrillCommand } from '../../../shared/drill/commands';
import { Drill } from '../../../shared/drill/drill';
import type { DrillEvent } from '../../../shared/drill/events';
import { scenarioDurationMs, scenarioInjects } from '../../../shared/scenario/model';
import { SEVERITIES, type Scenario } from '../../../shared/scenario/schema';
import { bundledScenario, bundledScenarioFiles, facilitator, MIN, must, ofType, player, SEC, startedDrill, TEAM, tinyScenario } from './helpers';

/** The simulator's seeded generator: the same seed gives the same "random" team every run. */
function random(seed: number) {
  const rng = createRng(seed);
  return { next: () => rng.next(), int: (n: number) => Math.floor(rng.next() * n), pick: <T>(items: readonly T[]): T => rng.pick(items) };
}

/**
 * A long, messy drill: players join and swap roles, act at odd milliseconds (some actions refused), the
 * facilitator pauses, sends injects and notes; drill time also moves on its own between inputs.
 */
function playMessyDrill(scenario: Scenario, seed: number): Drill {
  const rng = random(seed);
  const drill = new Drill(scenario);
  const people = ['ann', 'bea', 'cal', 'dee', 'eve', 'fay'];
  const roles = scenario.roles.map((r) => r.id);
  const contacts = scenario.contacts.map((c) => c.id);
  const injectIds = [...scenarioInjects(scenario).keys(), 'adhoc-1', 'nope'];
  const someone = (): Actor => player(rng.pick(people));
  /** Often whoever holds one of these roles (so that actions needing a role land), else anyone. */
  const holderOf = (roles: readonly string[]): Actor => {
    const held = roles.map((r) => drill.state.roles[r]).filter(Boolean);
    return held.length && rng.next() < 0.6 ? player(rng.pick(held)) : rng.next() < 0.3 ? facilitator : someone();
  };
  const moves: (() => [DrillCommand, Actor])[] = [
    () => { const id = rng.pick(people); return [{ type: 'participant.join', participantId: id, name: id.toUpperCase() }, player(id)]; },
    () => [{ type: 'role.claim', role: rng.pick(roles) }, someone()],
    () => [{ type: 'role.release', role: rng.pick(roles) }, someone()],
    () => [{ type: 'role.assign', role: rng.pick(roles), participantId: rng.pick(people) }, rng.next() < 0.5 ? facilitator : someone()],
    () => [{ type: 'inject.ack', injectId: rng.pick(drill.state.injects.length && rng.next() < 0.8 ? drill.state.injects.map((i) => i.injectId) : injectIds) }, someone()],
    () => [{ type: 'chat.post', text: `update ${rng.int(1000)}` }, someone()],
    () => [{ type: 'status.post', phase: rng.pick(STATUS_PHASES), text: `We are working on it (${rng.int(1000)}).` }, someone()],
    () => [{ type: 'contact.page', contact: rng.pick([...contacts, 'nobody']), message: 'Please join the bridge.' }, someone()],
    () => [{ type: 'severity.set', severity: rng.pick(SEVERITIES) }, someone()],
    () => [{ type: 'action-item.add', text: `follow up ${rng.int(100)}`, owner: rng.pick(people), ...(rng.next() < 0.5 ? { due: 'Friday' } : {}) }, someone()],
    () => [{ type: 'inject.send', to: [rng.pick(['all', ...roles])], channel: 'chat', title: `ad hoc ${rng.int(100)}`, ...(rng.next() < 0.5 ? { body: 'More detail.' } : {}), ack: rng.next() < 0.5 }, facilitator],
    () => [{ type: 'note.add', text: `observed ${rng.int(100)}`, ...(rng.next() < 0.5 ? { ref: 1 + rng.int(drill.state.seq + 3) } : {}) }, facilitator],
    () => [{ type: 'drill.speed', speed: 1 + rng.int(60) }, facilitator],
    () => [{ type: rng.next() < 0.3 ? 'drill.pause' : 'drill.start' }, facilitator],
    // Presence (the server's, in the system's name), take-overs and the facilitator's roster changes.
    () => [{ type: rng.next() < 0.5 ? 'participant.away' : 'participant.back', participantId: rng.pick(people) }, { kind: 'system' }],
    () => { const role = rng.pick(roles); return [{ type: 'role.takeover', role, from: drill.state.roles[role] ?? rng.pick(people) }, someone()]; },
    () => { const id = rng.pick(people); return [{ type: 'participant.rename', participantId: id, name: `${id} ${rng.int(10)}` }, facilitator]; },
    () => rng.next() < 0.1
      ? [{ type: 'participant.merge', participantId: rng.pick(people), into: rng.pick(people) }, facilitator]
      : [{ type: 'chat.post', text: 'still here' }, someone()],
    () => rng.next() < 0.05 ? [{ type: 'participant.remove', participantId: rng.pick(people) }, facilitator] : [{ type: 'chat.post', text: 'on it' }, someone()],
    () => {
      const open = Object.values(drill.state.decisions);
      const injectId = open.length && rng.next() < 0.8 ? rng.pick(open).injectId : rng.pick(injectIds);
      const options = drill.state.injects.findLast((i) => i.injectId === injectId)?.decision?.options.map((o) => o.id) ?? ['nope'];
      const to = drill.state.injects.findLast((i) => i.injectId === injectId)?.to ?? [];
      return [{ type: 'decision.make', injectId, option: rng.pick([...options, 'nope']), ...(rng.next() < 0.5 ? { reason: `because ${rng.int(100)}` } : {}) }, to.includes('all') ? someone() : holderOf(to)];
    },
    () => [{ type: 'incident.declare', status: rng.pick(['mitigated', 'resolved'] as const) }, holderOf(['ic'])],
    () => [{ type: 'incident.retract', status: rng.pick(['mitigated', 'resolved'] as const), reason: `not yet ${rng.int(100)}` }, holderOf(['ic'])],
    () => [{ type: 'evaluators.set', observers: rng.next() < 0.6 }, facilitator],
    () => [{
      type: 'score.override',
      target: rng.next() < 0.5 ? { objective: rng.pick(['mitigated', 'resolved', 'first-update']) } : { post: 1 + rng.int(drill.state.seq + 1), check: rng.pick(['impact', 'ownership']) },
      value: rng.next() < 0.2 ? null : rng.next() < 0.5 ? { rating: rng.pick(['P', 'S', 'M', 'U', 'N/A'] as const) } : { passed: rng.next() < 0.5 },
      note: `evaluator note ${rng.int(100)}`,
    } as DrillCommand, rng.pick([facilitator, { kind: 'observer' } as Actor, someone()])],
  ];
  const late = () => [{ type: 'incident.declare', status: rng.pick(['mitigated', 'resolved'] as const) }, someone()] as [DrillCommand, Actor];

  const stop = scenarioDurationMs(scenario) + 5 * MIN;
  let t = 0;
  const submit = ([command, by]: [DrillCommand, Actor]) => drill.submit(command, by, { t, wall: 1_700_000_000_000 + t + rng.int(500) });
  // The lobby: most of the team joins and grabs roles before the start.
  for (const id of people.slice(0, 4)) submit([{ type: 'participant.join', participantId: id, name: id.toUpperCase() }, player(id)]);
  for (let i = 0; i < 6; i++) submit(moves[1]());
  t = rng.int(MIN);
  submit([{ type: 'drill.start' }, facilitator]);
  while (t < stop) {
    t += rng.int(25 * SEC) + rng.int(1000);
    if (rng.next() < 0.15) drill.advanceTo(t - rng.int(SEC)); // time passing with nobody acting
    if (drill.state.status === 'paused' && rng.next() < 0.7) submit([{ type: 'drill.resume' }, facilitator]);
    else if (t > 40 * MIN && rng.next() < 0.1) submit(late());
    else submit(rng.pick(moves)());
  }
  return drill;
}

const json = (events: readonly DrillEvent[]) => JSON.parse(JSON.stringify(events)) as DrillEvent[];

/**
 * A story with decisions (one that branches, one for everyone, one that comes back on a loop), `fixed` states
 * and a `premature` branch, for the messy drills to play alongside the bundled scenarios.
 */
const DECISIONS = tinyScenario(`
  start:
    injects:
      - { id: page, channel: pager, title: Errors up, ack: true }
      - id: failover-call
        at: 2m
        to: [ic]
        title: Fail over now?
        decision:
          options:
            - { id: failover, label: Fail over now, rating: P, why: Fastest. }
            - { id: wait, label: Wait, rating: M, why: No ETA. }
      - id: vp-call
        at: 3m
        title: Tell the VP?
        decision:
          options:
            - { id: now, label: Now, rating: P, why: No surprises. }
            - { id: later, label: Later, rating: S, why: Less noise. }
    on:
      - { when: { decided: { inject: failover-call, option: failover } }, goto: failing-over }
      - { when: { premature: mitigated }, goto: doubt }
      - { when: { replied: boss }, goto: failing-over }
    after:
      - { in: 8m, unless: { decided: { inject: failover-call } }, goto: start }
  doubt:
    injects:
      - { id: tweet, channel: social, title: Still broken for me }
    on:
      - { when: { decided: { inject: failover-call, option: failover } }, goto: failing-over }
    after:
      - { in: 5m, goto: start }
  failing-over:
    fixed: mitigated
    after:
      - { in: 6m, goto: stable }
  stable:
    fixed: resolved
    on:
      - { when: { all: [{ declared: resolved }, { not: { premature: resolved } }] }, goto: done }
  done: { final: true }
`, { duration: '90m' });

describe('Drill.replay', () => {
  const cases = [...bundledScenarioFiles().flatMap((file) => [1, 2].map((seed) => [file, seed] as const)), ...[1, 2, 3].map((seed) => ['decisions', seed] as const)];

  it.each(cases)('rebuilds %s (seed %i) to the identical log, from the log or from its JSON', (file, seed) => {
    const scenario = file === 'decisions' ? DECISIONS : bundledScenario(file);
    const drill = playMessyDrill(scenario, seed);
    expect(drill.log.length).toBeGreaterThan(100);
    expect(ofType(drill.log, 'state.entered').length).toBeGreaterThan(1);

    // The log is plain JSON data: storing it changes nothing.
    expect(json(drill.log)).toStrictEqual(drill.log);
    const replayed = Drill.replay(scenario, drill.log);
    expect(replayed.log).toStrictEqual(drill.log);
    expect(replayed.state).toStrictEqual(drill.state);
    const fromJson = Drill.replay(scenario, json(drill.log));
    expect(JSON.stringify(fromJson.log)).toBe(JSON.stringify(drill.log));
  });

  it('plays decisions, retractions, overrides and premature declarations in the messy drills it rebuilds', () => {
    const drills = [1, 2, 3].map((seed) => playMessyDrill(DECISIONS, seed));
    const logs = drills.flatMap((d) => d.log);
    expect(drills.some((d) => d.state.declarations.some((x) => x.premature))).toBe(true);
    expect(drills.some((d) => d.state.declarations.some((x) => x.premature === false))).toBe(true);
    for (const type of ['decision.make', 'decision.closed', 'incident.retract', 'score.override', 'evaluators.set'] as const) {
      expect(ofType(logs, type).length, type).toBeGreaterThan(1);
    }
    expect(ofType(logs, 'incident.declare').length).toBeGreaterThan(2);
    expect(ofType(logs, 'state.entered').filter((e) => e.fixed).length).toBeGreaterThan(1);
    expect(ofType(logs, 'score.override').some((e) => e.by.kind === 'observer')).toBe(true);
  });

  it('brings pending timers back: both drills produce the same events as time goes on', () => {
    const scenario = bundledScenario('partner-db-down.yaml');
    const drill = startedDrill(scenario, TEAM);
    must(drill, { type: 'contact.page', contact: 'vendor-support', message: 'P1: writes failing' }, player('ann'), 1 * MIN + 333);
    must(drill, { type: 'contact.page', contact: 'vp-eng', message: 'FYI: checkout down' }, player('ann'), 2 * MIN + 17);
    drill.advanceTo(3 * MIN + 5); // telemetry points, injects and replies are still due
    const replayed = Drill.replay(scenario, json(drill.log));
    expect(replayed.log).toStrictEqual(drill.log);
    expect(replayed.nextDue()).toBe(drill.nextDue());
    expect(replayed.upcoming()).toEqual(drill.upcoming());
    expect(replayed.nextDue()).toBeDefined();

    for (const t of [4 * MIN, 5 * MIN + 1, 17 * MIN, 90 * MIN]) {
      expect(replayed.advanceTo(t)).toStrictEqual(drill.advanceTo(t));
    }
    expect(replayed.log).toStrictEqual(drill.log);
    expect(ofType(replayed.log, 'contact.replied').map((e) => e.contact)).toEqual(['vendor-support', 'vp-eng']);
  });

  it('regenerates the events that timers produced after the last input', () => {
    const scenario = bundledScenario('partner-db-down.yaml');
    const drill = startedDrill(scenario, TEAM);
    drill.advanceTo(13 * MIN);
    const replayed = Drill.replay(scenario, drill.log);
    expect(replayed.log).toStrictEqual(drill.log);
    expect(replayed.state).toStrictEqual(drill.state);
  });

  it('replays commands that the server submitted as the system', () => {
    const scenario = bundledScenario('partner-db-down.yaml');
    const drill = new Drill(scenario);
    must(drill, { type: 'participant.join', participantId: 'ann', name: 'Ann' }, { kind: 'system' }, 0);
    must(drill, { type: 'role.claim', role: 'ic' }, player('ann'), 0);
    must(drill, { type: 'drill.start' }, facilitator, 0);
    expect(Drill.replay(scenario, drill.log).log).toStrictEqual(drill.log);
  });

  it('is deterministic with timers due at the very moment of a command (zero delays)', () => {
    const scenario = tinyScenario(
      `
      start:
        on:
          - { when: { replied: instant }, goto: answered }
      answered:
        after:
          - { in: 0s, goto: next }
      next:
        injects:
          - { id: hello, title: Hello }
        on:
          - { when: { declared: resolved }, goto: done }
      done: { final: true }
    `,
      { contacts: '\n  - { id: instant, name: Instant responder, responds: 0s }' },
    );
    const drill = startedDrill(scenario, TEAM);
    drill.advanceTo(MIN);
    // Commands submitted "now", without a time, like a server that has already advanced the clock.
    must(drill, { type: 'contact.page', contact: 'instant', message: 'hello?' }, player('ann'));
    must(drill, { type: 'chat.post', text: 'paged them' }, player('ann'));
    must(drill, { type: 'chat.post', text: 'waiting' }, player('bea'));
    const replayed = Drill.replay(scenario, drill.log);
    expect(replayed.log).toStrictEqual(drill.log);
    // Everything due at that moment happens before the next command, as it does on replay.
    expect(drill.log.slice(-7).map((e) => [e.type, e.t])).toEqual(
      ['contact.page', 'contact.replied', 'state.entered', 'state.entered', 'inject.delivered', 'chat.post', 'chat.post'].map((type) => [type, MIN]),
    );
  });
});
