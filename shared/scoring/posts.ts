/**
 * Every status-page post (and, when asked, every war-room post) scored with the communication rubric; then
 * what the rubric alone cannot know: a status post whose phase tells customers the service works again before
 * the story got there fails its `facts` check, and an evaluator's verdict on a check replaces the automatic
 * one. The score is recomputed from the checks whenever either changes one.
 */
import type { Post } from '../drill/state';
import type { Declaration, PostChannel } from '../scenario/schema';
import { whatHadNotHappened } from './declarations';
import { actorName, since, type DrillHistory } from './history';
import { claimsTooEarly } from './metrics';
import type { Overrides } from './overrides';
import { MISTAKE_POINTS, postScorer, scoreOf, type RubricCheck } from './rubric';
import { styleOf } from './rubric-style';
import { readPost } from './rubric-text';
import type { ScoredCheck, ScoredPost, ScoreOptions } from './types';

/** The level of recovery a status phase claims: `monitoring` says it works again, `resolved` that it is fixed. */
const CLAIMS = { monitoring: 'mitigated', resolved: 'resolved' } as const;

/** Rubric results for the drill's posts, in log order, with premature phases and evaluators' verdicts applied. */
export function scorePosts(history: DrillHistory, overrides: Overrides, options: ScoreOptions = {}): ScoredPost[] {
  const { state, scenario } = history;
  const warRoom = options.scoreWarRoom
    || scenario.objectives.some((o) => o.measure.kind === 'rubric' && o.measure.channel === 'war-room');
  const channels = new Set<PostChannel>(warRoom ? ['status-page', 'war-room'] : ['status-page']);
  const status = state.posts.filter((p) => p.channel === 'status-page');
  // The last update of a finished drill is its final word; a drill still running has none yet.
  const lastSeq = history.ended ? status[status.length - 1]?.seq : undefined;
  // Posts repeat their wording ("Next update in 15 minutes."): the scorer rates each distinct one once. The
  // scenario's own jargon and facts come with it; `options.internalTerms` adds to its terms.
  const scorePost = postScorer({
    internalTerms: [...scenario['internal-terms'], ...(options.internalTerms ?? [])],
    facts: scenario.facts,
  });
  // Pure functions of the wording (and, for a premature phase, of the level it claims), memoised per scorecard:
  // a long log repeats its texts, and reading a post again for each repeat was most of the cost here.
  const stuffedBy = new Map<string, boolean>();
  const isStuffed = (text: string) => {
    let stuffed = stuffedBy.get(text);
    if (stuffed === undefined) stuffedBy.set(text, (stuffed = styleOf(readPost(text)).stuffed));
    return stuffed;
  };
  const storyBy = new Map<Declaration, string>();
  const story = (level: Declaration) => storyBy.get(level) ?? storyBy.set(level, whatHadNotHappened(history, level)).get(level)!;
  // The checks and score of each distinct post: by wording, then by phase, finality and the level a premature
  // phase claimed. Posts alike share those checks, frozen (see {@link frozen}): a long log repeats its wording
  // thousands of times, and a copy per post was most of what scoring a long log allocated.
  const rate = (p: Post, final: boolean, level: Declaration | undefined): Alike => {
    const rubric = scorePost({ text: p.text, ...(p.phase ? { phase: p.phase } : {}), final });
    let checks: ScoredCheck[] = rubric.checks.map((c) => ({ ...c, override: null }));
    let score = rubric.score;
    if (level) {
      checks = checks.map((c) => (c.id === 'facts' ? tooEarly(c, p.phase as string, story(level)) : c));
      score = rescore(checks, isStuffed(p.text));
    }
    return { checks: frozen(checks), score };
  };
  // No closures in the lookup and the per-post function below: a function that makes a closure over its own
  // scope allocates that scope on every call.
  const alikeBy = new Map<string, Map<string, Alike>>();
  const alikeOf = (p: Post, final: boolean, level: Declaration | undefined): Alike => {
    let byVariant = alikeBy.get(p.text);
    if (!byVariant) alikeBy.set(p.text, (byVariant = new Map()));
    const variant = `${p.phase ?? ''}|${final ? 'final' : ''}|${level ?? ''}`;
    let alike = byVariant.get(variant);
    if (!alike) byVariant.set(variant, (alike = rate(p, final, level)));
    return alike;
  };
  return state.posts.filter((p) => channels.has(p.channel)).map((p): ScoredPost => {
    const final = p.channel === 'status-page' && (p.phase === 'resolved' || p.seq === lastSeq);
    const level = p.channel === 'status-page' && (p.phase === 'monitoring' || p.phase === 'resolved') ? CLAIMS[p.phase] : undefined;
    const premature = level !== undefined && claimsTooEarly(history, level, p.seq);
    const alike = alikeOf(p, final, premature ? level : undefined);
    let checks: readonly ScoredCheck[] = alike.checks;
    const automaticScore = alike.score;
    let score = automaticScore;
    const overridden = overrides.any ? withVerdicts(checks, p.seq, overrides) : undefined;
    if (overridden) {
      checks = overridden;
      score = rescore(checks, isStuffed(p.text));
    }
    return {
      seq: p.seq, at: since(history, p.t), channel: p.channel, phase: p.phase ?? null, text: p.text,
      author: actorName(state, p.by), final, score, automaticScore, premature, checks,
    };
  });
}

