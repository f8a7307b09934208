import { join } from 'node:path';
import { loadScenarioFile } from '../../server/scenario-files';
import type { Scenario } from '../../shared/scenario/schema';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import { reduceDrill, type DrillState } from '../../shared/drill/state';
import type { DrillEvent } from '../../shared/drill/events';
import type { Upcoming } from '../../shared/drill/upcoming';
import type {
  ClientToServerEvents, ClockInfo, CreateDrillResponse, DrillView, JoinRequest, Reply, RevokedNotice, ServerToClientEvents, TurnMessage,
} from '../../shared/protocol/messages';
import { turnEvents } from '../../shared/protocol/turn';
import { createApplication, type Application, type ApplicationOptions } from '../../server/app';
import { ManualClock, systemClock } from '../../server/clock';
import { memoryLogger } from '../../server/log';
import { MemoryStore } from '../../server/store/memory-store';

export const FIXTURES = join(import.meta.dirname, 'fixtures');

let commands = 0;
/** A fresh command id, as a client would pick one. */
export function commandId(): string {
  return `cmd-${process.pid}-${++commands}-${Math.random().toString(36).slice(2, 10)}`;
}

/** The server tests' own scenario (tests/server/fixtures/scenarios/drill-test.yaml). */
export function testScenario(): Scenario {
  const { scenario, problems } = loadScenarioFile(join(FIXTURES, 'scenarios', 'drill-test.yaml'));
  if (!scenario) throw new Error(`fixture scenario is invalid: ${problems.map((p) => p.message).join('; ')}`);
  return scenario;
}

/** Reconnection is off unless asked for (then with a short delay, default 20 ms). */
export interface ConnectOptions { reconnection?: boolean; reconnectionDelay?: number }

export type Client = ClientSocket<ServerToClientEvents, ClientToServerEvents>;

/** What a test does with a Firedrill server at a URL, over HTTP and Socket.IO (`serverClient`). */
export interface ServerClient {
  /** `POST /api/drills` for the test scenario (or another one). */
  createDrill(scenarioId?: string): Promise<CreateDrillResponse>;
  /** A connected socket.io client (closed by whoever holds the client list). */
  connect(options?: ConnectOptions): Promise<Client>;
  /** A connected `Player` that has joined as `request`. */
  join(request: JoinRequest, options?: ConnectOptions): Promise<Player>;
  /** The opening most tests share: `createDrill`, its facilitator joined, then each of `names` joined by code, in order. */
  open(names?: string[], scenarioId?: string): Promise<Opened>;
}

export interface TestServer extends ServerClient {
  url: string;
  app: Application;
  store: ApplicationOptions['store'];
  /** The manual wall clock (with `realTime`, the system clock: do not advance it). */
  clock: ManualClock;
  logger: ReturnType<typeof memoryLogger>;
  close(): Promise<void>;
}

/** A drill just created, with its facilitator and team joined (`ServerClient.open`). */
export interface Opened {
  drill: CreateDrillResponse;
  facilitator: Player;
  /** The participants, in the order of the names given. */
  team: Player[];
}

/**
 * Starts a real server on 127.0.0.1:0 with an in-memory store, a manual wall clock (drive it with
 * `server.clock.advance(ms)`, or `realTime: true` for the system clock) and the test scenario. Pass options to replace any part. Close it in the test.
 */
export async function startTestServer(options: Partial<ApplicationOptions> & { clock?: ManualClock; realTime?: boolean } = {}): Promise<TestServer> {
  const { realTime, clock: manual, ...rest } = options;
  const httpServer = createServer();
  const store = options.store ?? new MemoryStore();
  const clock = realTime ? (systemClock as ManualClock) : (manual ?? new ManualClock());
  const logger = memoryLogger();
  const app = await createApplication(httpServer, { logger, scenarios: [testScenario()], ...rest, store, clock });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  const clients: Client[] = [];
  const client = serverClient(url, clients);
  return {
    url, app, store, clock, logger, ...client,
    async close() {
      for (const socket of clients) socket.disconnect();
      await app.close();
      if (!options.store) store.close();
    },
  };
}

/**
 * Creates drills and joins them on the server at `url` (in this process or another one). Every socket it opens is
 * pushed onto `clients`, for the caller to disconnect after the test.
 */
