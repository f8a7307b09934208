/**
 * The mistakes a post can make: shifting blame onto a third party, blaming a person, over-promising and
 * false reassurance. Each finder returns the spans that make the mistake. Hedging does not excuse a
 * mistake ("likely human error", "should be back within the hour"); a negation only does when it governs
 * the words in its own clause ("this was not human error"), and a withdrawn promise is no promise ("we
 * cannot promise it will never happen again").
 */
import { isTimed, onePhraseOf, PhraseIndex, phraseSource, phrases, sequence, spansOf, SEP, TimedIndex, type Span } from './rubric-phrases';
import { isNegator, negatedAt, tokenAt, wordsAfter, wordsBefore, type PostText } from './rubric-text';
import { CUSTOMER_WORDS } from './rubric-words';
import {
  BLAME, BLAME_CAUSES, BLAME_OWN_THINGS, BLAME_PARTIES, BLAME_QUALIFIERS, BLAME_TROUBLES, BLAME_VERDICTS,
  CONTEXT_BEFORE_MAINTENANCE, DISCLAIMERS, FIX_ETAS, GUARANTEES, HUMAN_ERROR, MISTAKES, NEVER_AGAIN,
  OPEN_INCIDENT_REASSURANCE, PAST_MARKERS, PERSON_NOUNS, PERSONS, POSSESSED_FAULTS, PUNISHMENT, REASSURANCE,
  THEIR_PLACES,
} from './rubric-words-mistakes';

const GAP = phraseSource('{gap}');

/**
 * "due to" + up to four words ("an outage at our") + up to three qualifiers ("upstream cloud") + a party
 * ("vendor"), unless the party is followed by something of ours ("provider integration").
 */
const BLAME_CAUSED: PhraseIndex = (() => {
  const qualifier = onePhraseOf(BLAME_QUALIFIERS);
  const party = onePhraseOf(BLAME_PARTIES);
  const ours = `(?!(?:${SEP}(?:${qualifier}|${party}))*${SEP}${onePhraseOf(BLAME_OWN_THINGS)}(?![a-z]))`;
  return new PhraseIndex(BLAME_CAUSES, `${SEP}${GAP}(?:${qualifier}${SEP}){0,3}${party}${ours}`);
})();
const BLAME_SAID = phrases(BLAME);
const THEIR_TROUBLE = sequence(BLAME_TROUBLES, THEIR_PLACES);
const PERSON_NOUN = new Set(PERSON_NOUNS);
const BLAME_VERDICT = sequence(BLAME_PARTIES, BLAME_VERDICTS);
/** "due to a security incident at Cinder": a trouble AT a named party (checked for a capital in the text). */
const TROUBLE_AT = new PhraseIndex(BLAME_CAUSES, `${SEP}${GAP}${onePhraseOf(BLAME_TROUBLES)}${SEP}${onePhraseOf(['at', 'with', 'from', 'in', 'on the side of'])}${SEP}[a-z0-9]+`);
/** "PartnerDB is to blame": a verdict after a capitalised name. */
const VERDICTS = phrases(BLAME_VERDICTS.filter((v) => !v.startsWith('caused')));
const FAULTS = new Set(POSSESSED_FAULTS);

const NOT_OTHERS = new Set(['our', 'we', 'my', 'it', 'one', 'nobody', 'anybody', 'anyone', 'no', 'everyone', 'this', 'that', 'what', 'who', 'there', 'here', 'let']);
const OWN_SUBJECTS = new Set(['we', 'our', 'us', 'i', 'this', 'it', 'that', 'nobody', 'no', 'one', 'who', 'which', 'what', 'there', 'everyone', 'everybody', 'each', 'team', 'nothing']);

/**
 * Blame shifted onto a vendor, provider, partner or any named third party. `plain` is the text with the
 * scenario's internal terms blanked, so "a problem with Vault" (our own system) names no third party.
 */
