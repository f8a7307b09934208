import { describe, expect, it } from 'vitest';
import type { DrillCommand } from '../../../shared/drill/commands';
import { Drill } from '../../../shared/drill/drill';
import type { DrillEvent } from '../../../shared/drill/events';
import { renderReport, score, type Scorecard } from '../../../shared/scoring';
import { GOLDEN_FIXED } from './golden-fixed';
import { declareVictory, fixedTextbook } from './teams-fixed';

const objective = (card: Scorecard, id: string) => card.objectives.find((o) => o.id === id)!;

/** The log with evaluator commands appended after the end, as a facilitator would in the debrief. */
function evaluate(log: DrillEvent[], commands: DrillCommand[]): DrillEvent[] {
  const drill = Drill.replay(GOLDEN_FIXED, log);
  const end = log.at(-1)!.t;
  commands.forEach((command, i) => {
    const result = drill.submit(command, { kind: 'facilitator' }, { t: end + (i + 1) * 1000 });
    if (!result.ok) throw new Error(result.error.message);
  });
  return [...drill.log];
}

const override = (target: { objective: string } | { post: number; check: string }, value: { rating: 'P' | 'S' | 'M' | 'U' | 'N/A' } | { passed: boolean } | null, note: string): DrillCommand =>
  ({ type: 'score.override', target, value, note });

describe('evaluator overrides', () => {
  it('rates an objective as the evaluator says, keeping the automatic value and the note, in the scorecard and both reports', () => {
    const log = fixedTextbook();
    const auto = score(GOLDEN_FIXED, log);
    const card = score(GOLDEN_FIXED, evaluate(log, [override({ objective: 'first-update' }, { rating: 'M' }, 'The first post went out on time but the comms lead copied last quarter’s text.')]));
    expect(objective(auto, 'first-update')).toMatchObject({ rating: 'P', override: null });
    expect(objective(card, 'first-update')).toMatchObject({
      rating: 'M', points: 40,
      override: { automatic: 'P', rating: 'M', by: 'Facilitator', note: 'The first post went out on time but the comms lead copied last quarter’s text.', seq: expect.any(Number) },
    });
    expect(card.overall).toBeLessThan(auto.overall);
    expect(card.overrides).toEqual([expect.objectContaining({ target: { objective: 'first-update' }, value: { rating: 'M' }, status: 'applied', by: 'Facilitator' })]);

    const md = renderReport(card);
    expect(md).toContain('**M** (evaluator; automatic P)');
    expect(md).toMatch(/Evaluator override by Facilitator at T\+\d+:\d{2} \(#\d+\): P → M, "The first post went out on time/);
    expect(md.slice(md.indexOf('## Evaluator overrides'))).toMatch(/\| objective `first-update` \| rated M \| The first post went out on time.* \| in force \|/);
    const json = JSON.parse(JSON.stringify(card)) as Scorecard;
    expect(objective(json, 'first-update').override).toMatchObject({ automatic: 'P', rating: 'M', note: expect.stringContaining('copied') });
  });

  it('passes or fails one rubric check of one post, and the post score, the quality dimension and the report follow', () => {
    const log = fixedTextbook();
    const auto = score(GOLDEN_FIXED, log);
    const post = auto.posts[0];
    expect(post.checks.find((c) => c.id === 'ownership')).toMatchObject({ passed: true });
    const card = score(GOLDEN_FIXED, evaluate(log, [override({ post: post.seq, check: 'ownership' }, { passed: false }, 'The apology reads as boilerplate next to the vendor line')]));
    const check = card.posts[0].checks.find((c) => c.id === 'ownership')!;
    expect(check).toMatchObject({ passed: false, override: { automatic: true, passed: false, note: 'The apology reads as boilerplate next to the vendor line' } });
    expect(card.posts[0].score).toBeLessThan(post.score);
    expect(card.posts[0].automaticScore).toBe(post.score);
    expect(card.posts[1].score).toBe(auto.posts[1].score); // only that post's check
    expect(objective(card, 'quality').value).toBeLessThan(objective(auto, 'quality').value!); // the average the quality objective rates
    const md = renderReport(card);
    expect(md).toContain(`${card.posts[0].score}/100 (automatic ${post.score})`);
    expect(md).toContain('**fail** (evaluator; automatic pass: "The apology reads as boilerplate next to the vendor line", Facilitator)');
  });

  it('lets the latest override of a target win, clears one with null, and reports one whose target does not exist', () => {
    const log = fixedTextbook();
    const card = score(GOLDEN_FIXED, evaluate(log, [
      override({ objective: 'cadence' }, { rating: 'U' }, 'first take'),
      override({ objective: 'cadence' }, { rating: 'S' }, 'second take'),
      override({ objective: 'resolved' }, { rating: 'M' }, 'too quick'),
      override({ objective: 'resolved' }, null, 'on reflection the automatic rating is right'),
      override({ objective: 'no-such-objective' }, { rating: 'U' }, 'typo'),
    ]));
    expect(objective(card, 'cadence')).toMatchObject({ rating: 'S', override: { automatic: 'P', note: 'second take' } });
    expect(objective(card, 'resolved')).toMatchObject({ rating: 'P', override: null });
    expect(card.overrides.map((o) => o.status)).toEqual(['superseded', 'applied', 'superseded', 'cleared', 'no-target']);
    const md = renderReport(card);
    for (const words of ['replaced by a later override', 'in force', 'cleared: back to the automatic value', 'no such objective, rated post or check']) expect(md).toContain(words);
  });

  it('keeps a premature all-clear critical unless the evaluator rated every objective that measures it', () => {
    const log = declareVictory();
    const one = score(GOLDEN_FIXED, evaluate(log, [override({ objective: 'mitigated' }, { rating: 'S' }, 'The IC had the vendor on the phone confirming the failover.')]));
    // The mitigated declaration was judged; the resolved one still stands unjudged and holds the overall down.
    expect(one.cap!.reasons.map((r) => r.text)).toEqual([expect.stringMatching(/^Critical: an all-clear that came too early stood to the end\. The incident was declared resolved/)]);
    expect(one.overall).toBeLessThanOrEqual(40);
    const both = score(GOLDEN_FIXED, evaluate(log, [
      override({ objective: 'mitigated' }, { rating: 'S' }, 'The IC had the vendor on the phone confirming the failover.'),
      override({ objective: 'resolved' }, { rating: 'M' }, 'Closed early, but the team kept watching.'),
    ]));
    expect(both.cap).toBeNull();
    expect(both.overall).toBeGreaterThan(one.overall);
    expect(objective(both, 'mitigated')).toMatchObject({ rating: 'S', override: { automatic: 'U' } });
    expect(objective(both, 'mitigated').summary).toMatch(/^The all-clear came too early/); // the automatic finding stays visible
  });

  it('replays to the same scorecard: overrides are events in the log', () => {
    const log = evaluate(fixedTextbook(), [override({ objective: 'first-update' }, { rating: 'S' }, 'fine')]);
    const replayed = Drill.replay(GOLDEN_FIXED, log).log;
    expect(replayed).toEqual(log);
    expect(score(GOLDEN_FIXED, replayed)).toEqual(score(GOLDEN_FIXED, log));
  });
});
