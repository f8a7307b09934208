import { assign, fromCallback, fromPromise, setup } from 'xstate';
import type { DrillEvent } from '../../../shared/drill/events';
import type { ClockInfo, DrillView, EventMessage, JoinRequest, JoinResult, OutboundStatus } from '../../../shared/protocol/messages';
import type { Upcoming } from '../../../shared/drill/upcoming';
import { foldEvent } from './fold';
import { monotonicNow, type DrillTransport, type TransportSignal } from './transport';

/** How this browser claims its place in a drill. */
export type Credentials =
  | { as: 'participant'; drillId: string; token: string }
  /** A key from a facilitator or observer link; `unknown` tries facilitator first, then observer. */
  | { as: 'staff'; drillId: string; key: string; role: 'facilitator' | 'observer' | 'unknown' };

export interface SessionError { code: string; message: string }

export interface SessionContext {
  transport: DrillTransport;
  credentials: Credentials;
  view?: DrillView;
  /** Seq of the last event applied (or of the view received). */
  lastSeq: number;
  /** Local monotonic time the current clock sample arrived. */
  clockAt: number;
  /** Events that arrived while a view was on its way; folded in once it lands. */
  pending: EventMessage[];
  /** Every event pushed to this socket, in order (staff merge it with the log fetched over HTTP). */
  log: DrillEvent[];
  /** Bumps whenever a whole view replaces the local one. */
  viewVersion: number;
  joinedAs?: 'participant' | 'facilitator' | 'observer';
  error?: SessionError;
  /** Consecutive failed connection attempts, for "cannot reach the server" after a few. */
  failures: number;
  /** Something was lost while the socket was away: the recovered stream cannot be trusted, join again. */
  gapWhileAway: boolean;
  /** The drill's outbound webhook as last pushed (facilitator). */
  outbound?: OutboundStatus;
}

/** `REKEY`: this tab replaced its own staff key; later joins (reconnects) use the new one. */
type SessionEvent = TransportSignal | { type: 'RETRY' } | { type: 'REKEY'; key: string };

/** The join requests to try, in order, for some credentials. */
export function joinRequests(credentials: Credentials): JoinRequest[] {
  if (credentials.as === 'participant') return [{ as: 'rejoin', drillId: credentials.drillId, token: credentials.token }];
  const roles = credentials.role === 'unknown' ? (['facilitator', 'observer'] as const) : [credentials.role];
  return roles.map((as) => ({ as, drillId: credentials.drillId, key: credentials.key }));
}

interface Joined { result: JoinResult; as: 'participant' | 'facilitator' | 'observer' }

function installView(context: SessionContext, view: DrillView): Partial<SessionContext> {
  let current = view;
  let lastSeq = view.state.seq;
  const log = [...context.log];
  for (const message of context.pending) {
    const folded = foldEvent(current, lastSeq, { ...message, prev: Math.min(message.prev, lastSeq) });
    if (folded.kind !== 'applied') continue;
    current = folded.view;
    lastSeq = folded.lastSeq;
  }
  return { view: current, lastSeq, pending: [], log, clockAt: monotonicNow(), viewVersion: context.viewVersion + 1, error: undefined, failures: 0, gapWhileAway: false };
}

/**
 * The drill session as seen from one browser tab: connecting, joined and live, reconnecting after a drop,
 * resyncing after a gap, or refused. The header badge reads its state; the pages read its context (the view
 * folded from pushed events with the shared reducer).
 */
