import { describe, expect, it } from 'vitest';
import { fingerprintOf, readAlerts } from '../../../shared/alerts/ingest';
import { alertText, routeAlert } from '../../../shared/alerts/route';
import { emptyFacts, holds, type AlertFact } from '../../../shared/scenario/conditions';
import type { AlertRule } from '../../../shared/scenario/schema';

const am = (alerts: unknown[], extra: Record<string, unknown> = {}) => ({ version: '4', status: 'firing', receiver: 'firedrill', alerts, ...extra });

describe('readAlerts', () => {
  it('reads an Alertmanager notification: every alert, its labels, annotations and identity', () => {
    const read = readAlerts(am([
      { status: 'firing', labels: { alertname: 'HighErrorRate', service: 'checkout', severity: 'critical' }, annotations: { summary: 'Errors' }, fingerprint: 'abc', startsAt: '2026-12-01T16:00:00Z', endsAt: '0001-01-01T00:00:00Z' },
      { status: 'resolved', labels: { alertname: 'DiskFull' }, startsAt: '2026-12-01T15:00:00Z', endsAt: '2026-12-01T15:30:00Z' },
    ], { groupKey: 'g', externalURL: 'http://am:9093' }));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.format).toBe('alertmanager');
    expect(read.alerts[0]).toEqual({
      format: 'alertmanager', status: 'firing', fingerprint: 'abc', labels: { alertname: 'HighErrorRate', service: 'checkout', severity: 'critical' },
      annotations: { summary: 'Errors' }, source: 'Alertmanager', severity: 'critical', startsAt: '2026-12-01T16:00:00Z',
      receiver: 'firedrill', groupKey: 'g', externalURL: 'http://am:9093',
    }); // Alertmanager's "never ends" time is left out
    expect(read.alerts[1]).toMatchObject({ status: 'resolved', fingerprint: fingerprintOf({ alertname: 'DiskFull' }), endsAt: '2026-12-01T15:30:00Z', annotations: {} });
  });

  it('gives an alert without a fingerprint one made from its labels, whatever their order', () => {
    expect(fingerprintOf({ a: '1', b: '2' })).toBe(fingerprintOf({ b: '2', a: '1' }));
    expect(fingerprintOf({ a: '1', b: '2' })).not.toBe(fingerprintOf({ a: '1', b: '3' }));
    expect(fingerprintOf({ a: '1' })).toMatch(/^[0-9a-f]{16}$/);
  });

  it('reads a plain alert with defaults, and refuses a typo by name', () => {
    const read = readAlerts({ title: 'Checkout slow', labels: { service: 'checkout' } });
    expect(read).toMatchObject({ ok: true, format: 'json', alerts: [{ status: 'firing', source: 'webhook', title: 'Checkout slow', labels: { service: 'checkout' } }] });
    expect(readAlerts({ title: 'x', severty: 'high' })).toMatchObject({ ok: false, message: expect.stringContaining('unknown key "severty"') });
    expect(readAlerts({ title: '' })).toMatchObject({ ok: false, message: expect.stringContaining('title: must not be empty') });
  });

  it('refuses what is not an alert, with where and what to do', () => {
    expect(readAlerts([])).toMatchObject({ ok: false, message: expect.stringContaining('Send one JSON object') });
    expect(readAlerts(am([]))).toMatchObject({ ok: false, message: expect.stringContaining('there are no alerts') });
    expect(readAlerts(am([], { version: '3' }))).toMatchObject({ ok: false, message: expect.stringContaining('version "4"') });
    const many = Array.from({ length: 101 }, (_, i) => ({ status: 'firing', labels: { alertname: `A${i}` } }));
    expect(readAlerts(am(many))).toMatchObject({ ok: false, message: expect.stringContaining('max_alerts') });
    expect(readAlerts(am([{ status: 'firing', labels: { 'bad-name': 'x' } }]))).toMatchObject({ ok: false, message: expect.stringContaining('alerts.0.labels') });
    expect(readAlerts(am([{ status: 'firing', labels: { a: 'x'.repeat(2000) } }]))).toMatchObject({ ok: false, message: expect.stringContaining('at most 1024') });
  });
});

