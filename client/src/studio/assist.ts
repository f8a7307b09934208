import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import type { Diagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import { hoverTooltip, type EditorView, type Tooltip } from '@codemirror/view';
import type { ScenarioProblem } from '../../../shared/scenario/problems';
import { keyDoc } from './key-docs';
import { keyReferenceAt, referenceAt, type References, type RefKind } from './references';
import { DURATION_KEYS, type KeyOption, type SchemaNavigator } from './schema-nav';
import { cursorContext, valueAt } from './yaml-cursor';

/**
 * Completion, hover help and inline problems for the scenario editor: keys and values from the JSON Schema,
 * ids from the scenario itself (states for `goto`, roles for `to`, contacts for `escalated` …), and each
 * problem of the loader at its line and column with a one-click fix when it suggests one.
 */

export interface Assist {
  nav: SchemaNavigator;
  /** The ids of the scenario as last checked. */
  references(): References;
}

const DURATIONS = ['30s', '1m', '2m', '3m', '5m', '8m', '10m', '12m', '15m', '20m', '30m', '45m', '60m', '90m'];
const KIND_LABEL: Record<RefKind, string> = { states: 'state', roles: 'role', contacts: 'contact', injects: 'inject', series: 'telemetry series' };

/** The last key of a path (for a list entry, the list's key). */
const keyOf = (path: (string | number)[]) => path.filter((p): p is string => typeof p === 'string').at(-1);

function keyInfo(assist: Assist, path: (string | number)[], option: KeyOption): string {
  const doc = keyDoc(path, option.key) ?? option.schema.description;
  const what = assist.nav.describe(option.schema, option.key);
  const fallback = option.schema.default !== undefined ? `; default ${JSON.stringify(option.schema.default)}` : '';
  return `${option.required ? 'Required' : 'Optional'}: ${what}${fallback}.${doc ? `\n${doc}` : ''}`;
}

/** Completion for the key or value being typed. */
export function completeScenario(assist: Assist) {
  return (context: CompletionContext): CompletionResult | null => {
    const ctx = cursorContext(context.state.doc.toString(), context.pos);
    if (!ctx) return null;
    // A new line is not yet a question: keys are offered once a letter is typed, or on Ctrl-Space.
    if (ctx.mode === 'key' && !ctx.typed && !context.explicit) return null;
    const refs = assist.references();
    const options: Completion[] = [];
    if (ctx.mode === 'key') {
      const kind = keyReferenceAt(ctx.path);
      if (kind) {
        for (const ref of refs[kind]) if (!ctx.siblings.includes(ref.id)) options.push({ label: ref.id, type: 'variable', detail: ref.detail, apply: `${ref.id}: ` });
      }
      const keys = assist.nav.keys(ctx.path, ctx.root);
      // A list of plain values (`to: [...]`) has no keys: what is typed there is a value.
      if (!keys.length && !kind) return completeValue(assist, cursorContext(context.state.doc.toString(), context.pos, ['value']));
      for (const option of keys) {
        if (ctx.siblings.includes(option.key)) continue;
        options.push({ label: option.key, type: 'property', detail: option.required ? 'required' : undefined, info: keyInfo(assist, ctx.path, option), apply: `${option.key}: `, boost: option.required ? 2 : 0 });
      }
      return options.length ? { from: ctx.from, to: ctx.to, options, validFor: /^[\w-]*$/ } : null;
    }
    return completeValue(assist, ctx);
  };
}

function completeValue(assist: Assist, ctx: ReturnType<typeof cursorContext>): CompletionResult | null {
  if (!ctx || ctx.mode !== 'value') return null;
  const schema = assist.nav.at(ctx.path, ctx.root);
  const options: Completion[] = [];
  for (const value of assist.nav.values(schema)) options.push({ label: String(value), type: typeof value === 'boolean' ? 'keyword' : 'enum' });
  const kind = referenceAt(ctx.path);
  if (kind) {
    const refs = assist.references()[kind];
    // Only injects the team can acknowledge fit an `acked` condition or an ack objective.
    const parent = valueAt(ctx.root, ctx.path.slice(0, -1)) as { kind?: unknown } | undefined;
    const ackOnly = keyOf(ctx.path) === 'acked' || (keyOf(ctx.path) === 'inject' && parent?.kind === 'ack');
    const wanted = ackOnly ? refs.filter((r) => !('ack' in r) || r.ack) : refs;
    for (const ref of wanted) options.push({ label: ref.id, type: 'variable', detail: ref.detail ? `${KIND_LABEL[kind]}: ${ref.detail}` : KIND_LABEL[kind] });
  }
  const key = keyOf(ctx.path);
  if (key && DURATION_KEYS.has(key) && (!ctx.typed || /^\d/.test(ctx.typed))) {
    for (const d of DURATIONS) options.push({ label: d, type: 'text', detail: 'duration' });
  }
  if (!options.length) return null;
  // A value can be both allowed by the schema and an id (`all` for recipients): offer it once.
  const unique = options.filter((o, i) => options.findIndex((x) => x.label === o.label) === i);
  return { from: ctx.from, to: ctx.to, options: unique, validFor: /^[\w-]*$/ };
}

/** Hover help: what a key means and takes; what an id names. */
export function hoverScenario(assist: Assist) {
  return hoverTooltip((view: EditorView, pos: number): Tooltip | null => {
    const text = view.state.doc.toString();
    const line = view.state.doc.lineAt(pos);
    let a = pos - line.from;
    let b = a;
    while (a > 0 && /[\w-]/.test(line.text[a - 1])) a--;
    while (b < line.text.length && /[\w-]/.test(line.text[b])) b++;
    if (a === b) return null;
    const word = line.text.slice(a, b);
    const isKey = /^\s*:/.test(line.text.slice(b));
    const ctx = cursorContext(text, line.from + b, [isKey ? 'key' : 'value']);
    if (!ctx) return null;
    let title: string;
    let body: string;
    if (isKey) {
      const option = assist.nav.keys(ctx.path, ctx.root).find((k) => k.key === word);
      if (!option) return null;
      title = word;
      body = keyInfo(assist, ctx.path, option);
    } else {
      const kind = referenceAt(ctx.path);
      const ref = kind ? assist.references()[kind].find((r) => r.id === word) : undefined;
      if (!kind) return null;
      title = `${KIND_LABEL[kind]} ${word}`;
      body = ref ? (ref.detail ?? 'Defined in this scenario.') : `No ${KIND_LABEL[kind]} "${word}" is defined in this scenario.`;
    }
    return {
      pos: line.from + a,
      end: line.from + b,
      above: true,
      create: () => {
        const dom = document.createElement('div');
        dom.className = 'fd-hover';
        const head = document.createElement('strong');
        head.textContent = title;
        dom.append(head);
        for (const paragraph of body.split('\n')) {
          const p = document.createElement('p');
          p.textContent = paragraph;
          dom.append(p);
        }
        return { dom };
      },
    };
  }, { hoverTime: 350 });
}

/** Where a problem's offending text ends: the scalar at its position (a word, a quoted string, a flow value). */
function extent(doc: Text, from: number): number {
  const line = doc.lineAt(from);
  const rest = line.text.slice(from - line.from);
  const quoted = /^(["'])(?:(?!\1).)*\1/.exec(rest);
  if (quoted) return from + quoted[0].length;
  const plain = /^[^,}\]\n#]*?(?=\s*(?:[,}\]]|:\s|:$|\s#|$))/.exec(rest);
  return from + Math.max(plain && plain[0].length ? plain[0].length : 1, 1);
}

/** The loader's problems as editor diagnostics, each with a fix when the message says what was meant. */
export function toDiagnostics(doc: Text, problems: readonly ScenarioProblem[]): Diagnostic[] {
  return problems.map((p) => {
    const line = doc.line(Math.min(Math.max(1, p.line), doc.lines));
    const from = Math.min(line.from + Math.max(0, p.col - 1), line.to);
    const to = Math.min(Math.max(extent(doc, from), from), line.to);
    const meant = /did you mean "([^"]+)"\?/.exec(p.message)?.[1];
    const written = doc.sliceString(from, to);
    const diagnostic: Diagnostic = { from, to: Math.max(to, from), severity: p.severity, message: p.message, source: `line ${p.line}, column ${p.col}` };
    if (meant && written && written !== meant && !/\s/.test(written)) {
      diagnostic.actions = [{ name: `Use "${meant}"`, apply: (view, start, end) => view.dispatch({ changes: { from: start, to: end, insert: meant } }) }];
    }
    return diagnostic;
  });
}
