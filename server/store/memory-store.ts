import type { DrillEvent } from '../../shared/drill/events';
import { GroupCommit, type GroupCommitOptions } from './group-commit';
import type { RunCursor } from '../../shared/runs/runs-page';
import type { RunSummary } from '../../shared/runs/summary';
import { runEndedAt, seqRefusal, type DrillPatch, type DrillRecord, type EndedRun, type FinishedDrill, type OutboundRecord, type ParticipantPatch, type ParticipantRecord, type Store, type StoredSnapshot } from './store';

interface Data {
  drills: Map<string, DrillRecord>;
  events: Map<string, DrillEvent[]>;
  participants: ParticipantRecord[];
  outbound: Map<string, OutboundRecord>;
  summaries: Map<string, RunSummary>;
  snapshots: Map<string, StoredSnapshot>;
}

/** Joinable and restored on start: not ended, not retired. */
const isLive = (d: DrillRecord) => d.status !== 'ended' && !d.retired;

/** Copies through JSON, as a real database would: callers never share objects with the store. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** A copy that later writes to `data` do not change (records and events are replaced, never mutated). */
const snapshot = (data: Data): Data => ({
  drills: new Map(data.drills),
  events: new Map([...data.events].map(([id, log]) => [id, [...log]])),
  participants: [...data.participants],
  outbound: new Map(data.outbound),
  summaries: new Map(data.summaries),
  snapshots: new Map(data.snapshots),
});

/**
 * The store for tests and throwaway servers: same contract as SQLite, kept in memory, group commit included:
 * writes go into a batch committed after the event-loop turn, and reads see only what is committed.
 */
export class MemoryStore implements Store {
  readonly engine = 'memory' as const;
  /** Everything written, the open batch included. Protected so that tests can play a disk that changed a log. */
  protected data: Data = { drills: new Map(), events: new Map(), participants: [], outbound: new Map(), summaries: new Map(), snapshots: new Map() };
  /** What is committed, while a batch is open (reads see this). */
  private lastCommitted?: Data;
  private readonly batches: GroupCommit;

  /** `batching`: when batches are committed (tests; the defaults are the server's). */
  constructor(batching: GroupCommitOptions = {}) {
    this.batches = new GroupCommit({
      begin: () => {
        this.lastCommitted = snapshot(this.data);
      },
      commit: () => this.commitBatch(),
      rollback: () => {
        if (this.lastCommitted) this.data = this.lastCommitted;
        this.lastCommitted = undefined;
      },
      inTransaction: () => this.lastCommitted !== undefined,
    }, batching);
  }

  /** Commits so far (one per batch). */
  get committedBatches(): number {
    return this.batches.commits;
  }

  /** What reads see: the committed data. */
  private get readable(): Data {
    return this.lastCommitted ?? this.data;
  }

  createDrill(drill: DrillRecord): void {
    this.batches.write(() => {
      if (this.data.drills.has(drill.id)) throw new Error(`drill ${drill.id} already exists`);
      if ([...this.data.drills.values()].some((d) => d.joinCode === drill.joinCode && isLive(d))) throw new Error(`join code ${drill.joinCode} is in use`);
      this.data.drills.set(drill.id, copy(drill));
      this.data.events.set(drill.id, []);
    });
  }

  async getDrill(id: string): Promise<DrillRecord | undefined> {
    const drill = this.readable.drills.get(id);
    return drill && copy(drill);
  }

  async findLiveDrillByJoinCode(joinCode: string): Promise<DrillRecord | undefined> {
    const drill = [...this.readable.drills.values()].find((d) => d.joinCode === joinCode && isLive(d));
    return drill && copy(drill);
  }

  async listLiveDrills(): Promise<DrillRecord[]> {
    return [...this.readable.drills.values()].filter(isLive).map(copy);
  }

  async countLiveDrills(): Promise<number> {
    return [...this.readable.drills.values()].filter(isLive).length;
  }

  async listDrills(): Promise<DrillRecord[]> {
    return [...this.readable.drills.values()].reverse().map(copy);
  }

  async listFinishedDrills(scenarioId: string): Promise<FinishedDrill[]> {
    return [...this.readable.drills.values()]
      .filter((d) => d.scenarioId === scenarioId && d.status === 'ended')
      .sort((a, b) => (a.endedAt ?? 0) - (b.endedAt ?? 0) || a.createdAt - b.createdAt)
      .map((d) => ({ drill: copy(d), events: this.readEvents(d.id) }));
  }

