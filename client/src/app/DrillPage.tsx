import { lazy, Suspense, useEffect, useState } from 'react';
import { navigate, useLocation } from './router';
import { seats, staffKeys } from '../net/storage';
import type { Credentials } from '../session/connectionMachine';
import { DrillSessionProvider, useSession } from '../session/DrillSession';
import { DrillHeader } from './DrillHeader';
import { SiteHeader } from './SiteHeader';
import { JoinForm } from '../home/JoinForm';
import { ErrorNote } from '../ui/bits';
import { LobbyPage } from '../lobby/LobbyPage';
import { RoomPage } from '../room/RoomPage';
import { Loading } from './App';

// The console is for one person per drill: participants never download it.
const ConsolePage = lazy(() => import('../console/ConsolePage'));

/** Where this tab's claim on the drill comes from: a key in the link, a key kept for the tab, or a seat token. */
export function resolveCredentials(drillId: string, query: URLSearchParams): Credentials | undefined {
  const key = query.get('key');
  if (key) {
    const as = query.get('as');
    staffKeys.set(drillId, { key, as: as === 'facilitator' || as === 'observer' ? as : 'unknown' });
  }
  const staff = staffKeys.get(drillId);
  if (staff) return { as: 'staff', drillId, key: staff.key, role: staff.as };
  const seat = seats.get(drillId);
  if (seat) return { as: 'participant', drillId, token: seat.token };
  return undefined;
}

/** `/drill/<id>`: the lobby or room for participants, the console for the facilitator and observers. */
export function DrillPage({ drillId }: { drillId: string }) {
  const { query } = useLocation();
  const [credentials, setCredentials] = useState(() => resolveCredentials(drillId, query));
  const hasKeyInUrl = query.has('key');
  useEffect(() => {
    // The key now lives in this tab's sessionStorage; take it out of the address bar, which a projector shows.
    if (hasKeyInUrl) navigate(`/drill/${encodeURIComponent(drillId)}`, { replace: true });
  }, [hasKeyInUrl, drillId]);

  if (!credentials) return <NoSeat />;
  const forget = () => {
    if (credentials.as === 'participant') seats.clear(drillId);
    else staffKeys.clear(drillId);
    setCredentials(undefined);
  };
  return (
    <DrillSessionProvider credentials={credentials}>
      <DrillGate drillId={drillId} onForget={forget} />
    </DrillSessionProvider>
  );
}

function DrillGate({ drillId, onForget }: { drillId: string; onForget: () => void }) {
  const { view, label, error, joinedAs, credentials, retry } = useSession();

  useEffect(() => {
    if (credentials.as === 'staff' && credentials.role === 'unknown' && (joinedAs === 'facilitator' || joinedAs === 'observer')) {
      staffKeys.set(drillId, { key: credentials.key, as: joinedAs });
    }
  }, [credentials, joinedAs, drillId]);

  if (!view || !joinedAs) {
    if (label !== 'refused') return <><DrillHeader /><main id="main" className="page"><Loading what="Joining the drill" /></main></>;
    return (
      <>
        <SiteHeader />
        <main id="main" className="page page-narrow">
          <div className="panel">
            <h1>Could not open this drill</h1>
            <ErrorNote error={error?.message} />
            <p>{credentials.as === 'participant'
              ? 'Your seat in this drill was not recognised. Join again with the code your facilitator shares.'
              : 'The link you used was not accepted. Ask the facilitator for the link again.'}</p>
            <div className="btn-row">
              <button className="btn" type="button" onClick={retry}>Try again</button>
              <button className="btn btn-quiet" type="button" onClick={onForget}>
                {credentials.as === 'participant' ? 'Join with a code instead' : 'Forget this link'}
              </button>
            </div>
          </div>
        </main>
      </>
    );
  }

  if (joinedAs === 'participant') return view.state.status === 'lobby' ? <LobbyPage /> : <RoomPage />;
  return (
    <Suspense fallback={<><DrillHeader /><Loading what="Loading the console" /></>}>
      <ConsolePage readOnly={joinedAs === 'observer'} />
    </Suspense>
  );
}

function NoSeat() {
  return (
    <>
      <SiteHeader />
      <main id="main" className="page page-narrow">
        <div className="panel join-panel">
          <h1>Join this drill</h1>
          <p className="muted">This browser has no seat in this drill yet. Enter the join code from the facilitator’s screen.</p>
          <JoinForm autoFocusName={false} />
        </div>
      </main>
    </>
  );
}
