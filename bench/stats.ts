/** Latency summaries. All values are milliseconds, rounded to 0.01 ms. */
export interface Summary {
  /** Number of samples. */
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

const round = (x: number): number => Math.round(x * 100) / 100;

/**
 * The nearest-rank percentile (the smallest sample with at least `p`% of samples at or below it), so every
 * reported figure is a latency that was actually observed. `sorted` must be ascending and non-empty.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of no samples');
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** p50/p95/p99/max/mean of `samples`; throws on an empty list, because a figure without samples is a bug. */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('no samples to summarize');
  const sorted = Float64Array.from(samples).sort();
  const list = Array.from(sorted);
  let sum = 0;
  for (const x of list) sum += x;
  return {
    n: list.length,
    p50: round(percentile(list, 50)),
    p95: round(percentile(list, 95)),
    p99: round(percentile(list, 99)),
    max: round(list[list.length - 1]),
    mean: round(sum / list.length),
  };
}

/** `a / b` rounded to two places, or null when the floor is zero (a ratio against nothing means nothing). */
export function ratio(a: number, b: number): number | null {
  return b > 0 ? round(a / b) : null;
}

/** The median of a non-empty list. */
export function median(samples: readonly number[]): number {
  return percentile([...samples].sort((a, b) => a - b), 50);
}

/** Mean of the last tenth of samples (in order) minus the mean of the first tenth: drift that accumulates. */
export function trend(ordered: readonly number[]): number {
  if (ordered.length < 2) return 0;
  const k = Math.max(1, Math.floor(ordered.length / 10));
  const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  return round(mean(ordered.slice(-k)) - mean(ordered.slice(0, k)));
}
