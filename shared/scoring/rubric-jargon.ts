/**
 * Jargon: words customers would not understand. Found three ways — the word list of
 * `./rubric-words-mistakes`, shapes (hostnames, hosts with digits, IP addresses, HTTP status codes, `p99`,
 * capitalised internal acronyms such as `EDR` or `WO-5521`) and the scenario's own `internal-terms`.
 */
import { literalTerms, phrases, spansOf, type Span } from './rubric-phrases';
import type { PostText } from './rubric-text';
import { ACRONYMS_ALLOWED, DIGIT_WORDS_ALLOWED, INTERNAL_HOSTS, JARGON } from './rubric-words-mistakes';

const anyWord = (list: readonly string[]): string => list.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');

/** Hostname and address shapes, for normalised text. Each starts only at a token start and runs in linear time. */
export const HOST_SHAPES: readonly RegExp[] = (() => {
  const suffix = `(?:${anyWord(INTERNAL_HOSTS.suffixes)})`;
  return [
    new RegExp(`(?<![\\w.-])[a-z0-9][\\w-]*(?:\\.[\\w-]+)*\\.${suffix}(?:\\.[\\w-]+)*(?![\\w-])`, 'g'), // x.internal
    /(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?(?!\.?\d)/g, // IPv4, with an optional port
    // One quantifier before the digit, not two side by side, so a long word is read in linear time.
    /(?<![\w.-])(?=[a-z]{2})[a-z-]+\d[a-z0-9-]*(?![\w-])/g, // db1, ledger-01, eu-west-1, wo-5521
  ];
})();

/**
 * A hyphenated name with a service-like part is an internal name: `orders-db`, `vault-gateway`,
 * `api-release`. Found as any hyphenated word, then kept when a part is in {@link INTERNAL_HOSTS}: one
 * unambiguous pattern, linear in the word's length.
 */
const HYPHENATED = /(?<![\w.-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])/g;
const SEGMENTS: ReadonlySet<string> = new Set(INTERNAL_HOSTS.segments);

/** HTTP status codes and their cousins: "HTTP 503", "502 responses", "error 500", "5xx". */
const STATUS_CODES: readonly RegExp[] = [
  /(?<![\w.])https?\s*(?:status\s*)?[1-5]\d\d(?!\w)/g,
  /(?<![\w.])(?:4(?:0\d|1\d|29)|5\d\d)\s+(?:responses?|status(?:\s+codes?)?|codes?|errors?|bad gateway|gateway timeout|internal server error)(?![\w-])/g,
  /(?<![\w.])(?:error|status|code|status code|http error)\s*(?:4(?:0\d|1\d|29)|5\d\d)(?!\w)/g,
];

const WORDS = phrases(JARGON);

/** Finds the jargon of a post; `internalTerms` are the scenario's own, matched literally. */
export function jargonFinder(internalTerms: readonly string[]): (post: PostText) => Span[] {
  const terms = literalTerms(internalTerms);
  return (post) => {
    const { norm } = post;
    const found: Span[] = [
      ...spansOf(terms, norm, post.tokens),
      ...spansOf(WORDS, norm, post.tokens),
      ...HOST_SHAPES.flatMap((re) => spansOf(re, norm, post.tokens)),
      ...spansOf(HYPHENATED, norm).filter((s) => norm.slice(s.start, s.end).split('-').some((part) => SEGMENTS.has(part))),
      ...STATUS_CODES.flatMap((re) => spansOf(re, norm, post.tokens)),
      ...acronyms(post),
    ].filter((s) => !DIGIT_WORDS_ALLOWED.has(norm.slice(s.start, s.end)));
    return longestFirst(found);
  };
}

/**
 * Capitalised words that are not everyday abbreviations: "EDR", "RDP", "SEV1", "B14", "P1". A post written
 * mostly in capitals is shouting, not abbreviating, so it is not read for acronyms.
 */
function acronyms(post: PostText): Span[] {
  let letters = 0;
  let capitals = 0;
  for (let i = 0; i < post.text.length; i++) {
    const c = post.text.charCodeAt(i);
    if (c >= 65 && c <= 90) { capitals++; letters++; } else if (c >= 97 && c <= 122) letters++;
  }
  if (letters === 0 || capitals / letters > 0.5) return [];
  return post.tokens
    .filter((t) => t.upper && /^[a-z][a-z0-9]{1,5}$/.test(t.w) && /[a-z].*[a-z0-9]/.test(t.w) && !ACRONYMS_ALLOWED.has(t.w))
    .map((t) => ({ start: t.start, end: t.end }));
}

/** Non-overlapping spans, in text order; where spans overlap, the one starting first (then the longest) wins. */
export function longestFirst(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  let end = -1;
  for (const s of sorted) {
    if (s.start < end) continue;
    out.push(s);
    end = s.end;
  }
  return out;
}

/** `norm` with the spans blanked out (same length), so "orders" in `orders-db` counts for nothing. */
export function blank(norm: string, spans: readonly Span[]): string {
  if (spans.length === 0) return norm;
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += norm.slice(at, s.start) + ' '.repeat(s.end - s.start);
    at = s.end;
  }
  return out + norm.slice(at);
}
