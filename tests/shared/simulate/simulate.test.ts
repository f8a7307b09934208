import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DrillEvent, EventOf } from '../../../shared/drill/events';
import { loadScenario } from '../../../shared/scenario/load';
import type { Scenario } from '../../../shared/scenario/schema';
import { PROFILES, simulate } from '../../../shared/simulate';

const MIN = 60_000;

/** A scenario written for these tests: the expert is needed only by a transition, the bystander by nothing. */
function testScenario(): Scenario {
  const result = loadScenario(`
id: sim-test
version: 1
title: Checkout is down
summary: A scenario written for the simulator tests.
severity: SEV1
duration: 60m
roles:
  - { id: ic, name: Incident Commander, required: true }
  - { id: comms, name: Communications Lead, required: true }
  - { id: ops, name: Operations Lead }
  - { id: scribe, name: Scribe }
contacts:
  - { id: vendor, name: Vendor support, responds: 4m }
  - { id: expert, name: The expert, responds: 6m }
  - { id: bystander, name: Someone unrelated, responds: 5m }
objectives:
  - { id: page-acked, measure: { kind: ack, inject: first-page }, target: 5m }
  - { id: ic-named, measure: { kind: role-filled, role: ic }, target: 3m, weight: 2 }
  - { id: roles-filled, measure: { kind: roles-filled }, target: 8m }
  - { id: first-update, measure: { kind: first-post, channel: status-page }, target: 10m, weight: 3 }
  - { id: cadence, measure: { kind: cadence, channel: status-page }, target: 20m }
  - { id: vendor, measure: { kind: escalated, contact: vendor }, target: 10m, weight: 2 }
  - { id: quality, measure: { kind: rubric, channel: status-page }, target: 70 }
  - { id: mitigated, measure: { kind: declared, status: mitigated }, target: 35m }
  - { id: resolved, measure: { kind: declared, status: resolved }, target: 50m }
initial: detection
states:
  detection:
    injects:
      - { id: first-page, channel: pager, title: Checkout errors at 40%, ack: true }
      - { at: 3m, channel: support, title: Tickets piling up }
    on:
      - { when: { all: [{ escalated: vendor }, { escalated: expert }] }, goto: working }
    after:
      - { in: 8m, unless: { posted: status-page }, goto: angry }
  angry:
    injects:
      - { channel: social, title: Not a word from you }
    on:
      - { when: { all: [{ escalated: vendor }, { escalated: expert }] }, goto: working }
  working:
    injects:
      - { at: 5m, channel: vendor, title: Failover done }
    on:
      - { when: { declared: mitigated }, goto: recovery }
  recovery:
    on:
      - { when: { declared: resolved }, goto: done }
  done: { final: true }
`);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.scenario;
}

const scenario = testScenario();
const of = <T extends DrillEvent['type']>(events: DrillEvent[], type: T) => events.filter((e): e is EventOf<T> => e.type === type);
const byTeam = (events: DrillEvent[]) => events.filter((e) => e.by.kind === 'participant');

afterEach(() => vi.restoreAllMocks());

describe('simulate', () => {
  it('is deterministic for a seed and varies with it', () => {
    const a = simulate(scenario, { team: 'textbook', seed: 7 });
    const b = simulate(scenario, { team: 'textbook', seed: 7 });
    const c = simulate(scenario, { team: 'textbook', seed: 8 });
    expect(b.events).toEqual(a.events);
    expect(b.scorecard).toEqual(a.scorecard);
    expect(c.events.map((e) => e.t)).not.toEqual(a.events.map((e) => e.t));
  });

  it('never reads Math.random', () => {
    const random = vi.spyOn(Math, 'random');
    for (const team of PROFILES) simulate(scenario, { team, seed: 3 });
    expect(random).not.toHaveBeenCalled();
  });

  it('has four bots join and plays through the real drill core', () => {
    const { events } = simulate(scenario, { team: 'slow', seed: 1 });
    expect(of(events, 'participant.join')).toHaveLength(4);
    expect(of(events, 'drill.start')).toHaveLength(1);
    expect(of(events, 'drill.ended')).toHaveLength(1);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  });
});

