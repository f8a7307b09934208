import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import type { ClockInfo, DrillView, JoinResult, Reply, TurnMessage } from '../shared/protocol/messages';
import type { DrillSlot, Target } from './worker-protocol';

/**
 * How a bench client speaks to each target. The Firedrill adapter uses the real protocol
 * (shared/protocol/messages.ts); the baseline adapter the bare server's three events.
 */
export interface Joined { participantId?: string; token?: string; view?: DrillView }

export interface Adapter {
  join(socket: Socket, slot: DrillSlot, as: 'facilitator' | 'participant', name: string): Promise<Joined>;
  rejoin(socket: Socket, slot: DrillSlot, member: Joined & { as: 'facilitator' | 'participant' }): Promise<Joined>;
  /** Sets the speed (where the target has one) and starts the drill, calling `sending` just before the start goes out. */
  start(socket: Socket, slot: DrillSlot, speed: number, sending: () => void): Promise<void>;
  post(socket: Socket, slot: DrillSlot, kind: 'status.post' | 'chat.post', by: string, text: string): Promise<number>;
}

export type { ClockInfo, TurnMessage };

const REPLY_TIMEOUT_MS = 30_000;

/** Emits with an ack and unwraps the `Reply`; a refusal or a timeout rejects with the server's words. */
function request<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    socket.timeout(REPLY_TIMEOUT_MS).emit(event, payload, (err: Error | null, reply: Reply<T>) => {
      if (err) return reject(new Error(`${event}: ${socket.connected ? `no reply within ${REPLY_TIMEOUT_MS} ms` : 'the connection closed before the reply'}`));
      if (!reply.ok) return reject(new Error(`${event}: ${reply.error.code}: ${reply.error.message}`));
      resolve(reply.data);
    });
  });
}

const firedrill: Adapter = {
  async join(socket, slot, as, name) {
    const result = await request<JoinResult>(
      socket, 'drill:join',
      as === 'facilitator' ? { as, drillId: slot.drillId, key: slot.facilitatorKey } : { as, code: slot.joinCode, name },
    );
    const identity = result.view.identity;
    return { view: result.view, token: result.token, participantId: identity.kind === 'participant' ? identity.participantId : undefined };
  },
  async rejoin(socket, slot, member) {
    const result = await request<JoinResult>(
      socket, 'drill:join',
      member.as === 'facilitator' ? { as: 'facilitator', drillId: slot.drillId, key: slot.facilitatorKey } : { as: 'rejoin', drillId: slot.drillId, token: member.token },
    );
    return { ...member, view: result.view };
  },
  async start(socket, _slot, speed, sending) {
    await request(socket, 'drill:command', { id: randomUUID(), command: { type: 'drill.speed', speed } });
    sending();
    await request(socket, 'drill:command', { id: randomUUID(), command: { type: 'drill.start' } });
  },
  async post(socket, _slot, kind, _by, text) {
    const command = kind === 'status.post' ? { type: kind, phase: 'investigating', text } : { type: kind, text };
    return (await request<{ seq: number }>(socket, 'drill:command', { id: randomUUID(), command })).seq;
  },
};

const room = (slot: DrillSlot) => `room-${slot.index}`;

const baseline: Adapter = {
  async join(socket, slot) {
    await request(socket, 'join', { room: room(slot) });
    return {};
  },
  // Says who rejoins, so that the recovery floor answers with a view of Firedrill's size and shape.
  async rejoin(socket, slot, member) {
    const result = await request<{ view?: DrillView } | undefined>(socket, 'join', { room: room(slot), as: member.as });
    return result?.view ? { ...member, view: result.view } : member;
  },
  async start(socket, slot, _speed, sending) {
    sending();
    await request(socket, 'start', { room: room(slot) });
  },
  async post(socket, slot, _kind, by, text) {
    return (await request<{ seq: number }>(socket, 'post', { room: room(slot), by, phase: 'investigating', text })).seq;
  },
};

export const adapters: Record<Target, Adapter> = { firedrill, baseline };
