/**
 * The communication rubric (v2): judges what one status-page post SAYS — impact in customer terms, what we
 * are doing, when the next update comes, ownership — and the mistakes it makes: blame, over-promises,
 * false reassurance, contradicting the scenario's facts, jargon, fragments and keyword stuffing. Every check
 * quotes the words that met or failed it. Pure and browser-safe.
 *
 * The reading lives in the `rubric-*` modules: `rubric-text` (sentences, clauses, negation), `rubric-claims`
 * (what earns), `rubric-mistakes`, `rubric-facts`, `rubric-jargon`, `rubric-style`; the vocabulary in the
 * `rubric-words*` files. The score: the share of the earn points the post met, minus the points of each
 * mistake, capped at 30 for a post with no content (neither impact nor action) or stuffed with cue words.
 */
import type { Facts } from '../scenario/schema';
import { findActions, findImpact, findNextUpdate, findOwnership, findPhase } from './rubric-claims';
import { contradictions, DATA_FACTS, factClaims, truthOf, type FactClaim } from './rubric-facts';
import { blank, jargonFinder } from './rubric-jargon';
import { findBlame, findOverPromise, findPersonBlame, findReassurance } from './rubric-mistakes';
import type { Span } from './rubric-phrases';
import { styleOf, type Style } from './rubric-style';
import { quoteSpan, readPost, sentenceOf, type PostText } from './rubric-text';

/** The four Statuspage incident phases. */
export type StatusPhase = 'investigating' | 'identified' | 'monitoring' | 'resolved';

export type RubricCheckId =
  | 'phase' | 'impact' | 'action' | 'next-update' | 'ownership' | 'data-loss'
  | 'facts' | 'no-blame' | 'no-person-blame' | 'no-over-promise' | 'no-false-reassurance' | 'no-jargon' | 'plain-writing';

/** One rubric line: whether it applied, whether it passed, and the words that decided it. */
export interface RubricCheck {
  id: RubricCheckId;
  title: string;
  /**
   * `next-update` does not apply to the final post, `data-loss` only to it, `facts` only when the scenario
   * states facts. An avoid check that passes is not counted in a post without content (see `score`).
   */
  applicable: boolean;
  passed: boolean;
  /** Earn checks: the points the check is worth. Avoid checks: the points a failure costs. */
  weight: number;
  /** The words, as written in the post, that earned or cost the points; `[]` when nothing matched. */
  evidence: string[];
  /** One plain, blameless sentence. */
  explanation: string;
}

export interface RubricResult {
  /** 0–100: the share of earn points met, minus each mistake's points, capped for empty or stuffed posts. */
  score: number;
  checks: RubricCheck[];
}

export interface RubricPost { text: string; phase?: StatusPhase; final?: boolean }

export interface RubricOptions {
  /** The scenario's own jargon (its `internal-terms`, plus any extra), flagged like built-in jargon. */
  internalTerms?: readonly string[];
  /** The truth of the story (the scenario's `facts`): posts contradicting it are flagged. */
  facts?: Facts;
}

/** Human titles for each check, in scoring order. */
export const RUBRIC_CHECK_TITLES: Record<RubricCheckId, string> = {
  'phase': 'Names the phase',
  'impact': 'Describes impact in customer terms',
  'action': 'Says what we are doing',
  'next-update': 'Says when the next update comes',
  'ownership': 'Takes ownership or apologises',
  'data-loss': 'Says what happened to customer data',
  'facts': 'Stays true to the facts',
  'no-blame': 'Does not shift blame to a third party',
  'no-person-blame': 'Does not blame a person',
  'no-over-promise': 'Does not over-promise',
  'no-false-reassurance': 'Does not falsely reassure',
  'no-jargon': 'Avoids internal names and jargon',
  'plain-writing': 'Written in plain sentences',
};

