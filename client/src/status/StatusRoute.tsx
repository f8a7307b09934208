import { useEffect, useState } from 'react';
import type { PublicStatus } from '../../../shared/protocol/messages';
import { navigate, useLocation } from '../app/router';
import { resolveCredentials } from '../app/DrillPage';
import { DrillSessionProvider, useSession } from '../session/DrillSession';
import { ConnectionBadge } from '../app/DrillHeader';
import { ApiError, http } from '../net/http';
import { ErrorNote } from '../ui/bits';
import { postsToUpdates, publicUpdates, StatusPageView } from './StatusPageView';
import { documentVisibility, startPolling } from './poll';
import { Loading } from '../app/App';
import { storyStartOf } from '../../../shared/story-time';
import { useStoryStart } from '../drill/story-clock';

/** How often the public page asks for news while it is visible. */
export const STATUS_POLL_MS = 5000;

/**
 * `/status/<drill>`: the drill's public status page, as customers would see it. Anyone with the link may read
 * it (`GET /api/drills/:id/status`, polled). A browser with a seat or a staff key for the drill reads the same
 * posts live from its socket instead, and falls back to the public page if the drill refuses it.
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
          <DrillSessionProvider credentials={credentials}><LiveStatus drillId={drillId} /></DrillSessionProvider>
        ) : <PolledStatus drillId={drillId} />}
      </main>
    </div>
  );
}

function LiveStatus({ drillId }: { drillId: string }) {
  const { view, label } = useSession();
  const start = useStoryStart();
  if (!view) return label === 'refused' ? <PolledStatus drillId={drillId} /> : <Loading what="Loading the status page" />;
  return (
    <>
      <StatusPageView updates={postsToUpdates(view.state.posts)} start={start} />
      <div className="public-status-foot small"><span className="muted">Drill: {view.title}</span><ConnectionBadge /></div>
    </>
  );
}

const DRILL_STATUS: Record<PublicStatus['status'], string> = {
  lobby: 'the drill has not started yet',
  running: 'the drill is running',
  paused: 'the drill is paused',
  ended: 'the drill has ended',
};

type Polled = { status?: PublicStatus; error?: string; gone?: boolean };

/** The page for anyone with the link: asks every 5 s while visible, and stops once the drill has ended. */
function PolledStatus({ drillId }: { drillId: string }) {
  const [polled, setPolled] = useState<Polled>({});
  useEffect(() => startPolling({
    load: () => http.status(drillId),
    onResult: (status) => setPolled({ status }),
    onError: (error) => setPolled((prev) => ({
      ...prev,
      error: error instanceof Error ? error.message : String(error),
      gone: error instanceof ApiError && error.status === 404,
    })),
    done: (status) => status.status === 'ended',
    fatal: (error) => error instanceof ApiError && error.status === 404,
    interval: STATUS_POLL_MS,
    visibility: documentVisibility,
  }), [drillId]);

  const { status, error, gone } = polled;
  if (gone) return <div className="panel"><h1>Status page not found</h1><ErrorNote error={error} /></div>;
  if (!status) return error ? <ErrorNote error={error} /> : <Loading what="Loading the status page" />;
  return (
    <>
      <StatusPageView updates={publicUpdates(status)} name={status.title} start={storyStartOf(status.startsAt)} />
      <div className="public-status-foot small" data-testid="public-status-foot">
        <span className="muted">Exercise status: {DRILL_STATUS[status.status]}.</span>
        {error ? <span className="error-note" role="alert">Could not refresh — trying again.</span>
          : status.status === 'ended' ? null : <span className="muted">Updates every {STATUS_POLL_MS / 1000} s</span>}
      </div>
    </>
  );
}
