import { describe, expect, it } from 'vitest';
import { cadenceChart, silences } from '../../../shared/report/charts/cadence';
import { dimensionRunsChart, lastChange } from '../../../shared/report/charts/dimension-runs';
import { barGeometry, responseTimesChart, timeScale } from '../../../shared/report/charts/response-times';
import { niceTimeStep, renderSvg, svgDataUri, type SvgNode } from '../../../shared/report/charts/svg';
import type { KeyTime } from '../../../shared/report/key-times';

const MIN = 60_000;
const time = (id: KeyTime['id'], value: number | null, target: number, rating: KeyTime['rating'] = 'P'): KeyTime => ({
  id, label: id, detail: '', value, target, rating, evidence: [], source: null,
});
const all = (node: SvgNode): SvgNode[] => [node, ...(node.children ?? []).flatMap(all)];
const find = (node: SvgNode, attr: string, value?: string | number) => all(node).filter((n) => attr in n.attrs && (value === undefined || n.attrs[attr] === value));

describe('response times against targets', () => {
  it('scales bars linearly from one origin, to a round axis past the largest value or target', () => {
    const times = [time('incident-commander', 2 * MIN, 3 * MIN), time('first-update', 14 * MIN, 10 * MIN, 'S')];
    const scale = timeScale(times);
    expect(scale.max).toBeGreaterThanOrEqual(14 * MIN);
    expect(scale.max % scale.step).toBe(0);
    const a = barGeometry(scale.x, times[0]);
    const b = barGeometry(scale.x, times[1]);
    expect(a.x).toBe(b.x);
    expect(b.width / a.width).toBeCloseTo(7, 5);
    expect(b.targetX - a.x).toBeCloseTo((a.width / 2) * 10, 5);
  });

  it('draws one bar and one dashed target mark per time, none for a time that never came, and says it in words', () => {
    const chart = responseTimesChart([time('incident-commander', 2 * MIN, 3 * MIN), time('mitigation', null, 30 * MIN, 'U')]);
    expect(find(chart.svg, 'data-bar', 'value')).toHaveLength(1);
    const targets = find(chart.svg, 'data-bar', 'target');
    expect(targets).toHaveLength(2);
    expect(targets.every((t) => t.attrs['stroke-dasharray'])).toBe(true);
    expect(chart.desc).toContain('mitigation: never against a target of 30 min, rated U: unable to be performed');
    expect(chart.rows).toEqual([['incident-commander', '2 min', '3 min', 'P: performed without challenges'], ['mitigation', 'never', '30 min', 'U: unable to be performed']]);
    const svg = renderSvg(chart.svg);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* role="img" aria-labelledby="response-times-title response-times-desc">/);
    expect(svg).toContain('<title id="response-times-title">Response times against targets</title>');
    expect(svg).not.toContain('style=');
  });

  it('a target mark sits exactly at the target on the scale, also in the narrow layout', () => {
    for (const narrow of [false, true]) {
      const times = [time('first-update', 5 * MIN, 10 * MIN)];
      const chart = responseTimesChart(times, 'x', { narrow });
      const scale = timeScale(times, { narrow });
      expect(find(chart.svg, 'data-bar', 'target')[0].attrs.x1).toBeCloseTo(scale.x(10 * MIN), 5);
      expect(chart.width).toBe(narrow ? 360 : 640);
    }
  });

  it('says there is nothing to chart when there are no times', () => {
    const chart = responseTimesChart([]);
    expect(chart.rows).toEqual([]);
    expect(chart.desc).toBe('No response times were measured in this run.');
    expect(find(chart.svg, 'data-bar')).toHaveLength(0);
  });

  it('axis steps are round minutes', () => {
    expect(niceTimeStep(47 * MIN)).toBe(10 * MIN);
    expect(niceTimeStep(7 * MIN)).toBe(2 * MIN);
    expect(niceTimeStep(40_000)).toBe(10_000);
  });
});

