/**
 * What a post says that earns points: the phase, the impact in customer terms, what we are doing, when the
 * next update comes, and ownership. Each finder returns the spans of the clauses (or phrases) that say it,
 * read from the post's clauses rather than from loose words: impact needs a customer-facing thing and what
 * is wrong with it in ONE clause; an action needs "we" (or our team) doing something, not a vendor.
 */
import { onePhraseOf, PhraseIndex, phrases, sequence, SEP, spansOf, TimedIndex, type Span } from './rubric-phrases';
import { clauseOf, isNegator, looksLikeVerb, negatedAt, negatorAt, tokenAt, wordsBefore, type PostText, type Token } from './rubric-text';
import {
  CLAUSE_JOINERS, CONDITIONAL_APOLOGY, CUSTOMER_WORDS, DEEDS, FOLLOW_UPS, ING_NOUNS, NEXT_UPDATE, NOT_ACTIONS,
  NOT_DEEDS, ON_IT, OWN_SYSTEMS, OWNERSHIP, PASSIVE_DEEDS_EXCLUDED, PHASE_WORDS, PRESENT_DOING, READ_ON,
  RESTORED_WORDS, TEAM_WORDS, TELLING, TROUBLE_WORDS, WORK_UNDER_WAY,
} from './rubric-words';

const PHASE = phrases(PHASE_WORDS);
const ABLE = new Set(['can', 'could']);
const CUSTOMERS = phrases(CUSTOMER_WORDS);
const TROUBLE = phrases(TROUBLE_WORDS, RESTORED_WORDS);
const NEXT = new TimedIndex(NEXT_UPDATE);
const OWNS = phrases(OWNERSHIP);
const OWNS_SYSTEM = new PhraseIndex(OWN_SYSTEMS.ours, `${SEP}(?:[a-z']+${SEP}){0,2}${onePhraseOf(OWN_SYSTEMS.failed)}`);
const CONDITIONAL = phrases(CONDITIONAL_APOLOGY);
const WE = [
  'we', 'we then', 'we also', 'we quickly', 'we have', 'we have now', 'we have also', 'our team', 'our team has',
  'our engineers', 'our engineers have', 'the team', 'the team has',
];
const PAST_DEEDS = sequence(WE, DEEDS);
const ON_IT_RE = phrases(ON_IT);
const FOLLOW_UP_RE = phrases(FOLLOW_UPS);
const UNDER_WAY = sequence(WORK_UNDER_WAY.works, WORK_UNDER_WAY.states);
const PRESENT = sequence(PRESENT_DOING.doers, PRESENT_DOING.deeds);
const DEED_WORDS = new Set(DEEDS.filter((d) => !d.includes(' ')));

/** Phase words said plainly (not "we have not identified…"). */
export function findPhase(post: PostText): Span[] {
  return spansOf(PHASE, post.norm, post.tokens).filter((s) => !negatedAt(post, s.start));
}

/**
 * Clauses that say what customers experience: a customer-facing word and a trouble (or recovery) word in
 * the same clause, read from `plain` (the text with jargon blanked). "No customers are affected" is not
 * impact; "Checkout is failing for some customers" is.
 */
export function findImpact(post: PostText, plain: string): Span[] {
  // "No customers are affected" is no impact; "no depot can print labels" is: a negated subject that cannot.
  const who: Span[] = [];
  const what: Span[] = [];
  for (const s of spansOf(CUSTOMERS, plain, post.tokens)) {
    if (!negatedAt(post, s.start)) who.push(s);
    else {
      const i = tokenAt(post, s.end);
      const next = post.tokens[i];
      if (next && next.clause === post.tokens[i - 1]?.clause && ABLE.has(next.w)) {
        who.push(s);
        what.push({ start: next.start, end: next.end });
      }
    }
  }
  // "Checkout is not working" is trouble by its own words; "nothing can be opened" by its subject; "we are
  // working" and "we're failing over" are us at work, not what customers see.
  // A negation reaches across the noun phrase it quantifies: "No orders or payment data were lost" is no trouble.
  const nounPhrase = (w: string) => !looksLikeVerb(w);
  what.push(...spansOf(TROUBLE, plain, post.tokens).filter((s) => (isNegator(post.norm.slice(s.start, s.end).split(/[\s-]+/)[0])
    || ['nothing', 'nobody', undefined].includes(negatorAt(post, s.start, nounPhrase))) && !ourDoing(post, s.start)));
  return joinByClause(post, who, what);
}

