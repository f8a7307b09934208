import { createActor, type Actor as XActor, type Snapshot } from 'xstate';
import { compileScenario, type ScenarioMachine } from '../scenario/compile';
import type { ReceivedAlert } from '../alerts/alert';
import { alertText, routeAlert } from '../alerts/route';
import { contactReply, injectChannel, ms, scenarioDurationMs, scenarioInjects, type ScenarioInject } from '../scenario/model';
import type { Scenario } from '../scenario/schema';
import type { Actor, DrillCommand } from './commands';
import { isInput, type DrillEvent, type ProducedEvent } from './events';
import { checkCommand, type DrillError } from './rules';
import { Scheduler, type TimerJob } from './scheduler';
import { checkSnapshot, digestEvents, EMPTY_DIGEST, SNAPSHOT_FORMAT, SnapshotError, type DrillSnapshot } from './snapshot';
import { factsOf, initialDrillState, reduceDrill, type DrillState } from './state';
import { upcomingOf, type Upcoming } from './upcoming';
import { sameJson } from '../json';

export interface DrillOptions {
  /**
   * Called with every event before it takes effect (the server appends it to its store here). If it throws,
   * the event is not applied and the error reaches the caller of `submit` or `advanceTo`: nothing is
   * acknowledged that was not kept. A failure on the command itself leaves the drill unchanged; a failure on
   * an event the step produced leaves it part-way, so rebuild it from the kept events with `Drill.replay`.
   */
  journal?: (event: DrillEvent) => void;
}

export type SubmitResult =
  /** `duplicate`: the command id was seen before; `event` is the event that command made, nothing new happened. */
  | { ok: true; event: DrillEvent; events: DrillEvent[]; duplicate?: boolean }
  | { ok: false; error: DrillError; events: DrillEvent[] };

/** When and how a command arrives: drill time, wall time (for the record), and the sender's command id. */
export interface SubmitAt { t?: number; wall?: number; cid?: string }

const TELEMETRY_SPREAD_MS = 60_000;

/**
 * The version of the drill engine: how a log of inputs plays (this class, the reducer, the rules, the scenario
 * compiler). Raise it whenever the same inputs could produce a different log; the server stores it with each
 * drill and refuses to replay a log written by a newer engine, and a replay that no longer reproduces a stored
 * log quarantines the drill instead of rewriting it (docs/operations.md, "Recovery").
 */
export const ENGINE_VERSION = 3;
// 2: real alerts (`alert.receive`, `alert.resolved`) and faults (`fault.*`); a log with them means nothing to engine 1.
// 3: action items v2 (`action-item.update`; priority, status and finding on `action-item.add`); engine 2 cannot replay them.

/**
 * One drill: the compiled scenario actor plus the drill state, driven only by `submit` and `advanceTo` in
 * drill time. Deterministic: replaying the inputs of a log at their drill times gives the identical log.
 */
export class Drill {
  readonly scenario: Scenario;
  private readonly scheduler = new Scheduler();
  private readonly injectsById: ReadonlyMap<string, ScenarioInject>;
  private readonly journal?: (event: DrillEvent) => void;
  private readonly machine: ScenarioMachine;
  /** The scenario actor once the drill has started (or was restored running). */
  private actor?: XActor<ScenarioMachine>;
  /** The scenario actor made with the drill, not started yet: see the constructor. */
  private prepared?: XActor<ScenarioMachine>;
  private current: DrillState;
  private readonly history: DrillEvent[] = [];
  private fresh: DrillEvent[] = [];
  /** contact id → drill time their reply is due. */
  private readonly replies = new Map<string, number>();
  private enteredAt = 0;
  private startedAt = 0;
  private endPending = false;
  /** An error thrown inside an XState emit handler (a failing journal), to rethrow to the caller. */
  private failure?: { error: unknown };
  /** Sender + command id → seq of the event it made: a retried command is answered, never applied twice. */
  private readonly commandIds = new Map<string, number>();
  /** Timer ids of the scenario state's `after` events set again by `restore`: cancelled when the state is left. */
  private restoredAfter: number[] = [];
  /** The digest of the log up to `digested` events (extended by each `snapshot`, so each event is hashed once). */
  private digest = EMPTY_DIGEST;
  private digested = 0;

