import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useMachine } from '@xstate/react';
import type { DrillView, OutboundStatus, Reply, RotateKeyResult } from '../../../shared/protocol/messages';
import type { DrillEvent } from '../../../shared/drill/events';
import { connectionLabel, connectionMachine, type ConnectionLabel, type Credentials, type SessionError } from './connectionMachine';
import { drillNow } from './fold';
import { socketTransport, type Command, type DrillTransport } from './transport';
import { createCommandSender } from './commands';
import { useTicker } from '../ui/bits';
import { scenarioDurationMs } from './scenario-time';

export interface DrillSession {
  credentials: Credentials;
  label: ConnectionLabel;
  view?: DrillView;
  joinedAs?: 'participant' | 'facilitator' | 'observer';
  error?: SessionError;
  failures: number;
  clockAt: number;
  log: DrillEvent[];
  viewVersion: number;
  /** The drill's outbound webhook, as the server last pushed it (facilitator). */
  outbound?: OutboundStatus;
  command: (command: Command) => Promise<Reply<{ seq: number }>>;
  /** Replaces a staff link; on success this tab switches to the new key (if it was its own). */
  rotateKey: (role: 'facilitator' | 'observer') => Promise<Reply<RotateKeyResult>>;
  retry: () => void;
}

const SessionContext = createContext<DrillSession | null>(null);

/** Provides a session that is no socket: the replay's read-only moment of a past drill (client/src/replay). */
export const StaticSessionProvider = SessionContext.Provider;

/** Owns one socket and one connection machine for a drill; everything under it reads the live view. */
export function DrillSessionProvider({ credentials, children, transport, onRekey }: {
  credentials: Credentials; children: ReactNode; transport?: DrillTransport;
  /** This tab's own staff key was replaced: keep the new one (sessionStorage). */
  onRekey?: (key: string) => void;
}) {
  const [ownTransport] = useState(() => transport ?? socketTransport());
  const [snapshot, send, actor] = useMachine(connectionMachine, { input: { transport: ownTransport, credentials } });
  // One sender per session: commands keep their id through timeouts, reconnects and rejoins.
  const [command] = useState(() => createCommandSender({
    send: (request) => ownTransport.command(request),
    live: () => new Promise<void>((resolve) => {
      if (actor.getSnapshot().matches('live')) return resolve();
      const subscription = actor.subscribe((next) => {
        if (!next.matches('live')) return;
        subscription.unsubscribe();
        resolve();
      });
    }),
  }));
  const retry = useCallback(() => send({ type: 'RETRY' }), [send]);
  const rotateKey = useCallback(async (role: 'facilitator' | 'observer') => {
    const reply = await ownTransport.rotateKey(role);
    if (reply.ok && role === 'facilitator') {
      send({ type: 'REKEY', key: reply.data.key });
      onRekey?.(reply.data.key);
    }
    return reply;
  }, [ownTransport, send, onRekey]);
  const { context } = snapshot;
  const label = connectionLabel(snapshot.value);
  const value = useMemo<DrillSession>(() => ({
    credentials: context.credentials, label, view: context.view, joinedAs: context.joinedAs, error: context.error, failures: context.failures,
    clockAt: context.clockAt, log: context.log, viewVersion: context.viewVersion, outbound: context.outbound, command, rotateKey, retry,
  }), [label, context, command, rotateKey, retry]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): DrillSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside DrillSessionProvider');
  return session;
}

/** The session when the page has one (the scorecard opens a socket only for a reader with a seat or key). */
export function useMaybeSession(): DrillSession | null {
  return useContext(SessionContext);
}

/** The session once joined: pages below the join gate can rely on a view. */
export function useView(): DrillView {
  const { view } = useSession();
  if (!view) throw new Error('useView before the drill view arrived');
  return view;
}

/** Drill time now, ticking while the drill runs (capped at the scenario duration). */
export function useDrillTime(intervalMs = 250): number {
  const { view, clockAt } = useSession();
  const running = view?.clock.status === 'running';
  const now = useTicker(intervalMs, running);
  if (!view) return 0;
  return drillNow(view.clock, clockAt, now, scenarioDurationMs(view.scenario.duration));
}

/**
 * Runs one command and keeps its refusal next to the control that sent it. `run` resolves to the logged event's
 * `{ seq }` when the server accepted the command (truthy), and to false when it refused.
 */
export function useCommand() {
  const { command } = useSession();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const run = useCallback(async (c: Command): Promise<false | { seq: number }> => {
    setPending(true);
    setError(undefined);
    try {
      const reply = await command(c);
      if (!reply.ok) setError(reply.error.message);
      return reply.ok ? reply.data : false;
    } finally {
      setPending(false);
    }
  }, [command]);
  const clear = useCallback(() => setError(undefined), []);
  return { run, pending, error, clear };
}
