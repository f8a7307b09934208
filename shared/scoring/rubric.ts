/**
 * The communication rubric: checks one public status-page post against what good incident comms do, and
 * names the exact words behind every point it gives or takes. Pure and browser-safe; the word lists live
 * in `./rubric-words` so tuning the rubric never touches this logic.
 */
import {
  EQUIVALENT_FORMS, GAP_STOP_WORDS, INTERNAL_HOSTS, NEGATORS, PAST_MARKERS, RUBRIC_WORDS as W, TIME_WORDS,
} from './rubric-words';

/** The four Statuspage incident phases. */
export type StatusPhase = 'investigating' | 'identified' | 'monitoring' | 'resolved';

export type RubricCheckId =
  | 'phase' | 'impact' | 'action' | 'next-update' | 'ownership'
  | 'no-blame' | 'no-human-error' | 'no-jargon' | 'no-fix-promise' | 'data-loss';

/** One rubric line: whether it applied, whether it passed, and the words that decided it. */
export interface RubricCheck {
  id: RubricCheckId;
  title: string;
  /**
   * `data-loss` applies to the final (resolved) post alone. An avoid check (`no-…`) that passes is not
   * counted in a post without substance (see {@link SUBSTANCE_CHECKS}); one that fails always counts.
   */
  applicable: boolean;
  passed: boolean;
  weight: number;
  /** The words, as written in the post, that earned or cost the point; `[]` when nothing matched. */
  evidence: string[];
  /** One plain, blameless sentence. */
  explanation: string;
}

export interface RubricResult {
  /** 0–100: the weighted share of applicable checks passed, rounded. */
  score: number;
  checks: RubricCheck[];
}

export interface RubricPost { text: string; phase?: StatusPhase; final?: boolean }

export interface RubricOptions {
  /** Extra hostnames or jargon a scenario declares (its own service names), treated like built-in jargon. */
  internalTerms?: string[];
}

/** Human titles for each check, in scoring order. */
export const RUBRIC_CHECK_TITLES: Record<RubricCheckId, string> = {
  'phase': 'Names the phase',
  'impact': 'Describes impact in user terms',
  'action': 'Says what we are doing',
  'next-update': 'Says when the next update comes',
  'ownership': 'Takes ownership or apologises',
  'no-blame': 'Does not shift blame',
  'no-human-error': 'Does not blame "human error"',
  'no-jargon': 'Avoids internal hostnames and jargon',
  'no-fix-promise': 'Does not promise a fix time',
  'data-loss': 'Says whether data was lost',
};

// --- Phrase compiler -------------------------------------------------------------------------------------

// Plain character classes, not \p{L}: V8 compiles ~300 Unicode-property regexes noticeably slower, and the
// phrases are English. Text is lower-cased before matching, so no 'i' flag is needed either.
const LETTER = 'a-z0-9\\u00c0-\\u024f';
const SEP = '[\\s-]+';
const WORD = `[${LETTER}']+`;
const BOUNDARY_BEFORE = `(?<![${LETTER}])`;
const BOUNDARY_AFTER = `(?![${LETTER}])`;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const words = (phrase: string): string[] => phrase.trim().toLowerCase().split(/[\s-]+/);
const literal = (phrase: string): string => words(phrase).map(escape).join(SEP);
const anyOf = (list: readonly string[]): string =>
  `(?:${[...list].sort((a, b) => b.length - a.length).map(literal).join('|')})`;

const NUM = `(?:\\d+(?:\\.\\d+)?\\s*|${anyOf(TIME_WORDS.numbers)}${SEP})`;
const UNIT = `${anyOf(TIME_WORDS.units)}${BOUNDARY_AFTER}`;
const MERIDIEM = '(?:[ap]m|[ap]\\.m\\.?)'; // "pm" or "p.m.", but never the full stop after "3pm."
const CLOCK = `(?:\\d{1,2}[:.]\\d{2}(?:\\s*${MERIDIEM})?|\\d{1,2}\\s*${MERIDIEM}|noon|midday|midnight)`
  + `${BOUNDARY_AFTER}(?:\\s+${anyOf(TIME_WORDS.zones)}${BOUNDARY_AFTER})?`;
