import type { SecretBox } from '../outbound/secret-box';
import type { FaultRunner } from './fault-runner';

/** A live game day's server side (docs/game-day.md): the key alert tokens are derived with, and the fault sender. */
export interface GameDay {
  box: SecretBox;
  faults: FaultRunner;
}
