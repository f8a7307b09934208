import MarkdownIt from 'markdown-it';
import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { FacilitatorCommand, JoinCommand, TeamCommand, type DrillCommand } from '../../../shared/drill/commands';
import { renderReport, score } from '../../../shared/scoring';
import { reportHtml } from '../../../shared/report/html';
import { escapeMarkdown } from '../../../shared/scoring/markdown';
import { GOLDEN } from './golden-scenario';
import { play, type Line } from './play';

/** What people have typed into report fields to make them run or link something (issue 16, defect 6). */
const CORPUS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<iframe src="https://evil.example"></iframe>',
  '<svg onload=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<style>body{display:none}</style>',
  '<!-- hidden -->',
  '[click me](javascript:alert(1))',
  '![tracker](https://evil.example/pixel.png)',
  '[ref][1]\n\n[1]: https://evil.example',
  '<https://evil.example/autolink>',
  'see https://evil.example/phish now',
  'or www.evil.example/login',
  'mail evil@evil.example',
  '&lt;script&gt; and &#60;img src=x onerror=alert(1)&#62;',
  '**bold** _em_ `code` ~~strike~~',
  '# Heading\n> quote\n- bullet\n1. numbered\n---',
  '| a | b |\n|---|---|\n| c | d |',
  '\\<script>alert(1)\\</script>',
  'data:text/html,<script>alert(1)</script>',
];

/** Short enough for a name (60 characters). */
const NAMES = ['<img src=x onerror=alert(1)>', '[Ana](javascript:alert(1))', '<script>x</script>', '**Ben**', 'www.evil.example'];

/** Every field a report shows from the team or the facilitator, filled from the corpus (parsed as the server would). */
function injectedLog() {
  const parse = (command: unknown): DrillCommand => {
    for (const schema of [TeamCommand, FacilitatorCommand, JoinCommand]) {
      const parsed = schema.safeParse(command);
      if (parsed.success) return parsed.data;
    }
    throw new Error(`not a command: ${JSON.stringify(command)}`);
  };
  const lines: Line[] = NAMES.map((name, i) => ['0:00', `p${i}`, parse({ type: 'participant.join', participantId: `p${i}`, name })]);
  lines.push(['0:00', 'p0', parse({ type: 'role.claim', role: 'ic' })], ['0:00', 'p1', parse({ type: 'role.claim', role: 'comms' })], ['0:00', 'facilitator', parse({ type: 'drill.start' })]);
  CORPUS.forEach((text, i) => {
    const at = `${i + 1}:00`;
    lines.push(
      [at, 'p0', parse({ type: 'chat.post', text })],
      [at, 'p1', parse({ type: 'status.post', phase: 'investigating', text })],
      [at, 'p2', parse({ type: 'contact.page', contact: i % 2 ? 'vp' : 'dba', message: text })],
      [at, 'facilitator', parse({ type: 'note.add', text })],
      [at, 'facilitator', parse({ type: 'inject.send', title: text.slice(0, 200), body: text, from: text.slice(0, 60), ack: true })],
      // The due date is set past the schema: a drill logged before action items v2 may hold any text there.
      [at, 'p3', { ...parse({ type: 'action-item.add', text: text.slice(0, 300), owner: text.slice(0, 60) }), due: text.slice(0, 40) } as DrillCommand],
    );
  });
  return play(GOLDEN, lines, { until: '61m' });
}

/** Every HTML tag name in `html`. */
const tags = (html: string) => [...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1].toLowerCase());
/** What the report's own Markdown makes: headings, paragraphs, emphasis, tables, lists, quotes, code for ids. */
const REPORT_TAGS = new Set(['h1', 'h2', 'h3', 'p', 'em', 'strong', 'code', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'ul', 'ol', 'li', 'blockquote', 'br']);
/** The report's own charts: an SVG as a base64 data: URI, with its description as alt text (escaped). */
const CHART_IMAGE = /<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="[^"<>]*" width="\d+" height="\d+">/g;