  /** `prepare: false` (for `restore` of a drill past its lobby, whose actor comes from the snapshot) skips making the actor ahead. */
  constructor(scenario: Scenario, options: DrillOptions = {}, prepare = true) {
    this.scenario = scenario;
    this.journal = options.journal;
    this.injectsById = scenarioInjects(scenario);
    this.machine = compileScenario(scenario);
    this.current = initialDrillState(scenario);
    // The scenario actor is made now rather than in the start turn. Making it computes the machine's initial
    // state, a pure step that depends on nothing the drill does before its start (the machine's context starts
    // empty and XState defers every action, emit and timer to `actor.start()`), and it is most of what the
    // actor costs a start: 200 drills starting together wait on each other's (docs/performance.md).
    if (prepare) this.prepared = this.makeActor();
  }

  /**
   * Rebuilds a drill from a stored log by replaying its inputs at their drill times, then moving drill time to
   * the log's last event, so that the rebuilt log equals the stored one and pending timers are set again.
   */
  static replay(scenario: Scenario, events: readonly DrillEvent[], options: DrillOptions = {}): Drill {
    const drill = new Drill(scenario, options);
    drill.replayTail(events, 0);
    return drill;
  }

  /**
   * Rebuilds a drill from a snapshot (`snapshot()`) and its stored log: the events up to the snapshot's seq are
   * taken as they are stored, the state, pending timers and scenario machine as the snapshot has them, and only
   * the inputs after it are replayed (then drill time is moved to the log's last event, as `replay` does). The
   * result plays on exactly as `Drill.replay(scenario, events)` would.
   *
   * Throws `SnapshotRejected` when the snapshot is not for this engine, scenario or log (the caller replays the
   * whole log instead), and an `Error` when an input after it does not replay. The drill takes ownership of the
   * snapshot's objects: pass a fresh copy (as the store's read gives).
   */
  static restore(scenario: Scenario, snapshot: DrillSnapshot, events: readonly DrillEvent[], options: DrillOptions = {}): Drill {
    checkSnapshot(scenario, snapshot, events, ENGINE_VERSION);
    const drill = new Drill(scenario, options, snapshot.state.status === 'lobby');
    drill.load(snapshot, events);
    drill.replayTail(events, snapshot.seq);
    return drill;
  }

  /**
   * The drill as plain JSON data, for `Drill.restore`: its state, the pending timers (due time, tie-break order,
   * what they do), the scenario machine's persisted state, the engine version and the seq and drill time it was
   * taken at. Take it between two steps (not inside a journal call). It shares the drill's (immutable) state
   * objects: serialise it before the drill moves on.
   */
  snapshot(): DrillSnapshot {
    if (this.fresh.length || this.endPending || this.failure) throw new Error('a drill can only be snapshotted between two steps');
    const running = this.actor !== undefined && this.current.status !== 'ended';
    const machine = running ? (this.actor as XActor<ScenarioMachine>).getPersistedSnapshot() as { value?: unknown } : undefined;
    const scheduler = this.scheduler.snapshot();
    if (machine && (typeof machine.value !== 'string' || machine.value !== this.current.machineState)) {
      throw new Error(`the scenario machine is in ${JSON.stringify(machine.value)}, the drill in ${String(this.current.machineState)}: not snapshotted`);
    }
    const stray = scheduler.timers.find(({ job }) => job.kind === 'after' && job.state !== this.current.machineState);
    if (stray) throw new Error(`a pending scenario timer belongs to state ${JSON.stringify(stray.job)}, not the current one: not snapshotted`);
    const last = this.history.at(-1);
    this.digest = digestEvents(this.digest, this.history.slice(this.digested));
    this.digested = this.history.length;
    return {
      format: SNAPSHOT_FORMAT, engine: ENGINE_VERSION, scenario: { id: this.scenario.id, version: this.scenario.version },
      seq: this.current.seq, t: this.scheduler.now, ...(last ? { last } : {}), digest: this.digest,
      state: this.current, enteredAt: this.enteredAt, startedAt: this.startedAt, replies: [...this.replies],
      scheduler, ...(machine ? { machine } : {}),
    };
  }

  /** Takes the stored events up to the snapshot's seq and everything the snapshot holds (see `restore`). */
  private load(snapshot: DrillSnapshot, events: readonly DrillEvent[]): void {
    for (const event of events.slice(0, snapshot.seq)) {
      this.history.push(event);
      if (isInput(event) && event.cid !== undefined) this.commandIds.set(commandKey(event.by, event.cid), event.seq);
    }
    this.current = snapshot.state;
    this.digest = snapshot.digest;
    this.digested = snapshot.seq;
    this.enteredAt = snapshot.enteredAt;
    this.startedAt = snapshot.startedAt;
    for (const [contact, at] of snapshot.replies) this.replies.set(contact, at);
    if (snapshot.machine) this.startActor(snapshot.machine);
    // XState does not restore delayed events from a persisted snapshot (statelyai/xstate#5331): the scenario
    // state's pending `after` events are set again from the snapshot's timers, at their original due times and
    // order, and cancelled when the machine leaves that state (as XState cancels its own on exit).
    const ids = this.scheduler.restore(snapshot.scheduler, (job) => this.jobRunner(job));
    this.restoredAfter = ids.filter((_, i) => snapshot.scheduler.timers[i].job.kind === 'after');
  }