/** Points of the checks a post earns; the final post's `data-loss` replaces `next-update`. */
export const EARN_POINTS = { 'phase': 5, 'impact': 25, 'action': 25, 'next-update': 25, 'ownership': 20, 'data-loss': 20 } as const;
/**
 * Points each mistake costs. A serious mistake costs 60, so a post that makes one scores 40 at most however
 * complete it is. Jargon costs 12 per distinct term; three or more terms ({@link JARGON_LADEN}) cost 60.
 */
export const MISTAKE_POINTS = {
  'facts': 60, 'no-blame': 60, 'no-person-blame': 60, 'no-over-promise': 60, 'no-false-reassurance': 60,
  'no-jargon': 12, 'plain-writing': 15,
} as const;
export const JARGON_LADEN = { terms: 3, points: 60 } as const;
/** The most a post without content (no impact, no action) or a post stuffed with cue words can score. */
export const CONTENT_CAP = 30;

type EarnId = keyof typeof EARN_POINTS;
type AvoidId = keyof typeof MISTAKE_POINTS;
const CHECK_IDS = Object.keys(RUBRIC_CHECK_TITLES) as RubricCheckId[];
const isEarn = (id: RubricCheckId): id is EarnId => id in EARN_POINTS;

const NOT_COUNTED = 'Not counted: avoiding a mistake earns nothing in a post that says neither the impact nor what '
  + 'the team is doing.';

/**
 * Scores one status-page post against the communication rubric.
 *
 * @param post The post's text, plus its declared phase and whether it is the final (resolved) update.
 * @param options The scenario's internal terms and facts.
 * @returns A 0–100 score and, per check, whether it passed and the exact words that decided it.
 */
export function scorePost(post: RubricPost, options: RubricOptions = {}): RubricResult {
  return postScorer(options)(post);
}

/**
 * {@link scorePost} for many posts with the same options: the options are compiled once, and a post with
 * the same text, phase and finality as one scored before gets that result again, the same object (callers
 * must not mutate it). A drill repeats its posts' wording often; the scorer holds every distinct post it has
 * seen, so make one per drill scored.
 */
export function postScorer(options: RubricOptions = {}): (post: RubricPost) => RubricResult {
  const findJargon = jargonFinder(options.internalTerms ?? []);
  const facts = options.facts ?? {};
  const seen = new Map<string, RubricResult>();
  return (post) => {
    const key = `${post.phase ?? ''}|${isFinal(post) ? 'final' : ''}|${post.text}`;
    let result = seen.get(key);
    if (!result) seen.set(key, (result = judge(post, findJargon, facts)));
    return result;
  };
}

const isFinal = (post: RubricPost): boolean => Boolean(post.final || post.phase === 'resolved');

/** What `judge` found in one post, for the functions that turn it into checks. */
interface Reading {
  post: RubricPost;
  text: PostText;
  final: boolean;
  empty: boolean;
  facts: Facts;
  found: Record<RubricCheckId, Span[]>;
  wrong: FactClaim[];
  conditionalApology: boolean;
  style: Style;
}

function judge(post: RubricPost, findJargon: (p: PostText) => Span[], facts: Facts): RubricResult {
  const text = readPost(post.text);
  const final = isFinal(post);
  const style = styleOf(text);
  // Earn claims count only in sentences that state something: "Our responsibility." is a cue word, not ownership.
  const stated = (spans: Span[]) => spans.filter((s) => style.statement[sentenceOf(text, s.start)] ?? false);
  const jargon = findJargon(text);
  const plain = blank(text.norm, jargon);
  const claims = factClaims(text);
  const wrong = contradictions(claims, facts);
  const ownership = findOwnership(text);
  const found: Record<RubricCheckId, Span[]> = {
    'phase': findPhase(text),
    'impact': stated(findImpact(text, plain)).map((s) => quoteSpan(text, s)),
    'action': stated(findActions(text, plain, final)).map((s) => quoteSpan(text, s, 10)),
    'next-update': stated(findNextUpdate(text)),
    'ownership': stated(ownership.owns),
    'data-loss': claims.filter((c) => DATA_FACTS.includes(c.fact) && !wrong.includes(c)).map((c) => c.span),
    'facts': wrong.map((c) => c.span),
    'no-blame': findBlame(text, plain),
    'no-person-blame': findPersonBlame(text),
    'no-over-promise': findOverPromise(text),
    'no-false-reassurance': findReassurance(text, !final && post.phase !== 'monitoring'),
    'no-jargon': jargon,
    'plain-writing': [],
  };
  const reading: Reading = { post, text, final, empty: text.tokens.length === 0, facts, found, wrong, conditionalApology: ownership.conditional.length > 0, style };
  const checks = CHECK_IDS.map((id) => (isEarn(id) ? earnCheck(id, reading) : avoidCheck(id, reading)));
  // Avoiding mistakes earns nothing in a post that says nothing ("ok" avoids them all): shown as not counted.
  const content = checks.some((c) => (c.id === 'impact' || c.id === 'action') && c.passed);
  const counted = checks.map((c): RubricCheck => (!isEarn(c.id) && c.applicable && c.passed && !content
    ? { ...c, applicable: false, explanation: reading.empty ? 'The post is empty.' : NOT_COUNTED }
    : c));
  return { score: scoreOf(counted, content && !style.stuffed), checks: counted };
}

