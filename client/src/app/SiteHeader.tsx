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

/** The header of pages outside a drill; without `children`, its right side leads to the scenario studio. */
export function SiteHeader({ children }: { children?: ReactNode }) {
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">Skip to content</a>
      <Wordmark />
      <div className="site-header-rest">{children ?? <Link to="/studio" className="header-link">Write a scenario</Link>}</div>
    </header>
  );
}
