/**
 * The labelled corpus of status posts (tests/shared/scoring/corpus/*.yaml), graded good / mediocre / bad by
 * the rules in docs/scoring.md, and the figure the rubric is held to: the share of pairs of posts with
 * different grades that it puts in the right order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadScenarioDir } from '../../../server/scenario-files';
import type { Scenario } from '../../../shared/scenario/schema';
import { postScorer, type RubricResult, type StatusPhase } from '../../../shared/scoring/rubric';

export const GRADES = ['bad', 'mediocre', 'good'] as const;
export type Grade = (typeof GRADES)[number];

const Post = z.strictObject({
  scenario: z.string().optional(),
  grade: z.enum(GRADES),
  phase: z.enum(['investigating', 'identified', 'monitoring', 'resolved']),
  why: z.string().min(1),
  text: z.string().min(1),
});
const File = z.strictObject({ scenario: z.string().optional(), posts: z.array(Post).min(1) });

export interface CorpusPost {
  file: string;
  index: number;
  scenario: Scenario;
  grade: Grade;
  phase: StatusPhase;
  why: string;
  text: string;
}

const DIR = join(import.meta.dirname, 'corpus');

/** Every post of the corpus, each with the bundled scenario it was written for. */
export function loadCorpus(): CorpusPost[] {
  const { scenarios } = loadScenarioDir(join(import.meta.dirname, '../../../scenarios'));
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  return readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort().flatMap((file) => {
    const data = File.parse(parse(readFileSync(join(DIR, file), 'utf8')));
    return data.posts.map((p, index) => {
      const id = p.scenario ?? data.scenario;
      const scenario = id ? byId.get(id) : undefined;
      if (!scenario) throw new Error(`${file} post ${index}: no bundled scenario "${id}"`);
      return { file, index, scenario, grade: p.grade, phase: p.phase, why: p.why, text: p.text };
    });
  });
}

/** Scores a corpus post as a drill of its scenario would: with its internal terms and facts; resolved is final. */
export function rate(post: CorpusPost): RubricResult {
  return postScorer({ internalTerms: post.scenario['internal-terms'], facts: post.scenario.facts })({ text: post.text, phase: post.phase, final: post.phase === 'resolved' });
}

export interface PairFigure { right: number; pairs: number; share: number }

/**
 * Of all pairs of posts with different grades (good and mediocre, good and bad, mediocre and bad), how many
 * the rubric puts in the right order: the better-graded post scores strictly higher. A tie counts as wrong.
 */
export function pairFigure(scored: readonly { grade: Grade; score: number }[]): PairFigure {
  let right = 0;
  let pairs = 0;
  for (const a of scored) {
    for (const b of scored) {
      if (GRADES.indexOf(a.grade) <= GRADES.indexOf(b.grade)) continue;
      pairs++;
      if (a.score > b.score) right++;
    }
  }
  return { right, pairs, share: pairs === 0 ? 0 : right / pairs };
}
