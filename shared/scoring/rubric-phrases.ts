/**
 * The rubric's phrase compiler: turns the phrase lists of `./rubric-words` into regular expressions for
 * normalised (lower-cased) post text. Each list becomes ONE alternation, so scoring a post runs a few dozen
 * regexes, not hundreds; every quantifier is bounded and every alternative starts at a word boundary, so no
 * input can make a pattern backtrack badly.
 *
 * Phrase syntax (see `./rubric-words` for the lists):
 * - words match whole; a space matches any run of whitespace or hyphens ("third party" finds "third-party");
 * - forms listed together in {@link EQUIVALENT_FORMS} match each other ("we are" finds "we're");
 * - `{gap}` is up to four words inside one clause (never across punctuation or a {@link GAP_STOP_WORDS} word);
 * - `{when}` is a time or interval ("in 30 minutes", "by 14:30 UTC", "every hour"), `{deadline}` its
 *   "in / within / by" part, `{clock}` a bare clock time ("3pm", "14:30 UTC").
 */
import { EQUIVALENT_FORMS, GAP_STOP_WORDS, TIME_WORDS } from './rubric-words';

// Plain character classes, not \p{L}: V8 compiles Unicode-property classes noticeably slower, and the
// phrases are English. Text is lower-cased before matching, so no 'i' flag is needed either.
export const LETTER = 'a-z0-9\\u00c0-\\u024f';
export const SEP = '[\\s-]+';
const WORD = `[${LETTER}']+`;
export const BOUNDARY_BEFORE = `(?<![${LETTER}'])`;
export const BOUNDARY_AFTER = `(?![${LETTER}])`;
export const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const words = (phrase: string): string[] => phrase.trim().toLowerCase().split(/[\s-]+/);
const literal = (phrase: string): string => words(phrase).map(escapeRegex).join(SEP);
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
const SHORT_GAP = `(?:(?!${anyOf(GAP_STOP_WORDS)}${BOUNDARY_AFTER})${WORD}${SEP}){0,2}`;
const PLACEHOLDERS: Record<string, string> = {
  '{gap}': GAP, '{gap2}': SHORT_GAP, '{when}': WHEN, '{deadline}': DEADLINE, '{clock}': CLOCK,
};

/** If an equivalent form (we are / we're) starts at `tokens[i]`, the alternation of all its forms. */
function equivalent(tokens: string[], i: number): [string, number] | undefined {
  for (const group of EQUIVALENT_FORMS) {
    for (const form of group) {
      const formTokens = words(form);
      if (formTokens.every((t, k) => tokens[i + k] === t)) return [`(?:${group.map(literal).join('|')})`, formTokens.length];
    }
  }
  return undefined;
}

/** The regex source of one phrase, without word boundaries. */
export function phraseSource(phrase: string): string {
  const tokens = words(phrase);
  let src = '';
  for (let i = 0; i < tokens.length;) {
    const [piece, used]: [string, number] = equivalent(tokens, i) ?? [PLACEHOLDERS[tokens[i]] ?? escapeRegex(tokens[i]), 1];
    src += piece;
    i += used;
    // Gaps carry their own trailing separator.
    if (i < tokens.length && tokens[i - 1] !== '{gap}' && tokens[i - 1] !== '{gap2}') src += SEP;
  }
  return src;
}

/** Any one phrase of a list, longest first so that the fullest wording is quoted. */
export const onePhraseOf = (phrases: readonly string[]): string =>
  `(?:${phrases.filter((p) => p.trim()).sort((a, b) => b.length - a.length).map(phraseSource).join('|')})`;

/** A whole-word, global regex from a source. */
export const whole = (src: string): RegExp => new RegExp(`${BOUNDARY_BEFORE}${src}${BOUNDARY_AFTER}`, 'g');

/** One regex matching any phrase of the lists, whole words only; `undefined` for no phrases. */
export function phrases(...lists: (readonly string[])[]): RegExp | undefined {
  const all = lists.flat().filter((p) => p.trim());
  return all.length ? whole(onePhraseOf(all)) : undefined;
}

/** One regex for one phrase of each list in turn, as separate words ("we" then "restored"). */
export const sequence = (...lists: (readonly string[])[]): RegExp => whole(lists.map(onePhraseOf).join(SEP));

/**
 * A regex for terms written by a scenario author ("orders-db", "PartnerDB console", "meta-*", "kill -9"):
 * matched literally and case-insensitively, whitespace-tolerant, and whole-word only where the term starts
 * or ends with a letter or digit.
 */
export function literalTerms(terms: readonly string[]): RegExp | undefined {
  const sources = [...new Set(terms.map((t) => t.trim().toLowerCase()).filter(Boolean))]
    .sort((a, b) => b.length - a.length)
    .map((term) => {
      const body = term.split(/\s+/).map(escapeRegex).join('\\s+');
      const before = /^[a-z0-9\u00c0-\u024f]/.test(term) ? BOUNDARY_BEFORE : '';
      const after = /[a-z0-9\u00c0-\u024f]$/.test(term) ? BOUNDARY_AFTER : '';
      return `${before}${body}${after}`;
    });
  return sources.length ? new RegExp(`(?:${sources.join('|')})`, 'g') : undefined;
}

/** A span of the normalised text: `[start, end)`. */
export interface Span { start: number; end: number }

/** Every match of `re` in `norm` as a span (empty matches skipped). */
export function spansOf(re: RegExp | undefined, norm: string): Span[] {
  if (!re) return [];
  const out: Span[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(norm); m; m = re.exec(norm)) {
    if (m[0].length === 0) { re.lastIndex++; continue; }
    out.push({ start: m.index, end: m.index + m[0].length });
  }
  return out;
}
