import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TARGETS } from '../../../shared/scoring';
import { GRADES, loadCorpus, pairFigure, rate } from './corpus';

const corpus = loadCorpus();
const scored = corpus.map((post) => ({ ...post, score: rate(post).score }));
const figure = pairFigure(scored);
const percent = (share: number) => `${(100 * share).toFixed(1)}%`;

describe('the labelled corpus of status posts', () => {
  it('has at least 80 posts, across all ten bundled scenarios, all four phases and all three grades', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(80);
    expect(new Set(corpus.map((p) => p.scenario.id)).size).toBe(10);
    expect(new Set(corpus.map((p) => p.phase))).toEqual(new Set(['investigating', 'identified', 'monitoring', 'resolved']));
    for (const grade of GRADES) expect(corpus.filter((p) => p.grade === grade).length, grade).toBeGreaterThanOrEqual(20);
  });

  it('puts at least 90% of (good, mediocre, bad) pairs in the right order', () => {
    expect(figure.share).toBeGreaterThanOrEqual(0.9);
  });

  it(`scores every bad post under the default target of ${DEFAULT_TARGETS.rubric}`, () => {
    const passing = scored.filter((p) => p.grade === 'bad' && p.score >= DEFAULT_TARGETS.rubric);
    expect(passing.map((p) => `${p.file}#${p.index} (${p.score}): ${p.text}`)).toEqual([]);
  });

  it('docs/scoring.md reports the figure the rubric measures now', () => {
    const docs = readFileSync('docs/scoring.md', 'utf8');
    const line = `${figure.right} of ${figure.pairs} pairs (${percent(figure.share)})`;
    expect(docs, `docs/scoring.md should say "${line}" (and the corpus size, ${corpus.length} posts)`).toContain(line);
    expect(docs).toContain(`${corpus.length} posts`);
  });
});
