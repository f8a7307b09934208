import { useEffect, useState } from 'react';
import { navigate, useLocation } from '../app/router';
import { resolveCredentials } from '../app/DrillPage';
import { DrillSessionProvider, useSession } from '../session/DrillSession';
import { ConnectionBadge } from '../app/DrillHeader';
import { ErrorNote } from '../ui/bits';
import { postsToUpdates, StatusPageView } from './StatusPageView';
import { Loading } from '../app/App';

/**
 * `/status/<drill>`: the drill's public status page, live, as customers would see it. It reads the drill with
 * whatever this browser holds for it (a participant seat, or a staff key from the link).
 */
export function StatusRoute({ drillId }: { drillId: string }) {
  const { query } = useLocation();
  const [credentials] = useState(() => resolveCredentials(drillId, query));
  const hasKey = query.has('key');
  useEffect(() => {
    if (hasKey) navigate(`/status/${encodeURIComponent(drillId)}`, { replace: true });
  }, [hasKey, drillId]);
  return (
    <div className="public-status">
      <div className="drill-note small">Simulated status page for a Firedrill exercise — not a real incident.</div>
      <main id="main" className="public-status-main">
        {credentials ? (
          <DrillSessionProvider credentials={credentials}><LiveStatus /></DrillSessionProvider>
        ) : (
          <p className="notice">Open this page from the drill room or from the facilitator console: this browser has no seat in the drill.</p>
        )}
      </main>
    </div>
  );
}

function LiveStatus() {
  const { view, label, error } = useSession();
  if (!view) return label === 'refused' ? <ErrorNote error={error?.message} /> : <Loading what="Loading the status page" />;
  return (
    <>
      <StatusPageView updates={postsToUpdates(view.state.posts)} />
      <div className="public-status-foot small"><span className="muted">Drill: {view.title}</span><ConnectionBadge /></div>
    </>
  );
}
