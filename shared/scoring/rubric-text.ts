/**
 * The rubric's reading of a post: normalised text, words, sentences and clauses, and the questions the
 * checks ask about a place in the text (is it negated? in which clause? what comes before it?). Clauses are
 * what make the rubric judge statements rather than words: a negation only reaches across its own clause,
 * so "Not sure yet, likely human error" still blames and "this was not human error" does not.
 */
import { BRIDGE_WORDS, CLAUSE_JOINERS, CLAUSE_SUBJECTS, NEGATORS, VERB_HINTS } from './rubric-words';

/** One word of the post. `w` is lower-cased with straight apostrophes; offsets index the original text. */
export interface Token {
  w: string;
  start: number;
  end: number;
  sentence: number;
  clause: number;
  /** Written in capitals ("EDR"). */
  upper: boolean;
  /** This word and the next, for two-word phrase lookups ("next update"); absent on the last word. */
  pair?: string;
  /** The word without its "'s" ("vendor" in "vendor's"); absent when it has none. */
  base?: string;
}

export interface Sentence { start: number; end: number; first: number; last: number }
export interface Clause { start: number; end: number; sentence: number; first: number; last: number }

export interface PostText {
  text: string;
  /** Same length as `text`: lower-case ASCII, straight quotes, ASCII hyphens. */
  norm: string;
  tokens: Token[];
  sentences: Sentence[];
  clauses: Clause[];
}

/**
 * Same length as the input, so match offsets index the original text: ASCII is lower-cased, curly quotes
 * become straight ones and Unicode hyphens become '-'.
 */
export const normalise = (text: string): string => text
  .replace(/[A-Z]/g, (c) => c.toLowerCase())
  .replace(/[\u2018\u2019\u201B\u02BC\u2032]/g, "'")
  .replace(/[\u201C\u201D\u201E\u2033]/g, '"')
  .replace(/[\u2010\u2011]/g, '-');

// A sentence ends at . ! ? before whitespace or the end, or at a line break; "3 p.m. ET" and "e.g. the" do
// not end one.
const SENTENCE_END = /[.!?]+(?=\s|$)|\n\s*/g;
const NO_BREAK_BEFORE = /(?:\b[ap]\.m|\be\.g|\bi\.e|\betc|\bapprox|\bvs)$/i;
// Inside a sentence a clause ends at these marks (a comma or colon only before a space, so 1,200 and
// 19:30 stay whole).
const CLAUSE_MARK = /[,;:](?=\s)|\s[-–—]+\s|[—–()[\]"]/g;
const WORD_RE = /[a-z0-9\u00c0-\u024f]+(?:'[a-z]+)?/g;

/** Reads a post into words, sentences and clauses. */
export function readPost(text: string): PostText {
  const norm = normalise(text);
  const sentences = splitSentences(text);
  const tokens: Token[] = [];
  const clauses: Clause[] = [];
  sentences.forEach((s, si) => {
    s.first = tokens.length;
    let clauseStart = s.start;
    const marks = [...text.slice(s.start, s.end).matchAll(CLAUSE_MARK)].map((m) => s.start + m.index);
    const openClause = (start: number) => {
      clauses.push({ start, end: s.end, sentence: si, first: tokens.length, last: tokens.length - 1 });
    };
    openClause(clauseStart);
    let markIndex = 0;
    WORD_RE.lastIndex = s.start;
    for (let m = WORD_RE.exec(norm); m && m.index < s.end; m = WORD_RE.exec(norm)) {
      const start = m.index;
      while (markIndex < marks.length && marks[markIndex] < start) {
        clauses[clauses.length - 1].end = marks[markIndex];
        clauseStart = marks[markIndex] + 1;
        openClause(clauseStart);
        markIndex++;
      }
      const w = m[0];
      const current = clauses[clauses.length - 1];
      const prev = tokens.length > current.first ? tokens[tokens.length - 1] : undefined;
      // "…and we are working on it": a joiner followed by a subject starts a new clause at the joiner.
      if (prev && CLAUSE_JOINERS.has(prev.w) && CLAUSE_SUBJECTS.has(w) && current.first < tokens.length - 1) {
        current.last = tokens.length - 2;
        current.end = prev.start;
        clauses.push({ start: prev.start, end: s.end, sentence: si, first: tokens.length - 1, last: tokens.length - 1 });
        prev.clause = clauses.length - 1;
      }
      const raw = text.slice(start, start + w.length);
      tokens.push({ w, start, end: start + w.length, sentence: si, clause: clauses.length - 1, upper: raw !== raw.toLowerCase() && raw === raw.toUpperCase() });
      clauses[clauses.length - 1].last = tokens.length - 1;
    }
    s.last = tokens.length - 1;
  });
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (i + 1 < tokens.length) t.pair = `${t.w} ${tokens[i + 1].w}`;
    const apostrophe = t.w.indexOf("'");
    if (apostrophe > 0) t.base = t.w.slice(0, apostrophe);
  }
  // Kept even when empty, so that a token's `clause` indexes this list.
  return { text, norm, tokens, sentences, clauses };
}

function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(text); m; m = SENTENCE_END.exec(text)) {
    if (m[0][0] === '.' && NO_BREAK_BEFORE.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
    const end = m.index + m[0].length;
    if (text.slice(start, m.index).trim()) out.push({ start, end: m.index, first: 0, last: -1 });
    start = end;
    if (m[0].length === 0) SENTENCE_END.lastIndex++;
  }
  if (text.slice(start).trim()) out.push({ start, end: text.length, first: 0, last: -1 });
  return out;
}

