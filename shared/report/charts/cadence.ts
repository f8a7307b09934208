/**
 * "Status-page updates over drill time": the drill as a time line, a marker for each update (with the first
 * letter of its phase), and every silence longer than the cadence target drawn as a thick dashed red stretch
 * labelled with its length — the stretches customers waited without news.
 */
import type { Cadence } from '../summary';
import type { ChartLayout } from './response-times';
import { el, frame, INK, LINE, minutes, MUTED, niceTimeStep, RATING_FILL, text, type Chart } from './svg';

const LEFT = 16;
const RIGHT = 16;

export interface Silence { from: number; to: number; ms: number; over: boolean }

/** Every silence on the status page: start → first update, between updates, last update → end. */
export function silences(c: Pick<Cadence, 'posts' | 'durationMs' | 'target'>): Silence[] {
  const times = [0, ...c.posts.map((p) => p.at), Math.max(c.durationMs, ...c.posts.map((p) => p.at))];
  const out: Silence[] = [];
  for (let i = 1; i < times.length; i++) {
    const ms = times[i] - times[i - 1];
    if (ms > 0) out.push({ from: times[i - 1], to: times[i], ms, over: ms > c.target });
  }
  return out;
}

/** The cadence chart. */
export function cadenceChart(c: Cadence, id = 'cadence', layout: ChartLayout = {}): Chart {
  const WIDTH = layout.narrow ? 360 : 640;
  const LINE_Y = layout.narrow ? 76 : 58;
  const HEIGHT = LINE_Y + 60;
  const title = 'Status-page updates over drill time';
  const span = Math.max(60_000, c.durationMs, ...c.posts.map((p) => p.at));
  const x = (ms: number) => LEFT + (ms / span) * (WIDTH - LEFT - RIGHT);
  const gaps = silences(c);
  const over = gaps.filter((g) => g.over);
  const body = [];
  const step = niceTimeStep(span, layout.narrow ? 3 : 6);
  for (let v = 0; v <= span; v += step) {
    body.push(el('line', { x1: x(v), x2: x(v), y1: LINE_Y + 14, y2: LINE_Y + 20, stroke: MUTED, 'stroke-width': 1 }));
    body.push(text({ x: x(v), y: LINE_Y + 34, 'font-size': 12, fill: MUTED, 'text-anchor': v === 0 ? 'start' : 'middle' }, v === 0 ? 'start' : minutes(v)));
  }
  body.push(el('line', { x1: x(0), x2: x(span), y1: LINE_Y, y2: LINE_Y, stroke: LINE, 'stroke-width': 6, 'stroke-linecap': 'round' }));
  for (const g of over) {
    body.push(el('line', { x1: x(g.from), x2: x(g.to), y1: LINE_Y, y2: LINE_Y, stroke: RATING_FILL.U, 'stroke-width': 6, 'stroke-dasharray': '8 4', 'data-silence': 'over' }));
    body.push(text({ x: (x(g.from) + x(g.to)) / 2, y: LINE_Y - 16, 'font-size': 12, 'font-weight': 700, fill: RATING_FILL.U, 'text-anchor': 'middle' }, `${minutes(g.ms)} silent`));
  }
  for (const p of c.posts) {
    body.push(el('g', { 'data-post': p.seq }, [
      el('circle', { cx: x(p.at), cy: LINE_Y, r: 9, fill: RATING_FILL.P, stroke: '#ffffff', 'stroke-width': 2 }),
      text({ x: x(p.at), y: LINE_Y + 4, 'font-size': 11, 'font-weight': 700, fill: '#ffffff', 'text-anchor': 'middle' }, (p.phase ?? 'u').charAt(0).toUpperCase()),
    ]));
  }
  const legend = [`Target: an update at least every ${minutes(c.target)}.`, c.posts.length === 0 ? 'No updates were posted.' : `${c.posts.length} update${c.posts.length === 1 ? '' : 's'}; letters are phases.`];
  if (layout.narrow) legend.forEach((line, i) => body.push(text({ x: 0, y: 16 + i * 18, 'font-size': 13, fill: INK }, line)));
  else body.push(text({ x: LEFT, y: 16, 'font-size': 13, fill: INK }, legend.join(' ')));
  const desc = c.posts.length === 0
    ? `No status-page updates were posted in ${minutes(span)}; the target is an update at least every ${minutes(c.target)}.`
    : `${c.posts.length} status-page update${c.posts.length === 1 ? '' : 's'}, at ${c.posts.map((p) => `${minutes(p.at)}${p.phase ? ` (${p.phase})` : ''}`).join(', ')}. `
      + (over.length ? `Longer than the ${minutes(c.target)} target without an update: ${over.map((g) => `${minutes(g.ms)} from ${minutes(g.from)} to ${minutes(g.to)}`).join('; ')}.` : `No silence was longer than the ${minutes(c.target)} target.`);
  const rows = c.posts.map((p, i) => [minutes(p.at), p.phase ?? '—', minutes(p.at - (i === 0 ? 0 : c.posts[i - 1].at))]);
  return frame({ id, title, desc, width: WIDTH, height: HEIGHT, rows, head: ['Update at', 'Phase', 'Since the previous (or the start)'] }, body);
}
