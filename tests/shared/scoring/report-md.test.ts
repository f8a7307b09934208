import { describe, expect, it } from 'vitest';
import { renderReport, score } from '../../../shared/scoring';
import { GOLDEN } from './golden-scenario';
import { chaotic, silent, textbook } from './teams';

const section = (md: string, title: string) => {
  const start = md.indexOf(`## ${title}\n`);
  expect(start, `section ${title}`).toBeGreaterThanOrEqual(0);
  const next = md.indexOf('\n## ', start + 1);
  return md.slice(start, next < 0 ? undefined : next);
};

describe('renderReport', () => {
  it('has the HSEEP sections in order', () => {
    const md = renderReport(score(GOLDEN, textbook(), { drillId: 'd-1' }));
    const titles = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(titles).toEqual([
      'Summary', 'Overview', 'Scores', 'Objectives', 'Strengths', 'Areas for improvement', 'Declarations', 'Decisions',
      'Communication', 'Evaluator overrides', 'Timeline', 'Facilitator observations', 'Improvement plan',
      'Appendix: standard metrics',
    ]);
    expect(md.endsWith('\n')).toBe(true);
  });

  it('gives the overview: scenario, date from the wall clock, duration, participants and roles', () => {
    const overview = section(renderReport(score(GOLDEN, textbook(), { drillId: 'd-1' })), 'Overview');
    expect(overview).toContain('| Scenario | The orders database stops accepting writes (`golden-db`) |');
    expect(overview).toContain('| Drill | `d-1` |');
    expect(overview).toContain('| Date | 2025-03-14 18:40 UTC |');
    expect(overview).toContain('| Duration | 35.5 min of 60 min planned (the scenario reached its end) |');
    expect(overview).toContain('| Overall score | **100 / 100** |');
    expect(overview).toContain('| Chen Wei | Operations Lead |');
    expect(overview).toContain('| Dev Patel | — |');
  });

  it('says "not recorded" when no event has a wall time', () => {
    const log = textbook().map(({ wall: _wall, ...e }) => e);
    expect(section(renderReport(score(GOLDEN, log)), 'Overview')).toContain('| Date | not recorded |');
  });

  it('rates objectives with evidence and lists the improvement plan and observations', () => {
    const md = renderReport(score(GOLDEN, textbook()));
    expect(section(md, 'Objectives')).toContain('| The page is acknowledged | 5 min | 0.8 min | **P** | The inject "CRITICAL: checkout error rate 38%" was acknowledged 0.8 min after it arrived; target 5 min. | #7, #9 |');
    expect(section(md, 'Improvement plan')).toContain('| 2 | Alert on write latency to the orders database, not only on checkout errors | Chen Wei | 2025-03-28 | medium | open | #30 |');
    expect(section(md, 'Facilitator observations')).toContain('- T+35:30: The vendor was paged before the first status update; comms and ops worked in parallel.');
  });

  it('quotes each status post with its rubric, failures in bold with the words that cost them', () => {
    const comms = section(renderReport(score(GOLDEN, chaotic())), 'Communication');
    expect(comms).toContain('### T+13:00 · Status page · investigating · 0/100 (#21)');
    expect(comms).toContain('> Issue with orders-db primary, 5xx on POST /orders.');
    expect(comms).toContain('| Does not shift blame to a third party | **fail** | "Vendor issue", "provider is to blame" |');
    expect(comms).toContain('| Says what happened to customer data | n/a | — |');
  });

  it('escapes table cells and says so when there is nothing to list', () => {
    const md = renderReport(score(GOLDEN, silent()));
    expect(section(md, 'Communication')).toContain('_No status-page updates were posted._');
    expect(section(md, 'Improvement plan')).toContain('_No action items were recorded._');
    expect(section(md, 'Facilitator observations')).toContain('_None recorded._');
    const card = score(GOLDEN, textbook());
    card.actionItems[0].text = 'Split a | b\nin two';
    expect(section(renderReport(card), 'Improvement plan')).toContain('| 2 | Split a \\| b<br>in two | Chen Wei |');
  });
});
