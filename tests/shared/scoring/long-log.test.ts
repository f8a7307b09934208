/**
 * Long logs: scoring folds the log with the drill's reducer but keeps the arrays that grow with the log in
 * place (shared/scoring/history.ts), and rates each distinct post once. These tests pin what that must not
 * change: the folded state is the reducer's, and a long log is counted exactly. Speed is the benchmark's job
 * (bench/offline.ts), so nothing here is timed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../shared/drill/commands';
import type { DrillEvent } from '../../../shared/drill/events';
import { initialDrillState, reduceDrill } from '../../../shared/drill/state';
import { Scenario } from '../../../shared/scenario/schema';
import { score, scoreHistory } from '../../../shared/scoring';
import { loadBundled, syntheticLog } from '../../../bench/offline';
import { readHistory } from '../../../shared/scoring/history';
import { GOLDEN } from './golden-scenario';
import { joins, play } from './play';
import { chaotic, handover, paused, silent, slow, textbook, TEXTBOOK_POSTS } from './teams';

const MIN = 60_000;
const ROUND = MIN;
const PHASES = ['investigating', 'identified', 'monitoring'] as const;

/**
 * A GOLDEN drill of `rounds` one-minute rounds after a quick start (roles claimed, the page acknowledged, the
 * vendor paged). Each round k: a status post (the textbook text of its phase) at 0 s, a war-room post at 5 s,
 * a telemetry point at 10 s, a titled inject at 15 s, a page to the VP at 20 s (the VP replies at 25 s in odd
 * rounds, answering two pages at once), a note at 30 s, a dated action item at 35 s, and the facilitator hands
 * the ops role to the other of Chen and Dev at 40 s. Then a resolved post, mitigated, resolved and the end.
 * Built by hand rather than by a Drill: a Drill recording 20,000 events would take most of a minute.
 */
function longDrill(rounds: number): DrillEvent[] {
  const events: DrillEvent[] = [];
  const person = (id: string): Actor => ({ kind: 'participant', id });
  const at = (t: number, by: Actor, body: Record<string, unknown>) =>
    events.push({ ...body, by, seq: events.length + 1, t } as DrillEvent);
  const system: Actor = { kind: 'system' };
  const facilitator: Actor = { kind: 'facilitator' };
  for (const [id, name] of [['ana', 'Ana Silva'], ['ben', 'Ben Okoro'], ['chen', 'Chen Wei'], ['dev', 'Dev Patel']]) {
    at(0, person(id), { type: 'participant.join', participantId: id, name, wall: Date.UTC(2025, 2, 14, 18, 39) });
  }
  at(0, facilitator, { type: 'drill.start', wall: Date.UTC(2025, 2, 14, 18, 40) });
  at(0, system, { type: 'inject.delivered', injectId: 'first-page', to: ['all'], channel: 'pager', title: 'CRITICAL: checkout error rate 38%', ack: true });
  at(10_000, person('ana'), { type: 'role.claim', role: 'ic' });
  at(10_000, person('ben'), { type: 'role.claim', role: 'comms' });
  at(10_000, person('chen'), { type: 'role.claim', role: 'ops' });
  at(30_000, person('ana'), { type: 'inject.ack', injectId: 'first-page' });
  at(40_000, person('chen'), { type: 'contact.page', contact: 'vendor', message: 'Writes to the orders database fail.' });
  for (let k = 0; k < rounds; k++) {
    const t = (k + 1) * ROUND;
    const phase = PHASES[k % PHASES.length];
    at(t, person('ben'), { type: 'status.post', phase, text: TEXTBOOK_POSTS[phase] });
    at(t + 5_000, person('chen'), { type: 'chat.post', text: `Round ${k}: error rate ${k % 40}%` });
    at(t + 10_000, system, { type: 'telemetry.point', series: 'error-rate', value: k % 40 });
    at(t + 15_000, system, { type: 'inject.delivered', injectId: `tick-${k}`, to: ['all'], channel: 'support', title: `${k} more tickets`, ack: false });
    at(t + 20_000, person('ana'), { type: 'contact.page', contact: 'vp', message: `Update ${k} for the VP.` });
    if (k % 2 === 1) at(t + 25_000, system, { type: 'contact.replied', contact: 'vp', text: `Thanks (${k}).` });
    at(t + 30_000, facilitator, { type: 'note.add', text: `Round ${k} went to plan.` });
    at(t + 35_000, person('ana'), { type: 'action-item.add', text: `Follow-up ${k}`, owner: 'Platform team', due: '2025-04-01' });
    at(t + 40_000, facilitator, { type: 'role.assign', role: 'ops', participantId: k % 2 === 0 ? 'dev' : 'chen' });
  }
  const end = (rounds + 1) * ROUND;
  at(end, person('ben'), { type: 'status.post', phase: 'resolved', text: TEXTBOOK_POSTS.resolved });
  at(end + 1_000, person('ana'), { type: 'incident.declare', status: 'mitigated' });
  at(end + 2_000, person('ana'), { type: 'incident.declare', status: 'resolved' });
  at(end + 3_000, system, { type: 'drill.ended', reason: 'final' });
  return events;
}