  /** Replays the inputs of `events` after `from` (a seq) at their drill times, then moves time to the last event. */
  private replayTail(events: readonly DrillEvent[], from: number): void {
    for (const event of events.slice(from)) {
      if (!isInput(event)) continue;
      const { seq: _seq, t, by, wall, cid, ...command } = event;
      const result = this.submit(command as DrillCommand, by, { t, wall, cid });
      if (!result.ok) throw new Error(`log does not replay at seq ${event.seq}: ${result.error.message}`);
    }
    const last = events.at(-1);
    if (last) this.advanceTo(last.t);
    this.takeFresh();
  }

  get state(): DrillState {
    return this.current;
  }
  get log(): readonly DrillEvent[] {
    return this.history;
  }
  /** Current drill time (ms). */
  get now(): number {
    return this.scheduler.now;
  }
  /** Drill time of the next scheduled happening, for the server's real timer. */
  nextDue(): number | undefined {
    return this.scheduler.nextDue();
  }
  /** What is scheduled next: injects, replies, contingencies, the end (facilitator console). */
  upcoming(): Upcoming[] {
    return upcomingOf({ scenario: this.scenario, state: this.current, enteredAt: this.enteredAt, now: this.scheduler.now, replies: this.replies, startedAt: this.startedAt });
  }

  /** Moves drill time forward, firing every timer due by `t`. Returns the events that produced. */
  advanceTo(t: number): DrillEvent[] {
    this.scheduler.advanceTo(Math.max(t, this.scheduler.now));
    this.rethrow();
    return this.takeFresh();
  }

  /** Checks a command without applying it. */
  check(command: DrillCommand, by: Actor): DrillError | undefined {
    return checkCommand(this.scenario, this.current, command, by);
  }

  /**
   * Applies a command at drill time `t` (default: now; a time in the past means now). Timers due by then fire
   * first, also those due exactly now, as they will when the log is replayed. A refused command changes
   * nothing; `events` then holds only what the timers produced.
   */
  submit(command: DrillCommand, by: Actor, at: SubmitAt = {}): SubmitResult {
    this.scheduler.advanceTo(Math.max(at.t ?? this.scheduler.now, this.scheduler.now));
    this.rethrow();
    const key = at.cid === undefined ? undefined : commandKey(by, at.cid);
    const seen = key === undefined ? undefined : this.commandIds.get(key);
    if (seen !== undefined) {
      const original = this.history[seen - 1];
      if (!sameCommand(original, command)) return { ok: false, error: { code: 'conflict', message: 'This command id was already used for a different command; send it with a new id.' }, events: this.takeFresh() };
      return { ok: true, event: original, events: this.takeFresh(), duplicate: true };
    }
    const error = this.check(command, by);
    if (error) return { ok: false, error, events: this.takeFresh() };
    const event = this.record({ ...command, by, ...(at.wall !== undefined ? { wall: at.wall } : {}), ...(at.cid !== undefined ? { cid: at.cid } : {}) });
    if (key !== undefined) this.commandIds.set(key, event.seq);
    this.effects(event);
    this.rethrow();
    return { ok: true, event, events: this.takeFresh() };
  }

  /**
   * XState catches what its emit handlers throw and rethrows it later from a real timer, where the caller
   * cannot catch it. The handlers park the error here instead, and the step that ran them rethrows it.
   */
  private rethrow(): void {
    if (this.failure === undefined) return;
    const { error } = this.failure;
    this.failure = undefined;
    throw error;
  }

  private guard<E>(handler: (event: E) => void): (event: E) => void {
    return (event) => {
      if (this.failure) return; // the step already failed: nothing after the failed event may be recorded
      try {
        handler(event);
      } catch (error) {
        this.failure = { error };
      }
    };
  }

  private takeFresh(): DrillEvent[] {
    const out = this.fresh;
    this.fresh = [];
    return out;
  }

