import type { AlertStatus, Condition, Declaration, PostChannel, Severity } from './schema';

/**
 * What the team has done since the drill began, as the scenario's conditions read it. Plain arrays and
 * records (not Sets or Maps) so that facts travel inside XState context and JSON unchanged.
 *
 * Most facts only grow. Some can also go away again: a declaration the team retracts (`declared`,
 * `premature`), a decision the team changes (`decided` then names the new option), and a real alert that
 * resolves (`alerted` with a `status`).
 */
export interface Facts {
  escalated: string[];
  replied: string[];
  posted: PostChannel[];
  rolesFilled: string[];
  /** Roles that passed from one participant to another after the drill started (a handover). */
  handedOver: string[];
  acked: string[];
  /** Declarations that stand (declared and not retracted). Resolved does not imply mitigated here. */
  declared: Declaration[];
  /** Standing declarations made before the story reached a `fixed` state of their level. */
  premature: Declaration[];
  /** decision inject id → the option that is the team's current choice. */
  decided: Record<string, string>;
  severity: Severity;
  /** Real alerts received (one per alert fingerprint): the rule that routed it, its labels and where it stands. */
  alerts: AlertFact[];
}

/** One real alert as conditions read it. `fired`: it was received firing at least once. */
export interface AlertFact { rule: string | null; labels: Record<string, string>; status: AlertStatus; fired: boolean }

export function emptyFacts(severity: Severity): Facts {
  return { escalated: [], replied: [], posted: [], rolesFilled: [], handedOver: [], acked: [], declared: [], premature: [], decided: {}, severity, alerts: [] };
}

/** Evaluates a scenario condition against the team's facts. */
export function holds(condition: Condition, facts: Facts): boolean {
  if ('escalated' in condition) return facts.escalated.includes(condition.escalated);
  if ('replied' in condition) return facts.replied.includes(condition.replied);
  if ('posted' in condition) return facts.posted.includes(condition.posted);
  if ('role-filled' in condition) return facts.rolesFilled.includes(condition['role-filled']);
  if ('handed-over' in condition) return facts.handedOver.includes(condition['handed-over']);
  if ('acked' in condition) return facts.acked.includes(condition.acked);
  if ('declared' in condition) return facts.declared.includes(condition.declared);
  if ('premature' in condition) return facts.premature.includes(condition.premature);
  if ('decided' in condition) {
    const choice = Object.hasOwn(facts.decided, condition.decided.inject) ? facts.decided[condition.decided.inject] : undefined;
    return choice !== undefined && (condition.decided.option === undefined || choice === condition.decided.option);
  }
  if ('severity' in condition) return facts.severity === condition.severity;
  if ('alerted' in condition) return alerted(condition.alerted, facts.alerts ?? []);
  if ('all' in condition) return condition.all.every((c) => holds(c, facts));
  if ('any' in condition) return condition.any.some((c) => holds(c, facts));
  return !holds(condition.not, facts);
}

/**
 * `alerted`: without a status, a matching alert has fired; `firing`, one fires now; `resolved`, a matching alert
 * fired and none fires now. An alert matches when the rule (if named) routed it and it has every label of `match`.
 */
function alerted(condition: Extract<Condition, { alerted: unknown }>['alerted'], alerts: AlertFact[]): boolean {
  const matching = alerts.filter((a) =>
    (condition.rule === undefined || a.rule === condition.rule)
    && Object.entries(condition.match ?? {}).every(([label, value]) => Object.hasOwn(a.labels, label) && a.labels[label] === value));
  if (condition.status === 'firing') return matching.some((a) => a.status === 'firing');
  if (condition.status === 'resolved') return matching.some((a) => a.fired) && matching.every((a) => a.status === 'resolved');
  return matching.some((a) => a.fired);
}

/** A condition that is not a combination (`all`, `any`, `not`). */
export type LeafCondition = Exclude<Condition, { all: unknown } | { any: unknown } | { not: unknown }>;

/** Every leaf of a condition, for reference checks and for bots that look for what a transition needs. */
export function leaves(condition: Condition): LeafCondition[] {
  if ('all' in condition) return condition.all.flatMap(leaves);
  if ('any' in condition) return condition.any.flatMap(leaves);
  if ('not' in condition) return leaves(condition.not);
  return [condition];
}

/** A short human description of a condition: "vendor-support paged and status page posted". */
export function describeCondition(condition: Condition): string {
  if ('escalated' in condition) return `${condition.escalated} paged`;
  if ('replied' in condition) return `${condition.replied} replied`;
  if ('posted' in condition) return `${condition.posted} posted`;
  if ('role-filled' in condition) return `${condition['role-filled']} role filled`;
  if ('handed-over' in condition) return `${condition['handed-over']} role handed over`;
  if ('acked' in condition) return `${condition.acked} acknowledged`;
  if ('declared' in condition) return `${condition.declared} declared`;
  if ('premature' in condition) return `${condition.premature} declared prematurely`;
  if ('decided' in condition) {
    const { inject, option } = condition.decided;
    return option === undefined ? `${inject} decided` : `${inject} decided: ${option}`;
  }
  if ('severity' in condition) return `severity is ${condition.severity}`;
  if ('alerted' in condition) {
    const { rule, match, status } = condition.alerted;
    const what = [rule, ...Object.entries(match ?? {}).map(([k, v]) => `${k}=${v}`)].filter(Boolean).join(' ');
    return status === 'firing' ? `alert ${what} firing` : status === 'resolved' ? `alert ${what} resolved` : `alert ${what} fired`;
  }
  if ('all' in condition) return condition.all.map(describeCondition).join(' and ');
  if ('any' in condition) return `(${condition.any.map(describeCondition).join(' or ')})`;
  return `not ${describeCondition(condition.not)}`;
}