/** The drill's reducer folded over the whole log, the straightforward way (quadratic on long logs). */
const reduced = (scenario: Scenario, log: DrillEvent[]) =>
  [...log].sort((a, b) => a.seq - b.seq).reduce(reduceDrill, initialDrillState(scenario));
/** What scoring keeps of the reducer's state: all of it but the dashboards' series, which no score reads. */
const scored = (scenario: Scenario, log: DrillEvent[]) => {
  const { telemetry: _telemetry, ...state } = reduced(scenario, log);
  return state;
};

describe('score: a long log', () => {
  const ROUNDS = 2400;
  const log = longDrill(ROUNDS);
  const card = score(GOLDEN, log);
  const seqOf = (type: DrillEvent['type']) => log.filter((e) => e.type === type).map((e) => e.seq);

  it('is the size the test means: over 20,000 events', () => {
    expect(log).toHaveLength(11 + 8 * ROUNDS + ROUNDS / 2 + 4);
    expect(log.length).toBeGreaterThan(20_000);
  });

  it('scores every status post once, in log order, and only the resolved one is final', () => {
    expect(card.posts).toHaveLength(ROUNDS + 1);
    expect(card.posts.map((p) => p.seq)).toEqual(seqOf('status.post'));
    expect(card.posts.every((p) => p.channel === 'status-page' && p.score === 100 && p.author === 'Ben Okoro')).toBe(true);
    expect(card.posts.filter((p) => p.final).map((p) => p.phase)).toEqual(['resolved']);
    expect(card.posts.filter((p) => p.phase === 'monitoring')).toHaveLength(ROUNDS / 3);
    expect(card.posts.at(-1)!.checks.find((c) => c.id === 'data-loss')).toMatchObject({ applicable: true, passed: true });
    expect(card.objectives.find((o) => o.id === 'quality')).toMatchObject({ value: 100, rating: 'P', evidence: seqOf('status.post') });
  });

  it('gives posts with the same wording one frozen set of checks, and an evaluator\'s verdict changes only its post', () => {
    const [first, , , fourth] = card.posts;
    expect(fourth.text).toBe(first.text);
    expect(fourth.checks).toBe(first.checks);
    expect(Object.isFrozen(first.checks[1])).toBe(true);
    const judgedCheck = first.checks.find((c) => c.applicable && c.passed)!;
    const last = log[log.length - 1];
    const verdict = {
      type: 'score.override', target: { post: first.seq, check: judgedCheck.id }, value: { passed: false }, note: 'Reads as boilerplate',
      by: { kind: 'facilitator' }, seq: last.seq + 1, t: last.t,
    } as DrillEvent;
    const judged = score(GOLDEN, [...log, verdict]);
    expect(judged.posts[0].checks.find((c) => c.id === judgedCheck.id)).toMatchObject({ passed: false, override: { automatic: true, passed: false } });
    expect(judged.posts[0].score).toBeLessThan(100);
    expect(judged.posts[3].checks).toEqual(first.checks);
    expect(judged.posts[3].score).toBe(100);
    expect(first.checks.find((c) => c.id === judgedCheck.id)).toMatchObject({ passed: true, override: null });
  });

  it('rates the war room too when asked: one more post per round', () => {
    const both = score(GOLDEN, log, { scoreWarRoom: true });
    expect(both.posts).toHaveLength(2 * ROUNDS + 1);
    expect(both.posts.filter((p) => p.channel === 'war-room').map((p) => p.seq)).toEqual(seqOf('chat.post'));
  });

  it('measures the cadence over every post: a minute between status posts, 65 s before the first chat', () => {
    const startSeq = seqOf('drill.start')[0];
    expect(card.metrics.statusPageGap).toEqual({
      channel: 'status-page', ms: MIN, from: 0, to: MIN, fromSeq: startSeq, toSeq: seqOf('status.post')[0], posts: ROUNDS + 1,
    });
    expect(card.metrics.warRoomGap).toMatchObject({ ms: 65_000, from: 0, to: 65_000, posts: ROUNDS });
    expect(card.metrics.firstStatusPost).toEqual({ at: MIN, seq: seqOf('status.post')[0] });
  });

  it('counts every page, reply, inject, note, action item and handover', () => {
    const m = card.metrics;
    const vp = m.contacts.find((c) => c.contact === 'vp')!;
    const firstReply = log.find((e) => e.type === 'contact.replied')!;
    expect(vp).toMatchObject({ needed: false, pages: ROUNDS, firstPaged: { at: MIN + 20_000 }, replied: { at: firstReply.t, seq: firstReply.seq } });
    expect(m.contacts.find((c) => c.contact === 'vendor')).toMatchObject({ needed: true, pages: 1, firstPaged: { at: 40_000 } });
    expect(m.noisePages.map((p) => p.seq)).toEqual(log.filter((e) => e.type === 'contact.page' && e.contact === 'vp').map((e) => e.seq));
    expect(card.improvements.map((f) => f.text)).toContain(`${ROUNDS} pages went to contacts this scenario did not need (VP Engineering); each page should carry a clear ask.`);
    expect(m.acks).toEqual([{ injectId: 'first-page', title: 'CRITICAL: checkout error rate 38%', delivered: { at: 0, seq: 6 }, acked: { at: 30_000, seq: 10 }, timeToAck: 30_000 }]);
    expect(m.roleChanges).toHaveLength(3 + ROUNDS);
    expect(m.handovers).toBe(ROUNDS);
    expect(m.vacancies).toEqual([]);
    expect(card.drill.participants.map((p) => [p.name, p.roles])).toEqual([
      ['Ana Silva', ['Incident Commander']], ['Ben Okoro', ['Communications Lead']],
      ['Chen Wei', ['Operations Lead']], ['Dev Patel', ['Operations Lead']],
    ]);
    expect(card.observations).toHaveLength(ROUNDS);
    expect(card.actionItems).toHaveLength(ROUNDS);
    expect(card.strengths.map((f) => f.text)).toContain(`All ${ROUNDS} action items have an owner and a due date.`);
    expect(card.strengths.map((f) => f.text)).toEqual(expect.arrayContaining([
      `The ${ROUNDS + 1} status-page updates averaged 100/100 on the communication rubric; target 70.`,
      expect.stringMatching(new RegExp(`^All ${ROUNDS + 1} status-page updates passed these rubric checks: `)),
    ]));
  });

  it('tells the whole drill in its timeline, and knows how and when it ended', () => {
    // start, 3 claims, the page, its ack, the vendor page; 7 entries a round and a reply every other; resolved post, 2 declarations, end.
    expect(card.timeline).toHaveLength(7 + 7 * ROUNDS + ROUNDS / 2 + 4);
    expect(card.timeline.filter((e) => e.kind === 'inject')).toHaveLength(ROUNDS + 1);
    expect(card.timeline.filter((e) => e.kind === 'reply')).toHaveLength(ROUNDS / 2);
    expect(card.drill).toMatchObject({ status: 'ended', endedReason: 'final', durationMs: (ROUNDS + 1) * MIN + 3_000, startedAt: Date.UTC(2025, 2, 14, 18, 40) });
    expect(card.metrics.resolved).toEqual({ at: (ROUNDS + 1) * MIN + 2_000, seq: log.length - 1 });
  });
});