  async listEndedRuns(scenarioId: string, page: { limit: number; before?: RunCursor }): Promise<EndedRun[]> {
    const { before } = page;
    const key = (d: DrillRecord) => runEndedAt(d);
    return [...this.readable.drills.values()]
      .filter((d) => d.scenarioId === scenarioId && d.status === 'ended')
      .filter((d) => !before || key(d) < before.endedAt || (key(d) === before.endedAt && d.id < before.id))
      .sort((a, b) => key(b) - key(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
      .slice(0, page.limit)
      .map((d) => ({ drill: copy(d), summary: copy(this.readable.summaries.get(d.id) ?? null) }));
  }

  async countEndedRuns(scenarioId: string): Promise<number> {
    return [...this.readable.drills.values()].filter((d) => d.scenarioId === scenarioId && d.status === 'ended').length;
  }

  putRunSummary(summary: RunSummary): void {
    this.batches.write(() => {
      if (!this.data.drills.has(summary.drillId)) throw new Error(`drill ${summary.drillId} does not exist`);
      const stored = this.data.summaries.get(summary.drillId);
      if (!stored || stored.seq <= summary.seq) this.data.summaries.set(summary.drillId, copy(summary));
    });
  }

  putSnapshot(drillId: string, snapshot: StoredSnapshot): void {
    this.batches.write(() => {
      if (!this.data.drills.has(drillId)) throw new Error(`drill ${drillId} does not exist`);
      const stored = this.data.snapshots.get(drillId);
      if (!stored || stored.seq <= snapshot.seq) this.data.snapshots.set(drillId, { ...snapshot });
    });
  }

  async snapshot(drillId: string): Promise<StoredSnapshot | undefined> {
    const stored = this.readable.snapshots.get(drillId);
    return stored && { ...stored };
  }

  updateDrill(id: string, patch: DrillPatch): void {
    this.batches.write(() => {
      const drill = this.data.drills.get(id);
      if (!drill) throw new Error(`drill ${id} does not exist`);
      this.data.drills.set(id, { ...drill, ...copy(patch) });
    });
  }

  appendEvent(drillId: string, event: DrillEvent): void {
    this.batches.write(() => {
      const log = this.data.events.get(drillId);
      if (!log) throw new Error(`drill ${drillId} does not exist`);
      const expected = (log.at(-1)?.seq ?? 0) + 1;
      if (event.seq !== expected) throw new Error(seqRefusal(drillId, event.seq, expected));
      log.push(copy(event));
    });
  }

  async events(drillId: string, afterSeq = 0): Promise<DrillEvent[]> {
    return this.readEvents(drillId, afterSeq);
  }

  private readEvents(drillId: string, afterSeq = 0): DrillEvent[] {
    return (this.readable.events.get(drillId) ?? []).filter((e) => e.seq > afterSeq).map(copy);
  }

  addParticipant(participant: ParticipantRecord): void {
    this.batches.write(() => {
      if (!this.data.drills.has(participant.drillId)) throw new Error(`drill ${participant.drillId} does not exist`);
      this.data.participants.push(copy(participant));
    });
  }

  async findParticipantByToken(drillId: string, tokenHash: string): Promise<ParticipantRecord | undefined> {
    const found = this.readable.participants.find((p) => p.drillId === drillId && p.tokenHash === tokenHash);
    return found && copy(found);
  }

  async participant(drillId: string, id: string): Promise<ParticipantRecord | undefined> {
    const found = this.readable.participants.find((p) => p.drillId === drillId && p.id === id);
    return found && copy(found);
  }

  async participants(drillId: string): Promise<ParticipantRecord[]> {
    return this.readable.participants.filter((p) => p.drillId === drillId).map(copy);
  }

  updateParticipant(drillId: string, id: string, patch: ParticipantPatch): void {
    this.batches.write(() => {
      const i = this.data.participants.findIndex((p) => p.drillId === drillId && p.id === id);
      if (i < 0) throw new Error(`participant ${id} of drill ${drillId} does not exist`);
      // Replaced, never mutated: the committed snapshot shares the old record.
      this.data.participants = this.data.participants.map((p, j) => (j === i ? { ...p, ...copy(patch) } : p));
    });
  }

  async findLatestDrillByJoinCode(joinCode: string): Promise<DrillRecord | undefined> {
    const drill = [...this.readable.drills.values()].filter((d) => d.joinCode === joinCode).sort((a, b) => b.createdAt - a.createdAt)[0];
    return drill && copy(drill);
  }

  async getOutbound(drillId: string): Promise<OutboundRecord | undefined> {
    const record = this.readable.outbound.get(drillId);
    return record && copy(record);
  }

  setOutbound(drillId: string, record: OutboundRecord | undefined): void {
    this.batches.write(() => {
      if (!this.data.drills.has(drillId)) throw new Error(`drill ${drillId} does not exist`);
      if (record) this.data.outbound.set(drillId, copy(record));
      else this.data.outbound.delete(drillId);
    });
  }

  transaction<T>(fn: () => T): T {
    return this.batches.write(() => {
      const before = snapshot(this.data);
      try {
        return fn();
      } catch (error) {
        this.data = before;
        throw error;
      }
    });
  }

  /** Nothing to sync in memory: the same as `durable`. */
  committed(drillId?: string): Promise<void> {
    return this.durable(drillId);
  }

  durable(_drillId?: string): Promise<void> {
    return this.batches.durable();
  }

  async commit(_drillId?: string): Promise<void> {
    this.batches.commit();
  }

  /** Commits what is open now (tests that change the stored data behind the server's back). */
  protected commitNow(): void {
    this.batches.commit();
  }

  /** One process owns every drill: nothing to fence. */
  fence(_drillId: string, _token: number | undefined): void {}

  async close(): Promise<void> {
    this.batches.commit();
  }

  /** The batch's commit; protected so that tests can make one fail (it is then rolled back). */
  protected commitBatch(): void {
    this.lastCommitted = undefined;
  }
}
