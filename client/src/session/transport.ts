import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents, ClockInfo, CommandRequest, DrillView, EventMessage, JoinRequest, JoinResult, OutboundStatus, Reply, RevokedNotice,
  RotateKeyResult, ServerToClientEvents,
} from '../../../shared/protocol/messages';
import type { Upcoming } from '../../../shared/drill/upcoming';
import { turnEvents } from '../../../shared/protocol/turn';
import { unanswered, type Command, type CommandReply, type Unanswered } from './commands';

/** What the transport tells the session: the socket went up or down, or the server pushed something. */
export type TransportSignal =
  | { type: 'UP'; recovered: boolean }
  | { type: 'DOWN'; reason: string }
  | { type: 'VIEW'; view: DrillView }
  | { type: 'EVENT'; message: EventMessage }
  | { type: 'CLOCK'; clock: ClockInfo; at: number }
  | { type: 'UPCOMING'; upcoming: Upcoming[] }
  | { type: 'PRESENCE'; online: string[] }
  | { type: 'REVOKED'; notice: RevokedNotice }
  | { type: 'OUTBOUND'; status: OutboundStatus };

export type { Command };

/**
 * The session's only door to the network. The socket.io implementation below is used in the browser; unit
 * tests of the connection machine pass a fake with the same shape.
 */
export interface DrillTransport {
  connect(): void;
  close(): void;
  join(request: JoinRequest): Promise<Reply<JoinResult>>;
  resync(since: number): Promise<Reply<DrillView>>;
  /** One attempt at a command with its id (`createCommandSender` retries); `unanswered()` after the ack timeout. */
  command(request: CommandRequest): Promise<CommandReply | Unanswered>;
  /** Replaces a staff link (facilitator only); the answer carries the new key. */
  rotateKey(role: 'facilitator' | 'observer'): Promise<Reply<RotateKeyResult>>;
  subscribe(listener: (signal: TransportSignal) => void): () => void;
}

const ACK_TIMEOUT_MS = 10_000;
const timedOut = { ok: false as const, error: { code: 'internal' as const, message: 'The server did not answer in time. Check the connection badge and try again.' } };

/** A now() that does not jump when the computer's clock is adjusted. */
export const monotonicNow = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** The browser transport: one Socket.IO connection to the page's origin (Vite proxies it in dev). */
export function socketTransport(url?: string): DrillTransport {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url ?? '', { autoConnect: false, transports: ['websocket', 'polling'] });
  const listeners = new Set<(signal: TransportSignal) => void>();
  const emit = (signal: TransportSignal) => listeners.forEach((listener) => listener(signal));

  socket.on('connect', () => emit({ type: 'UP', recovered: socket.recovered }));
  socket.on('disconnect', (reason) => {
    emit({ type: 'DOWN', reason });
    // The server closed us on purpose (restart, deploy): socket.io does not retry that on its own.
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', (error) => emit({ type: 'DOWN', reason: error.message }));
  socket.on('drill:view', (view) => emit({ type: 'VIEW', view }));
  // One message a turn: its events one by one (each with the seq before it), then the clock, then the schedule.
  socket.on('drill:turn', (turn) => {
    for (const message of turnEvents(turn)) emit({ type: 'EVENT', message });
    if (turn.clock) emit({ type: 'CLOCK', clock: turn.clock, at: monotonicNow() });
    if (turn.upcoming) emit({ type: 'UPCOMING', upcoming: turn.upcoming });
  });
  socket.on('drill:presence', (online) => emit({ type: 'PRESENCE', online }));
  socket.on('drill:revoked', (notice) => emit({ type: 'REVOKED', notice }));
  socket.on('drill:outbound', (status) => emit({ type: 'OUTBOUND', status }));

  const ask = <T,>(send: (ack: (error: Error | null, reply: Reply<T>) => void) => void) =>
    new Promise<Reply<T>>((resolve) => send((error, reply) => resolve(error ? timedOut : reply)));

  return {
    connect: () => socket.connect(),
    close: () => {
      listeners.clear();
      socket.disconnect();
    },
    join: (request) => ask<JoinResult>((ack) => socket.timeout(ACK_TIMEOUT_MS).emit('drill:join', request, ack)),
    resync: (since) => ask<DrillView>((ack) => socket.timeout(ACK_TIMEOUT_MS).emit('drill:resync', { since }, ack)),
    // Sent only while connected: a retry after a reconnect is the sender's, after the session has joined again.
    command: (request) => (socket.connected
      ? new Promise<CommandReply | Unanswered>((resolve) => socket.timeout(ACK_TIMEOUT_MS).emit('drill:command', request, (error, reply) => resolve(error ? unanswered() : reply)))
      : Promise.resolve(unanswered())),
    rotateKey: (role) => ask<RotateKeyResult>((ack) => socket.timeout(ACK_TIMEOUT_MS).emit('drill:rotate-key', { role }, ack)),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
