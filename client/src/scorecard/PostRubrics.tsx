import { formatClock } from '../../../shared/duration';
import type { Scorecard } from '../../../shared/scoring/types';

/** Each status post as written, its score, and every rubric line with the words that decided it. */
export function PostRubrics({ card }: { card: Scorecard }) {
  const posts = card.posts.filter((p) => p.channel === 'status-page');
  return (
    <section aria-labelledby="posts-title" className="sc-section">
      <h2 id="posts-title">Status-page updates</h2>
      {posts.length === 0 ? <p className="empty">The team did not post to the status page.</p> : (
        <ol className="post-list">
          {posts.map((post) => (
            <li key={post.seq} className="post" id={`post-${post.seq}`} data-testid="scored-post">
              <header className="post-head">
                <span className="tabular muted">{formatClock(post.at)}</span>
                {post.phase ? <strong className="post-phase">{post.phase}</strong> : null}
                <span className="muted small">by {post.author}</span>
                <span className={`post-score ${post.score >= 70 ? 'good' : post.score >= 40 ? 'fair' : 'poor'}`}>{post.score}/100</span>
              </header>
              <blockquote className="post-text">{post.text}</blockquote>
              <ul className="checks">
                {post.checks.filter((c) => c.applicable).map((c) => (
                  <li key={c.id} className={c.passed ? 'check pass' : 'check fail'}>
                    <span className="check-mark" aria-hidden="true">{c.passed ? '✓' : '✗'}</span>
                    <span className="sr-only">{c.passed ? 'Passed:' : 'Missed:'}</span>
                    <span className="check-title">{c.title}</span>
                    {c.evidence.length ? <span className="check-words">{c.evidence.map((w) => <mark key={w}>{w}</mark>)}</span> : null}
                    {c.passed ? null : <span className="check-why small">{c.explanation}</span>}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
