import { useEffect, useState } from 'react';
import { localDate } from '../../../shared/drill/action-items';
import { ItemFacts } from '../room/ActionItems';
import type { PreviousItems } from '../../../shared/runs/runs-page';
import { api } from '../net/http';
import { useSession, useView } from '../session/DrillSession';
import { ErrorNote, Panel } from '../ui/bits';

/**
 * "Open items from the last run": what the latest ended run of this scenario left to do (open or in progress, as
 * last edited), so the facilitator can start by asking the owners where each one stands.
 */
export function PreviousItemsPanel() {
  const view = useView();
  const { credentials } = useSession();
  const key = credentials.as === 'staff' ? credentials.key : '';
  const [body, setBody] = useState<PreviousItems>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (!key) return;
    let live = true;
    api<PreviousItems>(`/api/drills/${encodeURIComponent(view.drillId)}/previous-items`, { headers: { 'x-firedrill-key': key }, cache: 'no-store' })
      .then((b) => live && setBody(b), (e: unknown) => live && setError((e as Error).message));
    return () => {
      live = false;
    };
  }, [key, view.drillId]);
  if (!key || (body && !body.run)) return null;
  const today = localDate(new Date());
  const ended = body?.run ? new Date(body.run.endedAt).toLocaleDateString(undefined, { dateStyle: 'medium' }) : '';
  return (
    <Panel title="Open items from the last run" id="previous-items">
      <ErrorNote error={error} />
      {!body ? <p className="muted small" role="status">Loading…</p> : body.items.length === 0 ? (
        <p className="empty">The last run (ended {ended}, {body.run!.overall}/100) left no open action items.</p>
      ) : (
        <>
          <p className="small muted">From the run that ended {ended} ({body.run!.overall}/100). Ask each owner where it stands.</p>
          <ul className="ai-list">
            {body.items.map((item) => (
              <li key={item.id} className={`ai-item ai-${item.status}`}>
                <div className="ai-main">
                  <span className="ai-text">{item.text}</span>
                  <span className="ai-meta small">
                    <ItemFacts item={item} today={today} />
                  </span>
                  {item.findingText ? <span className="ai-finding small"><span className="muted">Answers:</span> {item.findingText}</span> : null}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </Panel>
  );
}
