/**
 * Every status-page post (and, when asked, every war-room post) scored with the communication rubric.
 */
import type { PostChannel } from '../scenario/schema';
import { actorName, since, type DrillHistory } from './history';
import { postScorer } from './rubric';
import type { ScoredPost, ScoreOptions } from './types';

/** Rubric results for the drill's posts, in log order. */
export function scorePosts(history: DrillHistory, options: ScoreOptions = {}): ScoredPost[] {
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
  return state.posts.filter((p) => channels.has(p.channel)).map((p) => {
    const final = p.channel === 'status-page' && (p.phase === 'resolved' || p.seq === lastSeq);
    const rubric = scorePost({ text: p.text, ...(p.phase ? { phase: p.phase } : {}), final });
    return {
      seq: p.seq, at: since(history, p.t), channel: p.channel, phase: p.phase ?? null, text: p.text,
      author: actorName(state, p.by), final, score: rubric.score,
      // Copied: posts with the same wording share a rubric result, but each scorecard post owns its checks.
      checks: rubric.checks.map((c) => ({ ...c, evidence: [...c.evidence] })),
    };
  });
}

/** Mean rubric score of a channel's posts, rounded to one decimal; `null` when the channel has none. */
export function meanScore(posts: readonly ScoredPost[], channel: PostChannel): number | null {
  const scores = posts.filter((p) => p.channel === channel).map((p) => p.score);
  if (scores.length === 0) return null;
  return Math.round((10 * scores.reduce((a, b) => a + b, 0)) / scores.length) / 10;
}