/** Post `seq`'s checks with the evaluators' verdicts in force applied; `undefined` when no verdict is. */
function withVerdicts(checks: readonly ScoredCheck[], seq: number, overrides: Overrides): ScoredCheck[] | undefined {
  let changed = false;
  const overridden = checks.map((c) => {
    const verdict = overrides.check(seq, c.id);
    if (!verdict) return c;
    changed = true;
    const { passed, ...evaluation } = verdict;
    return { ...c, applicable: true, passed, override: { ...evaluation, automatic: c.passed, passed } };
  });
  return changed ? overridden : undefined;
}

/** What posts alike (same wording, phase, finality and premature level) share: their checks and score. */
interface Alike {
  checks: readonly ScoredCheck[];
  score: number;
}

/**
 * Checks that posts alike share, frozen with their evidence: nothing can change one post's checks through
 * another (a write throws), and an evaluator's verdict gives the post new checks (`withVerdicts`) instead.
 */
function frozen(checks: ScoredCheck[]): readonly ScoredCheck[] {
  for (const c of checks) {
    Object.freeze(c.evidence);
    Object.freeze(c);
  }
  return Object.freeze(checks);
}

/** The `facts` check failed by a phase that claims more than the story had reached. */
function tooEarly(check: ScoredCheck, phase: string, story: string): ScoredCheck {
  const evidence = [...(check.applicable && !check.passed ? check.evidence : []), `phase: ${phase}`];
  const said = phase === 'resolved' ? 'that the incident is resolved' : 'that the service works again';
  const explanation = `Tells customers ${said} ("phase: ${phase}") before it was true: ${story} (−${MISTAKE_POINTS.facts}).`;
  return { ...check, applicable: true, passed: false, weight: MISTAKE_POINTS.facts, evidence, explanation: check.applicable && !check.passed ? `${check.explanation} ${explanation}` : explanation };
}

/**
 * The rubric's score of a post from its (changed) checks: the content cap applies while the post says neither
 * the impact nor what the team is doing, or is stuffed with cue words and no evaluator passed its writing.
 */
export function rescore(checks: readonly RubricCheck[], stuffed: boolean): number {
  const passes = (id: string) => checks.some((c) => c.id === id && c.applicable && c.passed);
  const content = passes('impact') || passes('action');
  const writingPassedByEvaluator = checks.some((c) => c.id === 'plain-writing' && (c as ScoredCheck).override?.passed === true);
  return scoreOf(checks, content && (!stuffed || writingPassedByEvaluator));
}

/** Mean rubric score of a channel's posts, rounded to one decimal; `null` when the channel has none. */
export function meanScore(posts: readonly ScoredPost[], channel: PostChannel): number | null {
  const scores = posts.filter((p) => p.channel === channel).map((p) => p.score);
  if (scores.length === 0) return null;
  return Math.round((10 * scores.reduce((a, b) => a + b, 0)) / scores.length) / 10;
}
