import type { Scorecard } from '../../../shared/scoring/types';
import type { StoryStart } from '../drill/story-clock';
import { OverrideControl } from '../evaluate/OverrideControl';
import { Stamp } from '../ui/Stamp';
import { checkView, type Evaluation } from './evaluation';

/**
 * Each status post as written, its score, and every rubric line with the words that decided it. An evaluator can
 * override any check (passed or missed, with a note); the override shows next to the automatic verdict.
 */
export function PostRubrics({ card, evaluation, start }: { card: Scorecard; evaluation: Evaluation; start?: StoryStart }) {
  const posts = card.posts.filter((p) => p.channel === 'status-page');
  return (
    <section aria-labelledby="posts-title" className="sc-section">
      <h2 id="posts-title">Status-page updates</h2>
      {posts.length === 0 ? <p className="empty">The team did not post to the status page.</p> : (
        <ol className="post-list">
          {posts.map((post) => {
            const automaticScore = (post as { automaticScore?: number }).automaticScore;
            return (
              <li key={post.seq} className="post" id={`post-${post.seq}`} data-testid="scored-post">
                <header className="post-head">
                  <Stamp t={post.at} start={start} className="muted" />
                  {post.phase ? <strong className="post-phase">{post.phase}</strong> : null}
                  <span className="muted small">by {post.author}</span>
                  <span className={`post-score ${post.score >= 70 ? 'good' : post.score >= 40 ? 'fair' : 'poor'}`}>
                    {post.score}/100{automaticScore !== undefined && automaticScore !== post.score ? <span className="small muted"> (automatic {automaticScore})</span> : null}
                  </span>
                </header>
                <blockquote className="post-text">{post.text}</blockquote>
                <ul className="checks">
                  {post.checks.filter((c) => c.applicable).map((c) => {
                    const shown = checkView(post, c, evaluation);
                    return (
                      <li key={c.id} className={`${shown.passed ? 'check pass' : 'check fail'}${shown.override ? ' overridden' : ''}`} data-testid={`check-${c.id}`} data-passed={shown.passed}>
                        <span className="check-mark" aria-hidden="true">{shown.passed ? '✓' : '✗'}</span>
                        <span className="sr-only">{shown.passed ? 'Passed:' : 'Missed:'}</span>
                        <span className="check-title">{c.title}</span>
                        {c.evidence.length ? <span className="check-words">{c.evidence.map((w) => <mark key={w}>{w}</mark>)}</span> : null}
                        {shown.automatic ? null : <span className="check-why small">{c.explanation}</span>}
                        {shown.override || evaluation.editable ? (
                          <span className="check-override">
                            <OverrideControl subject={{ target: { post: post.seq, check: c.id }, automatic: shown.automatic }} override={shown.override}
                              editable={evaluation.editable} label={`${c.title} (update at ${post.phase ?? 'post'} #${post.seq})`} />
                          </span>
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
