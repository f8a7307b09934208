import type { InjectAlert } from '../alerts/alert';
import type { DrillCommand } from './commands';
import type { Declaration, InjectChannel, Severity } from '../scenario/schema';
import type { Actor } from './commands';

/** A decision as delivered to the team: each option's id and label, in the author's order. */
export interface DeliveredDecision { options: { id: string; label: string }[] }

/** Something the drill itself produced: scripted or ad-hoc injects, replies, telemetry, state changes. */
export type ProducedEvent =
  | {
      type: 'inject.delivered';
      injectId: string;
      state?: string;
      to: string[];
      channel: InjectChannel;
      from?: string;
      title?: string;
      body?: string;
      ack: boolean;
      adhoc?: boolean;
      telemetry?: Record<string, number[]>;
      /** The choices of a decision inject, as the team sees them (ratings and the author's reasons stay in the script). */
      decision?: DeliveredDecision;
      /** A real alert from monitoring delivered this inject (the `alert.receive` just before it). */
      alert?: Omit<InjectAlert, 'resolved'>;
    }
  /** Monitoring says the real alert behind this inject has resolved. */
  | { type: 'alert.resolved'; injectId: string; fingerprint: string }
  /**
   * The story entered a state with a `fault`: it is proposed to the facilitator, who confirms it before anything is
   * sent (`fault.confirm`). `faultId` is `fault-<seq>` of this event; the payloads are the scenario's, as written.
   */
  | { type: 'fault.proposed'; faultId: string; state: string; webhook: string; title?: string; payload: Record<string, unknown>; abort?: Record<string, unknown> }
  | { type: 'telemetry.point'; series: string; value: number }
  | { type: 'contact.replied'; contact: string; text: string }
  | { type: 'state.entered'; state: string; final: boolean; /** The state's `fixed` level, when it has one. */ fixed?: Declaration }
  /** The story left a decision inject's state: the choice is locked from here on. */
  | { type: 'decision.closed'; injectId: string }
  | { type: 'drill.ended'; reason: 'final' | 'duration' | 'facilitator' };

type Stamp = {
  /** 1-based position in the drill's log; also the event's id (evidence in scorecards refers to it). */
  seq: number;
  /** Drill-clock time in ms since the drill started (paused time excluded). */
  t: number;
  by: Actor;
  /** Wall-clock time (ms since epoch) the server received an input; absent on produced events. */
  wall?: number;
  /**
   * The command id its sender chose (inputs that came through `drill:command`). Kept with the event, so a
   * retry of the same command, even after a server crash, is answered with this event instead of applied again.
   */
  cid?: string;
};

/** One entry of a drill's event log: an input command or a produced event, stamped. */
export type DrillEvent = Stamp & (DrillCommand | ProducedEvent);
export type DrillEventType = DrillEvent['type'];
export type EventOf<T extends DrillEventType> = Extract<DrillEvent, { type: T }>;

/** Types of the events the drill produces itself; every other type is a command. */
export const PRODUCED_EVENT_TYPES: readonly ProducedEvent['type'][] = [
  'inject.delivered', 'telemetry.point', 'contact.replied', 'state.entered', 'decision.closed', 'drill.ended', 'alert.resolved', 'fault.proposed',
];

/**
 * True for the log's inputs: the commands, replayed on recovery. Decided by type, not by actor, so that a
 * command the server submits in the system's name is replayed too.
 */
export function isInput(event: DrillEvent): boolean {
  return !(PRODUCED_EVENT_TYPES as string[]).includes(event.type);
}

export type { Declaration, Severity };
