/**
 * Claims a post makes about the facts a scenario states (`facts:`), with their polarity: "No data was lost"
 * denies data loss, "everything since 17:10 is gone" asserts it, "we are checking whether any data was
 * lost" claims nothing either way. A claim contradicts the scenario when it asserts a fact the scenario
 * says is false, or denies one it says is true.
 */
import type { FactKey, Facts } from '../scenario/schema';
import { phrases, spansOf, type Matcher, type Span } from './rubric-phrases';
import { looksLikeVerb, negatedAt, negatorIndex, quoteSpan, tokenAt, wordsAfter, wordsBefore, type PostText } from './rubric-text';
import { FACT_BRIDGES, FACT_WORDS, LOST_NOT_DATA, UNCERTAIN, type FactWords } from './rubric-words-facts';

export type Polarity = 'holds' | 'not' | 'unsure';
/** A claim about a fact: `span` is its words from the topic or negation to the predicate ("no data was lost"). */
export interface FactClaim { fact: FactKey; polarity: Polarity; span: Span }

interface Compiled {
  fact: FactKey;
  words: FactWords;
  topics?: Matcher;
  holds?: Matcher;
  holdsNot?: Matcher;
  holdsNotWithAll?: Matcher;
  deniedOnly?: Matcher;
  denials?: Matcher;
  bridges: (w: string) => boolean;
}

const COMPILED: Compiled[] = (Object.keys(FACT_WORDS) as FactKey[]).map((fact) => {
  const words = FACT_WORDS[fact];
  const topicWords = words.topics.flatMap((t) => t.split(/\s+/));
  return {
    fact, words,
    topics: phrases(words.topics), holds: phrases(words.holds), holdsNot: phrases(words.holdsNot),
    holdsNotWithAll: phrases(words.holdsNotWithAll), deniedOnly: phrases(words.deniedOnly),
    denials: words.denials ? phrases(words.denials) : undefined,
    // "No parcel or customer data was lost": a negation reaches across the noun phrase it quantifies.
    bridges: ((set: ReadonlySet<string>) => (w: string) => set.has(w) || !looksLikeVerb(w))(new Set([...FACT_BRIDGES, ...topicWords])),
  };
});


const NOW_WORDS = new Set(['again', 'now', 'today', 'from']);
const ALL_WORDS = new Set(['all', 'every', 'fully', 'completely', 'entire', 'each', 'everything', 'both']);
const AFTER_NEGATORS = new Set(['no', 'none', 'nothing', 'nobody']);

/** Every claim the post makes about any fact the rubric knows. */
export function factClaims(post: PostText): FactClaim[] {
  const claims: FactClaim[] = [];
  // "data centre" is a building, not data; and "card data" is card data, not any other fact's "data".
  const topicsOf = new Map(COMPILED.map((c) => [c.fact, spansOf(c.topics, post.norm, post.tokens).filter((s) => !/^\s+cent(?:re|er)\b/.test(post.norm.slice(s.end, s.end + 8)))]));
  const allTopics = [...topicsOf.values()].flat();
  for (const c of COMPILED) {
    const topics = topicsOf.get(c.fact)!.filter((t) => !allTopics.some((u) => u.start <= t.start && t.end <= u.end && u.end - u.start > t.end - t.start));
    const inClause = (s: Span): boolean => c.words.topics.length === 0
      || topics.some((t) => clauseAt(post, t.start) === clauseAt(post, s.start) && Math.abs(tokenAt(post, t.start) - tokenAt(post, s.start)) <= 8);
    const negated = (s: Span): boolean => negatedAt(post, s.start, c.bridges) || AFTER_NEGATORS.has(wordsAfter(post, s.end, 1)[0] ?? '');
    const add = (s: Span, polarity: Polarity) => {
      // Quote from the negation or the topic, whichever comes first in the clause: "no personal data was accessed".
      const clause = clauseAt(post, s.start);
      const neg = negatorIndex(post, s.start, c.bridges);
      const topic = topics.filter((t) => t.start < s.start && clauseAt(post, t.start) === clause).at(-1);
      const start = Math.min(s.start, neg === undefined ? s.start : post.tokens[neg].start, topic?.start ?? s.start);
      // Facts without topics ("charged twice", "hacked") are quoted with their clause when it is short.
      const span = c.words.topics.length === 0 ? quoteSpan(post, { start, end: s.end }) : { start, end: Math.max(s.end, topic?.end ?? 0) };
      claims.push({ fact: c.fact, polarity: uncertain(post, s) ? 'unsure' : polarity, span });
    };

    if (c.denials) {
      const denials = spansOf(c.denials, post.norm, post.tokens);
      denials.forEach((s) => add(s, 'not'));
      for (const s of spansOf(c.holds, post.norm, post.tokens)) {
        if (denials.some((d) => d.start <= s.start && s.end <= d.end) || negated(s)) continue;
        add(s, 'holds');
      }
      continue;
    }
    for (const s of spansOf(c.holds, post.norm, post.tokens)) {
      if (LOST_NOT_DATA.has(wordsAfter(post, s.end, 1)[0] ?? '') || !inClause(s)) continue;
      add(s, negated(s) ? 'not' : 'holds');
    }
    for (const s of spansOf(c.holdsNot, post.norm, post.tokens)) {
      // "Paying by card is safe again" speaks of now, not of what happened.
      if (!inClause(s) || NOW_WORDS.has(wordsAfter(post, s.end, 1)[0] ?? '') || wordsBefore(post, s.start, 1)[0] === 'now') continue;
      add(s, negated(s) ? 'holds' : 'not');
    }
    for (const s of spansOf(c.holdsNotWithAll, post.norm, post.tokens)) {
      if (!inClause(s) || negated(s)) continue;
      const clause = clauseAt(post, s.start);
      if (post.tokens.some((t) => t.clause === clause && ALL_WORDS.has(t.w))) add(s, 'not');
    }
    for (const s of spansOf(c.deniedOnly, post.norm, post.tokens)) if (inClause(s) && negated(s)) add(s, 'not');
  }
  return claims.sort((a, b) => a.span.start - b.span.start);
}

function clauseAt(post: PostText, offset: number): number {
  return post.tokens[tokenAt(post, offset)]?.clause ?? -1;
}

/** A claim is uncertain when its clause says so outside the claim's own words: "whether", "may", "not yet known". */
function uncertain(post: PostText, s: Span): boolean {
  const clause = clauseAt(post, s.start);
  return post.tokens.some((t) => t.clause === clause && (t.end <= s.start || t.start >= s.end) && UNCERTAIN.has(t.w));
}

/** The claims that contradict the scenario's facts. */
export function contradictions(claims: readonly FactClaim[], facts: Facts): FactClaim[] {
  return claims.filter((c) => (facts[c.fact] === true && c.polarity === 'not') || (facts[c.fact] === false && c.polarity === 'holds'));
}

/** What the scenario says is true about a fact, in words: "data was lost". */
export function truthOf(fact: FactKey, facts: Facts): string {
  return FACT_WORDS[fact].says[facts[fact] ? 0 : 1];
}

/** Facts about customer data, which the final post must speak to. */
export const DATA_FACTS: readonly FactKey[] = ['data-lost', 'personal-data-exposed', 'card-data-exposed'];
