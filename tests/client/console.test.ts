import { describe, expect, it } from 'vitest';
import { layoutChart } from '../../client/src/console/graph';
import { liveStatus } from '../../client/src/console/objective-status';
import { matchRoute } from '../../client/src/app/router';

describe('statechart layout', () => {
  it('layers states by distance from the initial state and labels transitions in words', () => {
    const chart = layoutChart({
      initial: 'a',
      states: {
        a: { injects: [], on: [{ when: { escalated: 'vendor' }, goto: 'b' }], after: [{ in: '12m', goto: 'c', unless: { posted: 'status-page' } }], final: false },
        b: { injects: [], on: [{ when: { declared: 'resolved' }, goto: 'd' }], after: [], final: false },
        c: { injects: [], on: [{ when: { escalated: 'vendor' }, goto: 'b' }], after: [], final: false },
        d: { injects: [], on: [], after: [], final: true },
      },
    });
    const layer = Object.fromEntries(chart.nodes.map((n) => [n.id, n.layer]));
    expect(layer).toEqual({ a: 0, b: 1, c: 1, d: 2 });
    expect(chart.widest).toBe(2);
    expect(chart.edges.map((e) => e.label)).toContain('after 12m unless status-page posted');
    expect(chart.edges.map((e) => e.label)).toContain('when vendor paged');
  });
});

describe('live objective status', () => {
  const o = { unit: 'ms' as const, target: 300_000, rating: 'P' as const };
  it('is pending before the target, missed after it, met or late once done', () => {
    expect(liveStatus({ ...o, value: null, rating: 'U' }, 100_000)).toBe('pending');
    expect(liveStatus({ ...o, value: null, rating: 'U' }, 400_000)).toBe('missed');
    expect(liveStatus({ ...o, value: 200_000 }, 400_000)).toBe('met');
    expect(liveStatus({ ...o, value: 350_000, rating: 'S' }, 400_000)).toBe('late');
  });
  it('reads rubric scores against their target', () => {
    expect(liveStatus({ unit: 'score', target: 70, value: 80, rating: 'P' }, 0)).toBe('met');
    expect(liveStatus({ unit: 'score', target: 70, value: 50, rating: 'S' }, 0)).toBe('below');
    expect(liveStatus({ unit: 'score', target: 70, value: null, rating: 'U' }, 0)).toBe('pending');
  });
});

describe('router', () => {
  it('matches patterns and decodes params', () => {
    expect(matchRoute('/drill/:id/scorecard', '/drill/a%20b/scorecard')).toEqual({ id: 'a b' });
    expect(matchRoute('/drill/:id', '/drill/x/scorecard')).toBeNull();
  });
});

describe('scenario prose', () => {
  it('joins hard-wrapped lines and keeps quotes, lists and paragraph breaks', async () => {
    const { reflow } = await import('../../client/src/ui/prose');
    const text = 'reads are fine, every INSERT hangs for 30s then dies. PartnerDB console says the cluster is\n"Healthy" and nothing changed.\n\n"Charged twice." — ticket #1\n"Where is my order?" — ticket #2\n- one\n- two';
    expect(reflow(text)).toEqual([
      'reads are fine, every INSERT hangs for 30s then dies. PartnerDB console says the cluster is "Healthy" and nothing changed.',
      '"Charged twice." — ticket #1\n"Where is my order?" — ticket #2\n- one\n- two',
    ]);
  });
});
