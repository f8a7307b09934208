import { z } from 'zod';
import { AlertStatus } from '../scenario/schema';

/**
 * A real alert as the drill log keeps it: what monitoring sent, normalised from either ingest format
 * (./ingest.ts) but otherwise as received. The logged `alert.receive` command carries it, so a replay reads the
 * stored alert and never asks monitoring again.
 */

/** Limits on what one alert may carry; an alert beyond them is refused whole, with the path that is too big. */
export const ALERT_LIMITS = {
  /** Labels (or annotations) on one alert. */
  labels: 64,
  labelName: 128,
  labelValue: 1024,
  annotationValue: 4096,
  fingerprint: 128,
  url: 2048,
  source: 64,
  title: 200,
  body: 4000,
  severity: 32,
  /** Alerts in one request (Alertmanager's `max_alerts` can keep a group below it). */
  perRequest: 100,
} as const;

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Prometheus label names: letters, digits and `_`, not starting with a digit. */
export const LabelName = z.string().max(ALERT_LIMITS.labelName, { message: `a label name has at most ${ALERT_LIMITS.labelName} characters` })
  .regex(LABEL_NAME, { message: 'a label name is letters, digits and _ and does not start with a digit, like alertname' });

/** Whether a label name is one Prometheus would accept. */
export function isLabelName(name: string): boolean {
  return LABEL_NAME.test(name);
}

const bounded = (max: number, what: string) => z.string().max(max, { message: `${what} has at most ${max} characters` });

const map = (value: z.ZodString, what: string) => z.record(LabelName, value)
  .refine((m) => Object.keys(m).length <= ALERT_LIMITS.labels, { message: `at most ${ALERT_LIMITS.labels} ${what}` });

export const Labels = map(bounded(ALERT_LIMITS.labelValue, 'a label value'), 'labels');
export const Annotations = map(bounded(ALERT_LIMITS.annotationValue, 'an annotation'), 'annotations');

/** One received alert, normalised. Strict: the log holds exactly these keys. */
export const ReceivedAlert = z.strictObject({
  /** Which ingest format it came in. */
  format: z.enum(['alertmanager', 'json']),
  status: AlertStatus,
  /** The alert's identity across deliveries: Alertmanager's fingerprint, or one made from a plain alert's content. */
  fingerprint: z.string().min(1).max(ALERT_LIMITS.fingerprint),
  labels: Labels,
  annotations: Annotations,
  /** Who sent it: "Alertmanager", or a plain alert's `source`. */
  source: bounded(ALERT_LIMITS.source, 'source').min(1),
  /** A plain alert's own title and body; Alertmanager's come from its annotations. */
  title: bounded(ALERT_LIMITS.title, 'title').min(1).optional(),
  body: bounded(ALERT_LIMITS.body, 'body').optional(),
  severity: bounded(ALERT_LIMITS.severity, 'severity').optional(),
  startsAt: bounded(64, 'startsAt').optional(),
  endsAt: bounded(64, 'endsAt').optional(),
  generatorURL: bounded(ALERT_LIMITS.url, 'generatorURL').optional(),
  /** Alertmanager's notification context: the receiver, the group key and where Alertmanager runs. */
  receiver: bounded(256, 'receiver').optional(),
  groupKey: bounded(1024, 'groupKey').optional(),
  externalURL: bounded(ALERT_LIMITS.url, 'externalURL').optional(),
});
export type ReceivedAlert = z.output<typeof ReceivedAlert>;

export { alertName, type InjectAlert } from './inject-alert';