const APPROX = `(?:(?:about|around|approximately|roughly)${SEP})?`;
// "by 3pm" and "within the hour" are deadlines; "at 14:05" and "every hour" only make sense for updates.
const DEADLINE = `(?:(?:in|within|over)${SEP}(?:(?:the${SEP})?next${SEP}${NUM}?${UNIT}|${APPROX}${NUM}${UNIT})`
  + `|within${SEP}the${SEP}(?:hour|day)|(?:by|before|until|${literal('no later than')})${SEP}${APPROX}${CLOCK}`
  + `|by${SEP}(?:the${SEP})?end${SEP}of${SEP}(?:the${SEP})?(?:day|today|week)|by${SEP}tomorrow`
  + `|(?:by|before|on)${SEP}(?:next${SEP})?${anyOf(TIME_WORDS.weekdays)}${BOUNDARY_AFTER})`;
const WHEN = `(?:${DEADLINE}|(?:at|around)${SEP}${APPROX}${CLOCK}|(?:every|each)${SEP}${NUM}?${UNIT}|hourly)`;
// A gap word never ends a clause, so "caused by" and "provider" must sit in the same clause.
const GAP = `(?:(?!${anyOf(GAP_STOP_WORDS)}${BOUNDARY_AFTER})${WORD}${SEP}){0,4}`;
const PLACEHOLDERS: Record<string, string> = { '{gap}': GAP, '{when}': WHEN, '{deadline}': DEADLINE, '{clock}': CLOCK };

/** If an equivalent form (we are / we're) starts at `tokens[i]`, the alternation of all its forms. */
function equivalent(tokens: string[], i: number): [string, number] | undefined {
  for (const group of EQUIVALENT_FORMS) {
    for (const form of group) {
      const formTokens = words(form);
      const matches = formTokens.every((t, k) => tokens[i + k] === t);
      if (matches) return [`(?:${group.map(literal).join('|')})`, formTokens.length];
    }
  }
  return undefined;
}

/** The regex source of one phrase of the syntax described in `./rubric-words`, without word boundaries. */
function phraseSource(phrase: string): string {
  const tokens = words(phrase);
  let src = '';
  for (let i = 0; i < tokens.length;) {
    const [piece, used]: [string, number] = equivalent(tokens, i) ?? [PLACEHOLDERS[tokens[i]] ?? escape(tokens[i]), 1];
    src += piece;
    i += used;
    if (i < tokens.length && tokens[i - 1] !== '{gap}') src += SEP; // GAP carries its own trailing separator
  }
  return src;
}

const whole = (src: string): RegExp => new RegExp(`${BOUNDARY_BEFORE}${src}${BOUNDARY_AFTER}`, 'g');

/** Compiles one phrase to a whole-word regex for lower-cased text. */
const compile = (phrase: string): RegExp => whole(phraseSource(phrase));

const compileAll = (phrases: readonly string[]): RegExp[] => phrases.filter((p) => p.trim()).map(compile);

/** Any one phrase of a list, longest first so that the fullest wording is quoted. */
const onePhraseOf = (phrases: readonly string[]): string =>
  `(?:${phrases.filter((p) => p.trim()).sort((a, b) => b.length - a.length).map(phraseSource).join('|')})`;

/**
 * One regex for a composed list: one phrase of each list in turn, as separate words ("we" then "restored").
 * A single regex instead of one per combination keeps compiling fast.
 */
const sequence = (...lists: (readonly string[])[]): RegExp => whole(lists.map(onePhraseOf).join(SEP));

/**
 * "due to" + up to four words ("an outage at our") + up to three qualifiers ("upstream cloud") + a party
 * ("vendor"), unless the party is followed by something of ours ("provider integration").
 */
const BLAME_CAUSED: RegExp = (() => {
  const qualifier = onePhraseOf(W.blameQualifiers);
  const party = onePhraseOf(W.blameParties);
  const ours = `(?!(?:${SEP}(?:${qualifier}|${party}))*${SEP}${onePhraseOf(W.blameOwnThings)}${BOUNDARY_AFTER})`;
  return whole(`${onePhraseOf(W.blameCauses)}${SEP}${GAP}(?:${qualifier}${SEP}){0,3}${party}${ours}`);
})();