describe('status-page cadence', () => {
  it('finds every silence, from the start to the first update and from the last to the end, and flags those over target', () => {
    const gaps = silences({ posts: [{ at: 5 * MIN, seq: 1, phase: 'investigating' }, { at: 30 * MIN, seq: 2, phase: 'identified' }], durationMs: 40 * MIN, target: 20 * MIN });
    expect(gaps.map((g) => [g.from / MIN, g.to / MIN, g.over])).toEqual([[0, 5, false], [5, 30, true], [30, 40, false]]);
    const chart = cadenceChart({ posts: [{ at: 5 * MIN, seq: 1, phase: 'investigating' }, { at: 30 * MIN, seq: 2, phase: 'identified' }], durationMs: 40 * MIN, target: 20 * MIN, longestGap: { channel: 'status-page', ms: 25 * MIN, from: 5 * MIN, to: 30 * MIN, fromSeq: 1, toSeq: 2, posts: 2 } });
    expect(find(chart.svg, 'data-post')).toHaveLength(2);
    expect(find(chart.svg, 'data-silence', 'over')).toHaveLength(1);
    expect(chart.desc).toContain('Longer than the 20 min target without an update: 25 min from 5 min to 30 min.');
  });

  it('with no posts, the whole drill is one silence over target', () => {
    const chart = cadenceChart({ posts: [], durationMs: 30 * MIN, target: 20 * MIN, longestGap: { channel: 'status-page', ms: 30 * MIN, from: 0, to: 30 * MIN, fromSeq: null, toSeq: null, posts: 0 } });
    expect(find(chart.svg, 'data-silence', 'over')).toHaveLength(1);
    expect(chart.desc).toBe('No status-page updates were posted in 30 min; the target is an update at least every 20 min.');
  });
});

describe('dimension scores across runs', () => {
  const series = {
    runs: [{ number: 3, startedAt: 1, overall: 50, current: false }, { number: 4, startedAt: 2, overall: 70, current: true }],
    dimensions: [{ id: 'roles' as const, title: 'Roles', scores: [50, 75] }, { id: 'quality' as const, title: 'Communication quality', scores: [null, 40] }],
  };
  it('draws a line per dimension between measured runs, and writes this run\'s score with its change', () => {
    const chart = dimensionRunsChart(series);
    const roles = find(chart.svg, 'data-dimension', 'roles')[0];
    expect(all(roles).filter((n) => n.tag === 'line' && !n.attrs['stroke-dasharray'])).toHaveLength(1);
    expect(all(roles).some((n) => n.text === '75 (+25)')).toBe(true);
    const quality = find(chart.svg, 'data-dimension', 'quality')[0];
    expect(all(quality).filter((n) => n.tag === 'line' && !n.attrs['stroke-dasharray'])).toHaveLength(0);
    expect(all(quality).some((n) => n.text === '40')).toBe(true);
    expect(chart.head).toEqual(['Dimension', 'Run 3', 'Run 4 (this)']);
    expect(lastChange([80, 60])).toBe(-20);
    expect(lastChange([null, 60])).toBeNull();
  });
});

describe('SVG text', () => {
  it('escapes every value and stands alone as a data: URI', () => {
    const node: SvgNode = { tag: 'svg', attrs: { xmlns: 'http://www.w3.org/2000/svg', 'aria-label': '"<x>" & y' }, children: [{ tag: 'text', attrs: {}, text: '<script>alert(1)</script>' }] };
    expect(renderSvg(node)).toBe('<svg xmlns="http://www.w3.org/2000/svg" aria-label="&quot;&lt;x&gt;&quot; &amp; y"><text>&lt;script&gt;alert(1)&lt;/script&gt;</text></svg>');
    const uri = svgDataUri(responseTimesChart([time('first-update', 60_000, 120_000)]));
    expect(uri.startsWith('data:image/svg+xml;base64,')).toBe(true);
    expect(Buffer.from(uri.split(',')[1], 'base64').toString('utf8')).toContain('Response times against targets');
  });
});