/** Whether the words at `offset` follow "we are" / "our team is": our own doing, not what customers see. */
function ourDoing(post: PostText, offset: number): boolean {
  const [aux, subject, before] = wordsBefore(post, offset, 3);
  if (aux === "we're" || aux === "we've") return true;
  if (!['are', 'is', 'have', 'has', 'were', 'was'].includes(aux ?? '')) return false;
  return subject === 'we' || (TEAM_WORDS.has(subject ?? '') && before !== 'their');
}

/** For each clause with a span of both lists (not overlapping), one span from the first to the last of them. */
function joinByClause(post: PostText, a: Span[], b: Span[]): Span[] {
  const byClause = new Map<number, { a: Span[]; b: Span[] }>();
  const add = (s: Span, key: 'a' | 'b') => {
    const clause = clauseOf(post, s.start);
    if (clause < 0) return;
    const entry = byClause.get(clause) ?? { a: [], b: [] };
    entry[key].push(s);
    byClause.set(clause, entry);
  };
  a.forEach((s) => add(s, 'a'));
  b.forEach((s) => add(s, 'b'));
  const out: Span[] = [];
  for (const entry of byClause.values()) {
    const pairs = entry.a.flatMap((x) => entry.b.filter((y) => y.end <= x.start || y.start >= x.end).map((y) => [x, y]));
    if (pairs.length === 0) continue;
    const all = pairs.flat();
    out.push({ start: Math.min(...all.map((s) => s.start)), end: Math.max(...all.map((s) => s.end)) });
  }
  return out.sort((x, y) => x.start - y.start);
}

/** When the next update comes. */
export function findNextUpdate(post: PostText): Span[] {
  return spansOf(NEXT, post.norm, post.tokens);
}

/** Apologies and owning the failure, not negated; conditional apologies ("sorry if…") are returned apart. */
export function findOwnership(post: PostText): { owns: Span[]; conditional: Span[] } {
  const conditional = spansOf(CONDITIONAL, post.norm, post.tokens);
  const owns = [...spansOf(OWNS, post.norm, post.tokens), ...spansOf(OWNS_SYSTEM, post.norm, post.tokens)]
    .filter((s) => !negatedAt(post, s.start) && !conditional.some((c) => c.start < s.end && s.start < c.end));
  return { owns, conditional };
}

// --- What we are doing --------------------------------------------------------------------------------------

const ADVERBS = new Set([
  'now', 'currently', 'still', 'actively', 'also', 'already', 'urgently', 'quickly', 'just', 'immediately', 'then',
  'all', 'both', 'each', 'carefully', 'manually', 'gradually', 'steadily',
]);
const PROGRESSIVE = new Set(['are', 'is', 'am', "we're", "i'm", "it's"]);
const PERFECT = new Set(['have', 'has', "we've", "i've"]);
const FUTURE = new Set(['will', "we'll", 'shall', "i'll"]);
/** "we will continue to restore", "we need to move": read on past "to". */
const FUTURE_LEADS = new Set(['plan', 'need', 'intend', 'aim', 'expect', 'continue', 'try', 'want', 'have']);
const INTENT = new Set(['need', 'plan', 'intend', 'aim', 'continue']);
const IRREGULAR = new Set([
  'taken', 'brought', 'begun', 'built', 'rebuilt', 'run', 'put', 'set', 'shut', 'sent', 'cut', 'found', 'kept',
  'held', 'spoken', 'written', 'rewritten', 'undone', 'withdrawn', 'frozen', 'shown',
]);
/** Outcomes ("has been restored") say the phase, not what we did. */
const OUTCOMES = new Set(['restored', 'resolved', 'fixed', 'recovered']);
const PERSONISH = new Set(['customers', 'customer', 'users', 'user', 'you', 'they', 'he', 'she', 'people', 'merchants', 'clinics']);

const isParticiple = (w: string): boolean => (w.length > 4 && w.endsWith('ed')) || IRREGULAR.has(w);
const isGerund = (w: string): boolean => w.length > 4 && w.endsWith('ing');

/**
 * Clauses that say what we (or our team) are doing, did or will do: "We are switching to a standby
 * database now", "We've disabled the integration", "Our engineers will restore…", "A fix is being deployed",
 * "Rolling back the release". Not: "We are aware…", "We are seeing errors", "The vendor is working on it",
 * "We will update you in 30 minutes", "We are not restoring…". In the final post, follow-ups count too.
 */
