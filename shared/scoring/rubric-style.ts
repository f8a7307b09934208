/**
 * Plain writing: a status post is read by worried customers, so it is written in sentences. This module
 * tells statements from fragments ("Impact." "Fix." "Our responsibility."), finds cue words dropped in for
 * points and repetition, and says when a post is stuffed — a post that games the rubric with its own
 * vocabulary rather than telling customers anything.
 */
import type { PostText } from './rubric-text';
import { CUE_WORDS, PHASE_WORDS, VERB_HINTS, VERBLESS_IDIOMS } from './rubric-words';

export interface Style {
  /** Per sentence: it states something (has a verb, or is a status-page idiom like "Next update 19:30"). */
  statement: boolean[];
  /** Sentences that are neither statements nor idioms. */
  fragments: number[];
  /** Sentences made only of the rubric's cue words ("Sorry." "Impact." "Our responsibility."). */
  cueFragments: number[];
  /** Sentences said twice or more, and words repeated far more than plain writing does. */
  repeated: string[];
  /** Keyword stuffing: the post's score is capped. */
  stuffed: boolean;
  /** The plain-writing check fails. */
  failed: boolean;
}

const PHASE_LABELS = new Set(PHASE_WORDS.filter((p) => !p.includes(' ')));
const IDIOMS = VERBLESS_IDIOMS.map((i) => i.split(' '));
const STOP = new Set([
  'the', 'a', 'an', 'and', 'or', 'of', 'to', 'in', 'on', 'for', 'is', 'are', 'we', 'our', 'you', 'your', 'it',
  'this', 'that', 'be', 'was', 'were', 'with', 'at', 'by', 'from', 'as', 'have', 'has', 'will', 'not', 'some',
  'customers', 'all', 'been', 'they', 'their', 'any', 'can', 'more', 'no',
]);

const hasVerb = (words: string[]): boolean => words.some((w) => VERB_HINTS.has(w)
  || (w.length > 4 && (w.endsWith('ing') || w.endsWith('ed'))) || /^[a-z]+'(re|ve|ll|m|d)$/.test(w) || w.endsWith("n't"));
const isIdiom = (words: string[]): boolean => IDIOMS.some((idiom) => idiom.every((w, k) => words[k] === w));

/** Reads the writing of a post. */
export function styleOf(post: PostText): Style {
  const statement: boolean[] = [];
  const fragments: number[] = [];
  const cueFragments: number[] = [];
  const seen = new Map<string, number>();
  const repeated: string[] = [];
  post.sentences.forEach((s, i) => {
    const words = post.tokens.slice(s.first, s.last + 1).map((t) => t.w);
    // A lone phase word opening the post ("Investigating.") is its heading.
    const label = i === 0 && words.length === 1 && PHASE_LABELS.has(words[0]);
    const verb = hasVerb(words);
    const cueOnly = words.length > 0 && words.length <= 4 && words.every((w) => CUE_WORDS.has(w)) && !verb;
    const idiom = isIdiom(words);
    statement.push(label || verb || (idiom && !cueOnly));
    if (!label && cueOnly) cueFragments.push(i);
    else if (!label && !verb && !idiom) fragments.push(i);
    const key = words.join(' ');
    if (words.length > 0) {
      const times = (seen.get(key) ?? 0) + 1;
      seen.set(key, times);
      if (times === 2) repeated.push(post.text.slice(s.start, s.end).trim());
    }
  });
  repeated.push(...overusedWords(post));
  const sentences = post.sentences.length;
  const broken = fragments.length + cueFragments.length;
  const thrice = [...seen.values()].some((n) => n >= 3);
  const stuffed = cueFragments.length >= 3 || (broken >= 3 && broken >= sentences / 2) || thrice;
  const failed = stuffed || repeated.length > 0 || (broken >= 2 && broken >= sentences / 3);
  return { statement, fragments, cueFragments, repeated, stuffed, failed };
}

/** A word (not a common one) said four times or more, and in more than one word in eight. */
function overusedWords(post: PostText): string[] {
  const counts = new Map<string, number>();
  for (const t of post.tokens) if (t.w.length >= 3 && !STOP.has(t.w)) counts.set(t.w, (counts.get(t.w) ?? 0) + 1);
  return [...counts].filter(([, n]) => n >= 4 && n * 8 > post.tokens.length).map(([w]) => w);
}
