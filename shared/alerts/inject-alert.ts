/**
 * What the drill state keeps of a real alert, without the zod schemas of alert.ts: the room's initial bundle
 * imports the drill state, and must not pull zod in with it (docs/performance.md).
 */

/** What the room shows of an alert inject: it is real, where it came from, and (once it is) that it resolved. */
export interface InjectAlert {
  fingerprint: string;
  /** The alert rule that routed it; null when none matched (the facilitator alone sees it). */
  rule: string | null;
  source: string;
  /** Set once monitoring said the alert resolved (the `alert.resolved` event). */
  resolved?: { seq: number; t: number };
}

/** The alert's name: `alertname`, else the plain title. */
export function alertName(alert: { labels: Partial<Record<string, string>>; title?: string }): string {
  return alert.labels.alertname ?? alert.title ?? 'Alert';
}
