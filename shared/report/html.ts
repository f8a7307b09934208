/**
 * The after-action report as one standalone HTML file: the Markdown report converted (the report's own small
 * subset: headings, paragraphs, tables, lists, quotes, bold, italics, code, line breaks, and its chart images,
 * which become inline SVG), with inline CSS and no external asset, script or link to fetch. It prints well and
 * can be attached to an e-mail. The server sends it with a Content Security Policy that allows exactly this
 * stylesheet (by its hash) and nothing else.
 *
 * Safe by construction: every piece of drill text in the Markdown was escaped by `escapeMarkdown` (no `<`, no
 * unescaped markup), so any raw `<` left is the report's own `<br>` or chart image; everything else is escaped.
 */

/** The export's stylesheet (its SHA-256 goes into the response's Content-Security-Policy). */
export const REPORT_CSS = `
body{margin:0;background:#fff;color:#17191c;font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif}
main{max-width:980px;margin:0 auto;padding:24px 20px 48px}
h1{font-size:1.9rem;margin:0 0 8px}h2{font-size:1.35rem;margin:32px 0 10px;padding-bottom:4px;border-bottom:2px solid #17191c}
h3{font-size:1.1rem;margin:22px 0 8px}p,ul,ol,blockquote,table{margin:0 0 12px}
table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{border:1px solid #d6d3cc;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f1efea}blockquote{border-left:4px solid #a9a49a;background:#f9f8f5;padding:8px 12px;margin-left:0}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em;background:#f1efea;padding:0 3px;border-radius:3px}
svg{max-width:100%;height:auto;display:block;margin:8px 0 12px}
#summary-section{border:2px solid #17191c;border-radius:10px;padding:4px 18px 8px;margin-top:16px}
@media print{main{max-width:none;padding:0}#summary-section{break-after:page}h2,h3{break-after:avoid}tr,li,blockquote{break-inside:avoid}}
`.trim();

const escapeHtml = (s: string) => s.replace(/&(?!(?:#\d+|#x[\da-f]+|[a-z]+);)/gi, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const slug = (s: string) => s.toLowerCase().replace(/<[^>]*>/g, '').replace(/&[^;]+;/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Inline Markdown of the report: escapes, `code`, **bold**, _italics_, and `<br>` in table cells. */
export function inline(text: string): string {
  const kept: string[] = [];
  // Placeholders in a private-use character no escaped report text contains.
  const hold = (html: string) => `\uE000${kept.push(html) - 1}\uE001`;
  let s = text
    .replace(/`([^`]+)`/g, (_m, c: string) => hold(`<code>${escapeHtml(c)}</code>`))
    .replace(/\\([!-/:-@[-`{-~])/g, (_m, c: string) => hold(escapeHtml(c)))
    .replace(/<br>/g, () => hold('<br>'));
  s = escapeHtml(s)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])_(.+?)_(?=$|[\s).,;:])/g, '$1<em>$2</em>');
  return s.replace(/\uE000(\d+)\uE001/g, (_m, i: string) => kept[Number(i)]);
}

/** Table cells of one Markdown row (split on pipes that are not escaped). */
function cells(row: string): string[] {
  return row.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map((c) => c.trim());
}

const IMAGE = /^<img src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="[^"]*" width="\d+" height="\d+">$/;

/** The SVG inside one of the report's own chart images. */
function inlineSvg(base64: string): string {
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** Converts the report's Markdown to HTML body markup. */
export function markdownToHtml(markdown: string): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const heading = /^(#{1,3}) (.*)$/.exec(line);
    const image = IMAGE.exec(line);
    if (line.trim() === '') { i++; continue; }
    if (heading) {
      const level = heading[1].length;
      out.push(`<h${level} id="${slug(heading[2])}">${inline(heading[2])}</h${level}>`);
      i++;
    } else if (image) {
      out.push(inlineSvg(image[1]));
      i++;
    } else if (line.startsWith('|') && lines[i + 1]?.startsWith('| ---')) {
      const head = cells(line).map((c) => `<th scope="col">${inline(c)}</th>`).join('');
      i += 2;
      const body: string[] = [];
      while (i < lines.length && lines[i].startsWith('|')) body.push(`<tr>${cells(lines[i++]).map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`);
      out.push(`<table><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table>`);
    } else if (/^(- |\d+\. )/.test(line)) {
      const ordered = /^\d+\. /.test(line);
      const items: string[] = [];
      while (i < lines.length && (ordered ? /^\d+\. /.test(lines[i]) : lines[i].startsWith('- '))) items.push(`<li>${inline(lines[i++].replace(/^(- |\d+\. )/, ''))}</li>`);
      out.push(ordered ? `<ol>${items.join('')}</ol>` : `<ul>${items.join('')}</ul>`);
    } else if (line.startsWith('>')) {
      const quoted: string[] = [];
      while (i < lines.length && lines[i].startsWith('>')) quoted.push(inline(lines[i++].replace(/^> ?/, '')));
      out.push(`<blockquote><p>${quoted.join('<br>')}</p></blockquote>`);
    } else {
      const para: string[] = [];
      while (i < lines.length && lines[i].trim() !== '' && !/^(#{1,3} |\||- |\d+\. |>|<img )/.test(lines[i])) para.push(inline(lines[i++]));
      if (para.length === 0) para.push(inline(lines[i++]));
      out.push(`<p>${para.join('<br>')}</p>`);
    }
  }
  return out.join('\n');
}

/** The whole standalone document. The summary section is framed and, in print, ends page 1. */
export function reportHtml(markdown: string, title: string): string {
  const body = markdownToHtml(markdown);
  const start = body.indexOf('<h2 id="summary">');
  const end = start < 0 ? -1 : body.indexOf('<h2 ', start + 1);
  const framed = start < 0 ? body : `${body.slice(0, start)}<section id="summary-section">${body.slice(start, end < 0 ? undefined : end)}</section>\n${end < 0 ? '' : body.slice(end)}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
${framed}
</main>
</body>
</html>
`;
}
