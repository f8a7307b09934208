import { describe, expect, it } from 'vitest';
import { summarize } from '../../../shared/report/summary';
import { summaryMarkdown } from '../../../shared/report/summary-md';
import { rankAreas, topFindings } from '../../../shared/report/ranking';
import { planGroups } from '../../../shared/report/plan';
import { compareRuns, score, type Scorecard } from '../../../shared/scoring';
import { DIMENSION_WEIGHTS } from '../../../shared/scoring/dimensions';
import type { ActionItemSummary } from '../../../shared/scoring/types';
import { GOLDEN } from '../scoring/golden-scenario';
import { chaotic, silent, slow, textbook } from '../scoring/teams';

const DAY = 86_400_000;
const run = (log: ReturnType<typeof textbook>, id: string | null, day: number): Scorecard => {
  const card = score(GOLDEN, log, id ? { drillId: id } : {});
  return { ...card, drill: { ...card.drill, startedAt: Date.UTC(2025, 0, 1) + day * DAY } };
};
const item = (seq: number, over: Partial<ActionItemSummary> = {}): ActionItemSummary => ({
  id: `a${seq}`, seq, at: 0, text: `Item ${seq}`, owner: 'Ana', due: null, priority: 'medium', status: 'open', finding: null, ...over,
});

describe('the summary: strengths and areas that matter most', () => {
  it('puts critical failures first, then areas by the overall points they cost, one per dimension first', () => {
    const card = score(GOLDEN, chaotic());
    const ranked = rankAreas(card);
    const critical = ranked.filter((f) => f.critical);
    expect(critical.length).toBeGreaterThan(0);
    expect(ranked.slice(0, critical.length).every((f) => f.critical)).toBe(true);
    const rated = ranked.filter((f) => !f.critical && f.impact !== null).map((f) => f.impact as number);
    expect(rated).toEqual([...rated].sort((a, b) => b - a));
    // Unrated findings (no points of their own) come after every rated one.
    const firstUnrated = ranked.findIndex((f) => !f.critical && f.impact === null);
    if (firstUnrated >= 0) expect(ranked.slice(firstUnrated).every((f) => f.impact === null)).toBe(true);
    const { areas } = topFindings(card);
    expect(areas).toHaveLength(3);
    const nonCritical = areas.filter((f) => !f.critical).map((f) => f.dimension);
    expect(new Set(nonCritical).size).toBe(nonCritical.length);
  });

  it('says how many critical failures hold the overall down, and what it was before the cap', () => {
    const card = score(GOLDEN, chaotic());
    expect(card.cap).not.toBeNull();
    const s = summarize(card);
    expect(s.overall.cap).toEqual({ limit: 40, uncapped: card.cap!.uncapped, failures: card.cap!.reasons.length });
    const n = card.cap!.reasons.length;
    expect(summaryMarkdown(s)).toContain(`(held at 40 or below by ${n === 1 ? 'a critical failure' : `${n} critical failures`}; ${card.cap!.uncapped} before the cap)`);
    expect(summaryMarkdown(summarize(score(GOLDEN, textbook())))).not.toContain('held at');
  });

  it('weighs a miss by its dimension: a quality miss outranks the same rating in a hygiene dimension', () => {
    const card = score(GOLDEN, slow());
    const ranked = rankAreas(card).filter((f) => !f.critical && f.impact !== null && f.rating);
    for (let i = 1; i < ranked.length; i++) {
      const [a, b] = [ranked[i - 1], ranked[i]];
      if (a.rating === b.rating && a.dimension && b.dimension && a.impact !== b.impact) expect(a.impact).toBeGreaterThan(b.impact as number);
    }
    // The impact is the share of the overall: (100 − points) × dimension weight / Σ weights × objective share.
    const total = card.dimensions.reduce((s, d) => s + d.weight, 0);
    for (const f of ranked) expect(f.impact).toBeLessThanOrEqual(100 * (DIMENSION_WEIGHTS[f.dimension!] / total) + 0.05);
  });

  it('cannot be flattered by many cheap strengths: the heaviest strengths come first', () => {
    const card = score(GOLDEN, textbook());
    const { strengths } = topFindings(card);
    expect(strengths).toHaveLength(3);
    const impacts = strengths.map((f) => f.impact ?? -1);
    expect(impacts).toEqual([...impacts].sort((a, b) => b - a));
    // A hygiene strength (roles, acknowledgement: weight 1) never beats a heavier one while one is left.
    expect(strengths[0].dimension && DIMENSION_WEIGHTS[strengths[0].dimension]).toBeGreaterThanOrEqual(2);
  });

  it('says nothing is a strength for a silent team, and keeps the findings\' keys stable', () => {
    const card = score(GOLDEN, silent());
    expect(topFindings(card).strengths.every((f) => f.rating === null || f.rating === 'P')).toBe(true);
    // The keys are the scorecard's finding ids, which action items name (stable across runs: scoring's tests).
    const areas = topFindings(card).areas;
    expect(areas.length).toBeGreaterThan(0);
    expect(areas.every((f) => card.improvements.some((i) => i.id === f.key))).toBe(true);
  });
});

