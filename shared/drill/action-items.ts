/**
 * Action items v2: the fields an item has beyond its text and owner, and how they are checked. An item is
 * added once (`action-item.add`) and changed by later `action-item.update` events; the log keeps every
 * version, the folded state the latest. No zod here: the room imports this module (the payload schemas are in
 * commands.ts).
 */

export const ACTION_PRIORITIES = ['high', 'medium', 'low'] as const;
export type ActionPriority = (typeof ACTION_PRIORITIES)[number];
export const ACTION_STATUSES = ['open', 'in-progress', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** What an item added without them (and every item of a drill logged before v2) has. */
export const ACTION_DEFAULTS = { priority: 'medium', status: 'open' } as const satisfies { priority: ActionPriority; status: ActionStatus };

export const PRIORITY_LABELS: Record<ActionPriority, string> = { high: 'High', medium: 'Medium', low: 'Low' };
export const STATUS_LABELS: Record<ActionStatus, string> = { open: 'Open', 'in-progress': 'In progress', done: 'Done' };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Days in a month of the proleptic Gregorian calendar (`month` 1–12). */
function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Why `text` is not a calendar date in the form YYYY-MM-DD, in words that say what to type instead; undefined
 * when it is one ("2026-02-30" → "February 2026 has 28 days").
 */
export function dueDateProblem(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return `A due date is a calendar date written YYYY-MM-DD, like 2026-03-31; "${text.slice(0, 40)}" is not one.`;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 2000 || year > 2999) return `A due date between the years 2000 and 2999, please (got ${year}).`;
  if (month < 1 || month > 12) return `${text} is not a date: there is no month ${month} (months run 01–12).`;
  const days = daysIn(year, month);
  if (day < 1 || day > days) return `${text} is not a date: ${MONTHS[month - 1]} ${year} has ${days} days.`;
  return undefined;
}

/** Today's date (YYYY-MM-DD) in the viewer's own time zone, for "overdue" and a date input's suggestions. */
export function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Whether an open item is past its due date (`today` as YYYY-MM-DD; an old free-text due never is). */
export function isOverdue(item: { due?: string | null; status: ActionStatus }, today: string): boolean {
  return item.status !== 'done' && !!item.due && /^\d{4}-\d{2}-\d{2}$/.test(item.due) && item.due < today;
}
