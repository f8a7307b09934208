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

/** An equivalent form as words, with its group: the forms it matches and their alternation. */
type Form = { tokens: string[]; group: string[][]; source: string };

/**
 * Every equivalent form by its first word, in the order of {@link EQUIVALENT_FORMS} (group by group, form by
 * form): the first form that fits at a position is the one the lists' order picks. Built once, so compiling the
 * rubric's phrase lists looks up the forms that can start at a word instead of trying them all.
 */
const FORMS_BY_FIRST_WORD = new Map<string, Form[]>();
for (const group of EQUIVALENT_FORMS) {
  const shared = { group: group.map(words), source: `(?:${group.map(literal).join('|')})` };
  for (const form of group) {
    const tokens = words(form);
    const list = FORMS_BY_FIRST_WORD.get(tokens[0]);
    if (list) list.push({ tokens, ...shared });
    else FORMS_BY_FIRST_WORD.set(tokens[0], [{ tokens, ...shared }]);
  }
}

/** The equivalent form (we are / we're) that starts at `tokens[i]`, if any. */
const formAt = (tokens: string[], i: number): Form | undefined =>
  FORMS_BY_FIRST_WORD.get(tokens[i])?.find((form) => form.tokens.every((t, k) => tokens[i + k] === t));

/** The regex source of one phrase, without word boundaries. */
export function phraseSource(phrase: string): string {
  const tokens = words(phrase);
  let src = '';
  for (let i = 0; i < tokens.length;) {
    const form = formAt(tokens, i);
    src += form?.source ?? PLACEHOLDERS[tokens[i]] ?? escapeRegex(tokens[i]);
    i += form?.tokens.length ?? 1;
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

/** A word of the post, as the post reader (`./rubric-text`) gives it: `pair` is it and the next word, `base` it without "'s". */
type Word = { w: string; start: number; end: number; pair?: string; base?: string };

const WORD_OF = /[a-z0-9\u00c0-\u024f]+(?:'[a-z]+)?/;

/** Every way a phrase can be written, as words: "we are sorry" is also "we're sorry". */
function spellings(phrase: string): string[][] {
  let out: string[][] = [[]];
  const tokens = words(phrase);
  for (let i = 0; i < tokens.length;) {
    const form = formAt(tokens, i);
    const options = form?.group ?? [[tokens[i]]];
    out = out.flatMap((prefix) => options.map((o) => [...prefix, ...o]));
    i += form?.tokens.length ?? 1;
  }
  return out;
}

/**
 * The keys a phrase is looked up by in a post: its first two words ("next update"), or its first word alone
 * when it has one word or the second is a placeholder or not a plain word.
 */
function keysOf(phrase: string): string[] {
  return [...new Set(spellings(phrase).map((ws) => {
    const first = WORD_OF.exec(ws[0])?.[0] ?? ws[0];
    const second = ws[1] !== undefined ? WORD_OF.exec(ws[1])?.[0] : undefined;
    return second && second === ws[1] && first === ws[0] ? `${first} ${second}` : first;
  }))];
}

/** Every phrase index's regexes by key, so a post's words are looked up once for all indexes. */
const BY_KEY = new Map<string, { index: PhraseIndex; re: RegExp }[]>();
/** Per post (its word list): for each index, the regexes to try at each word, in order. */
const CANDIDATES = new WeakMap<readonly Word[], Map<PhraseIndex, { i: number; res: RegExp[] }[]>>();

/**
 * Indexes made but not yet in {@link BY_KEY}: the lists are compiled when the first post is read, not when the
 * module loads, so that a server (or a command) that scores nothing does not pay for them at its start.
 */
const UNBUILT: { index: PhraseIndex; list: readonly string[]; rest: string }[] = [];

function buildIndexes(): void {
  for (const { index, list, rest } of UNBUILT.splice(0)) {
    const groups = new Map<string, string[]>();
    for (const phrase of list.filter((p) => p.trim())) {
      for (const key of keysOf(phrase)) groups.set(key, [...(groups.get(key) ?? []), phrase]);
    }
    for (const [key, phrases] of groups) {
      const re = new RegExp(`${onePhraseOf(phrases)}${rest}${BOUNDARY_AFTER}`, 'y');
      BY_KEY.set(key, [...(BY_KEY.get(key) ?? []), { index, re }]);
    }
  }
}

function candidatesOf(tokens: readonly Word[]): Map<PhraseIndex, { i: number; res: RegExp[] }[]> {
  let found = CANDIDATES.get(tokens);
  if (found) return found;
  if (UNBUILT.length) buildIndexes();
  found = new Map();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // Longest first: the two-word key ("next update") before the word alone, "vendor" in "vendor's" last.
    for (const key of [t.pair, t.w, t.base]) {
      if (key === undefined) continue;
      for (const { index, re } of BY_KEY.get(key) ?? []) {
        let list = found.get(index);
        if (!list) found.set(index, (list = []));
        const last = list[list.length - 1];
        if (last?.i === i) last.res.push(re);
        else list.push({ i, res: [re] });
      }
    }
  }
  CANDIDATES.set(tokens, found);
  return found;
}

/**
 * A phrase list compiled for speed: one sticky regex per first word (or first two words), tried only where
 * the post has those words. A post's words are looked up once for every index (see {@link candidatesOf}),
 * so a post is read in time proportional to its words, whatever the size and number of the lists. `rest`
 * is a regex source that must follow the phrase (for composed lists: "due to" + gap + party). The regexes
 * are made when the first post is read ({@link buildIndexes}).
 */
export class PhraseIndex {
  constructor(list: readonly string[], rest = '') {
    UNBUILT.push({ index: this, list, rest });
  }

  /** Non-overlapping matches in `text` (the post's normalised text, or a same-length variant), left to right. */
  find(text: string, tokens: readonly Word[]): Span[] {
    const out: Span[] = [];
    let from = 0;
    for (const { i, res } of candidatesOf(tokens).get(this) ?? []) {
      const start = tokens[i].start;
      if (start < from) continue;
      for (const re of res) {
        re.lastIndex = start;
        const m = re.exec(text);
        if (m && m[0].length > 0) {
          out.push({ start, end: start + m[0].length });
          from = start + m[0].length;
          break;
        }
      }
    }
    return out;
  }
}

/** A time expression of one kind, tried only at the words it can start with. */
class TimeIndex {
  private readonly re: RegExp;
  constructor(source: string, private readonly starters: ReadonlySet<string>) {
    this.re = new RegExp(`${source}${BOUNDARY_AFTER}`, 'y');
  }

  /** token index → end offset of the time expression starting there. */
  ends(text: string, tokens: readonly Word[]): Map<number, number> {
    const out = new Map<number, number>();
    tokens.forEach((t, i) => {
      if (!this.starters.has(t.w) && !/^\d/.test(t.w)) return;
      this.re.lastIndex = t.start;
      const m = this.re.exec(text);
      if (m) out.set(i, t.start + m[0].length);
    });
    return out;
  }
}

const DEADLINE_STARTS = ['in', 'within', 'over', 'by', 'before', 'until', 'no', 'on'];
const TIMES = {
  deadline: new TimeIndex(DEADLINE, new Set(DEADLINE_STARTS)),
  when: new TimeIndex(WHEN, new Set([...DEADLINE_STARTS, 'at', 'around', 'every', 'each', 'hourly'])),
  clock: new TimeIndex(CLOCK, new Set(['noon', 'midday', 'midnight'])),
};
type TimeKind = keyof typeof TIMES;
const TIMED = /^(.*?)\s*(\{gap2?\})?\s*\{(when|deadline|clock)\}$/;

/**
 * A phrase list whose phrases end in a time ("next update {gap} {when}", "fixed {gap} {deadline}"). Matched
 * as a head ("next update") followed, within the gap, by a time found once per post — not one large regex
 * per phrase, which would try every time expression after every head word.
 */
export class TimedIndex {
  private readonly groups: { heads: PhraseIndex; time: TimeKind; gap: number }[] = [];

  constructor(list: readonly string[]) {
    const byKey = new Map<string, string[]>();
    for (const phrase of list) {
      const m = TIMED.exec(phrase.trim());
      if (!m) throw new Error(`timed phrase without a time: ${phrase}`);
      const key = `${m[3]}|${m[2] === '{gap}' ? 4 : m[2] === '{gap2}' ? 2 : 0}`;
      byKey.set(key, [...(byKey.get(key) ?? []), m[1]]);
    }
    for (const [key, heads] of byKey) {
      const [time, gap] = key.split('|');
      this.groups.push({ heads: new PhraseIndex(heads), time: time as TimeKind, gap: Number(gap) });
    }
  }

  find(text: string, tokens: readonly Word[]): Span[] {
    const times = new Map<TimeKind, Map<number, number>>();
    const found: Span[] = [];
    for (const group of this.groups) {
      let ends = times.get(group.time);
      if (!ends) times.set(group.time, (ends = TIMES[group.time].ends(text, tokens)));
      if (ends.size === 0) continue;
      for (const head of group.heads.find(text, tokens)) {
        let i = tokens.findIndex((t) => t.start >= head.end);
        for (let k = 0; i >= 0 && i < tokens.length && k <= group.gap; k++, i++) {
          const end = ends.get(i);
          if (end !== undefined) {
            found.push({ start: head.start, end });
            break;
          }
          // The gap is words of one clause: no stop word, no punctuation (but "Next update: 19:30").
          const between = text.slice(k === 0 ? head.end : tokens[i - 1].end, tokens[i].start);
          if (GAP_STOP_WORDS.includes(tokens[i].w) || !(k === 0 ? /^(?:[\s-]+|:\s*)$/ : /^[\s-]+$/).test(between)) break;
        }
      }
    }
    const out: Span[] = [];
    for (const span of found.sort((a, b) => a.start - b.start || b.end - a.end)) {
      if (out.length === 0 || span.start >= out[out.length - 1].end) out.push(span);
    }
    return out;
  }
}

/** Whether a phrase ends in a time placeholder (and belongs in a {@link TimedIndex}). */
export const isTimed = (phrase: string): boolean => TIMED.test(phrase.trim());

/** A phrase list as an index; `undefined` for no phrases. */
export function phrases(...lists: (readonly string[])[]): PhraseIndex | undefined {
  const all = lists.flat().filter((p) => p.trim());
  return all.length ? new PhraseIndex(all) : undefined;
}

/** One phrase of each list in turn, as separate words ("we" then "restored"). */
export const sequence = (first: readonly string[], ...rest: (readonly string[])[]): PhraseIndex =>
  new PhraseIndex(first, rest.map((list) => `${SEP}${onePhraseOf(list)}`).join(''));

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

/** Anything the rubric matches with: a phrase index, a timed phrase index or a plain global regex. */
export type Matcher = PhraseIndex | TimedIndex | RegExp;

/**
 * Every match of `m` in `text` as a span (empty matches skipped). `tokens` are the post's words, which a
 * phrase index needs; `text` is the normalised post or a same-length variant of it.
 */
export function spansOf(m: Matcher | undefined, text: string, tokens: readonly { w: string; start: number; end: number }[] = []): Span[] {
  if (!m) return [];
  if (m instanceof PhraseIndex || m instanceof TimedIndex) return m.find(text, tokens);
  const out: Span[] = [];
  m.lastIndex = 0;
  for (let r = m.exec(text); r; r = m.exec(text)) {
    if (r[0].length === 0) { m.lastIndex++; continue; }
    out.push({ start: r.index, end: r.index + r[0].length });
  }
  return out;
}