describe('the summary: change since the previous run', () => {
  it('compares with the run just before this one, found by id', () => {
    const before = run(slow(), 'd1', 1);
    const now = run(textbook(), 'd2', 2);
    const s = summarize(now, compareRuns([before, now]));
    expect(s.run).toMatchObject({ number: 2, previous: { drillId: 'd1' } });
    expect(s.overall).toMatchObject({ score: now.overall, previous: before.overall, change: now.overall - before.overall });
    const quality = s.dimensions.find((d) => d.id === 'quality')!;
    expect(quality.change).toBe(quality.score! - before.dimensions.find((d) => d.id === 'quality')!.score!);
    expect(s.history.runs.map((r) => r.current)).toEqual([false, true]);
  });

  it('finds this run among anonymous runs by its start, and a run not compared yet after those before it', () => {
    const a = run(silent(), null, 1);
    const b = run(slow(), null, 2);
    const c = run(textbook(), null, 3);
    const later = run(chaotic(), null, 9);
    expect(summarize(b, compareRuns([a, b, c])).overall.previous).toBe(a.overall);
    const running = { ...run(textbook(), 'live', 5), drill: { ...c.drill, id: 'live', startedAt: Date.UTC(2025, 0, 1) + 5 * DAY } };
    const s = summarize(running, compareRuns([a, b, c, later]));
    expect(s.run.number).toBe(4);
    expect(s.overall.previous).toBe(c.overall);
    expect(s.history.runs.map((r) => r.number)).toEqual([1, 2, 3, 4]);
  });

  it('reads as the first run without a comparison', () => {
    const s = summarize(score(GOLDEN, textbook()));
    expect(s.overall.change).toBeNull();
    expect(s.run).toEqual({ number: 1, previous: null });
    expect(s.dimensions.every((d) => d.change === null)).toBe(true);
  });
});

describe('the summary: key times, decisions and the plan', () => {
  it('takes each key time from the objective that measures it, with its target and rating', () => {
    const card = score(GOLDEN, textbook());
    const times = summarize(card).times;
    expect(times.map((t) => t.id)).toEqual(['incident-commander', 'first-update', 'escalation', 'mitigation']);
    const first = times.find((t) => t.id === 'first-update')!;
    const objective = card.objectives.find((o) => o.id === first.source)!;
    expect(objective.measure).toEqual({ kind: 'first-post', channel: 'status-page' });
    expect(first).toMatchObject({ value: objective.value, target: objective.target, rating: objective.rating });
  });

  it('rates a key time no objective measures against the documented default, never as met when it never happened', () => {
    const card = score(GOLDEN, silent());
    const noObjectives: Scorecard = { ...card, objectives: [], dimensions: card.dimensions.map((d) => ({ ...d, defaults: [] })) };
    const times = summarize(noObjectives).times;
    for (const t of times) {
      expect(t.source).toBeNull();
      if (t.value === null) expect(t.rating).toBe('U');
    }
  });

  it('groups action items by the finding they answer, the most important area first, then others, then none', () => {
    const card = score(GOLDEN, chaotic());
    const areas = rankAreas(card);
    const top = areas[0].key;
    const third = areas[2].key;
    const items = [
      item(1), item(2, { finding: third, priority: 'low' }), item(3, { finding: top, status: 'done', priority: 'high' }),
      item(4, { finding: top, priority: 'high', due: '2025-02-01' }), item(5, { finding: 'objective:gone' }), item(6, { finding: third, priority: 'high' }),
    ];
    const groups = planGroups({ ...card, actionItems: items }, areas.map((f) => f.key));
    expect(groups.map((g) => g.finding)).toEqual([top, third, 'objective:gone', null]);
    expect(groups[0].items.map((a) => a.seq)).toEqual([4, 3]);
    expect(groups[1].items.map((a) => a.seq)).toEqual([6, 2]);
    expect(groups[2].title).toBe('A finding of an earlier run (objective:gone)');
    expect(groups[3].title).toBe('Not tied to a finding');
    expect(summarize({ ...card, actionItems: items }).openItems).toBe(5);
  });

  it('lists decisions in the order they came up, with the chosen option\'s rating', () => {
    const card = score(GOLDEN, textbook());
    const withDecision: Scorecard = { ...card, decisions: [{
      injectId: 'call', title: 'Fail over now?', delivered: { at: 60_000, seq: 9 }, closed: null,
      options: [{ id: 'now', label: 'Fail over now', rating: 'P', why: '', chosen: true }, { id: 'wait', label: 'Wait', rating: 'M', why: '', chosen: false }],
      choice: { seq: 12, at: 120_000, option: 'now', label: 'Fail over now', by: 'Ana Silva', reason: 'Vendor advised it' },
      history: [{ seq: 11, at: 100_000, option: 'wait', label: 'Wait', by: 'Ana Silva', reason: null }, { seq: 12, at: 120_000, option: 'now', label: 'Fail over now', by: 'Ana Silva', reason: 'Vendor advised it' }],
    }] };
    const [d] = summarize(withDecision).decisions;
    expect(d).toMatchObject({ title: 'Fail over now?', changes: 1, choice: { label: 'Fail over now', rating: 'P', by: 'Ana Silva' } });
  });
});
