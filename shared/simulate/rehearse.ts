import type { StatusPhase } from '../drill/commands';
import { Drill } from '../drill/drill';
import type { DrillEvent } from '../drill/events';
import { hasFixedStates, injectId, objectiveTitle } from '../scenario/model';
import type { Scenario } from '../scenario/schema';
import { RATING_POINTS, score, type RatingOrNA, type ScoredPost } from '../scoring';
import { PROFILES, type Profile } from './profiles';
import { separationCaveats, separationProblems, type ProfileScores } from './separation';
import { simulate } from './simulate';

/**
 * A rehearsal: every bot team plays the scenario once with the same seed, and the runs are compared the way an
 * author needs — each team's score and path through the story, which objectives tell the teams apart, whether
 * the scenario separates good teams from bad at all, and which parts of the story no team ever saw. Pure, so it
 * runs in a browser's Web Worker as well as in tests.
 */

/** One team's run. Times are drill-clock ms from the start. */
export interface TeamRun {
  team: Profile;
  overall: number;
  /** The states the drill entered, in order. */
  path: { state: string; at: number }[];
  ended: { at: number; reason: 'final' | 'duration' | 'facilitator' } | null;
  /** Objective id → rating and the scorecard's sentence about it. */
  objectives: Record<string, { rating: RatingOrNA; summary: string }>;
}

/** How one objective rated the teams. */
export interface ObjectiveSpread {
  id: string;
  title: string;
  ratings: Record<Profile, RatingOrNA>;
  /** Some teams were rated better than others on it. */
  separates: boolean;
  /** Teams rated strictly better than the textbook team: the objective rewards the wrong behaviour. */
  favours: Profile[];
}

export interface Rehearsal {
  seed: number;
  teams: TeamRun[];
  objectives: ObjectiveSpread[];
  /** Why the overall scores do not tell good teams from bad (shared/simulate/separation.ts); empty when they do. */
  separation: string[];
  /** Rules the scenario keeps from applying (no `fixed` state: a declare-victory team cannot be caught). */
  caveats: string[];
  /** States and scripted injects no team reached. */
  unreached: { states: string[]; injects: string[] };
}

function runOf(team: Profile, events: readonly DrillEvent[], overall: number, objectives: TeamRun['objectives']): TeamRun {
  const path: TeamRun['path'] = [];
  let ended: TeamRun['ended'] = null;
  for (const e of events) {
    if (e.type === 'state.entered') path.push({ state: e.state, at: e.t });
    if (e.type === 'drill.ended') ended = { at: e.t, reason: e.reason };
  }
  return { team, overall, path, ended, objectives };
}

const points = (rating: RatingOrNA) => (rating === 'N/A' ? undefined : RATING_POINTS[rating]);

/** Plays the scenario with every bot team (`PROFILES`) and compares the runs. */
export function rehearse(scenario: Scenario, seed = 1): Rehearsal {
  const teams: TeamRun[] = [];
  const seenStates = new Set<string>();
  const seenInjects = new Set<string>();
  for (const team of PROFILES) {
    const { events, scorecard } = simulate(scenario, { team, seed });
    const objectives = Object.fromEntries(scorecard.objectives.map((o) => [o.id, { rating: o.rating, summary: o.summary }]));
    teams.push(runOf(team, events, scorecard.overall, objectives));
    for (const e of events) {
      if (e.type === 'state.entered') seenStates.add(e.state);
      if (e.type === 'inject.delivered' && !e.adhoc) seenInjects.add(e.injectId);
    }
  }
  const textbook = teams.find((t) => t.team === 'textbook');
  const objectives: ObjectiveSpread[] = scenario.objectives.map((o) => {
    const ratings = Object.fromEntries(teams.map((t) => [t.team, t.objectives[o.id]?.rating ?? 'N/A'])) as Record<Profile, RatingOrNA>;
    const rated = Object.values(ratings).map(points).filter((p) => p !== undefined);
    const best = textbook ? points(ratings.textbook) : undefined;
    const favours = best === undefined ? [] : teams.filter((t) => (points(ratings[t.team]) ?? -Infinity) > best).map((t) => t.team);
    return { id: o.id, title: objectiveTitle(scenario, o.id), ratings, separates: new Set(rated).size > 1, favours };
  });
  const scores = Object.fromEntries(teams.map((t) => [t.team, t.overall])) as ProfileScores;
  const injects: string[] = [];
  for (const [state, def] of Object.entries(scenario.states)) def.injects.forEach((inject, i) => injects.push(injectId(state, i, inject)));
  return {
    seed,
    teams,
    objectives,
    separation: separationProblems(scores, { checksDeclarations: hasFixedStates(scenario) }),
    caveats: separationCaveats(scenario),
    unreached: { states: Object.keys(scenario.states).filter((s) => !seenStates.has(s)), injects: injects.filter((id) => !seenInjects.has(id)) },
  };
}

/** A status-page post to rate, as the composer in the room would publish it. */
export interface SandboxPost { text: string; phase: StatusPhase; final?: boolean }

/**
 * Rates one status-page post exactly as the scorecard would in a drill of this scenario: the post is published
 * in a drill of its own (one participant holding every role) and the log is scored with `score()`, so the
 * result has the checks, the words behind each and the options the scorecard uses for this scenario. A `final`
 * post is the drill's last word (the drill ends after it). Throws with the drill's reason when it refuses the post.
 */
export function rateStatusPost(scenario: Scenario, post: SandboxPost): ScoredPost {
  const drill = new Drill(scenario);
  const me = { kind: 'participant' as const, id: 'author' };
  drill.submit({ type: 'participant.join', participantId: 'author', name: 'Author' }, me, { t: 0 });
  for (const role of scenario.roles) drill.submit({ type: 'role.claim', role: role.id }, me, { t: 0 });
  drill.submit({ type: 'drill.start' }, { kind: 'facilitator' }, { t: 0 });
  const posted = drill.submit({ type: 'status.post', phase: post.phase, text: post.text }, me, { t: 60_000 });
  if (!posted.ok) throw new Error(posted.error.message);
  if (post.final) drill.submit({ type: 'drill.end' }, { kind: 'facilitator' }, { t: 60_000 });
  const card = score(scenario, drill.log);
  const scored = card.posts.find((p) => p.seq === posted.event.seq);
  if (!scored) throw new Error('the scorecard did not rate the post');
  return scored;
}
