import { initialDrillState } from '../../shared/drill/state';
import type { DrillEvent } from '../../shared/drill/events';
import type { DrillView, EventMessage, JoinRequest, JoinResult, Reply } from '../../shared/protocol/messages';
import type { DrillTransport, TransportSignal } from '../../client/src/session/transport';

/** A drill view as the server would send it on join, in the lobby at seq `seq`. */
export function viewAt(seq = 3, overrides: Partial<DrillView> = {}): DrillView {
  return {
    drillId: 'd1', title: 'Drill', identity: { kind: 'participant', participantId: 'p1', name: 'Ana' },
    scenario: {
      id: 's', title: 'S', summary: '', severity: 'SEV2', duration: '60m', tags: [], contacts: [], telemetry: [], objectives: [],
      roles: [{ id: 'ic', name: 'Incident Commander', required: true }], takeOverAfterMs: 300_000,
      powers: { declare: ['ic'], severity: ['ic'], takeOverAfter: '5m' },
    },
    state: { ...initialDrillState({ severity: 'SEV2', telemetry: [] }), seq, participants: { p1: { id: 'p1', name: 'Ana', joinedAt: 0 } } },
    clock: { status: 'lobby', t: 0, speed: 1, wall: 0 },
    online: ['p1'],
    ...overrides,
  };
}

export const ev = (seq: number, body: Record<string, unknown>, t = seq * 1000): DrillEvent =>
  ({ seq, t, by: { kind: 'participant', id: 'p1' }, ...body }) as DrillEvent;
export const msg = (event: DrillEvent, prev: number): EventMessage => ({ event, prev });

/** A transport the test drives by hand: it records what the session asked and answers as told. */
export class FakeTransport implements DrillTransport {
  listeners = new Set<(s: TransportSignal) => void>();
  joins: JoinRequest[] = [];
  resyncs: number[] = [];
  connected = 0;
  closed = 0;
  joinReply: (r: JoinRequest) => Reply<JoinResult> = () => ({ ok: true, data: { view: viewAt() } });
  resyncReply: () => Reply<DrillView> = () => ({ ok: true, data: viewAt(10) });

  connect() { this.connected++; }
  close() { this.closed++; }
  async join(request: JoinRequest) { this.joins.push(request); return this.joinReply(request); }
  async resync(since: number) { this.resyncs.push(since); return this.resyncReply(); }
  commands: { id: string; command: unknown }[] = [];
  commandReply: () => Reply<{ seq: number }> = () => ({ ok: true, data: { seq: 1 } });
  async command(request: { id: string; command: unknown }) { this.commands.push(request); return this.commandReply(); }
  async rotateKey(role: 'facilitator' | 'observer') { return { ok: true as const, data: { role, key: 'k'.repeat(32) } }; }
  subscribe(listener: (s: TransportSignal) => void) {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }
  emit(signal: TransportSignal) { this.listeners.forEach((l) => l(signal)); }
}

/** Lets pending promise callbacks (join/resync replies) run. */
export const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