describe('textbook team', () => {
  const { events, scorecard } = simulate(scenario, { team: 'textbook', seed: 1 });

  it('reaches a final state and scores high', () => {
    expect(of(events, 'drill.ended')[0].reason).toBe('final');
    expect(of(events, 'state.entered').map((e) => e.state)).toEqual(['detection', 'working', 'recovery', 'done']);
    expect(scorecard.overall).toBeGreaterThanOrEqual(85);
  });

  it('claims IC and the required roles within two minutes and acks the page fast', () => {
    const claims = of(events, 'role.claim');
    expect(claims.find((c) => c.role === 'ic')!.t).toBeLessThanOrEqual(2 * MIN);
    for (const role of ['ic', 'comms']) expect(claims.find((c) => c.role === role)!.t).toBeLessThanOrEqual(2 * MIN);
    expect(of(events, 'inject.ack')[0].t).toBeLessThanOrEqual(2 * MIN);
  });

  it('pages the contacts a transition needs, not the ones nothing needs', () => {
    const paged = of(events, 'contact.page').map((p) => p.contact);
    expect(paged).toEqual(expect.arrayContaining(['vendor', 'expert']));
    expect(paged).not.toContain('bystander');
  });

  it('heads off the contingency by posting before its timer', () => {
    expect(of(events, 'status.post')[0].t).toBeLessThan(8 * MIN);
    expect(of(events, 'state.entered').map((e) => e.state)).not.toContain('angry');
  });

  it('posts status updates that pass the rubric, with a final post before resolving', () => {
    const posts = scorecard.posts.filter((p) => p.channel === 'status-page');
    expect(posts.length).toBeGreaterThanOrEqual(3);
    for (const post of posts) expect(post.score, post.text).toBeGreaterThanOrEqual(90);
    const last = of(events, 'status.post').at(-1)!;
    expect(last.phase).toBe('resolved');
    expect(last.seq).toBeLessThan(of(events, 'incident.declare').find((d) => d.status === 'resolved')!.seq);
    expect(of(events, 'chat.post').length).toBeGreaterThanOrEqual(2);
  });

  it('declares mitigated only once the scenario accepts it, then resolved', () => {
    const working = of(events, 'state.entered').find((e) => e.state === 'working')!;
    const [mitigated, resolved] = of(events, 'incident.declare');
    expect(mitigated.status).toBe('mitigated');
    expect(mitigated.t).toBeGreaterThanOrEqual(working.t + 5 * MIN); // after the state's own injects played out
    expect(resolved.status).toBe('resolved');
  });

  it('adds action items with owners at the hot wash', () => {
    const items = of(events, 'action-item.add');
    expect(items.length).toBeGreaterThanOrEqual(2);
    for (const item of items) expect(item.owner).toMatch(/\w/);
  });
});

describe('slow team', () => {
  const slow = simulate(scenario, { team: 'slow', seed: 1 });
  const textbook = simulate(scenario, { team: 'textbook', seed: 1 });

  it('does the same things, later and with thinner updates', () => {
    const first = (r: typeof slow) => of(r.events, 'status.post')[0].t;
    expect(first(slow)).toBeGreaterThan(first(textbook) + 5 * MIN);
    expect(of(slow.events, 'contact.page').map((p) => p.contact)).toEqual(expect.arrayContaining(['vendor', 'expert']));
    const mean = (r: typeof slow) => r.scorecard.posts.reduce((s, p) => s + p.score, 0) / r.scorecard.posts.length;
    expect(mean(slow)).toBeLessThan(mean(textbook));
    expect(of(slow.events, 'drill.ended')[0].reason).toBe('final');
    expect(slow.scorecard.overall).toBeLessThan(textbook.scorecard.overall);
  });
});

