import type { ReactNode } from 'react';
import { formatClock } from '../../../shared/duration';
import { formatStoryTime } from '../../../shared/story-time';
import { rolesOf } from '../../../shared/drill/roster';
import { useDrillTime, useSession } from '../session/DrillSession';
import type { ConnectionLabel } from '../session/connectionMachine';
import { SeverityBadge } from '../ui/bits';
import { useStoryStart } from '../drill/story-clock';
import { SkipLinks, Wordmark, type SkipTo } from './SiteHeader';

const CONNECTION_TEXT: Record<ConnectionLabel, string> = {
  connecting: 'Connecting…', connected: 'Connected', reconnecting: 'Reconnecting…', resyncing: 'Catching up…',
  resynced: 'Resynced', refused: 'Not connected',
};

/** The connection machine's state, as a small badge the whole room can read. */
export function ConnectionBadge() {
  const { label, failures } = useSession();
  const text = label === 'reconnecting' && failures > 3 ? 'Offline — retrying…' : CONNECTION_TEXT[label];
  return (
    <span className={`conn conn-${label}`} role="status" aria-live="polite" data-testid="connection" data-state={label}>
      <span className="conn-dot" aria-hidden="true" />
      {text}
    </span>
  );
}

const STATUS_TEXT = { lobby: 'In the lobby', running: 'Running', paused: 'Paused', ended: 'Ended' } as const;

/**
 * The drill clock, extrapolated locally between the server's samples. With a story start (`starts-at`) the story's
 * time of day is the large figure ("18:52", what the team writes in updates) and the drill clock sits next to it.
 */
export function DrillClock({ large = true }: { large?: boolean }) {
  const { view } = useSession();
  const t = useDrillTime();
  const start = useStoryStart();
  if (!view) return null;
  const { status, speed } = view.clock;
  const story = formatStoryTime(start, t);
  return (
    <div className={large ? 'drill-clock large' : 'drill-clock'} data-testid="drill-clock">
      {story ? (
        <>
          <span className="clock-time tabular" data-testid="story-clock"><span className="sr-only">Story time </span>{story}</span>
          <span className="clock-drill tabular"><span className="sr-only">, drill clock </span>{formatClock(t)}</span>
        </>
      ) : <span className="clock-time tabular"><span className="sr-only">Drill clock </span>{formatClock(t)}</span>}
      <span className={`clock-status status-${status}`}>
        {STATUS_TEXT[status]}{speed !== 1 && status !== 'ended' ? ` · ×${speed}` : ''}
      </span>
    </div>
  );
}

/** The header of every drill page: what drill, how bad, what time it is, and whether we are connected. */
export function DrillHeader({ children, skipTo }: { children?: ReactNode; skipTo?: SkipTo }) {
  const { view, joinedAs } = useSession();
  const identity = view?.identity;
  // The name as the roster has it now (the facilitator may have renamed the seat since it joined).
  const myName = view && identity?.kind === 'participant' ? view.state.participants[identity.participantId]?.name ?? identity.name : undefined;
  const roles = view && identity?.kind === 'participant'
    ? rolesOf(view.state, identity.participantId).map((id) => view.scenario.roles.find((r) => r.id === id)?.name ?? id)
    : [];
  return (
    <header className="drill-header">
      <SkipLinks skipTo={skipTo} />
      <Wordmark />
      <div className="drill-title">
        <strong data-testid="drill-title">{view?.title ?? 'Drill'}</strong>
        {view && view.title !== view.scenario.title ? <span className="muted small">{view.scenario.title}</span> : null}
      </div>
      {view ? <SeverityBadge severity={view.state.severity} /> : null}
      <DrillClock />
      <div className="drill-header-end">
        {children}
        {identity?.kind === 'participant' ? (
          <span className="identity" data-testid="identity">
            <strong className="name" title={myName}>{myName}</strong>
            <span className="muted small">{roles.length ? roles.join(', ') : 'no role yet'}</span>
          </span>
        ) : null}
        {joinedAs === 'facilitator' ? <span className="badge badge-accent">Facilitator</span> : null}
        {joinedAs === 'observer' ? <span className="badge badge-info">Observer (read-only)</span> : null}
        <ConnectionBadge />
      </div>
    </header>
  );
}