describe('readHistory: the drill state is the reducer\'s', () => {
  it('equals folding the log with reduceDrill, for golden drills, the sample drill and a long log', () => {
    const fixture = JSON.parse(readFileSync('tests/fixtures/sample-drill.json', 'utf8')) as { scenario: unknown; events: DrillEvent[] };
    const sample = Scenario.parse(fixture.scenario);
    const cases: [Scenario, DrillEvent[]][] = [
      ...[textbook(), paused(), slow(), silent(), chaotic(), handover()].map((log): [Scenario, DrillEvent[]] => [GOLDEN, log]),
      [sample, fixture.events],
      [GOLDEN, longDrill(60)],
      [GOLDEN, [...longDrill(60)].reverse()],
      [GOLDEN, play(GOLDEN, [
        ...joins([['ana', 'Ana']]),
        ['0:10', 'ana', { type: 'role.claim', role: 'ic' }],
        ['0:20', 'facilitator', { type: 'drill.start' }],
        ['2:00', 'ana', { type: 'incident.declare', status: 'mitigated' }],
        ['3:00', 'ana', { type: 'incident.retract', status: 'mitigated', reason: 'Errors climbing again' }],
        ['4:00', 'facilitator', { type: 'score.override', target: { objective: 'ic-named' }, value: { rating: 'S' }, note: 'Named late in the room' }],
        ['5:00', 'ana', { type: 'incident.declare', status: 'mitigated' }],
        ['6:00', 'facilitator', { type: 'evaluators.set', observers: true }],
        ['7:00', 'facilitator', { type: 'score.override', target: { objective: 'ic-named' }, value: null, note: 'On reflection, fine' }],
      ])],
    ];
    for (const [scenario, log] of cases) expect(readHistory(scenario, log).state).toStrictEqual(scored(scenario, log));
  });
});

