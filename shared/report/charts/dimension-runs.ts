/**
 * "Dimension scores across runs": one row per dimension, a small line through its score in each run of the
 * scenario (the latest ones, ending with this run), the target (75) as a dashed line, and this run's score with
 * its change since the previous run written at the end.
 */
import type { RunSeries } from '../runs';
import type { ChartLayout } from './response-times';
import { el, frame, INK, LINE, MUTED, RATING_FILL, text, type Chart } from './svg';

const ROW = 34;
const TOP = 28;
const TARGET = 75;

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0');

/** The change from the previous run's score to this one's; `null` when either is missing. */
export function lastChange(scores: readonly (number | null)[]): number | null {
  const now = scores[scores.length - 1];
  const before = scores[scores.length - 2];
  return now === null || now === undefined || before === null || before === undefined ? null : now - before;
}

/** The chart of `series`. */
export function dimensionRunsChart(series: RunSeries, id = 'dimension-runs', layout: ChartLayout = {}): Chart {
  const [WIDTH, LABEL, RIGHT] = layout.narrow ? [360, 160, 76] : [640, 200, 110];
  const title = 'Dimension scores across runs';
  const n = series.runs.length;
  const span = WIDTH - LABEL - RIGHT;
  const x = (i: number) => LABEL + (n === 1 ? span / 2 : (i / (n - 1)) * span);
  const height = TOP + series.dimensions.length * ROW + 6;
  const body = [
    text({ x: 0, y: 16, 'font-size': 12, fill: MUTED }, n === 1 ? 'First scored run.' : `Runs ${series.runs[0].number}–${series.runs[n - 1].number}; dashed: ${TARGET}.`),
    ...series.runs.map((r, i) => text({ x: x(i), y: 16, 'font-size': 11, fill: r.current ? INK : MUTED, 'font-weight': r.current ? 700 : 400, 'text-anchor': 'middle' }, r.current ? 'this' : `#${r.number}`)),
  ];
  series.dimensions.forEach((d, row) => {
    const top = TOP + row * ROW;
    const y = (score: number) => top + ROW - 7 - (score / 100) * (ROW - 14);
    const points = d.scores.map((s, i) => (s === null ? null : { x: x(i), y: y(s), s }));
    const latest = d.scores[n - 1];
    const delta = lastChange(d.scores);
    const children = [
      el('rect', { x: LABEL - 6, y: top + 1, width: span + 12, height: ROW - 2, fill: row % 2 ? '#ffffff' : '#f9f8f5' }),
      text({ x: 0, y: top + ROW / 2 + 5, 'font-size': layout.narrow ? 12 : 13 }, d.title),
      el('line', { x1: LABEL - 6, x2: LABEL + span + 6, y1: y(TARGET), y2: y(TARGET), stroke: LINE, 'stroke-width': 1.5, 'stroke-dasharray': '4 3' }),
    ];
    for (let i = 1; i < points.length; i++) {
      const a = points[i - 1];
      const b = points[i];
      if (a && b) children.push(el('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: '#1d4f91', 'stroke-width': 2 }));
    }
    points.forEach((p, i) => {
      if (p) children.push(el('circle', { cx: p.x, cy: p.y, r: i === n - 1 ? 4.5 : 3, fill: p.s >= TARGET ? RATING_FILL.P : p.s >= 40 ? RATING_FILL.S : RATING_FILL.U }));
    });
    children.push(text({ x: WIDTH - RIGHT + 12, y: top + ROW / 2 + 5, 'font-size': 13, 'font-weight': 700 }, `${latest === null ? '—' : latest}${delta === null ? '' : ` (${signed(delta)})`}`));
    body.push(el('g', { 'data-dimension': d.id }, children));
  });
  const rows = series.dimensions.map((d) => [d.title, ...d.scores.map((s) => (s === null ? '—' : String(s)))]);
  const head = ['Dimension', ...series.runs.map((r) => (r.current ? `Run ${r.number} (this)` : `Run ${r.number}`))];
  const desc = n === 1
    ? `This is the first scored run. ${series.dimensions.map((d) => `${d.title}: ${d.scores[0] ?? 'not measured'}`).join('; ')}.`
    : `Scores of runs ${series.runs.map((r) => r.number).join(', ')} (the last is this run). ${series.dimensions.map((d) => `${d.title}: ${d.scores.map((s) => s ?? 'not measured').join(', ')}`).join('; ')}.`;
  return frame({ id, title, desc, width: WIDTH, height, rows, head }, body);
}
