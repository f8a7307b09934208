import { parseDocument } from 'yaml';
import type { Path } from '../../../shared/scenario/problems';

/**
 * Where the cursor is in a scenario being typed: the path of the map it is writing a key into, or of the value
 * it is writing. YAML being typed is rarely valid, so instead of walking a syntax tree the cursor's word is
 * replaced by a marker, the text is parsed (the `yaml` parser recovers from most mistakes), and the marker is
 * looked for in the result. That finds the place by indentation in block style and by brackets in flow style
 * (`{ id: page, channel: … }`), the way the loader will read it.
 */

const MARK = '__firedrill_cursor__';

export interface CursorContext {
  /** A key of a map (`path` is the map's), or a value (`path` is the value's). */
  mode: 'key' | 'value';
  path: Path;
  /** The word being typed, and where it is in the text. */
  from: number;
  to: number;
  typed: string;
  /** The keys already written in the map (key mode). */
  siblings: string[];
  /** The whole document as parsed around the marker, for choosing between schema branches. */
  root: unknown;
}

const WORD = /[\w-]/;

/** The cursor context at `pos`, or undefined inside a comment, quoted text or block text, or where nothing is expected. */
export function cursorContext(text: string, pos: number, modes: ('key' | 'value')[] = ['key', 'value']): CursorContext | undefined {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const lineEnd = text.indexOf('\n', pos) < 0 ? text.length : text.indexOf('\n', pos);
  const line = text.slice(lineStart, lineEnd);
  const col = pos - lineStart;
  let a = col;
  while (a > 0 && WORD.test(line[a - 1])) a--;
  let b = col;
  while (b < line.length && WORD.test(line[b])) b++;
  const before = line.slice(0, a);
  const scan = scanLine(before);
  if (scan.inQuote || scan.comment) return undefined;
  const flow = scan.open.at(-1);
  const trimmed = before.trimEnd();
  const after = line.slice(b);
  const candidates: ('key' | 'value')[] = [];
  if (flow === '{') {
    if (/[{,]$/.test(trimmed)) candidates.push('key');
    else if (/:$/.test(trimmed)) candidates.push('value');
  } else if (flow === '[') {
    if (/[[,]$/.test(trimmed)) candidates.push('value');
  } else if (/^\s*(-\s+)*$/.test(before)) {
    // The start of a line: a key, or (in a list of plain values) a value.
    candidates.push('key', 'value');
  } else if (/:\s+$/.test(before) || /:$/.test(before)) {
    candidates.push('value');
  }
  for (const mode of candidates.filter((m) => modes.includes(m))) {
    const typed = line.slice(a, b);
    const keyFollows = /^\s*:/.test(after);
    const insert = mode === 'key' && !keyFollows ? `${MARK}: ~` : MARK;
    let patchedLine = `${line.slice(0, a)}${insert}${after}`;
    // Close what the line leaves open, so that the rest of the file still parses as it will once it is finished.
    const open = scanLine(patchedLine).open;
    patchedLine += open.reverse().map((c) => (c === '{' ? ' }' : ' ]')).join('');
    const patched = text.slice(0, lineStart) + patchedLine + text.slice(lineEnd);
    let root: unknown;
    try {
      root = parseDocument(patched, { uniqueKeys: false }).toJS({ maxAliasCount: 100 });
    } catch {
      continue;
    }
    const found = mode === 'key' ? findKey(root, []) : findValue(root, []);
    if (!found) continue;
    if (mode === 'key') {
      const parent = valueAt(root, found);
      const siblings = parent && typeof parent === 'object' ? Object.keys(parent).filter((k) => k !== MARK) : [];
      return { mode, path: found, from: lineStart + a, to: lineStart + b, typed, siblings, root };
    }
    return { mode, path: found, from: lineStart + a, to: lineStart + b, typed, siblings: [], root };
  }
  return undefined;
}

/** Quotes, comments and unclosed brackets of a line's text, read left to right. */
function scanLine(text: string): { inQuote: boolean; comment: boolean; open: string[] } {
  const open: string[] = [];
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if ((c === '"' || c === "'") && (i === 0 || /[\s,[{:]/.test(text[i - 1]))) quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) return { inQuote: false, comment: true, open };
    else if (c === '{' || c === '[') open.push(c);
    else if ((c === '}' || c === ']') && open.length) open.pop();
    else if ((c === '|' || c === '>') && /:\s*$/.test(text.slice(0, i))) return { inQuote: true, comment: false, open };
  }
  return { inQuote: quote !== undefined, comment: false, open };
}

function findKey(value: unknown, path: Path): Path | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findKey(value[i], [...path, i]);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    if (MARK in value) return path;
    for (const [k, v] of Object.entries(value)) {
      const found = findKey(v, [...path, k]);
      if (found) return found;
    }
  }
  return undefined;
}

function findValue(value: unknown, path: Path): Path | undefined {
  if (value === MARK) return path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findValue(value[i], [...path, i]);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = findValue(v, [...path, k]);
      if (found) return found;
    }
  }
  return undefined;
}

/** The value at `path` in a parsed document. */
export function valueAt(root: unknown, path: Path): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}