export function findActions(post: PostText, plain: string, final: boolean): Span[] {
  const found: Span[] = [];
  const { tokens } = post;
  for (let i = 0; i < tokens.length; i++) {
    const span = verbGroupAt(post, i);
    if (span) found.push(span);
  }
  for (const re of [PAST_DEEDS, ON_IT_RE, UNDER_WAY, PRESENT]) {
    found.push(...spansOf(re, plain, post.tokens).filter((s) => !negatedAt(post, s.start)));
  }
  if (final) found.push(...spansOf(FOLLOW_UP_RE, plain, post.tokens));
  return found.sort((a, b) => a.start - b.start);
}

/** An action whose auxiliary (or clause-initial gerund) is token `i`, as the span quoted for it. */
function verbGroupAt(post: PostText, i: number): Span | undefined {
  const { tokens } = post;
  const t = tokens[i];
  const quote = (from: number, verb: number): Span => {
    let last = verb;
    // Up to five words on, within the clause and not past "and" / "but".
    while (last + 1 < tokens.length && last < verb + 5 && tokens[last + 1].clause === t.clause && !CLAUSE_JOINERS.has(tokens[last + 1].w)) last++;
    return { start: tokens[from].start, end: tokens[last].end };
  };
  // A clause that starts with a doing word: "Rolling back the release." (not a one-word label).
  const clauseFirst = i === 0 || tokens[i - 1].clause !== t.clause;
  if (clauseFirst && isGerund(t.w) && !ING_NOUNS.has(t.w) && tokens[i + 1]?.clause === t.clause && doing(tokens, i)) return quote(i, i);

  // "The affected tills were removed", "all tokens were revoked": done, by us, to a thing.
  if ((t.w === 'was' || t.w === 'were') && tokens[i + 1]?.clause === t.clause) {
    let p = i + 1;
    while (p < tokens.length && tokens[p].clause === t.clause && ADVERBS.has(tokens[p].w)) p++;
    if (tokens[p] && tokens[p].clause === t.clause && DEED_WORDS.has(tokens[p].w) && subjectOf(tokens, i) === 'thing') return quote(Math.max(0, i - 1), p);
  }
  const aux = t.w;
  const kind = PROGRESSIVE.has(aux) ? 'progressive' : PERFECT.has(aux) ? 'perfect' : FUTURE.has(aux) ? 'future'
    : INTENT.has(aux) && tokens[i + 1]?.w === 'to' ? 'intent' : undefined;
  if (!kind) return undefined;
  let v = i + 1;
  while (v < tokens.length && tokens[v].clause === t.clause && ADVERBS.has(tokens[v].w)) v++;
  // "We're double-checking", "we are re-running": the hyphenated word's last part is the verb.
  while (tokens[v + 1] && tokens[v + 1].clause === t.clause && post.text.slice(tokens[v].end, tokens[v + 1].start) === '-') v++;
  const verb = tokens[v];
  if (!verb || verb.clause !== t.clause || isNegator(verb.w)) return undefined;
  const subject = subjectOf(tokens, i);
  if (kind === 'progressive') {
    // "…is being deployed": passive, so the doer is us whoever the subject is (unless it is a person).
    if (verb.w === 'being' && tokens[v + 1] && isParticiple(tokens[v + 1].w) && !PASSIVE_DEEDS_EXCLUDED.has(tokens[v + 1].w)) {
      return subject === 'person' ? undefined : quote(subject === 'none' ? i : i - 1, v + 1);
    }
    if (subject !== 'us' || !isGerund(verb.w) || !doing(tokens, v)) return undefined;
    return quote(subjectStart(tokens, i), v);
  }
  if (kind === 'perfect') {
    if (verb.w === 'been') {
      const next = tokens[v + 1];
      if (!next || next.clause !== t.clause) return undefined;
      if (isGerund(next.w) && subject === 'us' && doing(tokens, v + 1)) return quote(subjectStart(tokens, i), v + 1);
      // "The integration has been disabled": done to something, by us.
      const deed = isParticiple(next.w) && !PASSIVE_DEEDS_EXCLUDED.has(next.w) && !OUTCOMES.has(next.w);
      return deed && subject === 'thing' ? quote(i - 1, v + 1) : undefined;
    }
    if (subject !== 'us' || !isParticiple(verb.w) || NOT_DEEDS.has(verb.w)) return undefined;
    return quote(subjectStart(tokens, i), v);
  }
  if (subject !== 'us') return undefined;
  // "We will be contacting…", "we'll restore…"; telling customers is the next update, not an action.
  if (verb.w === 'be') {
    const next = tokens[v + 1];
    return next && next.clause === t.clause && isGerund(next.w) && doing(tokens, v + 1) ? quote(subjectStart(tokens, i), v + 1) : undefined;
  }
  // "We will continue to work with…", "we need to move…": the verb after "to" decides.
  const leads = kind === 'intent' ? v : FUTURE_LEADS.has(verb.w) && tokens[v + 1]?.w === 'to' ? v + 1 : -1;
  const main = leads >= 0 ? tokens[leads + 1] : verb;
  if (!main || main.clause !== t.clause || isNegator(main.w) || TELLING.has(main.w) || main.w === 'see') return undefined;
  if (leads < 0 && FUTURE_LEADS.has(verb.w)) return undefined;
  return quote(subjectStart(tokens, i), leads >= 0 ? leads + 1 : v);
}

