/**
 * The summary as the first screen of the Markdown report: the overall and dimension scores with their change
 * since the previous run, the response-times chart as an embedded SVG image (a data: URI, so the file stands
 * alone when attached to an e-mail), the three strengths and areas that matter most, the key decisions and the
 * improvement plan in brief. Kept short on purpose: at most 3 strengths, 3 areas, one line of decisions and 3
 * action items, so it always fits in the report's first 40 lines (a test holds it to that).
 */
import { formatMinutes } from '../duration';
import { escapeMarkdown as md } from '../scoring/markdown';
import { refs, table } from '../scoring/report-md-table';
import { responseTimesChart } from './charts/response-times';
import { svgDataUri, type Chart } from './charts/svg';
import type { DrillSummary } from './summary';
import { criticalFailures } from '../scoring/cap-words';

/** How many action items the summary lists before "and N more". */
const PLAN_LINES = 3;

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0');

/** An `<img>` with the chart inline: alt text is the chart's description. */
export function chartImage(chart: Chart): string {
  const alt = `${chart.title}. ${chart.desc}`.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<img src="${svgDataUri(chart)}" alt="${alt}" width="${chart.width}" height="${chart.height}">`;
}

function headline(s: DrillSummary): string {
  const overall = `**Overall ${s.overall.score} / 100**`;
  const cap = s.overall.cap;
  const held = cap ? ` (held at ${cap.limit} or below by ${criticalFailures(cap.failures)}; ${cap.uncapped} before the cap)` : '';
  const since = s.overall.change === null
    ? (s.run.number === 1 ? 'the first scored run of this scenario' : `run ${s.run.number} of this scenario`)
    : `${signed(s.overall.change)} since the previous run (run ${s.run.number - 1}: ${s.overall.previous})`;
  return `${overall}${held} · ${since} · ${formatMinutes(s.drill.durationMs)} · ${md(s.scenario.severity)}${s.drill.status === 'ended' ? '' : ' · drill still in progress, scores so far'}`;
}

const findingLine = (f: DrillSummary['strengths'][number], i: number) =>
  `${i + 1}. ${f.critical ? '**Critical.** ' : ''}${md(f.text.replace(/^Critical: /, '')).replace(/\n/g, ' ')}${f.evidence.length ? ` (${refs(f.evidence)})` : ''}`;

function decisionsLine(s: DrillSummary): string {
  if (s.decisions.length === 0) return '**Key decisions:** no decision came up in this run.';
  const one = (d: DrillSummary['decisions'][number]) => d.choice
    ? `${md(d.title)}: "${md(d.choice.label)}" (${md(d.choice.by)}, ${formatMinutes(d.choice.at)}${d.choice.rating ? `, rated ${d.choice.rating}` : ''})`
    : `${md(d.title)}: nobody decided`;
  return `**Key decisions:** ${s.decisions.map(one).join('; ')}${s.moreDecisions ? `; and ${s.moreDecisions} more under Decisions` : ''}.`;
}

function planLines(s: DrillSummary): string[] {
  const total = s.plan.reduce((n, g) => n + g.items.length, 0);
  if (total === 0) return ['**Improvement plan:** no action items were recorded.'];
  const lines: string[] = [];
  for (const g of s.plan) {
    for (const a of g.items) {
      if (lines.length === PLAN_LINES) break;
      const due = a.due ? `due ${md(a.due)}` : 'no due date';
      lines.push(`- ${md(a.text).replace(/\n/g, ' ')} — ${md(a.owner) || 'no owner'}, ${due}, ${a.priority}, ${a.status}${g.finding ? ` (answers: ${md(g.title).replace(/\n/g, ' ').slice(0, 80)}${g.title.length > 80 ? '…' : ''})` : ''}`);
    }
  }
  const more = total - lines.length;
  return [`**Improvement plan:** ${total} action item${total === 1 ? '' : 's'}, ${s.openItems} not done yet${more ? `; the first ${lines.length} here, all under Improvement plan` : ''}.`, ...lines];
}

/** The "Summary" section of the report. */
export function summaryMarkdown(s: DrillSummary): string {
  const dims = table(['Dimension', 'Score', 'Change'], s.dimensions.map((d) => [
    md(d.title), d.score === null ? 'n/a' : String(d.score), d.change === null ? (d.previous === null ? '—' : 'n/a') : signed(d.change),
  ]));
  const chart = responseTimesChart(s.times, 'summary-response-times');
  const times = s.times.map((t) => `${t.label} ${t.value === null ? 'never' : formatMinutes(t.value)} (target ${formatMinutes(t.target)}, ${t.rating})`).join(' · ');
  return [
    '## Summary',
    headline(s),
    chartImage(chart),
    `**Response times:** ${times}.`,
    dims,
    `**Strengths that matter most** _(by the points each earned the overall score; one per dimension first)_\n${s.strengths.length ? s.strengths.map(findingLine).join('\n') : '_No objective was fully met in this run._'}`,
    `**Areas that matter most** _(critical failures first, then by the points each cost)_\n${s.areas.length ? s.areas.map(findingLine).join('\n') : '_None: every objective was met._'}`,
    decisionsLine(s),
    planLines(s).join('\n'),
  ].join('\n\n');
}