describe('silent team', () => {
  const { events, scorecard } = simulate(scenario, { team: 'silent', seed: 1 });

  it('joins and claims roles, then never posts, pages or acknowledges', () => {
    expect(new Set(byTeam(events).map((e) => e.type))).toEqual(new Set(['participant.join', 'role.claim']));
    expect(of(events, 'drill.ended')[0].reason).toBe('duration');
    expect(scorecard.overall).toBeLessThanOrEqual(25);
  });
});

describe('chaotic team', () => {
  const { events, scorecard } = simulate(scenario, { team: 'chaotic', seed: 1 });

  it('pages everyone, leaves IC empty for a while and blames others', () => {
    expect(new Set(of(events, 'contact.page').map((p) => p.contact))).toEqual(new Set(['vendor', 'expert', 'bystander']));
    expect(of(events, 'role.claim').find((c) => c.role === 'ic')!.t).toBeGreaterThan(10 * MIN);
    const failed = scorecard.posts.flatMap((p) => p.checks.filter((c) => !c.passed).map((c) => c.id));
    expect(failed).toEqual(expect.arrayContaining(['no-blame']));
    const words = [...of(events, 'status.post'), ...of(events, 'chat.post')].map((p) => p.text).join(' ');
    expect(words).toMatch(/human error|vendor/i);
  });

  it('scores below the slow team', () => {
    expect(scorecard.overall).toBeLessThan(simulate(scenario, { team: 'slow', seed: 1 }).scorecard.overall);
  });
});

describe('declarations no transition waits for', () => {
  const loaded = loadScenario(`
id: timed
version: 1
title: A timed story
summary: The story moves on by itself; the scorecard still measures the declarations.
severity: SEV2
duration: 40m
roles: [{ id: ic, name: Incident Commander, required: true }, { id: comms, name: Communications Lead, required: true }]
objectives:
  - { id: mitigated, measure: { kind: declared, status: mitigated }, target: 20m }
  - { id: resolved, measure: { kind: declared, status: resolved }, target: 30m }
initial: one
states:
  one:
    injects: [{ title: Something broke }]
    after: [{ in: 35m, goto: done }]
  done: { final: true }
`);
  if (!loaded.ok) throw new Error('timed scenario does not load');

  it('are declared by a textbook team before their targets, and posting stops once resolved', () => {
    const { events } = simulate(loaded.scenario, { team: 'textbook', seed: 2 });
    const declared = of(events, 'incident.declare');
    expect(declared.map((d) => d.status)).toEqual(['mitigated', 'resolved']);
    expect(declared[0].t).toBeLessThanOrEqual(20 * MIN);
    expect(declared[1].t).toBeLessThanOrEqual(30 * MIN);
    expect(of(events, 'status.post').filter((p) => p.t > declared[1].t)).toEqual([]);
  });
});

