/**
 * The action items of a drill as CSV (RFC 4180: CRLF line ends, fields with a comma, quote or line break quoted,
 * quotes doubled), safe to open in a spreadsheet: a field that starts like a formula (= + - @, tab or carriage
 * return) is prefixed with an apostrophe, so what a participant typed is shown, never run.
 */
import { formatMinutes } from '../duration';
import { PRIORITY_LABELS, STATUS_LABELS } from '../drill/action-items';
import type { Scorecard } from '../scoring/types';

export const ACTION_ITEM_CSV_COLUMNS = ['id', 'action', 'owner', 'due', 'priority', 'status', 'finding', 'finding_text', 'added_at'] as const;

/** One field, quoted when it must be and defused when a spreadsheet would read it as a formula. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The CSV text: a header row, then one row per item in the order they were added. */
export function actionItemsCsv(card: Pick<Scorecard, 'actionItems' | 'strengths' | 'improvements'>): string {
  const findings = new Map([...card.improvements, ...card.strengths].map((f) => [f.id, f.text]));
  const rows = card.actionItems.map((a) => [
    a.id, a.text, a.owner, a.due ?? '', PRIORITY_LABELS[a.priority], STATUS_LABELS[a.status], a.finding ?? '',
    a.finding ? findings.get(a.finding) ?? '' : '', formatMinutes(a.at),
  ]);
  return [[...ACTION_ITEM_CSV_COLUMNS], ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
