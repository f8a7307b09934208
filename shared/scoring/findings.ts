/**
 * Strengths and areas for improvement, derived from ratings, the rubric and the standard metrics. Worded
 * blamelessly: findings describe what the system and the team did against a target, and never name a
 * participant (contacts appear by their job title where the scenario gives one).
 */
import { formatMinutes } from '../duration';
import { retractionStrengths, whatHadNotHappened } from './declarations';
import type { RubricCheck, RubricCheckId } from './rubric';
import type { ScoringContext } from './objectives';
import type { ActionItemSummary, DimensionScore, Finding, ObjectiveResult, OverallCap, Rated, Rating, ScoredPost } from './types';

/** Noise pages are reported as a finding from this many on: one extra page in a SEV1 is often wise. */
export const NOISE_FINDING_AT = 3;

const SEVERITY: Record<Rating, number> = { U: 0, M: 1, S: 2, P: 3 };

/** How a failed check reads after "k of n status-page updates …". */
const FAILED: Record<RubricCheckId, (q: string) => string> = {
  'phase': () => 'did not name the phase',
  'impact': () => 'did not describe the impact in customer terms',
  'action': () => 'did not say what the team is doing',
  'next-update': () => 'did not say when the next update comes',
  'ownership': () => 'neither apologised nor took ownership',
  'data-loss': () => 'did not say what happened to customer data',
  'facts': (q) => `said something the facts of the incident contradict (${q})`,
  'no-blame': (q) => `pointed at a third party (${q})`,
  'no-person-blame': (q) => `blamed a person rather than the system (${q})`,
  'no-over-promise': (q) => `promised what nobody could know yet (${q})`,
  'no-false-reassurance': (q) => `reassured without grounds (${q})`,
  'no-jargon': (q) => `used internal names or jargon (${q})`,
  'plain-writing': (q) => `read as fragments or repetition (${q})`,
};

interface RatedItem extends Rated { id: string; title: string; dimension: DimensionScore['id']; objective: string | null; weight: number }

/** Strengths and areas for improvement, critical failures first, then the most important improvement. */
export function findingsOf(ctx: ScoringContext, objectives: ObjectiveResult[], dimensions: DimensionScore[], actionItems: ActionItemSummary[], cap: OverallCap | null): { strengths: Finding[]; improvements: Finding[] } {
  const rated: RatedItem[] = [
    ...objectives.map((o) => ({ ...o, objective: o.id })),
    ...dimensions.flatMap((d) => d.defaults.map((m) => ({ ...m, dimension: d.id, objective: null, weight: 1 }))),
  ].filter((r) => r.rating !== 'N/A');
  const finding = (r: RatedItem): Finding => ({
    id: r.objective ? `objective:${r.objective}` : `default:${r.dimension}:${r.id}`,
    text: r.summary, dimension: r.dimension, objective: r.objective, rating: r.rating as Rating, evidence: r.evidence,
  });
  const strengths = rated.filter((r) => r.rating === 'P').map(finding);
  const improvements = [...(cap?.reasons ?? []), ...rated.filter((r) => r.rating !== 'P')
    .sort((a, b) => SEVERITY[a.rating as Rating] - SEVERITY[b.rating as Rating] || b.weight - a.weight)
    .map(finding)];
  strengths.push(...retractionStrengths(ctx.history));

  const rubric = rubricFindings(ctx);
  strengths.push(...rubric.strengths);
  improvements.push(...rubric.improvements);
  const roles = roleFindings(ctx);
  strengths.push(...roles.strengths);
  improvements.push(...roles.improvements);
  improvements.push(...otherImprovements(ctx, objectives));
  const plan = planFindings(actionItems);
  strengths.push(...plan.strengths);
  improvements.push(...plan.improvements);
  return { strengths: uniqueIds(strengths), improvements: uniqueIds(improvements) };
}