  /** Stamps an event with the next seq and the current drill time, journals it, then applies it. */
  private record(unstamped: (DrillCommand | ProducedEvent) & { by: Actor; wall?: number }): DrillEvent {
    const event = { ...unstamped, seq: this.current.seq + 1, t: this.scheduler.now } as DrillEvent;
    this.journal?.(event);
    this.current = reduceDrill(this.current, event);
    this.history.push(event);
    this.fresh.push(event);
    return event;
  }

  /** What the log knows about a command id of this sender: the seq of the event it made. */
  commandSeq(by: Actor, cid: string): number | undefined {
    return this.commandIds.get(commandKey(by, cid));
  }

  private produce(event: ProducedEvent): DrillEvent {
    return this.record({ ...event, by: { kind: 'system' } });
  }

  private effects(event: DrillEvent): void {
    switch (event.type) {
      case 'drill.start':
        return this.start();
      case 'drill.end':
        return this.finish('facilitator');
      case 'contact.page':
        this.scheduleReply(event.contact);
        break;
      case 'alert.receive':
        this.receiveAlert(event.seq, event.alert);
        break;
      case 'inject.send':
        this.produce({
          type: 'inject.delivered', injectId: `adhoc-${event.seq}`, to: event.to, channel: event.channel,
          from: event.from ?? 'Facilitator', title: event.title, ...(event.body ? { body: event.body } : {}), ack: event.ack, adhoc: true,
        });
        return;
    }
    this.updateFacts();
  }

  private start(): void {
    this.startedAt = this.scheduler.now;
    this.scheduler.setTimeout(() => this.finish('duration'), scenarioDurationMs(this.scenario), { kind: 'end' });
    this.startActor();
    this.settle();
    this.updateFacts();
  }

  /** Starts the scenario actor: the one made ahead, or one from a persisted snapshot (whose entry actions do not run again). */
  private startActor(persisted?: unknown): void {
    const actor = persisted === undefined ? (this.prepared ?? this.makeActor()) : this.makeActor(persisted);
    this.prepared = undefined;
    this.actor = actor;
    actor.start();
  }

  /** Makes the scenario actor, fresh or from a persisted snapshot, on the drill's clock and with its handlers. */
  private makeActor(persisted?: unknown): XActor<ScenarioMachine> {
    const clock = {
      // The machine's only delayed events are its states' `after` events, set while a state is entered: by then
      // its `state.entered` is in `current` (XState runs the deferred emit before the deferred schedule).
      setTimeout: (fn: (...args: unknown[]) => void, delay: number) =>
        this.scheduler.setTimeout(() => { fn(); this.settle(); }, delay, { kind: 'after', state: this.current.machineState ?? '', delay }),
      clearTimeout: (id: unknown) => this.scheduler.clearTimeout(id),
    };
    const actor = createActor(this.machine, persisted === undefined ? { clock } : { clock, snapshot: persisted as Snapshot<unknown> });
    actor.on('inject', this.guard(({ injectId }) => this.deliver(injectId)));
    actor.on('entered', this.guard(({ state }) => {
      this.enteredAt = this.scheduler.now;
      // The state a restore set `after` events again for is left: they are cancelled, as XState cancels its own.
      for (const id of this.restoredAfter) this.scheduler.clearTimeout(id);
      this.restoredAfter = [];
      // Leaving a state closes the decisions its injects asked for: the story has moved on.
      for (const decision of Object.values(this.current.decisions)) {
        if (!decision.closed) this.produce({ type: 'decision.closed', injectId: decision.injectId });
      }
      const def = this.scenario.states[state];
      const final = def?.final ?? false;
      this.produce({ type: 'state.entered', state, final, ...(def?.fixed ? { fixed: def.fixed } : {}) });
      // A game day's fault is only proposed: the facilitator confirms it before the server sends anything.
      if (def?.fault && !final) {
        const { webhook, title, payload, abort } = def.fault;
        this.produce({ type: 'fault.proposed', faultId: `fault-${this.current.seq + 1}`, state, webhook, ...(title ? { title } : {}), payload, ...(abort ? { abort } : {}) });
      }
      if (final) this.endPending = true;
    }));
    return actor;
  }

