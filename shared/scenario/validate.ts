import { parseDuration } from '../duration';
import type { Gaps } from './draft';
import { alertFindings } from './validate-alerts';
import { evidenceFindings } from './validate-evidence';
import { graphFindings } from './validate-graph';
import type { LeafCondition } from './conditions';
import { didYouMean, formatPath, type Finding, type Path } from './problems';
import type { Condition, Decision, Scenario } from './schema';

/** How `validateScenario` writes a reference to another place in the file ("line 12"). */
export interface ValidateOptions {
  where?: (path: Path) => string;
  /** What a draft of a file with schema errors could not read: references into those parts are not judged. */
  gaps?: Gaps;
}

type Leaf = LeafCondition;

/**
 * Checks that need the whole scenario: references between ids, duplicate ids, timing against the drill's
 * duration, objective targets and the shape of the state graph. Errors make the file unusable; warnings point at
 * something that is probably a mistake but still plays. Runs on a valid scenario, or on the draft of a file
 * with schema errors together with its `gaps`.
 */
export function validateScenario(scenario: Scenario, options: ValidateOptions = {}): Finding[] {
  const where = options.where ?? ((path: Path) => formatPath(path));
  const gaps = options.gaps;
  const findings: Finding[] = [];
  const add = (path: Path, message: string, severity: Finding['severity'] = 'error', at?: 'key') =>
    findings.push({ path, message, severity, ...(at ? { at } : {}) });

  const unique = (kind: string, items: { id: string; path: Path }[]) => {
    const first = new Map<string, Path>();
    for (const { id, path } of items) {
      const earlier = first.get(id);
      if (earlier) add(path, `duplicate ${kind} id "${id}"; it is already used at ${where(earlier)}`);
      else first.set(id, path);
    }
  };
  const listed = (base: string, list: { id: string }[]) => list.map((item, i) => ({ id: item.id, path: [base, i, 'id'] }));
  unique('role', listed('roles', scenario.roles));
  unique('contact', listed('contacts', scenario.contacts));
  unique('telemetry series', listed('telemetry', scenario.telemetry));
  unique('objective', listed('objectives', scenario.objectives));

  const injects: { id: string; path: Path; ack: boolean; decision?: Decision }[] = [];
  for (const [state, def] of Object.entries(scenario.states)) {
    def.injects.forEach((inject, i) => {
      if (inject.id) injects.push({ id: inject.id, path: ['states', state, 'injects', i, 'id'], ack: inject.ack, decision: inject.decision });
    });
  }
  unique('inject', injects);
  const decisionIds = injects.filter((i) => i.decision).map((i) => i.id);

  // Ids of entries a draft could not read still exist: they are neither unknown nor forgotten in suggestions.
  const ids = (list: { id: string }[], broken: string[] = []) => [...new Set([...list.map((item) => item.id), ...broken])];
  const refs = {
    role: ids(scenario.roles, gaps?.ids.role),
    contact: ids(scenario.contacts, gaps?.ids.contact),
    'telemetry series': ids(scenario.telemetry, gaps?.ids['telemetry series']),
    inject: ids(injects, gaps?.ids.inject),
  };
  const plural: Record<keyof typeof refs, string> = { role: 'roles', contact: 'contacts', 'telemetry series': 'telemetry series', inject: 'injects with an id' };
  const states = Object.keys(scenario.states);

  /** Reports `id` when it names nothing of its kind; true when it resolves. */
  const known = (kind: keyof typeof refs, id: string, path: Path, at?: 'key'): boolean => {
    if (refs[kind].includes(id) || gaps?.unsure.includes(kind)) return true;
    add(path, `unknown ${kind} "${id}"${didYouMean(id, refs[kind]) || alternatives(plural[kind], refs[kind])}`, 'error', at);
    return false;
  };
  const knownState = (id: string, path: Path) => {
    if (gaps?.unsure.includes('state')) return;
    if (!states.includes(id)) add(path, `state "${id}" is not defined${didYouMean(id, states) || alternatives('states', states)}`);
  };
  const ackable = (id: string, path: Path) => {
    if (!known('inject', id, path)) return;
    // An inject known only from a broken entry has an unknown `ack`.
    if (injects.find((i) => i.id === id)?.ack === false) add(path, `inject "${id}" is not marked "ack: true", so the team can never acknowledge it`);
  };
  /** The decision of inject `id`, reporting at `path` when it is unknown or asks for no decision. */
  const decisionOf = (id: string, path: Path): Decision | undefined => {
    const inject = injects.find((i) => i.id === id);
    if (!inject) {
      add(path, `unknown inject "${id}"${didYouMean(id, decisionIds) || didYouMean(id, refs.inject) || alternatives('decision injects', decisionIds)}`);
      return undefined;
    }
    if (!inject.decision) add(path, `inject "${id}" has no decision, so the team can never decide it; add decision: { options: [...] } to it${didYouMean(id, decisionIds)}`);
    return inject.decision;
  };
  const alerts = alertFindings(scenario, refs.role, add);
  const checkLeaf = (leaf: Leaf, path: Path) => {
    if ('escalated' in leaf) known('contact', leaf.escalated, [...path, 'escalated']);
    else if ('replied' in leaf) known('contact', leaf.replied, [...path, 'replied']);
    else if ('role-filled' in leaf) known('role', leaf['role-filled'], [...path, 'role-filled']);
    else if ('handed-over' in leaf) known('role', leaf['handed-over'], [...path, 'handed-over']);
    else if ('acked' in leaf) ackable(leaf.acked, [...path, 'acked']);
    else if ('alerted' in leaf) alerts.checkAlerted(leaf, path);
    else if ('decided' in leaf) {
      const decision = decisionOf(leaf.decided.inject, [...path, 'decided', 'inject']);
      const option = leaf.decided.option;
      if (decision && option !== undefined && !decision.options.some((o) => o.id === option)) {
        const options = decision.options.map((o) => o.id);
        add([...path, 'decided', 'option'], `decision "${leaf.decided.inject}" has no option "${option}"${didYouMean(option, options) || alternatives('options', options)}`);
      }
    }
  };

  knownState(scenario.initial, ['initial']);
  const durationMs = parseDuration(scenario.duration) ?? 0;
  if (durationMs === 0) add(['duration'], 'duration must be longer than 0s');

  for (const [state, def] of Object.entries(scenario.states)) {
    const base: Path = ['states', state];
    def.injects.forEach((inject, i) => {
      const path = [...base, 'injects', i];
      inject.to.forEach((role, k) => role === 'all' || known('role', role, [...path, 'to', k]));
      for (const series of Object.keys(inject.telemetry ?? {})) known('telemetry series', series, [...path, 'telemetry', series], 'key');
      if ((parseDuration(inject.at) ?? 0) >= durationMs && durationMs > 0) {
        add([...path, 'at'], `inject at ${inject.at} is at or after the end of the drill (duration ${scenario.duration}), so it is never sent`);
      }
      if (!inject.title && !inject.telemetry) add(path, 'this inject has no title and no telemetry, so the team would see an empty message', 'warning');
      if (inject.decision) checkDecision(inject.decision, inject.id, inject.title, [...path, 'decision']);
    });
    def.on.forEach((t, i) => {
      forEachLeaf(t.when, [...base, 'on', i, 'when'], checkLeaf);
      knownState(t.goto, [...base, 'on', i, 'goto']);
    });
    def.after.forEach((t, i) => {
      if (t.unless) forEachLeaf(t.unless, [...base, 'after', i, 'unless'], checkLeaf);
      knownState(t.goto, [...base, 'after', i, 'goto']);
      if ((parseDuration(t.in) ?? 0) >= durationMs && durationMs > 0) {
        add([...base, 'after', i, 'in'], `transition after ${t.in} is at or after the end of the drill (duration ${scenario.duration}), so it never fires`);
      }
    });
  }

  scenario.objectives.forEach((objective, i) => {
    const path: Path = ['objectives', i];
    const m = objective.measure;
    if (m.kind === 'ack') ackable(m.inject, [...path, 'measure', 'inject']);
    if (m.kind === 'role-filled') known('role', m.role, [...path, 'measure', 'role']);
    if (m.kind === 'escalated') known('contact', m.contact, [...path, 'measure', 'contact']);
    if (m.kind === 'reached') knownState(m.state, [...path, 'measure', 'state']);
    if (m.kind === 'decision') decisionOf(m.inject, [...path, 'measure', 'inject']);
    const target = objective.target;
    if (m.kind === 'rubric') {
      if (typeof target === 'string') add([...path, 'target'], 'the target of a rubric objective is a score from 0 to 100, like 70, not a duration');
      else if (target < 0 || target > 100) add([...path, 'target'], `the target of a rubric objective is a score from 0 to 100; ${target} is out of range`);
    } else if (typeof target === 'number') {
      const from = m.kind === 'decision' ? 'from when the inject arrived, like "5m"' : 'from the start of the drill, like "10m"';
      add([...path, 'target'], `the target of ${/^[aeiou]/.test(m.kind) ? 'an' : 'a'} "${m.kind}" objective is a duration ${from}; only rubric targets are scores`);
    }
  });

  // Terms are matched case-insensitively, so "Orders-DB" after "orders-db" only repeats it.
  const terms = new Map<string, number>();
  (scenario['internal-terms'] ?? []).forEach((term, i) => {
    const key = term.toLowerCase();
    const earlier = terms.get(key);
    if (earlier === undefined) terms.set(key, i);
    else add(['internal-terms', i], `internal term "${term}" is already listed at ${where(['internal-terms', earlier])}`, 'warning');
  });

  checkPowers();
  findings.push(...graphFindings(scenario, gaps), ...evidenceFindings(scenario));
  return findings;

  function checkDecision(decision: Decision, id: string | undefined, title: string | undefined, path: Path): void {
    if (id === undefined) {
      const slug = (title ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').split('-').slice(0, 4).join('-');
      add(path, `an inject with a decision needs an id, so that decided conditions and objectives can name it${slug ? `: add id: ${slug}` : ''}`, 'error', 'key');
    }
    const seen = new Map<string, number>();
    decision.options.forEach((option, k) => {
      const first = seen.get(option.id);
      if (first !== undefined) add([...path, 'options', k, 'id'], `duplicate option id "${option.id}" in this decision; it is already used by options[${first}]`);
      else seen.set(option.id, k);
    });
  }

  function checkPowers(): void {
    const roles = refs.role;
    if (scenario.powers) {
      for (const key of ['declare', 'severity'] as const) {
        scenario.powers[key].forEach((role, k) => known('role', role, ['powers', key, k]));
      }
    } else if (!roles.includes('ic')) {
      add(['roles'], 'this scenario has no role "ic", so by default only the facilitator may declare the incident mitigated or resolved and change its severity; name the roles that may in powers: { declare: [...], severity: [...] }', 'warning', 'key');
    }
  }
}

/** `; the roles are ic, comms` (or a hint when there are none, or too many to list). */
function alternatives(plural: string, ids: string[]): string {
  if (ids.length === 0) return `; this scenario has no ${plural}`;
  if (ids.length > 12) return '';
  return `; the ${plural} are ${ids.join(', ')}`;
}

function forEachLeaf(condition: Condition, path: Path, visit: (leaf: Leaf, path: Path) => void): void {
  if ('all' in condition) condition.all.forEach((c, i) => forEachLeaf(c, [...path, 'all', i], visit));
  else if ('any' in condition) condition.any.forEach((c, i) => forEachLeaf(c, [...path, 'any', i], visit));
  else if ('not' in condition) forEachLeaf(condition.not, [...path, 'not'], visit);
  else visit(condition, path);
}
