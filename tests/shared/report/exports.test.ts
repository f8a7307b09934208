import { describe, expect, it } from 'vitest';
import { csvCell, timelineCsv, toCsv } from '../../../shared/report/csv';
import { inline, markdownToHtml, reportHtml } from '../../../shared/report/html';
import { parseCsv } from '../../../shared/msel/csv';
import { renderReport, score, type Scorecard } from '../../../shared/scoring';
import type { ActionItemSummary } from '../../../shared/scoring/types';
import { GOLDEN } from '../scoring/golden-scenario';
import { chaotic, silent, textbook } from '../scoring/teams';

describe('CSV', () => {
  it('quotes per RFC 4180: commas, quotes and line breaks; CRLF after every record', () => {
    expect(toCsv([['a', 'b,c', 'say "hi"', 'two\nlines', 3]])).toBe('a,"b,c","say ""hi""","two\nlines",3\r\n');
  });

  it('defuses formulas: a cell starting with = + - @ tab or CR is prefixed with an apostrophe', () => {
    for (const bad of ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(bad).replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvCell('=1,2')).toBe('"\'=1,2"');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('a-b')).toBe('a-b');
  });

  it('exports the timeline with one record per event that reads back to the same fields', () => {
    const card = score(GOLDEN, textbook());
    const evil: Scorecard = { ...card, timeline: [...card.timeline, { seq: 999, at: 61_000, kind: 'war-room', text: '=cmd|\' /C calc\'!A0, "quoted"\nnext' }] };
    const csv = timelineCsv(evil, 'Fri 18:40');
    expect(csv.endsWith('\r\n')).toBe(true);
    const parsed = parseCsv(csv);
    if (!parsed.ok) throw new Error(parsed.message);
    const [head, ...rows] = parsed.records.map((r) => r.fields);
    expect(head).toEqual(['event', 'drill_time', 'story_time', 'seconds', 'kind', 'text', 'real_alert']);
    expect(rows).toHaveLength(evil.timeline.length);
    expect(rows[rows.length - 1]).toEqual(['999', 'T+01:01', 'Fri 18:41', '61', 'war-room', '\'=cmd|\' /C calc\'!A0, "quoted"\nnext', 'no']);
    expect(parseCsv(timelineCsv(card)).ok && timelineCsv(card).split('\r\n')[0]).toBe('event,drill_time,seconds,kind,text,real_alert');
  });
});

describe('the Markdown report opens with the summary', () => {
  const items = (n: number): ActionItemSummary[] => Array.from({ length: n }, (_, i) => ({
    id: `a${i}`, seq: 100 + i, at: 0, text: `Action ${i} with a long description that goes on`, owner: 'Ana', due: '2025-04-01', priority: 'high', status: 'open', finding: null,
  }));
  const decisions = (card: Scorecard): Scorecard['decisions'] => Array.from({ length: 5 }, (_, i): Scorecard['decisions'][number] => ({
    injectId: `d${i}`, title: `Call ${i}`, delivered: { at: i * 60_000, seq: 50 + i }, closed: null, options: [], choice: null, history: [],
  })).concat(card.decisions);

  it.each([['textbook', textbook], ['chaotic', chaotic], ['silent', silent]])('the first 40 lines of a %s run are the summary with its chart', (_name, team) => {
    const card = score(GOLDEN, team());
    const crowded: Scorecard = { ...card, actionItems: items(12), decisions: decisions(card) };
    for (const c of [card, crowded]) {
      const lines = renderReport(c).split('\n');
      const first40 = lines.slice(0, 40).join('\n');
      expect(first40).toContain('## Summary');
      expect(first40).toMatch(/<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="Response times against targets\. [^"]+" width="640" height="\d+">/);
      expect(first40).toContain('**Strengths that matter most**');
      expect(first40).toContain('**Areas that matter most**');
      expect(first40).toContain('**Key decisions:**');
      expect(first40).toContain('**Improvement plan:**');
      // The whole summary fits: the details start within the first 41 lines.
      expect(lines.indexOf('## Overview')).toBeLessThanOrEqual(40);
    }
  });

  it('gives the change since the previous run when the runs are known', () => {
    const before = { ...score(GOLDEN, silent(), { drillId: 'a' }), drill: { ...score(GOLDEN, silent()).drill, id: 'a', startedAt: 1 } };
    const now = { ...score(GOLDEN, textbook(), { drillId: 'b' }), drill: { ...score(GOLDEN, textbook()).drill, id: 'b', startedAt: 2 } };
    const md = renderReport(now, { runs: { scenarioId: 'golden-db', runs: [{ drillId: 'a', startedAt: 1, overall: before.overall }, { drillId: 'b', startedAt: 2, overall: now.overall }], overall: 'improving', objectives: [], dimensions: now.dimensions.map((d) => ({ id: d.id, title: d.title, scores: [before.dimensions.find((x) => x.id === d.id)!.score, d.score], trend: 'improving' })) } });
    expect(md).toContain(`+${now.overall - before.overall} since the previous run (run 1: ${before.overall})`);
    expect(md).toMatch(/## Scores[\s\S]*<img src="data:image\/svg\+xml;base64,[^"]+" alt="Dimension scores across runs\./);
  });
});

describe('the HTML export', () => {
  it('converts the report\'s Markdown: headings, tables, lists, quotes, escapes, and charts as inline SVG', () => {
    expect(inline('a \\*b\\* **c** _d_ `e-f` x<br>y &lt;b&gt;')).toBe('a *b* <strong>c</strong> <em>d</em> <code>e-f</code> x<br>y &lt;b&gt;');
    const html = markdownToHtml(renderReport(score(GOLDEN, textbook())));
    expect(html).toContain('<h2 id="summary">Summary</h2>');
    expect(html).toContain('<table><thead><tr><th scope="col">Dimension</th>');
    expect(html).toContain('<ol><li>');
    expect(html).toContain('<blockquote><p>');
    expect(html).toMatch(/<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 640 \d+"/);
    expect(html).not.toContain('<img');
  });

  it('is one standalone page: the summary framed for page 1, inline CSS, nothing fetched', () => {
    const page = reportHtml(renderReport(score(GOLDEN, textbook())), 'After-action report: <x>');
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('<title>After-action report: &lt;x&gt;</title>');
    expect(page).toMatch(/<section id="summary-section"><h2 id="summary">Summary<\/h2>[\s\S]*<\/section>\n<h2 id="overview">/);
    expect(page).not.toMatch(/<script|<link|\ssrc=|\shref=|\sstyle=/);
  });
});
