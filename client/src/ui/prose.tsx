/**
 * Scenario texts come from YAML block scalars, hard-wrapped at ~100 columns. Re-flow them: blank lines separate
 * paragraphs; inside one, a long line that stops mid-sentence was a hard wrap (joined with a space); short
 * lines, lines ending a sentence or a quote, and list items keep their line breaks.
 */
export function reflow(text: string): string[] {
  return text.trim().split(/\n\s*\n/).map((paragraph) => {
    const lines = paragraph.split('\n').map((l) => l.trimEnd());
    let out = lines[0] ?? '';
    for (let i = 1; i < lines.length; i++) {
      const prev = lines[i - 1].trim();
      const wrapped = prev.length >= 50 && !/[.!?:"”)]$/.test(prev) && !/^\s*([-*•]|—)/.test(lines[i]);
      out += (wrapped ? ' ' : '\n') + lines[i].trim();
    }
    return out;
  });
}

/** Scenario prose as paragraphs (kept short lines keep their breaks through `white-space: pre-line`). */
export function Prose({ text, className }: { text: string; className?: string }) {
  return (
    <div className={className ? `prose ${className}` : 'prose'}>
      {reflow(text).map((p, i) => <p key={i}>{p}</p>)}
    </div>
  );
}
