import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, foldGutter, foldKeymap, indentOnInput, indentUnit, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, linter, lintKeymap } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { EditorSelection, EditorState, StateEffect, StateField } from '@codemirror/state';
import { Decoration, drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { loadScenario, type LoadResult } from '../../../shared/scenario/load';
import { completeScenario, hoverScenario, toDiagnostics, type Assist } from './assist';
import { editorTheme, scenarioHighlight } from './editor-theme';
import { wrapIndent } from './wrap-indent';

/** What the page can ask of the editor. */
export interface EditorHandle {
  /** Puts the cursor at a 1-based line and column, scrolls there, flashes the line and focuses the editor. */
  jumpTo(line: number, col?: number): void;
  /** Replaces the whole text (a template, an import); undoable. */
  setText(text: string): void;
  focus(): void;
}

export interface Checked { text: string; result: LoadResult }

interface Props {
  initialText: string;
  assist: Assist;
  /** Every edit, at once (for saving the draft). */
  onChange(text: string): void;
  /** The loader's verdict on the text, a moment after typing stops. */
  onChecked(checked: Checked): void;
  /** Ctrl/Cmd-S. */
  onSave(): void;
  ref?: Ref<EditorHandle>;
}

/** How long typing must pause before the file is checked again. */
export const CHECK_DELAY_MS = 300;

const flash = StateEffect.define<number | null>();
/** The line just jumped to, tinted for a moment so the eye finds it. */
const jumpedLine = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    let next = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (e.is(flash)) next = e.value === null ? Decoration.none : Decoration.set([Decoration.line({ class: 'cm-jumped' }).range(e.value)]);
    }
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/**
 * The scenario's YAML in CodeMirror 6: highlighting, completion and hover help from the JSON Schema, and every
 * problem of the loader inline at its line and column, checked again as you type. It renders inside a shadow
 * root, so its styles never leak into the page and need no inline <style> element (strict CSP).
 */
export function ScenarioEditor({ initialText, assist, onChange, onChecked, onSave, ref }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView>(null);
  const callbacks = useRef({ onChange, onChecked, onSave });
  callbacks.current = { onChange, onChecked, onSave };

  useEffect(() => {
    const element = host.current!;
    const shadow = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
    shadow.replaceChildren();
    const parent = document.createElement('div');
    parent.style.height = '100%';
    shadow.append(parent);
    const check = linter((v) => {
      const text = v.state.doc.toString();
      const result = loadScenario(text);
      callbacks.current.onChecked({ text, result });
      return toDiagnostics(v.state.doc, result.ok ? result.warnings : result.problems);
    }, { delay: CHECK_DELAY_MS });
    const editor = new EditorView({
      root: shadow,
      parent,
      state: EditorState.create({
        doc: initialText,
        extensions: [
          lineNumbers(), highlightActiveLineGutter(), foldGutter(), lintGutter(), history(), drawSelection(),
          indentOnInput(), bracketMatching(), closeBrackets(), highlightActiveLine(), highlightSelectionMatches(),
          indentUnit.of('  '), EditorState.tabSize.of(2),
          yaml(), syntaxHighlighting(scenarioHighlight), editorTheme, jumpedLine, check, EditorView.lineWrapping, wrapIndent,
          autocompletion({ override: [completeScenario(assist)], icons: false }), hoverScenario(assist),
          keymap.of([
            { key: 'Mod-s', preventDefault: true, run: () => (callbacks.current.onSave(), true) },
            ...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap, ...completionKeymap, ...lintKeymap, indentWithTab,
          ]),
          EditorView.contentAttributes.of({ 'aria-label': 'Scenario file (YAML). Tab indents; press Escape, then Tab, to leave the editor.' }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) callbacks.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is made once; later text comes through setText, later callbacks through the ref.
  }, []);

  useImperativeHandle(ref, () => ({
    jumpTo(line, col = 1) {
      const editor = view.current;
      if (!editor) return;
      const doc = editor.state.doc;
      const target = doc.line(Math.min(Math.max(1, line), doc.lines));
      const pos = Math.min(target.from + Math.max(0, col - 1), target.to);
      editor.dispatch({ selection: EditorSelection.cursor(pos), effects: [EditorView.scrollIntoView(pos, { y: 'center' }), flash.of(target.from)] });
      editor.focus();
      setTimeout(() => view.current?.dispatch({ effects: flash.of(null) }), 1600);
    },
    setText(text) {
      const editor = view.current;
      if (!editor) return;
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text }, selection: EditorSelection.cursor(0), scrollIntoView: true });
    },
    focus() {
      view.current?.focus();
    },
  }), []);

  return <div ref={host} className="studio-editor" data-testid="studio-editor" />;
}
