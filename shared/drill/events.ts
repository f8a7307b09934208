import type { DrillCommand } from './commands';
import type { Declaration, InjectChannel, Severity } from '../scenario/schema';
import type { Actor } from './commands';

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
    }
  | { type: 'telemetry.point'; series: string; value: number }
  | { type: 'contact.replied'; contact: string; text: string }
  | { type: 'state.entered'; state: string; final: boolean }
  | { type: 'drill.ended'; reason: 'final' | 'duration' | 'facilitator' };

type Stamp = {
  /** 1-based position in the drill's log; also the event's id (evidence in scorecards refers to it). */
  seq: number;
  /** Drill-clock time in ms since the drill started (paused time excluded). */
  t: number;
  by: Actor;
  /** Wall-clock time (ms since epoch) the server received an input; absent on produced events. */
  wall?: number;
};

/** One entry of a drill's event log: an input command or a produced event, stamped. */
export type DrillEvent = Stamp & (DrillCommand | ProducedEvent);
export type DrillEventType = DrillEvent['type'];
export type EventOf<T extends DrillEventType> = Extract<DrillEvent, { type: T }>;

/** True for events a person caused (the log's inputs, replayed on recovery). */
export function isInput(event: DrillEvent): boolean {
  return event.by.kind !== 'system';
}

export type { Declaration, Severity };
