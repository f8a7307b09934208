import { useEffect, useState, type ReactNode } from 'react';
import type { Severity } from '../../../shared/scenario/schema';

/** A server's refusal or a failed request, shown next to the control that caused it. */
export function ErrorNote({ error, id }: { error?: string; id?: string }) {
  if (!error) return null;
  return <p className="error-note" role="alert" id={id}>{error}</p>;
}

export function SeverityBadge({ severity }: { severity: Severity | string }) {
  return <span className={`sev sev-${severity.toLowerCase()}`} title={`Severity ${severity}`}>{severity}</span>;
}

/** A titled box on a page. `actions` sit to the right of the title. */
export function Panel({ title, actions, children, className, id, headingLevel = 2 }: {
  title: ReactNode; actions?: ReactNode; children: ReactNode; className?: string; id?: string; headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section className={className ? `panel ${className}` : 'panel'} aria-labelledby={headingId} id={id}>
      <header className="panel-head">
        <Heading id={headingId}>{title}</Heading>
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}

/** Copies text and says so for a moment; falls back to selecting the text when the clipboard is not allowed. */
export function CopyButton({ text, label = 'Copy', className }: { text: string; label?: string; className?: string }) {
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (!done) return;
    const timer = setTimeout(() => setDone(false), 1500);
    return () => clearTimeout(timer);
  }, [done]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setDone(true);
    } catch {
      window.prompt('Copy this:', text);
    }
  };
  return (
    <button type="button" className={className ?? 'btn btn-quiet btn-small'} onClick={copy} aria-live="polite">
      {done ? 'Copied' : label}
    </button>
  );
}

/** Re-renders every `ms` while `active`, returning performance.now(). */
export function useTicker(ms: number, active = true): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(performance.now()), ms);
    return () => clearInterval(timer);
  }, [ms, active]);
  return active ? now : performance.now();
}

/** A visually hidden label for screen readers. */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className="sr-only">{children}</span>;
}