/** The index of the first token that starts at or after `offset` (`tokens.length` when none does). */
export function tokenAt(post: PostText, offset: number): number {
  let lo = 0;
  let hi = post.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (post.tokens[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the last token that ends at or before `offset` (-1 when none does). */
export function tokenBefore(post: PostText, offset: number): number {
  return tokenAt(post, offset) - 1;
}

const isNegator = (w: string): boolean => NEGATORS.has(w) || w.endsWith("n't");

const VERBISH = /(?:ed|ing|en)$/;
/**
 * A rough test that a word could be a verb (or a negator, or a contraction). Words that are not — the nouns
 * and adjectives of a noun phrase — let a negation reach across them: "NO parcel or customer data was lost".
 */
export const looksLikeVerb = (w: string): boolean => VERB_HINTS.has(w) || VERBISH.test(w) || isNegator(w) || w.includes("'");

/**
 * Whether a negation governs the words starting at `offset`: a negator earlier in the same clause with only
 * bridge words ("is", "the", "caused by", "any") between them. "It was not caused by human error" is
 * negated; "Not sure yet, likely human error" is not (another clause), nor "not only the vendor's fault"
 * ("only" is no bridge), nor "We can't rule out human error".
 *
 * @param extraBridges Words that may also stand between, for one check ("believe", "evidence", "that").
 */
export function negatedAt(post: PostText, offset: number, extraBridges?: Bridge): boolean {
  return negatorAt(post, offset, extraBridges) !== undefined;
}

/** Extra words a negation may reach across, for one check: a set, or a test. */
export type Bridge = ReadonlySet<string> | ((w: string) => boolean);

/** The negator that governs the words at `offset` (see {@link negatedAt}), or `undefined`. */
export function negatorAt(post: PostText, offset: number, extraBridges?: Bridge): string | undefined {
  const j = negatorIndex(post, offset, extraBridges);
  return j === undefined ? undefined : post.tokens[j].w;
}

/** The index of the token of the negator that governs the words at `offset`, or `undefined`. */
export function negatorIndex(post: PostText, offset: number, extraBridges?: Bridge): number | undefined {
  const bridges = typeof extraBridges === 'function' ? extraBridges : (w: string) => extraBridges?.has(w) ?? false;
  const i = tokenAt(post, offset);
  const clause = post.tokens[i]?.clause ?? post.tokens[i - 1]?.clause;
  for (let j = i - 1; j >= 0 && post.tokens[j].clause === clause; j--) {
    const w = post.tokens[j].w;
    if (isNegator(w)) return j;
    if (!BRIDGE_WORDS.has(w) && !bridges(w)) return undefined;
  }
  return undefined;
}

/** The words of the clause before `offset`, nearest first, at most `count`. */
export function wordsBefore(post: PostText, offset: number, count: number, scope: 'clause' | 'sentence' = 'clause'): string[] {
  const i = tokenAt(post, offset);
  const anchor = post.tokens[i] ?? post.tokens[i - 1];
  if (!anchor) return [];
  const out: string[] = [];
  for (let j = i - 1; j >= 0 && out.length < count; j--) {
    const t = post.tokens[j];
    if (scope === 'clause' ? t.clause !== anchor.clause : t.sentence !== anchor.sentence) break;
    out.push(t.w);
  }
  return out;
}

/** The words of the clause from `offset` on, at most `count`. */
export function wordsAfter(post: PostText, offset: number, count: number): string[] {
  const i = tokenAt(post, offset);
  const anchor = post.tokens[i - 1] ?? post.tokens[i];
  const out: string[] = [];
  for (let j = i; j < post.tokens.length && out.length < count && post.tokens[j].clause === anchor?.clause; j++) out.push(post.tokens[j].w);
  return out;
}

/** The sentence a span starts in (its index), or -1. */
export function sentenceOf(post: PostText, offset: number): number {
  const t = post.tokens[tokenAt(post, offset)];
  return t ? t.sentence : -1;
}

/** The clause a span starts in (its index), or -1. */
export function clauseOf(post: PostText, offset: number): number {
  const t = post.tokens[tokenAt(post, offset)];
  return t ? t.clause : -1;
}

/**
 * The span to quote for a claim found at `span`: its whole clause when that is short (at most `maxWords`
 * words), so the evidence reads as what the post said ("No order data was lost"), else the span itself.
 */
export function quoteSpan(post: PostText, span: { start: number; end: number }, maxWords = 12): { start: number; end: number } {
  const t = post.tokens[tokenAt(post, span.start)];
  const clause = t ? post.clauses[t.clause] : undefined;
  if (!clause || clause.last < clause.first || clause.last - clause.first + 1 > maxWords) return span;
  // "…and we are working on it" is quoted from "we".
  const first = CLAUSE_JOINERS.has(post.tokens[clause.first].w) && clause.first < clause.last ? clause.first + 1 : clause.first;
  return { start: Math.min(span.start, post.tokens[first].start), end: Math.max(span.end, post.tokens[clause.last].end) };
}

export { isNegator };