function earnCheck(id: EarnId, r: Reading): RubricCheck {
  const base = { id, title: RUBRIC_CHECK_TITLES[id], weight: EARN_POINTS[id] };
  if ((id === 'next-update' && r.final) || (id === 'data-loss' && !r.final)) {
    const explanation = id === 'data-loss' ? 'Only the final update needs to say what happened to customer data.' : 'The final update needs no next-update time.';
    return { ...base, applicable: false, passed: false, evidence: [], explanation };
  }
  if (r.empty) return { ...base, applicable: true, passed: false, evidence: [], explanation: 'The post is empty.' };
  const evidence = id === 'phase' && r.post.phase ? [`phase: ${r.post.phase}`] : quoteOf(r, r.found[id]);
  const passed = evidence.length > 0;
  return { ...base, applicable: true, passed, evidence, explanation: earnExplanation(id, passed, evidence, r) };
}

function avoidCheck(id: AvoidId, r: Reading): RubricCheck {
  const title = RUBRIC_CHECK_TITLES[id];
  if (id === 'facts' && !Object.values(r.facts).some((v) => typeof v === 'boolean')) {
    return { id, title, applicable: false, passed: false, weight: MISTAKE_POINTS.facts, evidence: [], explanation: 'The scenario states no facts to check against.' };
  }
  const writing = id === 'plain-writing';
  const evidence = writing ? writingEvidence(r) : quoteOf(r, r.found[id]);
  const passed = writing ? !r.style.failed : evidence.length === 0;
  const weight = id !== 'no-jargon' || passed ? MISTAKE_POINTS[id]
    : evidence.length >= JARGON_LADEN.terms ? JARGON_LADEN.points : MISTAKE_POINTS['no-jargon'] * evidence.length;
  return { id, title, applicable: true, passed, weight, evidence: passed ? [] : evidence, explanation: avoidExplanation(id, passed, evidence, weight, r) };
}

/** The words of the post at the spans, in text order, without repeats or spans inside others. */
const quoteOf = (r: Reading, spans: readonly Span[]): string[] =>
  unique(outermost(spans).map((s) => r.post.text.slice(s.start, s.end).trim()));

/** The fragments and cue words, in text order, then what was repeated; at most six. */
function writingEvidence(r: Reading): string[] {
  const broken = [...r.style.cueFragments, ...r.style.fragments].sort((a, b) => a - b).map((i) => sentenceText(r.text, i));
  return unique([...broken, ...r.style.repeated]).slice(0, 6);
}

/**
 * Share of the earn points met, minus every mistake's points; at most {@link CONTENT_CAP} unless `full` (the
 * post has content and is not stuffed). Exported so the scorecard can recompute a post's score after an
 * evaluator overrides one of its checks.
 */
