import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { navigate, useLocation } from './router';
import { seats, staffKeys, type ParticipantSeat } from '../net/storage';
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

type StaffAs = 'facilitator' | 'observer' | 'unknown';

/** A staff key that arrived in the link: `as` from the link, `facilitator` or `observer`, or `unknown`. */
function linkKey(query: URLSearchParams): { key: string; as: StaffAs } | undefined {
  const key = query.get('key');
  if (!key) return undefined;
  const as = query.get('as');
  return { key, as: as === 'facilitator' || as === 'observer' ? as : 'unknown' };
}

/**
 * Where this tab's claim on the drill comes from: a key kept for the tab, or this browser's seat token. A key in the
 * link is kept for the tab at once, unless the browser also holds a seat in this drill: then the page asks first
 * (`DrillPage`), so a facilitator link opened in a participant's tab does not quietly turn it into the console.
 */
export function resolveCredentials(drillId: string, query: URLSearchParams): Credentials | undefined {
  const fromLink = linkKey(query);
  if (fromLink && !seats.get(drillId)) staffKeys.set(drillId, fromLink);
  const staff = staffKeys.get(drillId);
  if (staff) return { as: 'staff', drillId, key: staff.key, role: staff.as };
  const seat = seats.get(drillId);
  if (seat) return { as: 'participant', drillId, token: seat.token };
  return undefined;
}

/** `/drill/<id>`: the lobby or room for participants, the console for the facilitator and observers. */
export function DrillPage({ drillId }: { drillId: string }) {
  const { query } = useLocation();
  const [pendingKey, setPendingKey] = useState(() => {
    const fromLink = linkKey(query);
    return fromLink && seats.get(drillId) && staffKeys.get(drillId)?.key !== fromLink.key ? fromLink : undefined;
  });
  const [credentials, setCredentials] = useState(() => resolveCredentials(drillId, query));
  const hasKeyInUrl = query.has('key');
  useEffect(() => {
    // The key now lives in this tab's sessionStorage (or in memory until the person chooses); take it out of the
    // address bar, which a projector shows.
    if (hasKeyInUrl) navigate(`/drill/${encodeURIComponent(drillId)}`, { replace: true });
  }, [hasKeyInUrl, drillId]);
  const onRekey = useCallback((key: string) => {
    const kept = staffKeys.get(drillId);
    staffKeys.set(drillId, { key, as: kept?.as ?? 'facilitator' });
  }, [drillId]);

  const seat = seats.get(drillId);
  if (pendingKey && seat) {
    return (
      <ChooseIdentity seat={seat} as={pendingKey.as}
        onStaff={() => {
          staffKeys.set(drillId, pendingKey);
          setPendingKey(undefined);
          setCredentials({ as: 'staff', drillId, key: pendingKey.key, role: pendingKey.as });
        }}
        onSeat={() => {
          setPendingKey(undefined);
          setCredentials(resolveCredentials(drillId, new URLSearchParams()));
        }} />
    );
  }
  if (!credentials) return <NoSeat />;
  const forget = () => {
    if (credentials.as === 'participant') seats.clear(drillId);
    else staffKeys.clear(drillId);
    setCredentials(resolveCredentials(drillId, new URLSearchParams()));
  };
  /** Leaves the console for this tab and goes back to the seat this browser holds. */
  const toSeat = seat && credentials.as === 'staff' ? () => {
    staffKeys.clear(drillId);
    setCredentials({ as: 'participant', drillId, token: seat.token });
  } : undefined;
  const key = credentials.as === 'staff' ? `staff:${credentials.key}` : `seat:${credentials.token}`;
  return (
    <DrillSessionProvider key={key} credentials={credentials} onRekey={onRekey}>
      <DrillGate drillId={drillId} onForget={forget} onSeat={toSeat} seatName={seat?.name} />
    </DrillSessionProvider>
  );
}

/** The facilitator (or observer) link, opened where this browser also holds a seat: which one is this tab? */
function ChooseIdentity({ seat, as, onStaff, onSeat }: { seat: ParticipantSeat; as: StaffAs; onStaff: () => void; onSeat: () => void }) {
  const staff = as === 'observer' ? 'observer' : 'facilitator';
  return (
    <>
      <SiteHeader />
      <main id="main" className="page page-narrow">
        <div className="panel">
          <h1>Open the {staff} console here?</h1>
          <p>This browser already has a seat in this drill as <strong className="name">{seat.name}</strong>. The link you opened is
            the {staff}’s: it shows the whole script and runs the drill.</p>
          <div className="btn-row">
            <button type="button" className="btn btn-primary" onClick={onSeat} autoFocus>Stay as {seat.name}</button>
            <button type="button" className="btn" onClick={onStaff}>Open the {staff} console in this tab</button>
          </div>
          <p className="muted small">You can switch back from the console at any time (“Back to {seat.name}’s seat”).</p>
        </div>
      </main>
    </>
  );
}

const REVOKED_NEXT: Record<string, string> = {
  removed: 'If you should be in this drill, join again with the code your facilitator shares.',
  'key-rotated': 'Ask the facilitator for the new link.',
};

function DrillGate({ drillId, onForget, onSeat, seatName }: { drillId: string; onForget: () => void; onSeat?: () => void; seatName?: string }) {
  const { view, label, error, joinedAs, credentials, retry } = useSession();

  useEffect(() => {
    if (credentials.as === 'staff' && credentials.role === 'unknown' && (joinedAs === 'facilitator' || joinedAs === 'observer')) {
      staffKeys.set(drillId, { key: credentials.key, as: joinedAs });
    }
  }, [credentials, joinedAs, drillId]);

  const revoked = label === 'refused' && !!error && error.code in REVOKED_NEXT;
  if (!view || !joinedAs || revoked) {
    if (label !== 'refused') return <><DrillHeader /><main id="main" className="page"><Loading what="Joining the drill" /></main></>;
    const participant = credentials.as === 'participant';
    return (
      <>
        <SiteHeader />
        <main id="main" className="page page-narrow">
          <div className="panel">
            <h1>{revoked ? 'You are no longer in this drill' : 'Could not open this drill'}</h1>
            <ErrorNote error={error?.message} />
            <p>{revoked ? REVOKED_NEXT[error!.code] : participant
              ? 'Your seat in this drill was not recognised. Join again with the code your facilitator shares.'
              : 'The link you used was not accepted. Ask the facilitator for the link again.'}</p>
            <div className="btn-row">
              {revoked ? null : <button className="btn" type="button" onClick={retry}>Try again</button>}
              {onSeat ? <button className="btn" type="button" onClick={onSeat}>Back to {seatName}’s seat</button> : null}
              <button className="btn btn-quiet" type="button" onClick={onForget}>
                {participant ? 'Join with a code instead' : 'Forget this link'}
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
      <ConsolePage readOnly={joinedAs === 'observer'} onSeat={onSeat} seatName={seatName} />
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
