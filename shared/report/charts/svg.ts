/**
 * Charts as data: a small SVG element tree built by pure functions, so the same chart is rendered by React on
 * the scorecard page and as text for the Markdown report (a data: URI image) and the HTML export. Only
 * presentation attributes, never `style`: the drawing is the same in a browser, an e-mail client and a PDF, and
 * nothing needs a style-src exception under the Content Security Policy.
 */

export type SvgTag = 'svg' | 'g' | 'rect' | 'line' | 'text' | 'tspan' | 'circle' | 'path' | 'polyline' | 'title' | 'desc';

export interface SvgNode {
  tag: SvgTag;
  attrs: Record<string, string | number>;
  children?: SvgNode[];
  /** Text content (title, desc, text, tspan). */
  text?: string;
}

/** A chart: the drawing, and what it says in words for people who cannot see it (and for the report). */
export interface Chart {
  /** Unique in a page: prefixes the ids of the title and description. */
  id: string;
  title: string;
  /** One paragraph saying what the chart shows: the image's text alternative. */
  desc: string;
  width: number;
  height: number;
  /** The same data as rows of text (a table under the chart, or the report's list). */
  rows: string[][];
  /** Column heads for `rows`. */
  head: string[];
  svg: SvgNode;
}

/** Colours that read on white, on a projector and in print; every colour repeats what a word or shape says. */
export const INK = '#17191c';
export const MUTED = '#4f555d';
export const LINE = '#d6d3cc';
export const FAINT = '#f1efea';
export const RATING_FILL: Record<string, string> = { P: '#166534', S: '#8a5a00', M: '#b54708', U: '#b42318', 'N/A': '#a9a49a' };
export const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif';

export const el = (tag: SvgTag, attrs: SvgNode['attrs'], children?: SvgNode[]): SvgNode => ({ tag, attrs, ...(children ? { children } : {}) });
export const text = (attrs: SvgNode['attrs'], content: string): SvgNode => ({ tag: 'text', attrs: { 'font-family': FONT, fill: INK, ...attrs }, text: content });

/** The outer `<svg>` with its title and description, labelled for assistive technology. */
export function frame(chart: Omit<Chart, 'svg'>, body: SvgNode[]): Chart {
  const titleId = `${chart.id}-title`;
  const descId = `${chart.id}-desc`;
  const svg = el('svg', {
    xmlns: 'http://www.w3.org/2000/svg', viewBox: `0 0 ${chart.width} ${chart.height}`, width: chart.width, height: chart.height,
    role: 'img', 'aria-labelledby': `${titleId} ${descId}`,
  }, [
    { tag: 'title', attrs: { id: titleId }, text: chart.title },
    { tag: 'desc', attrs: { id: descId }, text: chart.desc },
    el('rect', { x: 0, y: 0, width: chart.width, height: chart.height, fill: '#ffffff' }),
    ...body,
  ]);
  return { ...chart, svg };
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
const fmt = (v: string | number) => (typeof v === 'number' ? String(Math.round(v * 100) / 100) : v);

/** The SVG as standalone XML text (with its namespace), every value escaped. */
export function renderSvg(node: SvgNode): string {
  const attrs = Object.entries(node.attrs).map(([k, v]) => ` ${k}="${escapeXml(fmt(v))}"`).join('');
  const inner = (node.text !== undefined ? escapeXml(node.text) : '') + (node.children ?? []).map(renderSvg).join('');
  return `<${node.tag}${attrs}>${inner}</${node.tag}>`;
}

/** A base64 data: URI of the chart, for an `<img>` in Markdown that must stand alone (attached to an e-mail). */
export function svgDataUri(chart: Chart): string {
  const bytes = new TextEncoder().encode(renderSvg(chart.svg));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

/** A round step for an axis that spans `max`: 1, 2 or 5 times a power of ten, about `ticks` of them. */
export function niceStep(max: number, ticks = 5): number {
  if (!(max > 0)) return 1;
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
}

/** A round step in ms for a time axis that spans `maxMs`: a round number of minutes (or seconds under a minute). */
export function niceTimeStep(maxMs: number, ticks = 5): number {
  return maxMs < 60_000 * ticks ? Math.max(1000, niceStep(maxMs / 1000, ticks) * 1000) : niceStep(maxMs / 60_000, ticks) * 60_000;
}

/** Minutes as an axis or bar label: "7 min", "1.3 min", "0". */
export function minutes(ms: number): string {
  if (ms === 0) return '0';
  const m = ms / 60_000;
  return `${Number.isInteger(m) ? m : Math.round(m * 10) / 10} min`;
}