export const connectionMachine = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
    input: {} as { transport: DrillTransport; credentials: Credentials },
  },
  actors: {
    listen: fromCallback<SessionEvent, { transport: DrillTransport }>(({ input, sendBack }) => {
      const stop = input.transport.subscribe((signal) => sendBack(signal));
      input.transport.connect();
      return () => {
        stop();
        input.transport.close();
      };
    }),
    join: fromPromise<Joined, { transport: DrillTransport; credentials: Credentials }>(async ({ input }) => {
      const requests = joinRequests(input.credentials);
      let last: SessionError = { code: 'internal', message: 'Could not join the drill.' };
      for (const request of requests) {
        const reply = await input.transport.join(request);
        if (reply.ok) return { result: reply.data, as: request.as === 'rejoin' ? 'participant' : request.as };
        last = reply.error;
        if (reply.error.code !== 'unauthorized' && reply.error.code !== 'forbidden') break;
      }
      throw last;
    }),
    resync: fromPromise<DrillView, { transport: DrillTransport; since: number }>(async ({ input }) => {
      const reply = await input.transport.resync(input.since);
      if (!reply.ok) throw reply.error;
      return reply.data;
    }),
  },
  actions: {
    takeView: assign(({ context }, view: DrillView) => installView(context, view)),
    fold: assign(({ context, event }) => {
      if (event.type !== 'EVENT' || !context.view) return {};
      const folded = foldEvent(context.view, context.lastSeq, event.message);
      if (folded.kind !== 'applied') return {};
      const clockMoved = folded.view.clock !== context.view.clock;
      return { view: folded.view, lastSeq: folded.lastSeq, log: [...context.log, event.message.event], ...(clockMoved ? { clockAt: monotonicNow() } : {}) };
    }),
    hold: assign(({ context, event }) => (event.type === 'EVENT' ? { pending: [...context.pending, event.message] } : {})),
  },
  guards: {
    isGap: ({ context, event }) => event.type === 'EVENT' && !!context.view && foldEvent(context.view, context.lastSeq, event.message).kind === 'gap',
    recovered: ({ context, event }) => event.type === 'UP' && event.recovered && !context.gapWhileAway,
  },
  delays: { settle: 4000 },
}).createMachine({
  id: 'connection',
  context: ({ input }) => ({
    transport: input.transport, credentials: input.credentials, lastSeq: 0, clockAt: monotonicNow(), pending: [], log: [],
    viewVersion: 0, failures: 0, gapWhileAway: false,
  }),
  invoke: { src: 'listen', input: ({ context }) => ({ transport: context.transport }) },
  on: {
    VIEW: { actions: { type: 'takeView', params: ({ event }) => event.view } },
    CLOCK: { actions: assign(({ context, event }) => (context.view ? { view: { ...context.view, clock: event.clock }, clockAt: event.at } : {})) },
    UPCOMING: { actions: assign(({ context, event }) => (context.view ? { view: { ...context.view, upcoming: event.upcoming } } : {})) },
    PRESENCE: { actions: assign(({ context, event }) => (context.view ? { view: { ...context.view, online: event.online } } : {})) },
    OUTBOUND: { actions: assign({ outbound: ({ event }) => event.status }) },
    REKEY: {
      actions: assign(({ context, event }) => (context.credentials.as === 'staff' ? { credentials: { ...context.credentials, key: event.key } } : {})),
    },
    // The server no longer accepts this identity (seat removed, staff link replaced): stop, and say why.
    REVOKED: { target: '.failed', actions: assign({ error: ({ event }) => ({ code: event.notice.reason, message: event.notice.message }) }) },
    EVENT: { actions: 'hold' },
  },
  initial: 'connecting',
  states: {
    connecting: {
      on: {
        UP: 'joining',
        DOWN: { actions: assign({ failures: ({ context }) => context.failures + 1 }) },
      },
    },
    joining: {
      invoke: {
        src: 'join',
        input: ({ context }) => ({ transport: context.transport, credentials: context.credentials }),
        onDone: { target: 'live', actions: [{ type: 'takeView', params: ({ event }) => event.output.result.view }, assign({ joinedAs: ({ event }) => event.output.as })] },
        onError: { target: 'failed', actions: assign({ error: ({ event }) => toSessionError(event.error) }) },
      },
      on: { DOWN: 'reconnecting' },
    },
    live: {
      initial: 'steady',
      states: {
        steady: {},
        resynced: { after: { settle: 'steady' } },
      },
      on: {
        EVENT: [{ guard: 'isGap', target: 'resyncing', actions: 'hold' }, { actions: 'fold' }],
        DOWN: 'reconnecting',
      },
    },
    reconnecting: {
      entry: assign({ gapWhileAway: false }),
      on: {
        // A recovered socket replays what it missed just before it reports being connected again.
        EVENT: [{ guard: 'isGap', actions: ['hold', assign({ gapWhileAway: true })] }, { actions: 'fold' }],
        UP: [{ guard: 'recovered', target: 'live.resynced' }, { target: 'rejoining' }],
        DOWN: { actions: assign({ failures: ({ context }) => context.failures + 1 }) },
      },
    },
    rejoining: {
      invoke: {
        src: 'join',
        input: ({ context }) => ({ transport: context.transport, credentials: context.credentials }),
        onDone: { target: 'live.resynced', actions: { type: 'takeView', params: ({ event }) => event.output.result.view } },
        onError: { target: 'failed', actions: assign({ error: ({ event }) => toSessionError(event.error) }) },
      },
      on: { DOWN: 'reconnecting' },
    },
    resyncing: {
      invoke: {
        src: 'resync',
        input: ({ context }) => ({ transport: context.transport, since: context.lastSeq }),
        onDone: { target: 'live.resynced', actions: { type: 'takeView', params: ({ event }) => event.output } },
        onError: 'rejoining',
      },
      on: { DOWN: 'reconnecting' },
    },
    failed: {
      on: { RETRY: 'joining', DOWN: 'reconnecting' },
    },
  },
});

function toSessionError(value: unknown): SessionError {
  const ok = !!value && typeof value === 'object' && typeof (value as SessionError).message === 'string';
  return ok ? (value as SessionError) : { code: 'internal', message: 'Could not join the drill.' };
}

/** The three words the header shows, from the machine's state. */
export type ConnectionLabel = 'connecting' | 'connected' | 'reconnecting' | 'resyncing' | 'resynced' | 'refused';

export function connectionLabel(value: unknown): ConnectionLabel {
  if (typeof value === 'object' && value && 'live' in value) return (value as { live: string }).live === 'resynced' ? 'resynced' : 'connected';
  switch (value) {
    case 'reconnecting': return 'reconnecting';
    case 'rejoining':
    case 'resyncing': return 'resyncing';
    case 'failed': return 'refused';
    default: return 'connecting';
  }
}

export type { ClockInfo, Upcoming };
