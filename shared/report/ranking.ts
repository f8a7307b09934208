/**
 * Which three strengths and which three areas for improvement a lead should read first.
 *
 * How they are ranked (the summary says so in one sentence, `RANKING_NOTE`): every rated finding carries a share
 * of the overall score — its dimension's weight among the dimensions scored in this run, times its own weight
 * among that dimension's rated items. An area costs the overall `(100 − points) × share`; a strength earns
 * `points × share`. Critical failures (those that cap the overall score) come first whatever they cost. Findings
 * with no rating of their own (a rubric check that failed on some posts, a role left empty, an undated action
 * item) follow the rated ones, heavier dimensions first. The top three take one finding per dimension before a
 * dimension gets a second, so one bad stretch does not fill the whole list.
 */
import { DIMENSION_WEIGHTS } from '../scoring/dimensions';
import type { DimensionId, Finding, Rated, Rating, Scorecard } from '../scoring/types';

/** How many strengths and areas the summary shows. */
export const TOP = 3;

/** One sentence for readers: how the summary picked its findings. */
export const RANKING_NOTE = 'Ranked by the points each finding earned or cost the overall score (its dimension\'s weight × its own weight); critical failures first; one per dimension before a second.';

/** A finding as the summary shows it. */
export interface RankedFinding {
  /** `Finding.id`: stable across runs, what an action item's `finding` names. */
  key: string;
  text: string;
  dimension: DimensionId | null;
  rating: Rating | null;
  evidence: number[];
  /** It holds the overall score down (a critical failure). */
  critical: boolean;
  /** Overall points this finding earned (a strength) or cost (an area), one decimal; `null` when it has no rating. */
  impact: number | null;
}

const SEVERITY: Record<Rating, number> = { U: 0, M: 1, S: 2, P: 3 };

interface Item { rated: Rated; weight: number; dimension: DimensionId }

/** The rated item (objective or standard measure) a finding speaks for, with its weight. */
function itemOf(card: Scorecard, f: Finding): Item | undefined {
  if (f.objective) {
    const o = card.objectives.find((x) => x.id === f.objective);
    if (o) return { rated: o, weight: o.weight, dimension: o.dimension };
  }
  for (const d of card.dimensions) {
    const m = d.defaults.find((x) => x.summary === f.text);
    if (m) return { rated: m, weight: 1, dimension: d.id };
  }
  return undefined;
}

/** The share of the overall score an item carries (0–1). */
function shareOf(card: Scorecard, item: Item): number {
  const dimension = card.dimensions.find((d) => d.id === item.dimension);
  const total = card.dimensions.reduce((sum, d) => sum + d.weight, 0);
  if (!dimension || dimension.weight === 0 || total === 0) return 0;
  const siblings = dimension.basis === 'objectives'
    ? card.objectives.filter((o) => o.dimension === item.dimension && o.points !== null).reduce((sum, o) => sum + o.weight, 0)
    : dimension.defaults.filter((m) => m.points !== null).length;
  return siblings === 0 ? 0 : (dimension.weight / total) * (item.weight / siblings);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** How far inside its target an item landed: smaller is better (0.5 = half the target time, or twice the score). */
function margin(r: Rated): number {
  if (r.value === null || r.target === 0) return Infinity;
  return r.unit === 'ms' ? r.value / r.target : r.target / Math.max(1, r.value);
}

interface Candidate extends RankedFinding { order: number; margin: number }

function candidate(card: Scorecard, f: Finding, order: number, kind: 'strength' | 'area'): Candidate {
  const item = itemOf(card, f);
  const critical = kind === 'area' && (card.cap?.reasons ?? []).some((r) => r.text === f.text);
  const points = item?.rated.points ?? null;
  const impact = item && points !== null ? round1((kind === 'area' ? 100 - points : points) * shareOf(card, item)) : null;
  return {
    key: f.id, text: f.text, dimension: f.dimension ?? item?.dimension ?? null, rating: f.rating, evidence: f.evidence,
    critical, impact, order, margin: item ? margin(item.rated) : Infinity,
  };
}

const weightOf = (d: DimensionId | null) => (d ? DIMENSION_WEIGHTS[d] : 0);

/** Picks `n` in order, one per dimension first; findings without a dimension each count as their own. */
function pickSpread(sorted: Candidate[], n: number): Candidate[] {
  const picked: Candidate[] = [];
  const seen = new Set<string>();
  for (const c of sorted) {
    if (picked.length === n) break;
    if (c.critical || !c.dimension || !seen.has(c.dimension)) {
      picked.push(c);
      if (c.dimension) seen.add(c.dimension);
    }
  }
  for (const c of sorted) {
    if (picked.length === n) break;
    if (!picked.includes(c)) picked.push(c);
  }
  return picked.sort((a, b) => sorted.indexOf(a) - sorted.indexOf(b));
}

const strip = ({ order: _order, margin: _margin, ...f }: Candidate): RankedFinding => f;

/** Every area for improvement, most important first (see the module comment). */
export function rankAreas(card: Scorecard): RankedFinding[] {
  return sortAreas(card).map(strip);
}

function sortAreas(card: Scorecard): Candidate[] {
  return card.improvements.map((f, i) => candidate(card, f, i, 'area')).sort((a, b) =>
    Number(b.critical) - Number(a.critical)
    || (b.impact ?? -1) - (a.impact ?? -1)
    || (a.rating ? SEVERITY[a.rating] : 9) - (b.rating ? SEVERITY[b.rating] : 9)
    || weightOf(b.dimension) - weightOf(a.dimension)
    || a.order - b.order);
}

function sortStrengths(card: Scorecard): Candidate[] {
  return card.strengths.map((f, i) => candidate(card, f, i, 'strength')).sort((a, b) =>
    (b.impact ?? -1) - (a.impact ?? -1)
    || a.margin - b.margin
    || weightOf(b.dimension) - weightOf(a.dimension)
    || a.order - b.order);
}

/** The three strengths and three areas that matter most, in the order the summary shows them. */
export function topFindings(card: Scorecard): { strengths: RankedFinding[]; areas: RankedFinding[] } {
  return { strengths: pickSpread(sortStrengths(card), TOP).map(strip), areas: pickSpread(sortAreas(card), TOP).map(strip) };
}
