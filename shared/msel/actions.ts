import { parseDuration } from '../duration';
import type { Declaration, PostChannel } from '../scenario/schema';
import { parseMselTime, slug } from './columns';

/** What an "expected action" cell asks the team to do, as far as Firedrill can measure it. */
export interface ExpectedActions {
  ack: boolean;
  /** Contact ids to page, in the order written. */
  pages: { id: string; name: string }[];
  post?: PostChannel;
  declare?: Declaration;
}

const ACK = /\b(?:ack|acks|acked|acknowledge[sd]?|acknowledging)\b/i;
// "the page" and "a call" are nouns; after the verb, a few words never name a contact.
const PAGE = /(?<!\b(?:the|a|this|that|each|every)\s+)\b(?:page[sd]?|paging|escalates?\s+to|escalated\s+to|calls?|wakes?(?:\s+up)?)\s+(?:the\s+|up\s+)?([a-z0-9][\w-]*)/gi;
const NOT_CONTACTS = new Set(['and', 'or', 'to', 'a', 'an', 'it', 'them', 'him', 'her', 'someone', 'anyone', 'everyone', 'back', 'out', 'in', 'on', 'for', 'with', 'if', 'when', 'then', 'now', 'immediately', 'again', 'bridge', 'team']);
const STATUS = /\b(?:post|posts|posted|update|updates|updated)\b[^.;]*?\bstatus[\s-]?page\b/i;
const WAR_ROOM = /\b(?:post|posts|posted|open|opens|opened)\b[^.;]*?\bwar[\s-]?room\b/i;
const DECLARE = /\bdeclares?d?\s+(?:the\s+incident\s+)?(mitigated|resolved)\b/i;

/**
 * Reads an "expected action" cell. Recognised, anywhere in the text and in any case: `acknowledge` (or ack),
 * `page <contact>` (also `escalate to`, `call`, `wake`), `post status page`, `post in the war room`,
 * `declare mitigated` / `declare resolved`. Anything else is a note for the facilitator.
 */
export function readActions(text: string): ExpectedActions {
  const pages = [...text.matchAll(PAGE)].map((m) => ({ id: slug(m[1]), name: m[1] })).filter((p) => p.id && !NOT_CONTACTS.has(p.id));
  const declared = DECLARE.exec(text)?.[1]?.toLowerCase() as Declaration | undefined;
  return {
    ack: ACK.test(text),
    pages: pages.filter((p, i) => pages.findIndex((q) => q.id === p.id) === i),
    ...(STATUS.test(text) ? { post: 'status-page' as const } : WAR_ROOM.test(text) ? { post: 'war-room' as const } : {}),
    ...(declared ? { declare: declared } : {}),
  };
}

/** Writes the expected actions back as the text {@link readActions} reads. */
export function writeActions(actions: ExpectedActions): string {
  return [
    actions.ack ? 'acknowledge' : '',
    ...actions.pages.map((p) => `page ${p.id}`),
    actions.post === 'status-page' ? 'post status page' : actions.post === 'war-room' ? 'post in the war room' : '',
    actions.declare ? `declare ${actions.declare}` : '',
  ].filter(Boolean).join('; ');
}

/** An objective cell: its title, and its target `within` a span of the row's time or `by` a drill time. */
export interface ObjectiveCell { title: string; within?: number; by?: number }

const UNITS: Record<string, string> = { s: 's', sec: 's', secs: 's', second: 's', seconds: 's', m: 'm', min: 'm', mins: 'm', minute: 'm', minutes: 'm', h: 'h', hr: 'h', hrs: 'h', hour: 'h', hours: 'h' };
const WITHIN = /\(?\s*\bwithin\s+(\d+(?:\.\d+)?)\s*([a-z]+)\s*\)?/i;
const WITHIN_COMPACT = /\(?\s*\bwithin\s+((?:\d+h)?(?:\d+m)?(?:\d+s)?)\s*\)?/i;
const BY = /\(?\s*\bby\s+(T\s*\+\s*[\d:]+|\d+(?:\.\d+)?)\s*\)?/i;

/** Reads an objective cell, or says what is wrong with its target. */
export function readObjective(text: string): ObjectiveCell | { error: string } {
  let title = text.trim();
  let within: number | undefined;
  let by: number | undefined;
  const spelled = WITHIN.exec(title);
  const compact = WITHIN_COMPACT.exec(title);
  if (spelled && UNITS[spelled[2].toLowerCase()]) {
    const unit = UNITS[spelled[2].toLowerCase()];
    within = Number(spelled[1]) * (unit === 'h' ? 3_600_000 : unit === 'm' ? 60_000 : 1000);
    title = title.replace(spelled[0], ' ');
  } else if (compact && compact[1] && parseDuration(compact[1]) !== undefined) {
    within = parseDuration(compact[1]);
    title = title.replace(compact[0], ' ');
  } else if (/\bwithin\b/i.test(title)) {
    return { error: `"${text.trim()}" has a target Firedrill cannot read; write "within 5m" (after this row's time) or "by T+10:00"` };
  }
  const at = BY.exec(title);
  if (at) {
    by = parseMselTime(at[1]);
    if (by === undefined) return { error: `"${at[1]}" is not a time; write the target like "by T+10:00" or "by 10"` };
    title = title.replace(at[0], ' ');
  }
  title = title.replace(/\s+/g, ' ').replace(/[\s,;:–—-]+$/, '').trim();
  if (!title) return { error: 'the objective needs a title, e.g. "Vendor engaged within 10m"' };
  return { title, ...(within !== undefined ? { within: Math.round(within) } : {}), ...(by !== undefined ? { by } : {}) };
}