/** A second finding with the same id (a role that stood empty twice) gets `#2`, and so on: ids stay unique. */
function uniqueIds(findings: Finding[]): Finding[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const n = (seen.get(f.id) ?? 0) + 1;
    seen.set(f.id, n);
    return n === 1 ? f : { ...f, id: `${f.id}#${n}` };
  });
}

const note = (id: string, text: string, dimension: Finding['dimension'], evidence: number[] = []): Finding => ({ id, text, dimension, objective: null, rating: null, evidence });
const quote = (words: string[]) => words.map((w) => `"${w}"`).join(', ');
const times = (ats: number[]) => ats.map(formatMinutes).join(', ');
/** "The status-page update", "Both status-page updates", "All 4 status-page updates". */
const every = (n: number, noun: string) => (n === 1 ? `The ${noun}` : n === 2 ? `Both ${noun}s` : `All ${n} ${noun}s`);

/** A premature phase is reported on its own (see `prematureFinding`), not as a contradicted fact. */
const PHASE_EVIDENCE = /^phase: /;

function rubricFindings(ctx: ScoringContext): { strengths: Finding[]; improvements: Finding[] } {
  const status = ctx.posts.filter((p) => p.channel === 'status-page');
  const improvements: Finding[] = [];
  const early = prematureFinding(ctx, status);
  if (early) improvements.push(early);
  const passedEverywhere: string[] = [];
  const ids = status[0]?.checks.map((c) => c.id) ?? [];
  // No lists per check and post: a long log has thousands of status posts, each with a dozen checks.
  for (const [at, id] of ids.entries()) {
    let applicable = 0;
    let allPassed = true;
    let first: RubricCheck | undefined;
    const failed: ScoredPost[] = [];
    const words = new Set<string>();
    for (let i = 0; i < status.length; i++) { // indexed: see readHistory
      const post = status[i];
      const check = checkOf(post, id, at);
      if (!check.applicable) continue;
      applicable++;
      first ??= check;
      if (check.passed) continue;
      allPassed = false;
      if (id === 'facts' && post.premature && check.evidence.every((e) => PHASE_EVIDENCE.test(e))) continue;
      failed.push(post);
      for (let j = 0; j < check.evidence.length; j++) if (!PHASE_EVIDENCE.test(check.evidence[j])) words.add(check.evidence[j]);
    }
    if (applicable === 0) continue;
    if (failed.length === 0) {
      if (allPassed && first) passedEverywhere.push(first.title.toLowerCase());
      continue;
    }
    const what = FAILED[id](quote([...words]));
    const when = times(failed.map((p) => p.at));
    const text = applicable === 1
      ? `The ${id === 'data-loss' ? 'final ' : ''}status-page update (at ${when}) ${what}.`
      : `${failed.length} of ${applicable} status-page updates (at ${when}) ${what}.`;
    improvements.push(note(`rubric:${id}`, text, 'quality', failed.map((p) => p.seq)));
  }
  const strengths = passedEverywhere.length && status.length
    ? [note('rubric:passed', `${every(status.length, 'status-page update')} passed these rubric checks: ${passedEverywhere.join('; ')}.`, 'quality', status.map((p) => p.seq))]
    : [];
  return { strengths, improvements };
}

/** A post's check `id`, looked for first at index `at` (the rubric lists its checks in one order). */
function checkOf(post: ScoredPost, id: RubricCheckId, at: number): RubricCheck {
  const { checks } = post;
  if (checks[at]?.id === id) return checks[at];
  for (let i = 0; i < checks.length; i++) if (checks[i].id === id) return checks[i];
  throw new Error(`Post ${post.seq} has no rubric check "${id}".`);
}

