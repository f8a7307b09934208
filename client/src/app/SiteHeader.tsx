import type { ReactNode } from 'react';
import { Link } from './router';

/** The wordmark bar for pages outside a drill, and the left edge of the drill header. */
export function Wordmark() {
  return (
    <Link to="/" className="wordmark" aria-label="Firedrill home">
      <svg width="22" height="22" viewBox="0 0 16 16" aria-hidden="true"><path d="M8 1c1 3 5 4 5 8a5 5 0 0 1-10 0c0-2 1-3 2-4 0 2 1 3 2 3 0-3 0-5 1-7z" fill="currentColor" /></svg>
      <span>Firedrill</span>
    </Link>
  );
}

/** A skip link's click: focus the first field inside `selector` (a plain anchor jump would only scroll there). */
export function focusFirstField(selector: string): () => void {
  return () => {
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`${selector} input, ${selector} textarea, ${selector} button`)?.focus());
  };
}

/** A skip link for keyboard users, past the header to where the page's work is. */
export interface SkipTo { href: string; label: string; onClick?: () => void }

export function SkipLinks({ skipTo }: { skipTo?: SkipTo }) {
  return (
    <div className="skip-links">
      {skipTo ? <a className="skip-link" href={skipTo.href} onClick={skipTo.onClick}>{skipTo.label}</a> : null}
      <a className="skip-link" href="#main">Skip to content</a>
    </div>
  );
}

/** The header of pages outside a drill; without `children`, its right side leads to the scenario studio. */
export function SiteHeader({ children, skipTo }: { children?: ReactNode; skipTo?: SkipTo }) {
  return (
    <header className="site-header">
      <SkipLinks skipTo={skipTo} />
      <Wordmark />
      <div className="site-header-rest">{children ?? <Link to="/studio" className="header-link">Write a scenario</Link>}</div>
    </header>
  );
}
