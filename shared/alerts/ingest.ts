import { z } from 'zod';
import { AlertStatus } from '../scenario/schema';
import { ALERT_LIMITS, Annotations, Labels, ReceivedAlert } from './alert';

/**
 * The two formats `POST /api/drills/:id/alerts` takes (docs/game-day.md), read into `ReceivedAlert`s:
 *
 * - Prometheus Alertmanager's webhook (`version: "4"`): a notification for one alert group, with every alert of
 *   the group in `alerts[]`. Alertmanager's own fields are read and anything it may add later is ignored.
 * - A plain alert any script can send: `{source, title, body, severity, labels, status, fingerprint}`. Strict, so
 *   that a typo in a hand-written request is refused with the key's name instead of dropped.
 */

/** Text of at most `max` characters; messages follow the key's path ("title: must be text"). */
const text = (max: number, _what: string) => z.string({ message: 'must be text' }).max(max, { message: `has at most ${max} characters` });
const timestamp = z.string().max(64).regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, { message: 'must be an RFC 3339 time like 2024-05-01T18:52:00Z' });

const AlertmanagerAlert = z.object({
  status: AlertStatus,
  labels: Labels,
  annotations: Annotations.default({}),
  startsAt: timestamp.optional(),
  endsAt: timestamp.optional(),
  generatorURL: text(ALERT_LIMITS.url, 'generatorURL').optional(),
  fingerprint: text(ALERT_LIMITS.fingerprint, 'fingerprint').min(1).optional(),
});

/** Alertmanager's webhook payload, version 4 (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config). */
export const AlertmanagerPayload = z.object({
  version: z.literal('4', { message: 'this endpoint reads Alertmanager webhook version "4"' }),
  groupKey: text(1024, 'groupKey').optional(),
  truncatedAlerts: z.number().int().min(0).optional(),
  status: AlertStatus,
  receiver: text(256, 'receiver').optional(),
  groupLabels: Labels.optional(),
  commonLabels: Labels.optional(),
  commonAnnotations: Annotations.optional(),
  externalURL: text(ALERT_LIMITS.url, 'externalURL').optional(),
  alerts: z.array(AlertmanagerAlert)
    .min(1, { message: 'there are no alerts in this notification' })
    .max(ALERT_LIMITS.perRequest, { message: `at most ${ALERT_LIMITS.perRequest} alerts per request; set max_alerts in Alertmanager's webhook_config` }),
});
export type AlertmanagerPayload = z.input<typeof AlertmanagerPayload>;

/** A plain alert, for scripts and tools without Alertmanager (Chaos Toolkit's HTTP provider, curl). */
export const PlainAlert = z.strictObject({
  source: text(ALERT_LIMITS.source, 'source').min(1).default('webhook'),
  title: text(ALERT_LIMITS.title, 'title').min(1, { message: 'must not be empty' }),
  body: text(ALERT_LIMITS.body, 'body').optional(),
  severity: text(ALERT_LIMITS.severity, 'severity').optional(),
  labels: Labels.default({}),
  status: AlertStatus.default('firing'),
  fingerprint: text(ALERT_LIMITS.fingerprint, 'fingerprint').min(1).optional(),
});
export type PlainAlert = z.input<typeof PlainAlert>;

export type IngestResult = { ok: true; format: 'alertmanager' | 'json'; alerts: ReceivedAlert[] } | { ok: false; message: string };

/** Alertmanager's "never ends": the end time of an alert still firing. */
const ZERO_TIME = /^0001-01-01T/;

/**
 * Reads a request body in either format. A body with `alerts` (or `version`) is an Alertmanager notification,
 * anything else a plain alert. Every alert must be well-formed, or none is taken: the message says where.
 */
export function readAlerts(body: unknown): IngestResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, message: 'Send one JSON object: an Alertmanager notification ({"version": "4", "alerts": [...]}) or a plain alert ({"title": "..."}).' };
  }
  if ('alerts' in body || 'version' in body) {
    const parsed = AlertmanagerPayload.safeParse(body);
    if (!parsed.success) return { ok: false, message: `Not a valid Alertmanager notification: ${describe(parsed.error)}.` };
    const group = parsed.data;
    return {
      ok: true, format: 'alertmanager', alerts: group.alerts.map((a) => ReceivedAlert.parse({
        format: 'alertmanager', status: a.status, fingerprint: a.fingerprint ?? fingerprintOf(a.labels), labels: a.labels,
        annotations: a.annotations, source: 'Alertmanager',
        ...(a.labels.severity ? { severity: a.labels.severity.slice(0, ALERT_LIMITS.severity) } : {}),
        ...(a.startsAt ? { startsAt: a.startsAt } : {}),
        ...(a.endsAt && !ZERO_TIME.test(a.endsAt) ? { endsAt: a.endsAt } : {}),
        ...(a.generatorURL ? { generatorURL: a.generatorURL } : {}),
        ...(group.receiver ? { receiver: group.receiver } : {}),
        ...(group.groupKey ? { groupKey: group.groupKey } : {}),
        ...(group.externalURL ? { externalURL: group.externalURL } : {}),
      })),
    };
  }
  const parsed = PlainAlert.safeParse(body);
  if (!parsed.success) return { ok: false, message: `Not a valid alert: ${describe(parsed.error)}.` };
  const plain = parsed.data;
  return {
    ok: true, format: 'json', alerts: [ReceivedAlert.parse({
      format: 'json', status: plain.status,
      fingerprint: plain.fingerprint ?? fingerprintOf(Object.keys(plain.labels).length ? plain.labels : { title: plain.title }, plain.source),
      labels: plain.labels, annotations: {}, source: plain.source, title: plain.title,
      ...(plain.body ? { body: plain.body } : {}), ...(plain.severity ? { severity: plain.severity } : {}),
    })],
  };
}

/**
 * A stable identity for an alert that came without a fingerprint: its labels (as Prometheus identifies an alert),
 * sorted, with the source. FNV-1a over the text, two 32-bit halves: 16 hex digits, like Alertmanager's.
 */
export function fingerprintOf(labels: Record<string, string>, source = ''): string {
  const text = [source, ...Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`)].join('\u0000');
  const half = (seed: number) => {
    let h = seed >>> 0;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h.toString(16).padStart(8, '0');
  };
  return `${half(0x811c9dc5)}${half(0x050c5d1f)}`;
}

/** The first three problems, each with the path in the body where it is ("alerts.0.status: …"). */
function describe(error: z.ZodError): string {
  return error.issues.slice(0, 3).map((issue) => {
    const message = issue.code === 'unrecognized_keys'
      ? `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (a plain alert has source, title, body, severity, labels, status and fingerprint)`
      // A record's bad key: zod keeps the key's own message one level down.
      : issue.code === 'invalid_key' ? `"${String(issue.path.at(-1) ?? '')}": ${issue.issues[0]?.message ?? issue.message}`
        : issue.message;
    return issue.path.length ? `${issue.path.join('.')}: ${message}` : message;
  }).join('; ');
}