export function findBlame(post: PostText, plain: string): Span[] {
  const { norm, text } = post;
  const found: Span[] = [
    ...spansOf(BLAME_SAID, norm, post.tokens), ...spansOf(BLAME_CAUSED, norm, post.tokens),
    ...spansOf(BLAME_VERDICT, norm, post.tokens), ...spansOf(THEIR_TROUBLE, norm, post.tokens),
  ];
  // "the vendor's fault", "Tillcraft's mistake", "PartnerDB's side": anyone's but ours.
  post.tokens.forEach((t, i) => {
    const next = post.tokens[i + 1];
    if (t.w.endsWith("'s") && next && next.clause === t.clause && FAULTS.has(next.w) && !NOT_OTHERS.has(t.w.slice(0, -2))) {
      found.push({ start: t.start, end: next.end });
    }
  });
  for (const s of spansOf(TROUBLE_AT, plain, post.tokens)) {
    // The named party is the last word: it must be written with a capital ("Cinder", "PostPilot").
    const lastWord = /[a-z0-9]+$/.exec(plain.slice(s.start, s.end));
    const at = s.end - (lastWord?.[0].length ?? 0);
    if (/^[A-Z]/.test(text.slice(at, s.end)) && !wordsBefore(post, at, 1).includes('our')) found.push(s);
  }
  for (const s of spansOf(VERDICTS, norm, post.tokens)) {
    const i = tokenAt(post, s.start);
    const name = post.tokens[i - 1];
    if (name && name.clause === post.tokens[i].clause && /^[A-Z]/.test(text.slice(name.start, name.end)) && !OWN_SUBJECTS.has(name.w)) {
      found.push({ start: name.start, end: s.end });
    }
  }
  return found.filter((s) => !negatedAt(post, s.start) && !deniedAfter(post, s.end));
}

/** "Human error was NOT the cause", "the vendor is not to blame": a denial right after the words. */
function deniedAfter(post: PostText, end: number): boolean {
  const next = wordsAfter(post, end, 4);
  const k = next.findIndex((w) => isNegator(w));
  return k >= 0 && k <= 1 && next.slice(k + 1).some((w) => ['the', 'cause', 'blame', 'fault', 'responsible', 'involved', 'factor', 'reason', 'to'].includes(w));
}

const HUMAN = phrases(HUMAN_ERROR);
// "Theo, one of our engineers, accidentally…": an appositive's comma may stand between the person and the deed.
const PERSON_MISTAKE = new PhraseIndex(PERSONS, `(?:,?${SEP})${GAP}${onePhraseOf(MISTAKES)}`);
const PUNISH = phrases(PUNISHMENT);
const MISTAKE_WORDS = phrases(MISTAKES);
const NOT_NAMES = new Set([
  ...CUSTOMER_WORDS.filter((w) => !w.includes(' ')), ...PERSONS.filter((w) => !w.includes(' ')),
  'we', 'our', 'the', 'this', 'that', 'it', 'they', 'you', 'your', 'a', 'an', 'i', 'some', 'no', 'all', 'nobody', 'someone',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march',
  'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'update', 'resolved',
  'investigating', 'identified', 'monitoring', 'earlier', 'today', 'tonight', 'yesterday', 'nothing', 'everything',
]);

/** Blaming a person: "human error", "an engineer typed the wrong command", "Leo mistyped", "has been let go". */
export function findPersonBlame(post: PostText): Span[] {
  const { norm, text } = post;
  const found: Span[] = [...spansOf(HUMAN, norm, post.tokens), ...spansOf(PERSON_MISTAKE, norm, post.tokens), ...spansOf(PUNISH, norm, post.tokens)];
  // Someone else's person: "Northgate's technician removed the wrong switch".
  const mistakes = spansOf(MISTAKE_WORDS, norm, post.tokens);
  post.tokens.forEach((t, i) => {
    const person = post.tokens[i + 1];
    if (!t.w.endsWith("'s") || NOT_NAMES.has(t.w.slice(0, -2)) || !person || person.clause !== t.clause || !PERSON_NOUN.has(person.w)) return;
    const deed = mistakes.find((m) => m.start > person.start && tokenAt(post, m.start) - (i + 1) <= 6 && post.tokens[tokenAt(post, m.start)].clause === t.clause);
    if (deed) found.push({ start: t.start, end: deed.end });
  });
  // A name right before a mistake: "Leo typed meta-* instead of meter-*", "Theo accidentally ran…".
  for (const s of mistakes) {
    const i = tokenAt(post, s.start);
    const name = post.tokens[i - 1];
    if (!name || name.clause !== post.tokens[i]?.clause || NOT_NAMES.has(name.w) || name.upper) continue;
    if (/^[A-Z][a-z]+$/.test(text.slice(name.start, name.end))) found.push({ start: name.start, end: s.end });
  }
  return found.filter((s) => !negatedAt(post, s.start) && !deniedAfter(post, s.end));
}

