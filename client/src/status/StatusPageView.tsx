import { publicTime, type StoryStart } from '../drill/story-clock';
import type { Post } from '../../../shared/drill/state';
import type { StatusPhase } from '../../../shared/drill/commands';
import type { PublicStatus } from '../../../shared/protocol/messages';

export const PHASE_LABELS: Record<StatusPhase, string> = {
  investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring', resolved: 'Resolved',
};

export interface StatusUpdate { key: string | number; phase?: StatusPhase; text: string; t?: number; draft?: boolean }

/** What the banner says, from the newest update's phase. */
export function overallStatus(updates: StatusUpdate[]): { tone: 'ok' | 'warn' | 'bad'; text: string } {
  const phase = updates[0]?.phase;
  if (!updates.length) return { tone: 'ok', text: 'All systems operational' };
  if (phase === 'resolved') return { tone: 'ok', text: 'All systems operational' };
  if (phase === 'monitoring') return { tone: 'warn', text: 'Recovering — we are monitoring a fix' };
  return { tone: 'bad', text: 'We are having a service disruption' };
}

export function postsToUpdates(posts: Post[]): StatusUpdate[] {
  return posts.filter((p) => p.channel === 'status-page').map((p) => ({ key: p.seq, phase: p.phase, text: p.text, t: p.t })).reverse();
}

/** The updates of `GET /api/drills/:id/status`, already newest first. */
export function publicUpdates(status: PublicStatus): StatusUpdate[] {
  return status.updates.map((u) => ({ key: u.seq, phase: u.phase, text: u.text, t: u.t }));
}

/**
 * The public status page as customers would see it: one banner and the updates, newest first, each posted at the
 * story's time of day ("18:52"; "Sat 00:12" once the story passes midnight), like a real status page. A scenario
 * without `starts-at` has no time of day, so its updates carry the drill clock (T+12:10).
 */
export function StatusPageView({ updates, name = 'Service status', compact = false, start }: {
  updates: StatusUpdate[]; name?: string; compact?: boolean;
  /** The story clock (`starts-at`) the times are read on. */
  start?: StoryStart;
}) {
  const overall = overallStatus(updates);
  return (
    <div className={`status-page${compact ? ' compact' : ''}`} data-testid="status-page">
      <div className="status-page-name">{name}</div>
      <div className={`status-banner tone-${overall.tone}`} role="status">{overall.text}</div>
      {updates.length ? (
        <section className="status-incident" aria-label="Incident updates">
          <h3>{updates[0].phase === 'resolved' ? 'Resolved incident' : 'Ongoing incident'}</h3>
          <ol className="status-updates">
            {updates.map((u) => (
              <li key={u.key} className={u.draft ? 'status-update draft' : 'status-update'}>
                <div className="status-update-head">
                  <strong>{u.phase ? PHASE_LABELS[u.phase] : 'Update'}</strong>
                  {u.draft ? <span className="badge badge-info">Preview — not published</span> : <time className="muted small tabular" data-testid="status-update-time">{u.t !== undefined ? publicTime(start, u.t) : ''}</time>}
                </div>
                <p className="status-update-text">{u.text || <span className="muted">Your update will appear here.</span>}</p>
              </li>
            ))}
          </ol>
        </section>
      ) : <p className="muted status-none">No incidents reported.</p>}
    </div>
  );
}
