import type { Point } from '../../../shared/drill/state';

/**
 * A small line chart of a telemetry series. Fixed y-range from the data (at least 0..1) so a flat line sits at
 * the bottom; the last point is marked so the eye lands on "now".
 */
export function Sparkline({ points, width = 160, height = 40, label }: { points: Point[]; width?: number; height?: number; label: string }) {
  const pad = 3;
  if (points.length === 0) {
    return (
      <svg className="sparkline" width={width} height={height} role="img" aria-label={`${label}: no data yet`}>
        <line x1={pad} x2={width - pad} y1={height - pad} y2={height - pad} className="sparkline-empty" />
      </svg>
    );
  }
  const values = points.map((p) => p.value);
  const max = Math.max(1, ...values);
  const min = Math.min(0, ...values);
  const t0 = points[0].t;
  const span = Math.max(1, points[points.length - 1].t - t0);
  const x = (t: number) => (points.length === 1 ? width - pad : pad + ((t - t0) / span) * (width - 2 * pad));
  const y = (v: number) => height - pad - ((v - min) / (max - min || 1)) * (height - 2 * pad);
  const d = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const last = points[points.length - 1];
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img"
      aria-label={`${label}: ${values.join(', ')}`}>
      <path d={`${d} L${x(last.t).toFixed(1)},${height - pad} L${x(t0).toFixed(1)},${height - pad} Z`} className="sparkline-area" />
      <path d={d} className="sparkline-line" />
      <circle cx={x(last.t)} cy={y(last.value)} r={3} className="sparkline-dot" />
    </svg>
  );
}
