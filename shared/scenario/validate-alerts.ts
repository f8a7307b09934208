import { isLabelName } from '../alerts/alert';
import { anchored } from '../alerts/route';
import { didYouMean, type Finding, type Path } from './problems';
import type { Condition, Scenario } from './schema';

type Add = (path: Path, message: string, severity?: Finding['severity'], at?: 'key') => void;

/**
 * A live game day's parts of a scenario (docs/game-day.md): the `alerts:` rules (unique ids, roles that exist,
 * Prometheus label names, regular expressions that compile, no rule hidden behind a catch-all), `alerted`
 * conditions and `alert-ack` objectives that name a rule, and `fault`s the facilitator can read before confirming.
 */
export function alertFindings(scenario: Scenario, roles: string[], add: Add): { checkAlerted: (leaf: Extract<Condition, { alerted: unknown }>, path: Path) => void } {
  const rules = scenario.alerts ?? [];
  const ruleIds = rules.map((r) => r.id);
  const seen = new Map<string, number>();
  rules.forEach((rule, i) => {
    const path: Path = ['alerts', i];
    const first = seen.get(rule.id);
    if (first !== undefined) add([...path, 'id'], `duplicate alert rule id "${rule.id}"; it is already used by alerts[${first}]`);
    else seen.set(rule.id, i);
    rule.to.forEach((role, k) => {
      if (role !== 'all' && !roles.includes(role)) add([...path, 'to', k], `unknown role "${role}"${didYouMean(role, roles) || `; the roles are ${roles.join(', ')}`}`);
    });
    labels(rule.match, [...path, 'match']);
    labels(rule['match-re'], [...path, 'match-re']);
    for (const [name, source] of Object.entries(rule['match-re'] ?? {})) {
      if (!anchored(source)) add([...path, 'match-re', name], `"${source}" is not a regular expression this server can read; write it as in Alertmanager, like "checkout|payments" or "5..".`);
    }
    const catchAll = !Object.keys(rule.match ?? {}).length && !Object.keys(rule['match-re'] ?? {}).length;
    if (catchAll && i < rules.length - 1) add(path, `alert rule "${rule.id}" has no match and no match-re, so it takes every alert and the rules after it never match; move it to the end`, 'warning');
    if (rule.channel === 'telemetry' && rule.ack) add([...path, 'ack'], 'a dashboard alert (channel telemetry) that must be acknowledged is unusual; use channel pager for a page, or ack: false', 'warning');
  });

  for (const [state, def] of Object.entries(scenario.states)) {
    if (!def.fault) continue;
    const path: Path = ['states', state, 'fault'];
    if (def.final) add(path, 'a final state ends the drill, so its fault would never be proposed; put the fault on the state before it');
    if (!def.fault.title) add(path, 'give the fault a title, like "Add 800 ms latency to checkout-db for 15 minutes": the facilitator confirms what they read', 'warning', 'key');
  }

  scenario.objectives.forEach((objective, i) => {
    const m = objective.measure;
    if (m.kind !== 'alert-ack') return;
    const path: Path = ['objectives', i, 'measure', 'rule'];
    const rule = rules.find((r) => r.id === m.rule);
    if (!rule) add(path, unknownRule(m.rule, ruleIds));
    else if (!rule.ack) add(path, `alert rule "${rule.id}" has ack: false, so the team can never acknowledge its alerts`);
  });

  function labels(map: Record<string, string> | undefined, path: Path): void {
    for (const name of Object.keys(map ?? {})) {
      if (!isLabelName(name)) add([...path, name], `"${name}" is not a Prometheus label name (letters, digits and _, not starting with a digit), like alertname or service`, 'error', 'key');
    }
  }

  return {
    checkAlerted(leaf, path) {
      const { rule, match } = leaf.alerted;
      if (rule !== undefined && !ruleIds.includes(rule)) add([...path, 'alerted', 'rule'], unknownRule(rule, ruleIds));
      labels(match, [...path, 'alerted', 'match']);
      if (rule === undefined && !Object.keys(match ?? {}).length) add([...path, 'alerted'], 'name an alert rule (rule: …) or labels to match (match: { alertname: … }); as written, any alert at all would do', 'warning', 'key');
    },
  };
}

function unknownRule(id: string, ids: string[]): string {
  return `unknown alert rule "${id}"${didYouMean(id, ids) || (ids.length ? `; the alert rules are ${ids.join(', ')}` : '; this scenario has no alerts: section')}`;
}
