import type { DrillEvent } from '../../shared/drill/events';
import { hashSecret } from '../../server/ids';
import type { DrillRecord, Store } from '../../server/store/store';
import { GOLDEN } from '../shared/scoring/golden-scenario';

const DAY = 86_400_000;

/**
 * Puts a finished drill of the golden scenario into `store`, started on day `day` of 2025 and ended an hour later;
 * its keys are `fac-<id>` and `obs-<id>`. `engineVersion`: the engine that wrote its log.
 */
export function storeFinishedDrill(store: Store, id: string, events: DrillEvent[], day: number, engineVersion = 1): void {
  const at = Date.UTC(2025, 0, 1) + day * DAY;
  const record: DrillRecord = {
    id, scenarioId: GOLDEN.id, scenario: GOLDEN, title: `Run ${id}`, joinCode: `AB${day}-CDE`,
    facilitatorKeyHash: hashSecret(`fac-${id}`), observerKeyHash: hashSecret(`obs-${id}`),
    createdAt: at, startedAt: at, endedAt: at + 3_600_000, status: 'ended', clock: { t: 0, wall: at, speed: 1 }, engineVersion,
  };
  store.createDrill(record);
  for (const event of events) store.appendEvent(id, event);
}