const HOST_SHAPES: readonly RegExp[] = (() => {
  const seg = anyOf(INTERNAL_HOSTS.segments);
  const suffix = anyOf(INTERNAL_HOSTS.suffixes);
  const part = '[a-z0-9]+';
  return [
    new RegExp(`(?<![\\w.-])[a-z0-9][\\w-]*(?:\\.[\\w-]+)*\\.${suffix}(?:\\.[\\w-]+)*(?![\\w-])`, 'g'), // x.internal
    /(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?(?!\.?\d)/g, // IPv4, with an optional port
    /(?<![\w.-])[a-z][a-z0-9]*(?:-[a-z0-9]+)+-\d+[a-z]?(?![\w-])/g, // db-prod-03, us-east-1, ip-10-0-0-1
    new RegExp(`(?<![\\w.-])(?:(?:${part}-)+${seg}(?:-${part})*|${seg}(?:-${part})+)(?![\\w-])`, 'g'), // orders-db
  ];
})();

const PATTERNS = {
  'phase': compileAll(W.phase),
  'impact': compileAll(W.impact),
  'action': compileAll(W.action),
  // Only the final post is checked for these, on top of 'action' (see `FINAL_ACTION`).
  'action-done': [
    sequence(W.actionDone.doers, W.actionDone.deeds),
    sequence(W.actionDone.remedies, W.actionDone.auxiliaries, W.actionDone.applied),
    ...compileAll(W.actionDone.followUps),
  ],
  'next-update': compileAll(W.nextUpdate),
  'ownership': compileAll(W.ownership),
  'no-blame': [...compileAll(W.blame), BLAME_CAUSED, sequence(W.blameParties, W.blameVerdicts)],
  'no-human-error': compileAll(W.humanError),
  'no-jargon': [...compileAll(W.jargon), ...HOST_SHAPES],
  'no-fix-promise': compileAll(W.fixPromise),
  'data-loss': compileAll(W.dataLoss),
} satisfies Record<RubricCheckId | 'action-done', RegExp[]>;

// --- Matching --------------------------------------------------------------------------------------------

/**
 * Same length as the input, so match offsets index the original text: ASCII is lower-cased, curly quotes
 * become straight ones and Unicode hyphens become '-'.
 */
const normalise = (text: string): string => text
  .replace(/[A-Z]/g, (c) => c.toLowerCase())
  .replace(/[\u2018\u2019\u201B\u02BC\u2032]/g, "'")
  .replace(/[\u201C\u201D\u201E\u2033]/g, '"')
  .replace(/[\u2010\u2011]/g, '-');

/** The last `count` words before `start`, within its clause. */
function wordsBefore(norm: string, start: number, count: number): string[] {
  const clause = norm.slice(0, start).split(/[.!?;:](?=\s|$)|[—–()]/u).pop() ?? '';
  return (clause.match(/[\p{L}\p{N}']+/gu) ?? []).slice(-count);
}

/** A negator in the four words before: "not the vendor's fault", "we don't have an ETA for the fix". */
const negated = (norm: string, start: number): boolean =>
  wordsBefore(norm, start, 4).some((w) => NEGATORS.includes(w) || w.endsWith("n't"));

/** Only the word right before decides: "was resolved in 30 minutes" is history, "expect it resolved" a promise. */
const reportsPast = (norm: string, start: number): boolean =>
  wordsBefore(norm, start, 1).some((w) => PAST_MARKERS.includes(w));

/** The non-overlapping matches in `norm` (the longest wins at each start), as written in `text`, in order. */
function findEvidence(text: string, norm: string, patterns: readonly RegExp[], rule: CheckRule): string[] {
  const hits = patterns
    .flatMap((re) => [...norm.matchAll(re)].map((m) => ({ start: m.index, end: m.index + m[0].length })))
    .filter((h) => !(rule.skipNegated && negated(norm, h.start)) && !(rule.skipPast && reportsPast(norm, h.start)))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: string[] = [];
  let end = 0;
  for (const hit of hits) {
    if (hit.start < end) continue;
    end = hit.end;
    const said = text.slice(hit.start, hit.end);
    if (!kept.some((k) => k.toLowerCase() === said.toLowerCase())) kept.push(said);
  }
  return kept;
}

/** Blanks out hostnames and IPs (same length), so "orders" in `orders-db.internal` earns no impact point. */
const maskHosts = (norm: string): string =>
  HOST_SHAPES.reduce((masked, re) => masked.replace(re, (m) => ' '.repeat(m.length)), norm);

// --- Checks ----------------------------------------------------------------------------------------------

const quote = (evidence: string[]): string => evidence.map((e) => `"${e}"`).join(', ');

interface CheckRule {
  weight: number;
  /** 'earn' passes when a phrase matches; 'avoid' fails when one does. */
  mode: 'earn' | 'avoid';
  /** Skip matches that follow a negation. Off where a negated phrase still counts ("no data was lost"). */
  skipNegated?: boolean;
  /** Skip matches that report the past ("was resolved within 20 minutes"). */
  skipPast?: boolean;
  pass: (q: string) => string;
  fail: (q: string) => string;
}

/**
 * Weights: the nine checks of an ordinary update sum to 100; the final post adds data-loss (10), out of 110.
 * What customers act on — impact, action, next update — and not shifting blame weigh most. The phase and the
 * fix promise weigh least: the phase is usually in the post's header anyway, and a broken promise costs
 * trust later rather than leaving the reader stuck now.
 */
const RULES: Record<RubricCheckId, CheckRule> = {
  'phase': { weight: 5, mode: 'earn', skipNegated: true, pass: (q) => `Names the phase: ${q}.`,
    fail: () => 'Does not say whether the team is investigating, has found the cause, is monitoring or is done.' },
  'impact': { weight: 15, mode: 'earn', pass: (q) => `Describes the impact in user terms: ${q}.`,
    fail: () => 'Does not say what customers can or cannot do.' },
  'action': { weight: 15, mode: 'earn', skipNegated: true, pass: (q) => `Says what the team is doing: ${q}.`,
    fail: () => 'Does not say what the team is doing about it.' },
  'next-update': { weight: 15, mode: 'earn', pass: (q) => `Says when the next update comes: ${q}.`,
    fail: () => 'No next update time was given.' },
  'ownership': { weight: 10, mode: 'earn', skipNegated: true, pass: (q) => `Takes ownership: ${q}.`,
    fail: () => 'Neither apologises nor takes ownership.' },
  'no-blame': { weight: 15, mode: 'avoid', skipNegated: true, pass: () => 'Does not shift blame onto anyone else.',
    fail: (q) => `Blames a third party: ${q}.` },
  'no-human-error': { weight: 10, mode: 'avoid', skipNegated: true, pass: () => 'Does not blame an individual.',
    fail: (q) => `Blames a person rather than the system: ${q}.` },
  'no-jargon': { weight: 10, mode: 'avoid', pass: () => 'Uses no internal hostnames or jargon.',
    fail: (q) => `Uses internal names or jargon customers won't understand: ${q}.` },
  'no-fix-promise': { weight: 5, mode: 'avoid', skipNegated: true, skipPast: true,
    pass: () => 'Does not promise when the fix will land.',
    fail: (q) => `Promises a fix time that may not hold: ${q}.` },
  'data-loss': { weight: 10, mode: 'earn', pass: (q) => `Says whether data was lost: ${q}.`,
    fail: () => 'The final update does not say whether any data was lost.' },
};

/** In the final post, what was done ("we restored", "the fix has been deployed") counts as action. */
const FINAL_ACTION: CheckRule = {
  ...RULES.action, pass: (q) => `Says what the team did or is doing: ${q}.`,
  fail: () => 'Does not say what the team did about it.',
};

const CHECK_IDS = Object.keys(RUBRIC_CHECK_TITLES) as RubricCheckId[];

/** A post has substance when it passes at least one of these: it tells customers something they can use. */
export const SUBSTANCE_CHECKS: readonly RubricCheckId[] = ['impact', 'action', 'next-update'];

const NOT_COUNTED = 'Not counted: avoiding a mistake earns points only in a post that says the impact, what the '
  + 'team is doing or when the next update comes.';

/**
 * Scores one status-page post against the communication rubric.
 *
 * A post with no substance (see {@link SUBSTANCE_CHECKS}) gets no points for the mistakes it avoids, since
 * "ok" avoids them all; a mistake it makes still costs its points.
 *
 * @param post The post's text, plus its declared phase and whether it is the final (resolved) update.
 * @param options Scenario-specific internal terms to flag as jargon.
 * @returns A 0–100 score and, per check, whether it passed and the exact words that decided it.
 */
export function scorePost(post: RubricPost, options: RubricOptions = {}): RubricResult {
  return judge(post, compileAll(options.internalTerms ?? []));
}

/**
 * {@link scorePost} for many posts with the same options: the options' terms are compiled once, and a post
 * with the same text, phase and finality as one scored before gets that result again, the same object
 * (callers must not mutate it). A drill repeats its posts' wording often; the scorer holds every distinct
 * post it has seen, so make one per drill scored.
 */
export function postScorer(options: RubricOptions = {}): (post: RubricPost) => RubricResult {
  const extraTerms = compileAll(options.internalTerms ?? []);
  const seen = new Map<string, RubricResult>();
  return (post) => {
    const key = `${post.phase ?? ''}|${isFinal(post) ? 'final' : ''}|${post.text}`;
    let result = seen.get(key);
    if (!result) seen.set(key, (result = judge(post, extraTerms)));
    return result;
  };
}

const isFinal = (post: RubricPost): boolean => Boolean(post.final || post.phase === 'resolved');

function judge(post: RubricPost, extraTerms: readonly RegExp[]): RubricResult {
  const empty = !/[\p{L}\p{N}]/u.test(post.text);
  const final = isFinal(post);
  const norm = normalise(post.text);
  const masked = maskHosts(norm);
  const judged = CHECK_IDS.map((id): RubricCheck => {
    const finalAction = id === 'action' && final;
    const rule = finalAction ? FINAL_ACTION : RULES[id];
    const base = { id, title: RUBRIC_CHECK_TITLES[id], weight: rule.weight };
    if (id === 'data-loss' && !final) {
      return { ...base, applicable: false, passed: false, evidence: [],
        explanation: 'Only the final update needs to say whether data was lost.' };
    }
    // A blank post earns nothing; its avoid checks pass, so they are not counted below.
    if (empty && rule.mode === 'earn') {
      return { ...base, applicable: true, passed: false, evidence: [], explanation: 'The post is empty.' };
    }
    const patterns = id === 'no-jargon' ? [...PATTERNS[id], ...extraTerms]
      : finalAction ? [...PATTERNS.action, ...PATTERNS['action-done']] : PATTERNS[id];
    const evidence = id === 'phase' && post.phase
      ? [`phase: ${post.phase}`]
      : findEvidence(post.text, id === 'no-jargon' ? norm : masked, patterns, rule);
    const passed = (evidence.length > 0) === (rule.mode === 'earn');
    const explanation = passed ? rule.pass(quote(evidence)) : rule.fail(quote(evidence));
    return { ...base, applicable: true, passed, evidence, explanation };
  });
  const substance = judged.some((c) => SUBSTANCE_CHECKS.includes(c.id) && c.passed);
  const checks = judged.map((c): RubricCheck => (RULES[c.id].mode === 'avoid' && c.passed && !substance
    ? { ...c, applicable: false, passed: false, explanation: empty ? 'The post is empty.' : NOT_COUNTED }
    : c));
  const applicable = checks.filter((c) => c.applicable);
  const total = applicable.reduce((sum, c) => sum + c.weight, 0);
  const earned = applicable.filter((c) => c.passed).reduce((sum, c) => sum + c.weight, 0);
  return { score: total === 0 ? 0 : Math.round((100 * earned) / total), checks };
}