/** Status posts whose phase told customers the service worked again (or was fixed) before the story got there. */
function prematureFinding({ history }: ScoringContext, status: ScoredPost[]): Finding | undefined {
  const early = status.filter((p) => p.premature);
  if (early.length === 0) return undefined;
  const list = early.map((p) => `"${p.phase}" at ${formatMinutes(p.at)}`).join(', ');
  const level = early.some((p) => p.phase === 'monitoring') ? 'mitigated' : 'resolved';
  const said = level === 'mitigated' ? 'the service worked again' : 'the incident was resolved';
  return note('rubric:premature-phase', `The status page told customers ${said} too early (${list}): ${whatHadNotHappened(history, level)}.`, 'quality', early.map((p) => p.seq));
}

function roleFindings({ metrics }: ScoringContext): { strengths: Finding[]; improvements: Finding[] } {
  const strengths: Finding[] = [];
  const improvements: Finding[] = [];
  for (const change of metrics.roleChanges.filter((c) => c.handover)) {
    const gap = metrics.vacancies.find((v) => v.role === change.role && v.to === change.at);
    if (!gap) strengths.push(note(`roles:handover:${change.role}`, `The ${change.roleName} role was handed over at ${formatMinutes(change.at)} without standing empty.`, 'roles', [change.seq]));
  }
  for (const v of metrics.vacancies) {
    improvements.push(note(`roles:vacancy:${v.role}`, `The ${v.roleName} role stood empty for ${formatMinutes(v.ms)} (from ${formatMinutes(v.from)} to ${formatMinutes(v.to)}).`, 'roles', [v.seq]));
  }
  return { strengths, improvements };
}

function otherImprovements({ history, metrics }: ScoringContext, objectives: ObjectiveResult[]): Finding[] {
  const out: Finding[] = [];
  // When objectives rate acknowledgement, injects they do not name still deserve a word; the defaults rate every one.
  if (objectives.some((o) => o.dimension === 'acknowledgement' && o.points !== null)) {
    const named = new Set(history.scenario.objectives.flatMap((o) => (o.measure.kind === 'ack' ? [o.measure.inject] : [])));
    for (const ack of metrics.acks.filter((a) => !a.acked && !named.has(a.injectId))) {
      out.push(note(`ack:${ack.injectId}`, `The inject "${ack.title}" (at ${formatMinutes(ack.delivered.at)}) was never acknowledged.`, 'acknowledgement', [ack.delivered.seq]));
    }
  }
  if (metrics.noisePages.length >= NOISE_FINDING_AT) {
    const paged = metrics.contacts.filter((c) => !c.needed && c.pages > 0)
      .map((c) => history.scenario.contacts.find((x) => x.id === c.contact)?.title ?? c.name);
    out.push(note('escalation:noise-pages', `${metrics.noisePages.length} pages went to contacts this scenario did not need (${paged.join(', ')}); each page should carry a clear ask.`, 'escalation', metrics.noisePages.map((p) => p.seq)));
  }
  const warRoomRated = history.scenario.objectives.some((o) => o.measure.kind === 'first-post' && o.measure.channel === 'war-room');
  if (history.start && !warRoomRated && metrics.warRoomGap.posts === 0) {
    out.push(note('cadence:no-war-room', 'The war room had no posts, so the team had no shared written record of the response.', 'cadence'));
  }
  return out;
}

function planFindings(items: ActionItemSummary[]): { strengths: Finding[]; improvements: Finding[] } {
  if (items.length === 0) return { strengths: [], improvements: [note('plan:none', 'No action items were recorded, so the improvement plan is empty.', null)] };
  const undated = items.filter((i) => !i.due);
  if (undated.length === 0) {
    return { strengths: [note('plan:dated', `${every(items.length, 'action item')} ${items.length === 1 ? 'has' : 'have'} an owner and a due date.`, null, items.map((i) => i.seq))], improvements: [] };
  }
  return { strengths: [], improvements: [note('plan:undated', `${undated.length} of ${items.length} action items ${undated.length === 1 ? 'has' : 'have'} no due date.`, null, undated.map((i) => i.seq))] };
}
