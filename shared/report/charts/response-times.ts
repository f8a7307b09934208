/**
 * "Response times against targets": one horizontal bar per key time (time to an incident commander, first status
 * update, escalation, mitigation), its target as a dashed mark across the bar, and the value and rating in
 * words at its end. A time that never came has no bar and says "never".
 */
import { RATING_NAMES } from '../../scoring/ratings';
import type { Rating } from '../../scoring/types';
import type { KeyTime } from '../key-times';
import { el, FAINT, frame, INK, LINE, minutes, MUTED, niceTimeStep, RATING_FILL, text, type Chart } from './svg';

/** Wide: labels left of the bars (a page, a projector, the report). Narrow: each label above its bar (a phone). */
export interface ChartLayout { narrow?: boolean }

const TOP = 10;
const AXIS = 26;
const dims = (narrow = false) => (narrow
  ? { width: 360, label: 0, right: 96, row: 62, barY: 26 }
  : { width: 640, label: 190, right: 110, row: 46, barY: 9 });

export interface BarGeometry { x: number; width: number; targetX: number }

/** The horizontal scale: 0 to a round number of minutes past the largest value or target. */
export function timeScale(times: readonly Pick<KeyTime, 'value' | 'target'>[], layout: ChartLayout = {}): { max: number; step: number; x: (ms: number) => number } {
  const { width, label, right } = dims(layout.narrow);
  const biggest = Math.max(60_000, ...times.map((t) => Math.max(t.value ?? 0, t.target)));
  const step = niceTimeStep(biggest, layout.narrow ? 3 : 5);
  const max = Math.ceil((biggest * 1.05) / step) * step;
  const span = width - label - right;
  return { max, step, x: (ms: number) => label + (Math.min(ms, max) / max) * span };
}

const ratingWords = (r: KeyTime['rating']) => (r === 'N/A' ? 'not applicable' : `${r}: ${RATING_NAMES[r as Rating].toLowerCase()}`);
const measured = (t: KeyTime) => (t.value === null ? 'never' : minutes(t.value));

/** The chart of `times` (empty: a chart that says there is nothing to show). */
export function responseTimesChart(times: readonly KeyTime[], id = 'response-times', layout: ChartLayout = {}): Chart {
  const { width: WIDTH, label: LABEL, right: RIGHT, row: ROW, barY } = dims(layout.narrow);
  const title = 'Response times against targets';
  const head = ['Measure', 'Time', 'Target', 'Rating'];
  const rows = times.map((t) => [t.label, measured(t), minutes(t.target), ratingWords(t.rating)]);
  if (times.length === 0) {
    return frame({ id, title, desc: 'No response times were measured in this run.', width: WIDTH, height: 40, rows, head }, [text({ x: 0, y: 25, 'font-size': 14, fill: MUTED }, 'No response times were measured.')]);
  }
  const height = TOP + times.length * ROW + AXIS;
  const scale = timeScale(times, layout);
  const body = [];
  const bottom = TOP + times.length * ROW;
  for (let v = 0; v <= scale.max; v += scale.step) {
    const x = scale.x(v);
    body.push(el('line', { x1: x, x2: x, y1: TOP, y2: bottom, stroke: LINE, 'stroke-width': 1 }));
    body.push(text({ x, y: bottom + 17, 'font-size': 12, fill: MUTED, 'text-anchor': v === 0 && LABEL === 0 ? 'start' : 'middle' }, v === 0 ? '0' : minutes(v)));
  }
  times.forEach((t, i) => {
    const y = TOP + i * ROW;
    const g = barGeometry(scale.x, t);
    body.push(el('g', { 'data-key-time': t.id }, [
      ...(layout.narrow
        ? [text({ x: 0, y: y + 17, 'font-size': 14 }, `${t.label} · target ${minutes(t.target)}`)]
        : [text({ x: 0, y: y + 19, 'font-size': 14, 'font-weight': 700 }, t.label), text({ x: 0, y: y + 36, 'font-size': 12, fill: MUTED }, `target ${minutes(t.target)}`)]),
      el('rect', { x: LABEL, y: y + barY, width: WIDTH - LABEL - RIGHT, height: 24, fill: FAINT }),
      ...(t.value === null ? [] : [el('rect', { x: g.x, y: y + barY, width: Math.max(2, g.width), height: 24, fill: RATING_FILL[t.rating], 'data-bar': 'value' })]),
      el('line', { x1: g.targetX, x2: g.targetX, y1: y + barY - 6, y2: y + barY + 30, stroke: INK, 'stroke-width': 2.5, 'stroke-dasharray': '5 3', 'data-bar': 'target' }),
      text({ x: WIDTH - RIGHT + 8, y: y + barY + 17, 'font-size': 14, 'font-weight': 700 }, `${measured(t)} · ${t.rating}`),
    ]));
  });
  const desc = `${times.map((t) => `${t.label}: ${measured(t)} against a target of ${minutes(t.target)}, rated ${ratingWords(t.rating)}`).join('. ')}. Dashed marks are the targets.`;
  return frame({ id, title, desc, width: WIDTH, height, rows, head }, body);
}

/** Where a key time's bar starts and ends, and where its target mark is, on scale `x`. */
export function barGeometry(x: (ms: number) => number, t: Pick<KeyTime, 'value' | 'target'>): BarGeometry {
  const start = x(0);
  return { x: start, width: t.value === null ? 0 : x(t.value) - start, targetX: x(t.target) };
}