describe('score: the fast fold scores like the plain one', () => {
  /** A history whose drill state is the reducer folded the straightforward way, telemetry and all; the rest as readHistory keeps it. */
  const plainHistory = (scenario: Scenario, log: DrillEvent[]) => ({ ...readHistory(scenario, log), state: reduced(scenario, log) });

  it('gives the same scorecard on mid-size generated logs of bundled scenarios (posts, telemetry, pages, replies, notes)', () => {
    for (const id of ['partner-db-down', 'night-handover', 'ddos-on-sale']) {
      const scenario = loadBundled(id);
      const log = syntheticLog(scenario, 2_000, id.length);
      expect(readHistory(scenario, log).state).toStrictEqual(scored(scenario, log));
      expect(score(scenario, log)).toStrictEqual(scoreHistory(plainHistory(scenario, log)));
      expect(score(scenario, log, { scoreWarRoom: true })).toStrictEqual(scoreHistory(plainHistory(scenario, log), { scoreWarRoom: true }));
    }
  });

  it('rates premature phases and repeated wordings post by post: posts alike share one frozen set of checks', () => {
    const scenario = loadBundled('partner-db-down');
    const card = score(scenario, syntheticLog(scenario, 2_000));
    const early = card.posts.filter((p) => p.premature);
    expect(early.length).toBeGreaterThan(1);
    const [a, b] = early.filter((p) => p.text === early[0].text);
    expect(b.checks).toBe(a.checks);
    expect(Object.isFrozen(a.checks[0])).toBe(true);
    expect(a.checks.find((c) => c.id === 'facts')).toMatchObject({ applicable: true, passed: false });
  });
});
