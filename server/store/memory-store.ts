import type { DrillEvent } from '../../shared/drill/events';
import type { DrillPatch, DrillRecord, FinishedDrill, ParticipantRecord, Store } from './store';

interface Data {
  drills: Map<string, DrillRecord>;
  events: Map<string, DrillEvent[]>;
  participants: ParticipantRecord[];
}

/** Copies through JSON, as a real database would: callers never share objects with the store. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The store for tests and throwaway servers: same contract as SQLite, kept in memory. */
export class MemoryStore implements Store {
  private data: Data = { drills: new Map(), events: new Map(), participants: [] };

  createDrill(drill: DrillRecord): void {
    if (this.data.drills.has(drill.id)) throw new Error(`drill ${drill.id} already exists`);
    if (this.findLiveDrillByJoinCode(drill.joinCode)) throw new Error(`join code ${drill.joinCode} is in use`);
    this.data.drills.set(drill.id, copy(drill));
    this.data.events.set(drill.id, []);
  }

  getDrill(id: string): DrillRecord | undefined {
    const drill = this.data.drills.get(id);
    return drill && copy(drill);
  }

  findLiveDrillByJoinCode(joinCode: string): DrillRecord | undefined {
    const drill = [...this.data.drills.values()].find((d) => d.joinCode === joinCode && d.status !== 'ended');
    return drill && copy(drill);
  }

  listLiveDrills(): DrillRecord[] {
    return [...this.data.drills.values()].filter((d) => d.status !== 'ended').map(copy);
  }

  listFinishedDrills(scenarioId: string): FinishedDrill[] {
    return [...this.data.drills.values()]
      .filter((d) => d.scenarioId === scenarioId && d.status === 'ended')
      .sort((a, b) => (a.endedAt ?? 0) - (b.endedAt ?? 0) || a.createdAt - b.createdAt)
      .map((d) => ({ drill: copy(d), events: this.events(d.id) }));
  }

  updateDrill(id: string, patch: DrillPatch): void {
    const drill = this.data.drills.get(id);
    if (!drill) throw new Error(`drill ${id} does not exist`);
    this.data.drills.set(id, { ...drill, ...copy(patch) });
  }

  appendEvent(drillId: string, event: DrillEvent): void {
    const log = this.data.events.get(drillId);
    if (!log) throw new Error(`drill ${drillId} does not exist`);
    const expected = (log.at(-1)?.seq ?? 0) + 1;
    if (event.seq !== expected) throw new Error(`event seq ${event.seq} is not the next one (${expected}) in drill ${drillId}`);
    log.push(copy(event));
  }

  events(drillId: string, afterSeq = 0): DrillEvent[] {
    return (this.data.events.get(drillId) ?? []).filter((e) => e.seq > afterSeq).map(copy);
  }

  truncateEvents(drillId: string, afterSeq: number): void {
    const log = this.data.events.get(drillId);
    if (log) this.data.events.set(drillId, log.filter((e) => e.seq <= afterSeq));
  }

  addParticipant(participant: ParticipantRecord): void {
    if (!this.data.drills.has(participant.drillId)) throw new Error(`drill ${participant.drillId} does not exist`);
    this.data.participants.push(copy(participant));
  }

  findParticipantByToken(drillId: string, tokenHash: string): ParticipantRecord | undefined {
    const found = this.data.participants.find((p) => p.drillId === drillId && p.tokenHash === tokenHash);
    return found && copy(found);
  }

  transaction<T>(fn: () => T): T {
    const before: Data = {
      drills: new Map(this.data.drills),
      events: new Map([...this.data.events].map(([id, log]) => [id, [...log]])),
      participants: [...this.data.participants],
    };
    try {
      return fn();
    } catch (error) {
      this.data = before;
      throw error;
    }
  }

  close(): void {}
}
