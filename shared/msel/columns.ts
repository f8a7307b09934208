import { formatClock } from '../duration';
import { CHANNELS } from '../scenario/schema';

/** The MSEL columns Firedrill reads and writes, in the order it writes them. */
export const COLUMNS = ['time', 'phase', 'channel', 'from', 'to', 'title', 'body', 'expected action', 'objective', 'id', 'telemetry'] as const;
export type Column = (typeof COLUMNS)[number];

/** Header spellings planners use for each column, compared lower-case with spaces and `_`/`-` folded. */
const ALIASES: Record<Column, string[]> = {
  'time': ['time', 'when', 'inject time', 'scenario time', 't'],
  'phase': ['phase', 'state', 'stage'],
  'channel': ['channel', 'method', 'delivery', 'delivery method'],
  'from': ['from', 'sender', 'source'],
  'to': ['to', 'recipient', 'recipients', 'roles', 'player', 'players'],
  'title': ['title', 'inject', 'subject', 'headline', 'event'],
  'body': ['body', 'description', 'details', 'message', 'text'],
  'expected action': ['expected action', 'expected actions', 'expected player action', 'expected response', 'action'],
  'objective': ['objective', 'objectives', 'capability', 'exercise objective'],
  'id': ['id', 'inject id'],
  'telemetry': ['telemetry', 'metrics'],
};

const fold = (header: string) => header.trim().toLowerCase().replace(/[\s_-]+/g, ' ');

/** The column a header names, if Firedrill knows it. */
export function columnOf(header: string): Column | undefined {
  const folded = fold(header);
  return COLUMNS.find((c) => ALIASES[c].includes(folded));
}

const MINUTE = 60_000;

/**
 * Parses an MSEL time: `T+mm:ss`, `T+h:mm:ss` (also without `T+`), or minutes as a number (`7`, `7.5`).
 * Returns drill-time milliseconds, or undefined when the text is not a time.
 */
export function parseMselTime(text: string): number | undefined {
  const t = text.trim();
  const clock = /^(?:T\s*\+\s*)?(\d+):(\d{2})(?::(\d{2}))?$/i.exec(t);
  if (clock) {
    const [a, b, c] = clock.slice(1).map((p) => (p === undefined ? undefined : Number(p)));
    if (c === undefined) return b! < 60 ? (a! * 60 + b!) * 1000 : undefined;
    return b! < 60 && c < 60 ? ((a! * 60 + b!) * 60 + c) * 1000 : undefined;
  }
  const minutes = /^(?:T\s*\+\s*)?(\d+(?:\.\d+)?)$/i.exec(t);
  return minutes ? Math.round(Number(minutes[1]) * MINUTE) : undefined;
}

/** Formats drill time as an MSEL time, to the nearest second: `T+07:00`, `T+1:05:30`. */
export function formatMselTime(ms: number): string {
  return formatClock(Math.round(ms / 1000) * 1000);
}

/** What to write instead of a bad time, using the number in it when there is one. */
export function timeHint(text: string): string {
  const n = /\d+/.exec(text);
  const minutes = n ? Number(n[0]) : 7;
  return `write T+${String(minutes).padStart(2, '0')}:00 or ${minutes}`;
}

/** A scenario id from a name: lower-case kebab-case ("Vendor Support" → "vendor-support"). */
export function slug(text: string): string {
  return text.trim().toLowerCase().normalize('NFKD').replace(/[^\w\s-]/g, '').replace(/[\s_-]+/g, '-').replace(/^-+|-+$/g, '');
}

/** "vendor-support" → "Vendor support". */
export function humanise(id: string): string {
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const CHANNEL_LIST = CHANNELS.join(', ');
