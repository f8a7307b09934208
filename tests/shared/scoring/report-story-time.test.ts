import { describe, expect, it } from 'vitest';
import { renderReport, score } from '../../../shared/scoring';
import { GOLDEN } from './golden-scenario';
import { textbook } from './teams';

describe('renderReport with a story clock', () => {
  const card = score(GOLDEN, textbook(), { drillId: 'd-1' });

  it('writes every time as story time next to drill time, as the room showed it', () => {
    const md = renderReport(card, { startsAt: 'Fri 18:40' });
    expect(md).toContain('Times are story time, then drill time since the start (Fri 18:40 · T+00:00 is when the story begins)');
    const timeline = md.slice(md.indexOf('## Timeline'), md.indexOf('\n## ', md.indexOf('## Timeline') + 1));
    const rows = timeline.split('\n').filter((l) => /^\| (?!Time|---)/.test(l));
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) expect(row).toMatch(/^\| (\w{3} )?\d\d:\d\d · T\+\d\d:\d\d \|/);
    // A status post heading under Communication, and the first timeline row at the start of the story.
    expect(md).toMatch(/^### 18:\d\d · T\+\d\d:\d\d · Status page/m);
    expect(rows[0]).toMatch(/^\| 18:40 · T\+00:00 \|/);
  });

  it('keeps plain drill time without one', () => {
    const md = renderReport(card);
    expect(md).toContain('Times are drill time since the start (T+mm:ss)');
    expect(md).not.toMatch(/\d\d:\d\d · T\+/);
  });
});
