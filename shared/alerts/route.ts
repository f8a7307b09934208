import { LIMITS } from '../drill/commands';
import type { AlertRule, InjectChannel, Scenario } from '../scenario/schema';
import { alertName, type ReceivedAlert } from './alert';

/** Where one alert goes: the rule that matched (null: none), who sees it, on which channel, and whether it needs an ack. */
export interface AlertRoute { rule: string | null; to: string[]; channel: InjectChannel; ack: boolean; from: string }

/**
 * Routes an alert by the scenario's `alerts:` rules: the first rule whose `match` labels are all equal and whose
 * `match-re` expressions all match the whole label value. An alert no rule matches is addressed to nobody (the
 * facilitator alone sees it; it is kept in the log). A scenario without rules sends every alert to everyone, on
 * the pager, to be acknowledged: a tabletop can take a real page without writing rules.
 */
export function routeAlert(scenario: Pick<Scenario, 'alerts'>, alert: Pick<ReceivedAlert, 'labels' | 'source'>): AlertRoute {
  const rules = scenario.alerts ?? [];
  if (rules.length === 0) return { rule: null, to: ['all'], channel: 'pager', ack: true, from: alert.source };
  const rule = rules.find((r) => matches(r, alert.labels));
  if (!rule) return { rule: null, to: [], channel: 'pager', ack: false, from: alert.source };
  return { rule: rule.id, to: rule.to, channel: rule.channel, ack: rule.ack, from: rule.from ?? alert.source };
}

/** Whether an alert's labels satisfy a rule. */
export function matches(rule: Pick<AlertRule, 'match' | 'match-re'>, labels: Record<string, string>): boolean {
  const has = (name: string) => Object.hasOwn(labels, name);
  for (const [name, value] of Object.entries(rule.match ?? {})) if (!has(name) || labels[name] !== value) return false;
  for (const [name, source] of Object.entries(rule['match-re'] ?? {})) {
    const re = anchored(source);
    if (!re || !re.test(has(name) ? labels[name] : '')) return false;
  }
  return true;
}

const compiled = new Map<string, RegExp | null>();

/** `^(?:source)$`, compiled once; null when it is not a regular expression (the validator reports those). */
export function anchored(source: string): RegExp | null {
  let re = compiled.get(source);
  if (re === undefined) {
    try {
      re = new RegExp(`^(?:${source})$`, 'u');
    } catch {
      re = null;
    }
    if (compiled.size < 1000) compiled.set(source, re);
  }
  return re;
}

/**
 * What the team reads: a pager-style title ("CRITICAL: Checkout error rate above 5% (HighErrorRate)") and a body
 * with the description, the runbook and the labels. Made from the alert as logged, so a replay writes the same.
 */
export function alertText(alert: ReceivedAlert): { title: string; body: string } {
  const name = alertName(alert);
  const summary = alert.title ?? alert.annotations.summary ?? alert.annotations.title;
  const severity = alert.severity ? `${alert.severity.toUpperCase()}: ` : '';
  const headline = summary ? (summary.includes(name) || name === summary ? summary : `${summary} (${name})`) : name;
  const lines = [
    alert.body ?? alert.annotations.description ?? alert.annotations.message,
    alert.annotations.runbook_url ? `Runbook: ${alert.annotations.runbook_url}` : undefined,
    alert.startsAt ? `Firing since ${alert.startsAt}` : undefined,
    Object.keys(alert.labels).length ? `Labels: ${Object.entries(alert.labels).map(([k, v]) => `${k}=${v}`).join(', ')}` : undefined,
  ].filter((line): line is string => !!line?.trim());
  return { title: clip(`${severity}${headline}`, LIMITS.injectTitle), body: clip(lines.join('\n\n'), LIMITS.injectBody) };
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