export function scoreOf(checks: readonly RubricCheck[], full: boolean): number {
  const earn = checks.filter((c) => isEarn(c.id) && c.applicable);
  const total = earn.reduce((sum, c) => sum + c.weight, 0);
  const met = earn.filter((c) => c.passed).reduce((sum, c) => sum + c.weight, 0);
  const cost = checks.filter((c) => !isEarn(c.id) && c.applicable && !c.passed).reduce((sum, c) => sum + c.weight, 0);
  const raw = (total === 0 ? 0 : (100 * met) / total) - cost;
  return Math.max(0, Math.round(full ? raw : Math.min(CONTENT_CAP, raw)));
}

/** The spans in text order, without those inside another ("We will publish" inside "We will publish a report"). */
function outermost(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start || b.end - a.end)) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

const quote = (evidence: readonly string[]): string => evidence.map((e) => `"${e}"`).join(', ');
const unique = (list: string[]): string[] => {
  const out: string[] = [];
  for (const s of list) if (s && !out.some((o) => o.toLowerCase() === s.toLowerCase())) out.push(s);
  return out;
};
const sentenceText = (post: PostText, i: number): string => post.text.slice(post.sentences[i].start, post.sentences[i].end).trim();

function earnExplanation(id: EarnId, passed: boolean, evidence: string[], r: Reading): string {
  const q = quote(evidence);
  switch (id) {
    case 'phase': return passed ? `Names the phase: ${q}.` : 'Does not say whether the team is investigating, has found the cause, is monitoring or is done.';
    case 'impact': return passed ? `Says what customers experience: ${q}.` : 'Does not say, in customer terms, what customers can or cannot do.';
    case 'action': return passed ? `Says what the team ${r.final ? 'did or ' : ''}is doing: ${q}.` : `Does not say what the team ${r.final ? 'did' : 'is doing'} about it.`;
    case 'next-update': return passed ? `Says when the next update comes: ${q}.` : 'No time for the next update ("next update by 19:30", "in 30 minutes").';
    case 'ownership': return passed ? `Owns the problem: ${q}.` : r.conditionalApology
      ? 'A conditional apology ("sorry if…") does not own the problem.'
      : 'Neither apologises nor takes ownership.';
    case 'data-loss': {
      if (passed) return `Says what happened to customer data: ${q}.`;
      const lie = r.wrong.find((c) => DATA_FACTS.includes(c.fact));
      return lie ? `Says something about customer data that is not true: ${truthOf(lie.fact, r.facts)}.`
        : 'The final update does not say whether any customer data was lost or exposed.';
    }
  }
}

function avoidExplanation(id: AvoidId, passed: boolean, evidence: string[], weight: number, r: Reading): string {
  const q = quote(evidence);
  const cost = `(−${weight})`;
  switch (id) {
    case 'facts': {
      if (passed) return 'Says nothing that contradicts what is known.';
      const lies = r.wrong.map((c) => `"${r.post.text.slice(c.span.start, c.span.end).trim()}" (in truth ${truthOf(c.fact, r.facts)})`);
      return `Contradicts what is known: ${unique(lies).join('; ')} ${cost}.`;
    }
    case 'no-blame': return passed ? 'Does not shift blame onto anyone else.' : `Shifts blame to a third party: ${q} ${cost}.`;
    case 'no-person-blame': return passed ? 'Does not blame a person.' : `Blames a person rather than the system: ${q} ${cost}.`;
    case 'no-over-promise': return passed ? 'Makes no promise it cannot keep.' : `Promises what nobody can know yet: ${q} ${cost}.`;
    case 'no-false-reassurance': return passed ? 'Does not play the problem down.' : `Reassures without grounds or plays the incident down: ${q} ${cost}.`;
    case 'no-jargon': return passed ? 'Uses no internal names or jargon.' : `Uses internal names or jargon customers won't understand: ${q} ${cost}.`;
    case 'plain-writing': return passed ? 'Written in sentences a customer can read.'
      : r.style.stuffed ? `Reads as cue words, not sentences: ${q} ${cost}; the score is capped at ${CONTENT_CAP}.`
        : `Has fragments or repetition: ${q} ${cost}.`;
  }
}
