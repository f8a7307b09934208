import { describe, expect, it } from 'vitest';
import { score, type Scorecard } from '../../../shared/scoring';
import { GOLDEN } from './golden-scenario';
import { GOLDEN_FIXED } from './golden-fixed';
import { joins, play } from './play';
import { declareVictory, fixedTextbook, retracted } from './teams-fixed';

const MIN = 60_000;
const objective = (card: Scorecard, id: string) => card.objectives.find((o) => o.id === id)!;
const texts = (findings: Scorecard['strengths']) => findings.map((f) => f.text);

/** Findings never name a participant: the drill is reviewed, not the people. */
function expectBlameless(card: Scorecard): void {
  const findings = [...texts(card.strengths), ...texts(card.improvements)].join('\n');
  for (const p of card.drill.participants) for (const part of p.name.split(' ')) expect(findings).not.toContain(part);
}

describe('declarations against the story', () => {
  it('rates declarations made after the story reached its fixed states on their time', () => {
    const card = score(GOLDEN_FIXED, fixedTextbook());
    expect(card.metrics.fixed).toEqual({ mitigated: { at: 10 * MIN, seq: expect.any(Number) }, resolved: { at: 21 * MIN, seq: expect.any(Number) } });
    expect(objective(card, 'mitigated')).toMatchObject({ value: 11 * MIN, rating: 'P', summary: 'The incident was declared mitigated at 11 min; target 40 min.' });
    expect(objective(card, 'resolved')).toMatchObject({ value: 23.5 * MIN, rating: 'P' });
    expect(card.declarations.map((d) => [d.at, d.status, d.action, d.by, d.premature])).toEqual([
      [11 * MIN, 'mitigated', 'declare', 'Ana Silva', false], [23.5 * MIN, 'resolved', 'declare', 'Ana Silva', false],
    ]);
    expect(card.posts.every((p) => !p.premature && p.score === 100)).toBe(true);
    expect(card.cap).toBeNull();
    expect(card.overall).toBe(100);
  });

  it('catches the declare-victory team: premature all-clears rated U, named blamelessly, and the overall held at 40', () => {
    const card = score(GOLDEN_FIXED, declareVictory());
    // Everything the team did was fast, so without the rule it would score well.
    expect(card.cap).toMatchObject({ limit: 40 });
    expect(card.cap!.uncapped).toBeGreaterThan(50);
    expect(card.overall).toBe(40);
    expect(objective(card, 'mitigated')).toMatchObject({ value: null, rating: 'U' });
    expect(objective(card, 'mitigated').summary).toBe('The all-clear came too early: the incident was declared mitigated at 1.2 min, but the service only worked again at 23 min ("failed-over": The failover completed and writes flow again); target 40 min.');
    expect(objective(card, 'resolved')).toMatchObject({ value: null, rating: 'U' });
    expect(card.improvements[0].text).toMatch(/^Critical: an all-clear that came too early stood to the end\. The incident was declared mitigated at 1\.2 min, but the service only worked again at 23 min/);
    expect(card.improvements[1].text).toMatch(/^Critical: .* declared resolved at 4 min, but the problem was only fixed at 33 min \("stable"/);
    expect(card.metrics.mitigated).toEqual({ at: 1.2 * MIN, seq: expect.any(Number) });
    expect(card.declarations.map((d) => [d.status, d.premature])).toEqual([['mitigated', true], ['resolved', true]]);
    expect(card.timeline.filter((e) => e.kind === 'declare').map((e) => e.text)).toEqual([
      'Ana Silva declared the incident mitigated — before the story got there (a premature all-clear).',
      'Ana Silva declared the incident resolved — before the story got there (a premature all-clear).',
    ]);
    expectBlameless(card);
  });

  it('fails the facts check of status posts whose phase claims a recovery the story had not reached', () => {
    const card = score(GOLDEN_FIXED, declareVictory());
    expect(card.posts.map((p) => [p.phase, p.premature, p.score])).toEqual([['monitoring', true, 40], ['resolved', true, 40]]);
    const facts = card.posts[0].checks.find((c) => c.id === 'facts')!;
    expect(facts).toMatchObject({ applicable: true, passed: false, weight: 60, evidence: ['phase: monitoring'] });
    expect(facts.explanation).toBe('Tells customers that the service works again ("phase: monitoring") before it was true: the service only worked again at 23 min ("failed-over": The failover completed and writes flow again) (−60).');
    expect(texts(card.improvements)).toContain('The status page told customers the service worked again too early ("monitoring" at 2 min, "resolved" at 3.5 min): the service only worked again at 23 min ("failed-over": The failover completed and writes flow again).');
    // The premature "resolved" post closes nothing: the silence after it counts (3.5 min to the end at 33 min).
    expect(card.metrics.statusPageGap).toMatchObject({ from: 3.5 * MIN, to: 33 * MIN });
    expect(objective(card, 'cadence')).toMatchObject({ value: 29.5 * MIN, rating: 'S' });
  });

  it('rates a valid declaration after a retracted premature one M at best, and calls the retraction a strength', () => {
    const card = score(GOLDEN_FIXED, retracted());
    expect(objective(card, 'mitigated')).toMatchObject({ value: 11 * MIN, rating: 'M', points: 40 });
    expect(objective(card, 'mitigated').summary).toBe('The incident was declared mitigated at 11 min, after an early all-clear at 3 min was retracted at 5 min (rated M at best); target 40 min.');
    expect(texts(card.strengths)).toContain('The early all-clear (mitigated, declared at 3 min) was retracted at 5 min, because "The vendor says writes still fail; we called it too early". Correcting an all-clear openly is what a good team does.');
    expect(card.cap).toBeNull();
    expect(card.declarations.map((d) => [d.at, d.action, d.premature, d.reason])).toEqual([
      [3 * MIN, 'declare', true, null],
      [5 * MIN, 'retract', false, 'The vendor says writes still fail; we called it too early.'],
      [11 * MIN, 'declare', false, null],
      [23.5 * MIN, 'declare', false, null],
    ]);
    expect(card.timeline.find((e) => e.kind === 'retract')?.text).toBe('Ana Silva retracted the mitigated declaration: The vendor says writes still fail; we called it too early.');
    expectBlameless(card);
  });

  it('rates a retraction never followed by a valid declaration U, without holding the overall down', () => {
    const card = score(GOLDEN_FIXED, retracted(false));
    expect(objective(card, 'mitigated')).toMatchObject({ value: null, rating: 'U', summary: 'The incident was declared mitigated at 3 min, retracted at 5 min and not declared again; target 40 min.' });
    expect(card.metrics.mitigated).toBeNull();
    expect(card.cap).toBeNull();
  });

  it('never counts resolving as mitigating (a log with only a resolved declaration, as older drills could have)', () => {
    const log = fixedTextbook().filter((e) => !(e.type === 'incident.declare' && e.status === 'mitigated'));
    const card = score(GOLDEN_FIXED, log);
    expect(card.metrics.mitigated).toBeNull();
    expect(objective(card, 'mitigated')).toMatchObject({ value: null, rating: 'U', summary: 'The incident was never declared mitigated; target 40 min.' });
    expect(objective(card, 'resolved')).toMatchObject({ rating: 'P' });
  });

  it('behaves as before in a scenario without fixed states: nothing is premature, a retraction still counts', () => {
    const log = play(GOLDEN, [
      ...joins([['ana', 'Ana']]),
      ['0:00', 'ana', { type: 'role.claim', role: 'ic' }],
      ['0:00', 'facilitator', { type: 'drill.start' }],
      ['1:00', 'ana', { type: 'contact.page', contact: 'vendor', message: 'Orders database down' }],
      ['2:00', 'ana', { type: 'incident.declare', status: 'mitigated' }],
      ['3:00', 'ana', { type: 'incident.retract', status: 'mitigated', reason: 'Errors are climbing again' }],
      ['9:00', 'ana', { type: 'incident.declare', status: 'mitigated' }],
    ], { until: '20:00' });
    const card = score(GOLDEN, log);
    expect(card.declarations.every((d) => !d.premature)).toBe(true);
    expect(card.metrics.fixed).toEqual({ mitigated: null, resolved: null });
    expect(objective(card, 'mitigated')).toMatchObject({ value: 9 * MIN, rating: 'P', summary: 'The incident was declared mitigated at 9 min; target 40 min.' });
    expect(card.strengths.some((f) => f.text.includes('retracted'))).toBe(false);
    expect(card.cap?.reasons.map((r) => r.dimension)).toEqual(['quality']); // no posts at all: critical for quality only
  });
});
