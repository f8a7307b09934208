/**
 * CSV exports (RFC 4180: comma-separated, fields with a comma, quote or line break in double quotes, `""` for
 * a quote, CRLF line ends) that are safe to open in a spreadsheet: a cell that starts with `=`, `+`, `-`, `@`,
 * a tab or a carriage return is prefixed with `'`, so what a participant typed ("=HYPERLINK(…)") is shown as
 * text and never run as a formula (OWASP's CSV injection advice).
 */
import { formatClock } from '../duration';
import { formatStoryTime, storyStartOf } from '../story-time';
import type { Scorecard } from '../scoring/types';

/** Starts a spreadsheet formula (or a DDE call) when it is the first character of a cell. */
const FORMULA = /^[=+\-@\t\r]/;

/** One cell: defused against formulas, then quoted when it needs it. */
export function csvCell(value: string | number | boolean | null): string {
  const raw = value === null ? '' : String(value);
  const safe = typeof value === 'string' && FORMULA.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows as CSV text, CRLF after every record (the last too). */
export function toCsv(rows: readonly (readonly (string | number | boolean | null)[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/**
 * The drill's timeline as CSV: event number, drill time, story time (with the scenario's `starts-at`), seconds
 * since the start, kind, what happened, and whether a real alert (not the script) caused it.
 */
export function timelineCsv(card: Scorecard, startsAt?: string): string {
  const start = storyStartOf(startsAt);
  const head = ['event', 'drill_time', ...(start ? ['story_time'] : []), 'seconds', 'kind', 'text', 'real_alert'];
  const rows = card.timeline.map((e) => [
    e.seq, formatClock(e.at), ...(start ? [formatStoryTime(start, e.at, { day: 'always' }) ?? ''] : []), Math.round(e.at / 1000), e.kind, e.text, e.real ? 'yes' : 'no',
  ]);
  return toCsv([head, ...rows]);
}
