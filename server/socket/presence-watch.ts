import { takeOverAfterMs } from '../../shared/drill/presence';
import { activeParticipants, isActive } from '../../shared/drill/roster';
import type { Clock, TimerHandle } from '../clock';
import type { LiveDrill } from '../drills/live-drill';
import type { Logger } from '../log';

/**
 * Turns the server's knowledge of who is connected into logged facts, so that a take-over replays exactly.
 *
 * When a participant on the roster has had no connected socket for the scenario's take-over grace period
 * (`takeOverAfterMs`, wall time), the server submits `participant.away` in the system's name; when they are
 * connected again while logged away, `participant.back`. The drill core allows `role.takeover` only of a role
 * whose holder is away *in the drill state*, so replaying the log never needs to know who was connected: the
 * away and back events are inputs like any command.
 *
 * Time offline is counted from when this watch first saw the person offline: after a server restart, or when the
 * drill's last socket left and the room was dropped, everyone's absence counts from the moment the room is
 * back (at most one grace period late, never early).
 */
export class PresenceWatch {
  /** participant id → the timer that logs them away. */
  private readonly timers = new Map<string, TimerHandle>();
  /** participant ids whose `participant.back` is queued. */
  private readonly returning = new Set<string>();
  private closed = false;

  constructor(
    private readonly live: LiveDrill,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Participant ids with a connected socket now. */
    private readonly online: () => ReadonlySet<string>,
  ) {}

  /** Looks again at who is online and who holds what; call after every presence change and every drill turn. */
  update(): void {
    if (this.closed) return;
    const state = this.live.state;
    const online = this.online();
    const roster = new Set(activeParticipants(state).map((p) => p.id));
    for (const [id, timer] of this.timers) {
      if (online.has(id) || !roster.has(id) || state.status === 'ended') {
        this.clock.clearTimeout(timer);
        this.timers.delete(id);
      }
    }
    if (state.status === 'ended') return;
    for (const participant of activeParticipants(state)) {
      const { id } = participant;
      if (online.has(id)) {
        if (participant.awaySince !== undefined && !this.returning.has(id)) this.back(id);
      } else if (participant.awaySince === undefined && !this.timers.has(id)) {
        this.timers.set(id, this.clock.setTimeout(() => {
          this.timers.delete(id);
          this.away(id);
        }, takeOverAfterMs(this.live.scenario)));
      }
    }
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) this.clock.clearTimeout(timer);
    this.timers.clear();
  }

  private away(id: string): void {
    this.live.exclusive((turn) => {
      const participant = turn.state.participants[id];
      // Everything may have changed while the turn waited in the queue: check again.
      if (this.closed || !isActive(participant) || participant.awaySince !== undefined || turn.state.status === 'ended' || this.online().has(id)) return;
      turn.submit({ type: 'participant.away', participantId: id }, { kind: 'system' });
    }).catch((error: unknown) => this.logger.warn(`drill ${this.live.id}: could not log ${id} away: ${String(error)}`));
  }

  private back(id: string): void {
    this.returning.add(id);
    this.live.exclusive((turn) => {
      if (turn.state.participants[id]?.awaySince === undefined || turn.state.status === 'ended') return;
      turn.submit({ type: 'participant.back', participantId: id }, { kind: 'system' });
    }).catch((error: unknown) => this.logger.warn(`drill ${this.live.id}: could not log ${id} back: ${String(error)}`))
      .finally(() => this.returning.delete(id));
  }
}
