/**
 * Markdown building blocks of the after-action report. Text from the drill is escaped by the caller
 * (`escapeMarkdown`); these only lay it out.
 */
import { formatMinutes } from '../duration';
import { escapeMarkdown as md } from './markdown';

/** A table cell (already escaped text or the report's own markup): one line. Pipes are escaped by `md`. */
export const cell = (text: string) => text.replace(/\r?\n/g, '<br>').trim();

export const table = (head: string[], rows: string[][]) =>
  [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');

/** An id as inline code when it is a plain id (nothing in it can end the code span), else as escaped text. */
export const code = (id: string) => (/^[\w.-]+$/.test(id) ? `\`${id}\`` : md(id));

export const refs = (seqs: readonly number[]) => seqs.map((s) => `#${s}`).join(', ') || '—';

export const at = (ms: number | null | undefined) => (ms === null || ms === undefined ? 'never' : formatMinutes(ms));
