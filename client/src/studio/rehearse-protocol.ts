import type { Scenario } from '../../../shared/scenario/schema';
import type { ScoredPost } from '../../../shared/scoring/types';
import type { Rehearsal, SandboxPost } from '../../../shared/simulate/rehearse';

/** Messages between the studio and its Web Worker (rehearse.worker.ts). */
export type WorkerRequest =
  | { id: number; kind: 'rehearse'; scenario: Scenario; seed: number }
  | { id: number; kind: 'rate'; scenario: Scenario; post: SandboxPost };

export type WorkerReply =
  | { id: number; ok: true; kind: 'rehearse'; rehearsal: Rehearsal; ms: number }
  | { id: number; ok: true; kind: 'rate'; post: ScoredPost }
  | { id: number; ok: false; message: string };