describe('the after-action report is safe to paste anywhere (issue 16, defect 6)', () => {
  const log = injectedLog();
  const card = score(GOLDEN, log, { drillId: 'd-inject' });
  const report = renderReport(card);
  const renderers: [string, (md: string) => string][] = [
    // As permissive as a wiki can be: raw HTML and every protocol allowed.
    ['micromark + GFM (GitHub)', (md) => micromark(md, { allowDangerousHtml: true, allowDangerousProtocol: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] })],
    ['markdown-it with HTML and linkify', (md) => new MarkdownIt({ html: true, linkify: true }).render(md)],
  ];

  it('feeds the corpus through every field: names, chat, status posts, pages, notes, ad-hoc injects, action items', () => {
    for (const text of CORPUS.slice(0, 3)) {
      expect(card.posts.some((p) => p.text === text), 'a status post').toBe(true);
      expect(card.observations.some((o) => o.text === text), 'a note').toBe(true);
      expect(card.actionItems.some((a) => a.text === text), 'an action item').toBe(true);
      expect(card.timeline.some((e) => e.text.includes(text)), 'the timeline (chat, pages, injects)').toBe(true);
    }
    expect(card.drill.participants.map((p) => p.name)).toEqual(NAMES);
  });

  it('has no raw HTML from user text in the Markdown itself: only <br> and the report\'s own chart images', () => {
    const images = report.match(CHART_IMAGE) ?? [];
    expect(images.length).toBe(2);
    expect(report.replace(/<br>/g, '').replace(CHART_IMAGE, '')).not.toMatch(/</);
  });

  it('keeps drill text out of the chart images: they hold the report\'s own labels and numbers only', () => {
    for (const image of report.match(CHART_IMAGE) ?? []) {
      const svg = Buffer.from(/base64,([^"]+)"/.exec(image)![1], 'base64').toString('utf8');
      expect(svg).not.toMatch(/evil|alert|onerror|javascript/i);
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    }
  });

  it('exports to a standalone HTML page with the report\'s own tags and inline SVG only', () => {
    const html = reportHtml(report, `After-action report: ${card.scenario.title}`);
    const own = new Set([...REPORT_TAGS, 'html', 'head', 'meta', 'title', 'style', 'body', 'main', 'section', 'ol', 'svg', 'desc', 'rect', 'line', 'text', 'g', 'circle']);
    expect(new Set(tags(html.replace(/^<!doctype html>/, '')).filter((t) => !own.has(t)))).toEqual(new Set());
    expect(html).not.toMatch(/<(script|iframe|img|a|object|embed|link)\b/i);
    // No tag carries a handler, a link or a source: what looks like one is text.
    expect((html.match(/<[a-zA-Z][^>]*>/g) ?? []).filter((tag) => /\s(on\w+|href|src|xlink:href)=/i.test(tag))).toEqual([]);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('[click me](javascript:alert(1))');
  });

  it.each(renderers)('renders with %s to the report\'s own tags only: no script, frame, link or handler; images only the charts', (_name, render) => {
    const html = render(report).replace(CHART_IMAGE, '');
    expect(new Set(tags(html).filter((t) => !REPORT_TAGS.has(t)))).toEqual(new Set());
    // No tag has an attribute at all (so no handler, href or src): what looks like one is text.
    expect((html.match(/<[a-zA-Z][^>]*>/g) ?? []).filter((tag) => !/^<[a-z0-9]+>$/.test(tag))).toEqual([]);
    // The text is still there, as text.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('[click me](javascript:alert(1))');
    expect(html).toContain('https://evil.example/phish');
    expect(html).toContain('**bold** _em_ `code` ~~strike~~');
  });

  it('keeps ordinary text readable in the Markdown source', () => {
    expect(escapeMarkdown('Checkout is failing for 40% of customers. Next update at 19:30.')).toBe('Checkout is failing for 40% of customers. Next update at 19:30.');
    expect(escapeMarkdown("We're sorry (really) - it's on us")).toBe("We're sorry (really) - it's on us");
  });
});