  /** What a timer of a snapshot does once restored (the live timers run the same code through their closures). */
  private jobRunner(job: TimerJob): () => void {
    switch (job.kind) {
      case 'end':
        return () => this.finish('duration');
      case 'telemetry':
        return () => this.telemetryPoint(job.series, job.value);
      case 'reply':
        return () => this.reply(job.contact);
      case 'after': {
        const node = this.machine.root.states[job.state];
        if (!node) throw new SnapshotError(`the snapshot has a timer of scenario state ${job.state}, which the scenario does not have`);
        const type = `xstate.after.${job.delay}.${node.id}`;
        return () => {
          // The same event XState's own timer would send to the actor.
          (this.actor as XActor<ScenarioMachine>).send({ type } as unknown as Parameters<XActor<ScenarioMachine>['send']>[0]);
          this.settle();
        };
      }
    }
  }

  /** Tells the scenario what the team has done; its `on` transitions are checked against it. */
  private updateFacts(): void {
    if (!this.actor || this.current.status === 'ended') return;
    this.actor.send({ type: 'facts', facts: factsOf(this.current) });
    this.settle();
  }

  /** Ends the drill once the machine has finished the step that reached a final state. */
  private settle(): void {
    this.rethrow();
    if (this.endPending) {
      this.endPending = false;
      this.finish('final');
    }
  }

  private finish(reason: 'final' | 'duration' | 'facilitator'): void {
    if (this.current.status === 'ended') return;
    this.produce({ type: 'drill.ended', reason });
    this.actor?.stop();
    this.scheduler.clearAll();
    this.replies.clear();
  }

  private deliver(injectId: string): void {
    const inject = this.injectsById.get(injectId);
    if (!inject) return;
    this.produce({
      type: 'inject.delivered', injectId, state: inject.state, to: inject.to,
      channel: injectChannel(inject),
      ...(inject.from ? { from: inject.from } : {}), ...(inject.title ? { title: inject.title } : {}),
      ...(inject.body ? { body: inject.body } : {}), ack: inject.ack, ...(inject.telemetry ? { telemetry: inject.telemetry } : {}),
      ...(inject.decision ? { decision: { options: inject.decision.options.map(({ id, label }) => ({ id, label })) } } : {}),
    });
    for (const [series, values] of Object.entries(inject.telemetry ?? {})) {
      values.forEach((value, i) => {
        if (i === 0) this.telemetryPoint(series, value);
        else this.scheduler.setTimeout(() => this.telemetryPoint(series, value), Math.round((i * TELEMETRY_SPREAD_MS) / values.length), { kind: 'telemetry', series, value });
      });
    }
  }

  /**
   * A real alert, as logged: a firing alert is delivered as an inject (`alert-<seq>`) to whoever the scenario's
   * alert rules say; a resolved one marks the inject of its firing as resolved.
   */
  private receiveAlert(seq: number, alert: ReceivedAlert): void {
    if (alert.status === 'resolved') {
      const injectId = this.current.alerts[alert.fingerprint]?.injectId;
      if (injectId) this.produce({ type: 'alert.resolved', injectId, fingerprint: alert.fingerprint });
      return;
    }
    const route = routeAlert(this.scenario, alert);
    const { title, body } = alertText(alert);
    this.produce({
      type: 'inject.delivered', injectId: `alert-${seq}`, to: route.to, channel: route.channel, from: route.from, title,
      ...(body ? { body } : {}), ack: route.ack, alert: { fingerprint: alert.fingerprint, rule: route.rule, source: alert.source },
    });
  }

  /** A paged contact answers after their `responds` delay; paging again while they are on it adds nothing. */
  private scheduleReply(contactId: string): void {
    const contact = this.scenario.contacts.find((c) => c.id === contactId);
    if (!contact || this.replies.has(contactId)) return;
    const delay = ms(contact.responds);
    this.replies.set(contactId, this.scheduler.now + delay);
    this.scheduler.setTimeout(() => this.reply(contactId), delay, { kind: 'reply', contact: contactId });
  }

  private reply(contactId: string): void {
    this.replies.delete(contactId);
    this.produce({ type: 'contact.replied', contact: contactId, text: contactReply(this.scenario, contactId) });
    this.updateFacts();
  }

  private telemetryPoint(series: string, value: number): void {
    this.produce({ type: 'telemetry.point', series, value });
  }
}

/** Command ids are the sender's own: two people may pick the same id without meeting. */
function commandKey(by: Actor, cid: string): string {
  return `${by.kind === 'participant' ? `p:${by.id}` : by.kind}\u0000${cid}`;
}

/** Whether a stored input event is `command` (same type and fields; the stamp aside). */
function sameCommand(event: DrillEvent, command: DrillCommand): boolean {
  const { seq: _seq, t: _t, by: _by, wall: _wall, cid: _cid, ...stored } = event;
  return sameJson(stored, command);
}
