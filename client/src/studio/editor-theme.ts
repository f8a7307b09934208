import { HighlightStyle } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

/**
 * The editor's look, in the app's palette. The editor lives in a shadow root, so these styles (which CodeMirror
 * adopts as a constructed stylesheet there) are the only ones that reach it: nothing is injected as an inline
 * <style>, and the page keeps working under a Content-Security-Policy without 'unsafe-inline'.
 */
export const editorTheme = EditorView.theme({
  '&': { height: '100%', fontSize: '15px', color: '#17191c', backgroundColor: '#ffffff' },
  '.cm-scroller': { fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace", lineHeight: '1.6' },
  '.cm-content': { padding: '10px 0', caretColor: '#17191c' },
  '&.cm-focused': { outline: '3px solid #1a56db', outlineOffset: '-3px' },
  '.cm-gutters': { backgroundColor: '#f9f8f5', color: '#4f555d', borderRight: '1px solid #d6d3cc' },
  '.cm-activeLineGutter': { backgroundColor: '#efece5', color: '#17191c' },
  '.cm-activeLine': { backgroundColor: '#f7f5f0' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground, ::selection': { backgroundColor: '#cfe0fb !important' },
  '.cm-cursor': { borderLeftColor: '#17191c', borderLeftWidth: '2px' },
  '.cm-lineNumbers .cm-gutterElement': { padding: '0 8px 0 12px', minWidth: '3.2em' },
  '.cm-foldPlaceholder': { backgroundColor: '#efece5', border: '1px solid #d6d3cc', color: '#4f555d', padding: '0 6px' },
  '.cm-jumped': { backgroundColor: '#fbf0d5' },
  // Problems: a wavy line under the words, a marker in the gutter, the message on hover and in the panel below.
  '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy #b42318', textDecorationSkipInk: 'none', textUnderlineOffset: '3px' },
  '.cm-lintRange-warning': { backgroundImage: 'none', textDecoration: 'underline wavy #8a5a00', textDecorationSkipInk: 'none', textUnderlineOffset: '3px' },
  '.cm-lint-marker': { width: '1em', height: '1em' },
  '.cm-diagnostic': { padding: '6px 10px', fontFamily: 'system-ui, sans-serif', fontSize: '14px', lineHeight: '1.45', maxWidth: '60ch' },
  '.cm-diagnostic-error': { borderLeft: '4px solid #b42318', backgroundColor: '#fde8e6' },
  '.cm-diagnostic-warning': { borderLeft: '4px solid #8a5a00', backgroundColor: '#fbf0d5' },
  '.cm-diagnosticSource': { color: '#4f555d', fontSize: '12px' },
  '.cm-diagnosticAction': { backgroundColor: '#1d4f91', color: '#ffffff', borderRadius: '4px', padding: '2px 8px', marginLeft: '8px', font: 'inherit', fontWeight: '600' },
  '.cm-tooltip': { border: '1px solid #a9a49a', borderRadius: '6px', backgroundColor: '#ffffff', boxShadow: '0 4px 14px rgba(0,0,0,0.12)' },
  '.cm-tooltip-autocomplete > ul': { fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace", fontSize: '14px', maxHeight: '16em' },
  '.cm-tooltip-autocomplete > ul > li': { padding: '3px 10px !important' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: '#1d4f91', color: '#ffffff' },
  '.cm-completionDetail': { fontFamily: 'system-ui, sans-serif', fontStyle: 'normal', color: 'inherit', opacity: '0.8', marginLeft: '1em' },
  '.cm-completionInfo': { fontFamily: 'system-ui, sans-serif', fontSize: '14px', lineHeight: '1.45', padding: '8px 10px', maxWidth: '42ch', whiteSpace: 'pre-line' },
  '.fd-hover': { padding: '8px 12px', maxWidth: '52ch', fontFamily: 'system-ui, sans-serif', fontSize: '14px', lineHeight: '1.45' },
  '.fd-hover strong': { fontFamily: "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace", display: 'block', marginBottom: '4px' },
  '.fd-hover p': { margin: '0 0 4px' },
  '.cm-panels': { backgroundColor: '#f9f8f5', color: '#17191c' },
  '.cm-panels.cm-panels-bottom': { borderTop: '1px solid #d6d3cc' },
  '.cm-search input, .cm-search button': { font: 'inherit', fontSize: '14px' },
  '.cm-textfield': { border: '1px solid #a9a49a', borderRadius: '4px', padding: '2px 6px' },
  '.cm-button': { backgroundImage: 'none', backgroundColor: '#ffffff', border: '1px solid #a9a49a', borderRadius: '4px' },
}, { dark: false });

/** Keys stand out; text reads as text; colours meet WCAG AA on white. */
export const scenarioHighlight = HighlightStyle.define([
  { tag: t.definition(t.propertyName), color: '#1d4f91', fontWeight: '600' },
  { tag: t.string, color: '#7a3e00' },
  { tag: t.special(t.string), color: '#5b616a' },
  { tag: t.content, color: '#17191c' },
  { tag: t.lineComment, color: '#5b616a', fontStyle: 'italic' },
  { tag: t.separator, color: '#6b6f76' },
  { tag: [t.labelName, t.typeName], color: '#6b2fa3' },
  { tag: t.meta, color: '#6b2fa3' },
  { tag: t.keyword, color: '#6b2fa3' },
]);
