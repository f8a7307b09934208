/**
 * Text from a drill (names, posts, chat, pages, notes, action items, inject titles) going into Markdown that
 * will be pasted into wikis, rendered on code hosts and e-mailed. Everything that a Markdown or HTML renderer
 * would act on is escaped, so user text always renders as the same literal text: no tags (`<` `>` `&` become
 * entities), no emphasis, code or strike-through, no links or images (brackets escaped), no autolinks (`://`,
 * `www.` and `@` broken with a backslash escape, which renders as nothing), and nothing that starts a block
 * (heading, quote, list, rule, table row) at the start of a line.
 */

/** Characters a renderer may treat as inline syntax wherever they are. */
const INLINE = /[\\`*_[\]{}|~!]/g;
/** What starts a block when it comes first on a line: heading, list, rule or setext underline, numbered list. */
const LINE_START = /^(\s*)([#+\-=]|\d+(?=[.)]))/;

/** One piece of user text as literal Markdown, safe in running text, lists and table cells. Keeps newlines. */
export function escapeMarkdown(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) =>
      line
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(INLINE, '\\$&')
        .replace(/:\/\//g, '\\://')
        .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\\.`)
        .replace(/@/g, '\\@')
        .replace(LINE_START, (_m, space: string, mark: string) => (/\d/.test(mark) ? `${space}${mark}\\` : `${space}\\${mark}`)),
    )
    .join('\n');
}
