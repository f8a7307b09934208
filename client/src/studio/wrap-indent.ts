import { RangeSetBuilder } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';

/**
 * Long YAML lines wrap under their own indentation (a wrapped `body:` stays inside its inject) instead of at
 * the left margin, where they would read as a new top-level key. Done with classes per indentation width
 * rather than inline styles, so that a strict Content-Security-Policy (no 'unsafe-inline' styles) allows it.
 */
const MAX = 24;
const classFor = (width: number) => `fd-wrap-${Math.min(width, MAX)}`;

/** The indentation of a line, counting a list's "- " as indentation. */
function indentWidth(text: string): number {
  return /^[ ]*(?:- +)*/.exec(text)?.[0].length ?? 0;
}

function decorate(view: EditorView): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  for (const { from, to } of view.visibleRanges) {
    for (let pos = from; pos <= to;) {
      const line = view.state.doc.lineAt(pos);
      const width = indentWidth(line.text);
      if (width > 0) builder.add(line.from, line.from, Decoration.line({ class: classFor(width) }));
      pos = line.to + 1;
    }
  }
  return builder.finish();
}

const rules: Record<string, Record<string, string>> = {};
for (let width = 1; width <= MAX; width++) rules[`.${classFor(width)}`] = { paddingLeft: `calc(${width}ch + 6px) !important`, textIndent: `-${width}ch` };

export const wrapIndent = [
  ViewPlugin.fromClass(class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = decorate(view);
    }
    update(update: ViewUpdate) {
      if (update.docChanged || update.viewportChanged) this.decorations = decorate(update.view);
    }
  }, { decorations: (plugin) => plugin.decorations }),
  EditorView.theme(rules),
];