const NEVER = phrases(NEVER_AGAIN);
const GUARANTEE = phrases(GUARANTEES);
const ETA = new TimedIndex(FIX_ETAS.filter(isTimed));
const ETA_WORDS = phrases(FIX_ETAS.filter((p) => !isTimed(p)));

/**
 * A promise withdrawn before it is made: a negated disclaimer ("cannot promise", "won't give", "don't know")
 * earlier in the sentence.
 */
function disclaimed(post: PostText, start: number): boolean {
  const before = wordsBefore(post, start, 10);
  return before.some((w, k) => DISCLAIMERS.has(w) && before.slice(k + 1, k + 4).some(isNegator));
}

/** Over-promising: "this will never happen again", "we guarantee", a time for the fix. */
export function findOverPromise(post: PostText): Span[] {
  const { norm } = post;
  const never = spansOf(NEVER, norm, post.tokens).filter((s) => !disclaimed(post, s.start));
  const guarantees = spansOf(GUARANTEE, norm, post.tokens).filter((s) => !negatedAt(post, s.start) && !disclaimed(post, s.start));
  // "was resolved within 20 minutes" reports the past; "we don't have an ETA for the fix" promises nothing.
  const etas = [...spansOf(ETA, norm, post.tokens), ...spansOf(ETA_WORDS, norm, post.tokens)].filter((s) => !negatedAt(post, s.start) && !disclaimed(post, s.start)
    && !wordsBefore(post, s.start, 1).some((w) => PAST_MARKERS.has(w)));
  return [...never, ...guarantees, ...etas];
}

const REASSURE = phrases(REASSURANCE);
const OPEN_REASSURE = phrases(OPEN_INCIDENT_REASSURANCE);

/**
 * "We are performing planned maintenance" dresses the incident up; "during planned maintenance, a switch was
 * removed" and "a routine maintenance command" only say when or how it began.
 */
function coverStory(post: PostText, s: Span): boolean {
  if (wordsBefore(post, s.start, 2).some((w) => CONTEXT_BEFORE_MAINTENANCE.has(w))) return false;
  const next = wordsAfter(post, s.end, 1)[0];
  return next === undefined || COVER_NEXT.has(next);
}
const COVER_NEXT = new Set(['issue', 'issues', 'work', 'works', 'activity', 'period', 'window', 'is', 'was', 'will', 'and', 'which', 'that', 'on', 'to', 'for', 'of', 'at', 'this', 'today', 'tonight', 'now', 'currently']);

/**
 * False reassurance: "nothing to worry about", "completely safe", "no customers were affected", a cover
 * story ("a planned systems upgrade"); and, while the incident is open, "all systems operational".
 * "During planned maintenance, a switch was removed" is context, not a cover story.
 */
export function findReassurance(post: PostText, open: boolean): Span[] {
  const { norm } = post;
  const found = spansOf(REASSURE, norm, post.tokens).filter((s) => {
    const said = norm.slice(s.start, s.end);
    if (/maintenance|upgrade/.test(said) && !coverStory(post, s)) return false;
    return !negatedAt(post, s.start) && !disclaimed(post, s.start);
  });
  if (open) found.push(...spansOf(OPEN_REASSURE, norm, post.tokens).filter((s) => !negatedAt(post, s.start) && !disclaimed(post, s.start)));
  return found;
}