describe('powers and decisions', () => {
  const loaded = loadScenario(`
id: powers
version: 1
title: Who may call it
summary: Only ops may declare and only comms may set severity; the story waits for the IC's decision to fail over.
severity: SEV2
duration: 60m
powers: { declare: [ops], severity: [comms] }
roles:
  - { id: ic, name: Incident Commander, required: true }
  - { id: comms, name: Communications Lead, required: true }
  - { id: ops, name: Operations Lead }
contacts:
  - { id: vendor, name: Vendor support, responds: 4m }
initial: detection
states:
  detection:
    injects:
      - { id: first-page, channel: pager, title: Checkout errors at 40%, ack: true }
    on:
      - { when: { all: [{ escalated: vendor }, { severity: SEV1 }] }, goto: choice }
  choice:
    injects:
      - id: failover-call
        to: [ic]
        title: Fail over now?
        decision:
          options:
            - { id: wait, label: Wait for the vendor, rating: M, why: No ETA. }
            - { id: failover, label: Fail over now, rating: P, why: Fastest way back. }
    on:
      - { when: { decided: { inject: failover-call, option: failover } }, goto: failing-over }
  failing-over:
    fixed: mitigated
    on:
      - { when: { declared: resolved }, goto: done }
  done: { final: true }
`);
  if (!loaded.ok) throw new Error(`powers scenario does not load: ${loaded.problems.map((p) => p.message).join('; ')}`);

  it.each(['textbook', 'slow'] as const)('a %s team plays it to the end through the roles that hold the powers', (team) => {
    const { events } = simulate(loaded.scenario, { team, seed: 1 });
    expect(of(events, 'drill.ended')[0].reason).toBe('final');
    expect(of(events, 'state.entered').map((e) => e.state)).toEqual(['detection', 'choice', 'failing-over', 'done']);
    const holder = (role: string, t: number) => {
      let who: string | undefined;
      for (const e of events) {
        if (e.t > t) break;
        if (e.type === 'role.claim' && e.role === role && e.by.kind === 'participant') who = e.by.id;
      }
      return who;
    };
    const [severity] = of(events, 'severity.set');
    expect(severity.by).toEqual({ kind: 'participant', id: holder('comms', severity.t) });
    const [decision] = of(events, 'decision.make');
    expect(decision).toMatchObject({ injectId: 'failover-call', option: 'failover', by: { kind: 'participant', id: holder('ic', decision.t) } });
    const declared = of(events, 'incident.declare');
    expect(declared.map((d) => d.status)).toEqual(['mitigated', 'resolved']);
    for (const d of declared) expect(d.by).toEqual({ kind: 'participant', id: holder('ops', d.t) });
  });
});

describe('handovers and decisions no transition waits for', () => {
  const loaded = loadScenario(`
id: handover
version: 1
title: Hand over at 2 am
summary: The story waits for command to change hands; a rated call on the way changes nothing in the story.
severity: SEV2
duration: 60m
roles:
  - { id: ic, name: Incident Commander, required: true }
  - { id: comms, name: Communications Lead, required: true }
  - { id: relief, name: Relief Incident Commander }
contacts:
  - { id: relief-ic, name: Kofi, title: Night relief, responds: 6m }
objectives:
  - { id: held-call, measure: { kind: decision, inject: held-call }, target: 5m }
initial: long-night
states:
  long-night:
    injects:
      - id: held-call
        at: 1m
        to: [ic]
        title: Hold the broken companies out?
        decision:
          options:
            - { id: quietly, label: Hold them out and tell nobody, rating: M, why: They find out at the cash machine. }
            - { id: hold-and-tell, label: Hold them out and tell them tonight, rating: P, why: They hear it from us first. }
    on:
      - { when: { all: [{ replied: relief-ic }, { handed-over: ic }] }, goto: night-shift }
  night-shift:
    fixed: resolved
    on:
      - { when: { declared: resolved }, goto: done }
  done: { final: true }
`);
  if (!loaded.ok) throw new Error(`handover scenario does not load: ${loaded.problems.map((p) => p.message).join('; ')}`);

  it('a textbook team hands command to another bot and makes the rated call with its best option', () => {
    const { events, scorecard } = simulate(loaded.scenario, { team: 'textbook', seed: 1 });
    expect(of(events, 'state.entered').map((e) => e.state)).toEqual(['long-night', 'night-shift', 'done']);
    const handover = of(events, 'role.assign').find((e) => e.role === 'ic');
    const firstIc = of(events, 'role.claim').find((e) => e.role === 'ic');
    expect(handover).toBeDefined();
    expect(handover!.by).toEqual(firstIc!.by);
    expect(handover!.participantId).not.toBe((firstIc!.by as { id: string }).id);
    expect(of(events, 'decision.make').map((e) => e.option)).toEqual(['hold-and-tell']);
    expect(scorecard.objectives.find((o) => o.id === 'held-call')?.rating).toBe('P');
  });

  it('a silent team neither hands over nor decides', () => {
    const { events } = simulate(loaded.scenario, { team: 'silent', seed: 1 });
    expect(of(events, 'role.assign')).toEqual([]);
    expect(of(events, 'decision.make')).toEqual([]);
    expect(of(events, 'state.entered').map((e) => e.state)).toEqual(['long-night']);
  });
});
