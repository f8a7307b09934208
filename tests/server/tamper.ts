import type { DrillEvent } from '../../shared/drill/events';
import { MemoryStore } from '../../server/store/memory-store';

/**
 * A memory store whose stored log can be changed behind the server's back, as a damaged disk, a hand edit or a
 * different engine version would leave it. The `Store` contract itself has no way to change a stored event.
 */
export class TamperableStore extends MemoryStore {
  /** Replaces the stored event `seq` of a drill (committed data, as if the file had changed while the server was down). */
  replaceEvent(drillId: string, seq: number, change: (event: DrillEvent) => DrillEvent): void {
    this.commit();
    const log = this.data.events.get(drillId);
    if (!log?.[seq - 1]) throw new Error(`no event ${seq} in drill ${drillId}`);
    log[seq - 1] = change(log[seq - 1]);
  }
}