/** Whether the "-ing" word at `v` is doing something: "looking into" yes, "seeing" no, "going to restore" yes. */
function doing(tokens: Token[], v: number): boolean {
  const w = tokens[v].w;
  const onward = READ_ON.get(w);
  if (onward) {
    const next = tokens[v + 1];
    if (!next || next.clause !== tokens[v].clause) return false;
    // "continuing the investigation" acts; "continuing to see errors" does not.
    if (onward === 'object' && next.w !== 'to') return true;
    if (onward !== 'object' && !onward.includes(next.w)) return false;
    if (next.w !== 'to') return true;
    const after = tokens[v + 2];
    return Boolean(after && after.clause === tokens[v].clause && !TELLING.has(after.w) && !isNegator(after.w) && after.w !== 'see');
  }
  return !NOT_ACTIONS.has(w);
}

/**
 * Who the verb group at `aux` belongs to: 'us' (we, our team), a 'person' (customers, a vendor's engineer),
 * a 'thing' ("the fix"), or 'none' (the clause starts with the auxiliary and no earlier subject is ours).
 */
function subjectOf(tokens: Token[], aux: number): 'us' | 'person' | 'thing' | 'none' {
  const w = tokens[aux].w;
  if (w === "we're" || w === "we've" || w === "we'll" || w === "i'm" || w === "i've" || w === "i'll") return 'us';
  let j = aux - 1;
  while (j >= 0 && tokens[j].sentence === tokens[aux].sentence && ADVERBS.has(tokens[j].w)) j--;
  const s = tokens[j];
  if (!s || s.sentence !== tokens[aux].sentence) return 'none';
  if (s.w === 'we' || s.w === 'i') return 'us';
  if (TEAM_WORDS.has(s.w)) return teamIsOurs(tokens, j) ? 'us' : 'person';
  if (PERSONISH.has(s.w) || s.w.endsWith("'s")) return 'person';
  // An elided subject ("We know what is wrong and are working on it") is the sentence's last "we" before it.
  if (['and', 'but', 'then', 'so', 'or'].includes(s.w)) {
    for (let k = j - 1; k >= 0 && tokens[k].sentence === s.sentence; k--) {
      if (tokens[k].w === 'we' || tokens[k].w.startsWith("we'")) return 'us';
      if (PERSONISH.has(tokens[k].w) || ['it', 'this', 'they', 'vendor', 'provider', 'partner', 'supplier'].includes(tokens[k].w)) return 'none';
    }
    return 'none';
  }
  return s.clause === tokens[aux].clause ? 'thing' : 'none';
}

/** "our team", "the on-call team", "our engineers" — but not "their team" or "the vendor's engineers". */
function teamIsOurs(tokens: Token[], j: number): boolean {
  for (let k = j - 1; k >= Math.max(0, j - 3) && tokens[k].clause === tokens[j].clause; k--) {
    const w = tokens[k].w;
    if (w === 'our' || w === 'we') return true;
    if (w === 'their' || w.endsWith("'s") || w === 'vendor' || w === 'provider' || w === 'partner') return false;
    if (w === 'the') return true;
  }
  return tokens[j].w === 'engineers' || tokens[j].w === 'engineering';
}

/** Where to start quoting a verb group: at its subject ("our engineers", "we"). */
function subjectStart(tokens: Token[], aux: number): number {
  if (tokens[aux].w.includes("'")) return aux;
  let j = aux - 1;
  while (j > 0 && ADVERBS.has(tokens[j].w)) j--;
  if (j >= 0 && CLAUSE_JOINERS.has(tokens[j].w)) return aux;
  if (j >= 0 && TEAM_WORDS.has(tokens[j].w) && j > 0 && ['our', 'the'].includes(tokens[j - 1].w)) return j - 1;
  return j >= 0 && tokens[j].clause === tokens[aux].clause ? j : aux;
}
