import { useEffect, useState } from 'react';
import { Link, navigate, useLocation } from '../app/router';
import { SiteHeader } from '../app/SiteHeader';
import { ApiError } from '../net/http';
import { staffKeys, type StaffKey } from '../net/storage';
import { ErrorNote } from '../ui/bits';
import { StaffKeyForm } from '../ui/StaffKeyForm';
import { replayHref, viewpointFrom } from './links';
import { loadReplay, type ReplayData } from './load';
import { ReplayScreen } from './ReplayScreen';
import './replay.css';

/** `keyRefused`: the server did not take the key (401/403), so another link may open it. */
type Load = { status: 'loading' } | { status: 'error'; message: string; keyRefused: boolean } | { status: 'ready'; data: ReplayData };

/**
 * `/drill/<id>/replay?seq=42&viewpoint=comms`: the drill as it was at any event, for a lead after (or during) the
 * drill. It needs the facilitator or observer key, like the event log it is folded from: it can show staff-only
 * things (the script, the facilitator's notes, every role's injects), so a participant's seat never opens it.
 * A key in the address moves to the tab's sessionStorage and leaves the address, as on the scorecard. A tab
 * without a key (a shared moment opened by a colleague) asks for the observer link and opens the same moment.
 */
export default function ReplayPage({ drillId }: { drillId: string }) {
  const { query } = useLocation();
  const urlKey = query.get('key');
  if (urlKey) staffKeys.set(drillId, { key: urlKey, as: staffKeys.get(drillId)?.as ?? 'unknown' });
  const [pasted, setPasted] = useState<StaffKey>();
  const key = urlKey ?? pasted?.key ?? staffKeys.get(drillId)?.key;
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  useEffect(() => {
    if (!urlKey) return;
    const seq = query.get('seq');
    const viewpoint = query.get('viewpoint');
    navigate(replayHref(drillId, {
      ...(seq !== null && seq !== '' && Number.isInteger(Number(seq)) ? { seq: Number(seq) } : {}),
      ...(viewpoint ? { viewpoint: { kind: 'role', role: viewpoint } } : {}),
    }), { replace: true });
  }, [urlKey, drillId, query]);

  useEffect(() => {
    if (!key) return;
    let live = true;
    setLoad({ status: 'loading' });
    loadReplay(drillId, key)
      .then((data) => live && setLoad({ status: 'ready', data }))
      .catch((error: Error) => live && setLoad({
        status: 'error', message: `The replay could not be loaded: ${error.message}`,
        keyRefused: error instanceof ApiError && (error.status === 401 || error.status === 403),
      }));
    return () => {
      live = false;
    };
  }, [drillId, key]);

  const scorecard = `/drill/${encodeURIComponent(drillId)}/scorecard`;
  return (
    <>
      <SiteHeader>
        <div className="btn-row">
          <Link to={scorecard} className="btn btn-small">Back to the scorecard</Link>
        </div>
      </SiteHeader>
      <main id="main" className="page replay">
        {!key ? (
          <div className="panel page-narrow">
            <h1>Replay</h1>
            <p>
              The replay opens with the drill’s <strong>facilitator or observer link</strong>: it can show everything,
              the facilitator’s view included. Open the observer link you were given, then the scorecard, and follow
              any evidence link (#42) from there, or paste the link here to open this moment.
            </p>
            <StaffKeyForm drillId={drillId} onKey={setPasted} action="Open the replay" name="Open the replay with a link" />
            <p className="small muted">Participants read the team’s scorecard from their seat once the drill has ended.</p>
          </div>
        ) : load.status === 'loading' ? (
          <div className="loading" role="status" aria-live="polite">Loading the drill’s events…</div>
        ) : load.status === 'error' ? (
          <div className="panel page-narrow">
            <h1>Replay</h1>
            <ErrorNote error={load.message} />
            {load.keyRefused ? <StaffKeyForm drillId={drillId} onKey={setPasted} action="Open the replay" name="Open the replay with a link" /> : null}
            <p><Link to={scorecard}>Back to the scorecard</Link></p>
          </div>
        ) : (
          <ReplayScreen key={load.data.view.drillId} drillId={drillId} staffKey={key} data={load.data}
            seqParam={query.get('seq')} viewpoint={viewpointFrom(query.get('viewpoint'), load.data.view.scenario.roles)} />
        )}
      </main>
    </>
  );
}