describe('routeAlert', () => {
  const rules: AlertRule[] = [
    { id: 'errors', match: { alertname: 'HighErrorRate' }, 'match-re': { service: 'check' }, to: ['ops'], channel: 'pager', ack: true },
    { id: 'checkout', 'match-re': { service: 'checkout|payments' }, to: ['ic', 'ops'], channel: 'telemetry', ack: false, from: 'Grafana' },
  ];
  const alert = (labels: Record<string, string>) => ({ labels, source: 'Alertmanager' });

  it('takes the first rule whose labels all match, regular expressions matching the whole value', () => {
    expect(routeAlert({ alerts: rules }, alert({ alertname: 'HighErrorRate', service: 'checkout' }))).toEqual({ rule: 'checkout', to: ['ic', 'ops'], channel: 'telemetry', ack: false, from: 'Grafana' });
    expect(routeAlert({ alerts: rules }, alert({ alertname: 'HighErrorRate', service: 'check' }))).toMatchObject({ rule: 'errors', to: ['ops'], from: 'Alertmanager' });
  });

  it('sends an alert no rule matches to nobody (staff only), and without rules to everyone', () => {
    expect(routeAlert({ alerts: rules }, alert({ service: 'search' }))).toMatchObject({ rule: null, to: [], ack: false });
    expect(routeAlert({ alerts: [] }, alert({ service: 'search' }))).toEqual({ rule: null, to: ['all'], channel: 'pager', ack: true, from: 'Alertmanager' });
  });

  it('words an alert like a pager: severity, summary and name; description, runbook and labels in the body', () => {
    const text = alertText({
      format: 'alertmanager', status: 'firing', fingerprint: 'f', labels: { alertname: 'HighErrorRate', service: 'checkout' }, source: 'Alertmanager', severity: 'critical',
      annotations: { summary: 'Checkout errors above 5%', description: '5xx on /checkout', runbook_url: 'https://rb/x' },
    });
    expect(text.title).toBe('CRITICAL: Checkout errors above 5% (HighErrorRate)');
    expect(text.body.split('\n\n')).toEqual(['5xx on /checkout', 'Runbook: https://rb/x', 'Labels: alertname=HighErrorRate, service=checkout']);
  });
});

describe('the alerted condition', () => {
  const facts = (alerts: AlertFact[]) => ({ ...emptyFacts('SEV2'), alerts });
  const fired = (status: 'firing' | 'resolved', labels: Record<string, string>, rule: string | null = null): AlertFact => ({ rule, labels, status, fired: true });

  it('holds once a matching alert fired; firing and resolved follow where alerts stand now', () => {
    const a = fired('firing', { alertname: 'HighErrorRate', service: 'checkout' }, 'errors');
    const b = fired('resolved', { alertname: 'HighErrorRate', service: 'payments' }, 'errors');
    expect(holds({ alerted: { match: { alertname: 'HighErrorRate' } } }, facts([b]))).toBe(true);
    expect(holds({ alerted: { match: { alertname: 'HighErrorRate', service: 'search' } } }, facts([a, b]))).toBe(false);
    expect(holds({ alerted: { rule: 'errors', status: 'firing' } }, facts([a, b]))).toBe(true);
    // Resolved: such alerts came and none fires now.
    expect(holds({ alerted: { rule: 'errors', status: 'resolved' } }, facts([a, b]))).toBe(false);
    expect(holds({ alerted: { rule: 'errors', status: 'resolved' } }, facts([{ ...a, status: 'resolved' }, b]))).toBe(true);
    // An alert received only as resolved never fired here.
    expect(holds({ alerted: { match: { alertname: 'X' } } }, facts([{ rule: null, labels: { alertname: 'X' }, status: 'resolved', fired: false }]))).toBe(false);
    expect(holds({ alerted: { rule: 'other' } }, facts([a]))).toBe(false);
  });
});