export function serverClient(url: string, clients: Client[]): ServerClient {
  const connect = async ({ reconnection = false, reconnectionDelay = 20 }: ConnectOptions = {}) => {
    const socket: Client = connectClient(url, {
      transports: ['websocket'], forceNew: true, reconnection, reconnectionDelay, reconnectionDelayMax: reconnectionDelay, randomizationFactor: 0,
    });
    clients.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return socket;
  };
  const createDrill = async (scenarioId = 'drill-test') => {
    const res = await fetch(`${url}/api/drills`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenarioId }) });
    if (res.status !== 201) throw new Error(`create drill: ${res.status} ${await res.text()}`);
    return (await res.json()) as CreateDrillResponse;
  };
  const join = async (request: JoinRequest, connectOptions?: ConnectOptions) => {
    const player = new Player(await connect(connectOptions));
    const reply = await player.request('drill:join', request);
    if (!reply.ok) throw new Error(`join failed: ${reply.error.message}`);
    player.accept(reply.data.view);
    player.token = reply.data.token;
    return player;
  };
  return {
    connect, createDrill, join,
    async open(names = [], scenarioId) {
      const drill = await createDrill(scenarioId);
      const facilitator = await join({ as: 'facilitator', drillId: drill.drillId, key: drill.facilitatorKey });
      const team: Player[] = [];
      for (const name of names) team.push(await join({ as: 'participant', code: drill.joinCode, name }));
      return { drill, facilitator, team };
    },
  };
}

/**
 * A client that keeps its own copy of the drill as a browser would: the view it got, plus the events of every
 * `drill:turn` folded in with the shared reducer. It checks `prev` on every event, so a gap fails the test.
 */
export class Player {
  view?: DrillView;
  state?: DrillState;
  token?: string;
  readonly events: DrillEvent[] = [];
  /** Every `drill:turn` message, as it came (one a committed turn that changed something for this socket). */
  readonly turns: TurnMessage[] = [];
  readonly views: DrillView[] = [];
  readonly clocks: ClockInfo[] = [];
  readonly upcoming: Upcoming[][] = [];
  readonly presence: string[][] = [];
  readonly revoked: RevokedNotice[] = [];
  readonly gaps: string[] = [];
  /** Events pushed before this client had a view, applied after it as the app does (`installView`). */
  private early: { event: DrillEvent; prev: number }[] = [];
  private waiters = new Set<() => void>();

  constructor(readonly socket: Client) {
    socket.on('drill:turn', (turn) => {
      this.turns.push(turn);
      for (const { event, prev } of turnEvents(turn)) {
        this.events.push(event);
        // A turn can come in the same read as the join's reply and be handled before it (Node's ws hands over
        // every frame of a read at once; a browser runs the reply's continuation first): held, like the app holds it.
        if (!this.state) this.early.push({ event, prev });
        else this.fold(event, prev);
      }
      if (turn.clock) this.clocks.push(turn.clock);
      if (turn.upcoming) this.upcoming.push(turn.upcoming);
      this.changed();
    });
    socket.on('drill:view', (view) => {
      this.views.push(view);
      this.accept(view);
    });
    socket.on('drill:presence', (online) => { this.presence.push(online); this.changed(); });
    socket.on('drill:revoked', (notice) => { this.revoked.push(notice); this.changed(); });
  }

  get id(): string | undefined {
    return this.view?.identity.kind === 'participant' ? this.view.identity.participantId : undefined;
  }

  accept(view: DrillView): void {
    this.view = view;
    this.state = view.state;
    for (const { event, prev } of this.early.splice(0)) if (event.seq > this.state.seq) this.fold(event, Math.min(prev, this.state.seq));
    this.changed();
  }

  private fold(event: DrillEvent, prev: number): void {
    if (prev !== this.state!.seq) this.gaps.push(`event ${event.seq}: prev ${prev}, have ${this.state!.seq}`);
    this.state = reduceDrill(this.state!, event);
  }

  /** Emits with an ack and resolves with the reply (rejects after 3 s without one). */
  request<E extends keyof ClientToServerEvents>(event: E, payload: Parameters<ClientToServerEvents[E]>[0]): Promise<Parameters<Parameters<ClientToServerEvents[E]>[1]>[0]> {
    return (this.socket.timeout(3000) as unknown as { emitWithAck(e: string, p: unknown): Promise<never> }).emitWithAck(event, payload);
  }

  /**
   * A round trip through the drill's queue: once it returns, every push from turns queued before it (timer
   * turns included) has arrived. For asserting that something did *not* happen without sleeping. Like any
   * client, it takes the resync's view as its new state.
   */
  async sync(): Promise<void> {
    const reply = await this.request('drill:resync', {});
    if (!reply.ok) throw new Error(`resync refused: ${reply.error.message}`);
    this.accept(reply.data);
  }

  /** Sends a command (with a fresh command id, or `id`) and fails the test if it is refused. */
  async act(command: Parameters<ClientToServerEvents['drill:command']>[0]['command'], id = commandId()): Promise<number> {
    const reply = (await this.request('drill:command', { id, command })) as Reply<{ seq: number }>;
    if (!reply.ok) throw new Error(`${command.type} refused: ${reply.error.code}: ${reply.error.message}`);
    return reply.data.seq;
  }

  /** Resolves when `predicate` holds for this player (checked on every message), or fails after `ms`. */
  until(predicate: (p: Player) => unknown, what = 'condition', ms = 3000): Promise<void> {
    if (predicate(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, ms);
      const check = () => {
        if (!predicate(this)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  injectIds(): string[] {
    return (this.state?.injects ?? []).map((i) => i.injectId);
  }

  private changed(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
