/**
 * The four times a lead asks about first — how long until someone took command, until customers heard from us,
 * until the people who can fix it were paged, until it worked again — each against its target.
 *
 * Each comes from the rated item that measures it in this run, so the summary agrees with the objectives table:
 * the scenario's objective when it names one (the one with the tightest target, if several), else the standard
 * measure that stood in for it. Where neither rates it (a scenario whose roles dimension is rated on "every
 * required role", say), the standard metric is rated here against the documented default target.
 */
import { DEFAULT_TARGETS } from '../scoring/dimensions';
import { rateTime } from '../scoring/ratings';
import type { Measure } from '../scenario/schema';
import type { Moment, Rated, RatingOrNA, Scorecard } from '../scoring/types';

export type KeyTimeId = 'incident-commander' | 'first-update' | 'escalation' | 'mitigation';

export interface KeyTime {
  id: KeyTimeId;
  /** "Incident commander", "First status update", "Escalation", "Mitigated". */
  label: string;
  /** What exactly was measured: "PartnerDB support paged". */
  detail: string;
  /** Drill ms from the start; `null` when it never happened. */
  value: number | null;
  target: number;
  rating: RatingOrNA;
  evidence: number[];
  /** The objective or standard measure it comes from; `null` when rated here on the default target. */
  source: string | null;
}

const LABELS: Record<KeyTimeId, string> = {
  'incident-commander': 'Incident commander',
  'first-update': 'First status update',
  'escalation': 'Escalation',
  'mitigation': 'Mitigated',
};

/** The incident commander role of the drill: `ic`, else a role called "Incident Commander" (as scoring reads it). */
function icRole(card: Scorecard): string | undefined {
  return (card.metrics.roles.find((r) => r.role === 'ic') ?? card.metrics.roles.find((r) => /incident commander/i.test(r.roleName)))?.role;
}

interface Match { id: string; rated: Rated }

/** The applicable objective (tightest target first) matching `test`, else the standard measure with one of `defaults`. */
function find(card: Scorecard, test: (m: Measure) => boolean, defaults: (id: string) => boolean): Match | undefined {
  const objectives = card.objectives.filter((o) => o.measure && test(o.measure) && o.rating !== 'N/A').sort((a, b) => a.target - b.target);
  if (objectives[0]) return { id: objectives[0].id, rated: objectives[0] };
  const measures = card.dimensions.flatMap((d) => d.defaults).filter((m) => defaults(m.id) && m.rating !== 'N/A').sort((a, b) => a.target - b.target);
  return measures[0] ? { id: measures[0].id, rated: measures[0] } : undefined;
}

function keyTime(id: KeyTimeId, detail: string, match: Match | undefined, fallback: { moment: Moment | null; target: number }): KeyTime {
  if (match) {
    return { id, label: LABELS[id], detail, value: match.rated.value, target: match.rated.target, rating: match.rated.rating, evidence: match.rated.evidence, source: match.id };
  }
  const value = fallback.moment?.at ?? null;
  return { id, label: LABELS[id], detail, value, target: fallback.target, rating: rateTime(value, fallback.target), evidence: fallback.moment ? [fallback.moment.seq] : [], source: null };
}

/** Time to an incident commander, first status update, escalation and mitigation, each against its target. */
export function keyTimes(card: Scorecard): KeyTime[] {
  const m = card.metrics;
  const ic = icRole(card);
  const icName = m.roles.find((r) => r.role === ic)?.roleName ?? 'Incident Commander';
  const out: KeyTime[] = [];
  if (ic) {
    out.push(keyTime('incident-commander', `${icName} took charge`, find(card, (x) => x.kind === 'role-filled' && x.role === ic, (d) => d === 'incident-commander'),
      { moment: m.incidentCommander, target: DEFAULT_TARGETS.incidentCommander }));
  }
  out.push(keyTime('first-update', 'First status-page update', find(card, (x) => x.kind === 'first-post' && x.channel === 'status-page', (d) => d === 'first-status-post'),
    { moment: m.firstStatusPost, target: DEFAULT_TARGETS.firstStatusPost }));
  const needed = m.contacts.filter((c) => c.needed);
  if (needed.length) {
    const match = find(card, (x) => x.kind === 'escalated' && needed.some((c) => c.contact === x.contact), (d) => needed.some((c) => d === `page-${c.contact}`));
    const contact = match ? needed.find((c) => match.id === `page-${c.contact}` || card.objectives.some((o) => o.id === match.id && o.measure?.kind === 'escalated' && o.measure.contact === c.contact)) : undefined;
    const first = [...needed].filter((c) => c.firstPaged).sort((a, b) => (a.firstPaged as Moment).at - (b.firstPaged as Moment).at)[0];
    out.push(keyTime('escalation', `${(contact ?? first ?? needed[0]).name} paged`, match, { moment: first?.firstPaged ?? null, target: DEFAULT_TARGETS.escalation }));
  }
  const mitigation = find(card, (x) => x.kind === 'declared' && x.status === 'mitigated', (d) => d === 'mitigated');
  out.push(keyTime('mitigation', 'Declared mitigated', mitigation,
    { moment: m.mitigated, target: Math.round(card.scenario.durationMs * DEFAULT_TARGETS.mitigatedShare) }));
  return out;
}
