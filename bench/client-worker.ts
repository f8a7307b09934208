/**
 * A bench client worker (forked by bench/clients.ts). It holds the sockets of some drills (a facilitator and
 * P participants each), timestamps every inject and post it receives, and answers the orchestrator's
 * requests (worker-protocol.ts). It exits when the orchestrator goes away.
 */
import { io, type Socket } from 'socket.io-client';
import { adapters, type Adapter, type ClockInfo, type Joined, type TurnMessage } from './client-adapters';
import { summarizeDrill, type DrillRun, type Member } from './client-measure';
import { emptyStopReport, wallNow, type PostArgs, type Request, type Response, type ResyncReport, type SetupArgs, type StopReport } from './worker-protocol';

let adapter: Adapter;
let setup: SetupArgs;
const drills: DrillRun[] = [];
const errors: string[] = [];

const note = (message: string) => {
  if (errors.length < 20) errors.push(message);
};

/** Runs `tasks` with at most `limit` in flight. */
async function pool(tasks: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, tasks.length) }, async () => {
    while (next < tasks.length) await tasks[next++]();
  });
  await Promise.all(lanes);
}

function connect(url: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 20_000 });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => reject(new Error(`connect ${url}: ${error.message}`)));
  });
}

function listen(run: DrillRun, member: Member): void {
  const socket = member.socket;
  socket.on('drill:view', (view: { clock: ClockInfo }) => {
    if (view.clock.status === 'running') run.clock = view.clock;
  });
  socket.on('drill:turn', ({ events, clock }: TurnMessage) => {
    const at = wallNow();
    for (const event of events) {
      if (event.type === 'inject.delivered' && member.as === 'participant') run.injects.push({ member: member.index, t: event.t, at });
      else if (event.type === 'status.post' && member !== run.poster) {
        const list = run.postReceipts.get(event.seq);
        if (list) list.push(at);
        else run.postReceipts.set(event.seq, [at]);
      } else if (event.type === 'drill.start' && event.wall !== undefined) run.startEvent = { t: event.t, wall: event.wall };
    }
    if (clock?.status === 'running') {
      run.clock = clock;
      if (member.as === 'participant' && !run.startSeen.has(member.index)) run.startSeen.set(member.index, at);
    }
  });
}

async function doSetup(args: SetupArgs): Promise<{ sockets: number }> {
  setup = args;
  adapter = adapters[args.target];
  const tasks: (() => Promise<void>)[] = [];
  for (const slot of args.drills) {
    const run: DrillRun = { slot, members: [], injects: [], postReceipts: new Map(), sent: [], acked: [], startSeen: new Map() };
    drills.push(run);
    const roles: Member['as'][] = ['facilitator', ...Array.from({ length: args.participants }, () => 'participant' as const)];
    roles.forEach((as, index) => {
      tasks.push(async () => {
        const socket = await connect(args.url);
        const member: Member = { as, index, name: as === 'facilitator' ? 'Facilitator' : `Player ${slot.index}-${index}`, socket };
        listen(run, member);
        Object.assign(member, await adapter.join(socket, slot, as, member.name));
        delete member.view; // a view per socket would hold memory the bench does not need
        run.members[index] = member;
      });
    });
  }
  await pool(tasks, args.concurrency);
  for (const run of drills) run.poster = run.members[1];
  return { sockets: tasks.length };
}

async function doStart(speed: number): Promise<void> {
  for (const run of drills) run.speed = speed;
  await Promise.all(drills.map((run) => adapter.start(run.members[0].socket, run.slot, speed, () => { run.startSentAt = wallNow(); })));
}

function doPost(args: PostArgs): void {
  for (const run of drills) {
    const poster = run.poster!;
    let n = 0;
    const send = () => {
      const text = `Checkout payments are failing for some customers. We are failing over the database now; next update in 15 minutes. (${run.slot.index}-${++n})`;
      const entry = { sentAt: wallNow(), text } as DrillRun['sent'][number];
      run.sent.push(entry);
      adapter.post(poster.socket, run.slot, args.kind, poster.participantId ?? poster.name, text).then(
        (seq) => {
          entry.ackAt = wallNow();
          entry.seq = seq;
          run.acked.push({ seq, text });
        },
        (error: Error) => {
          // A post cut off by the server going away (the recovery figure kills it) was never acknowledged:
          // it is not an error and not a loss, just not counted.
          if (!poster.socket.connected) return;
          entry.refused = true;
          note(error.message);
        },
      );
    };
    run.poster!.timer = setTimeout(function tick() {
      send();
      poster.timer = setTimeout(tick, args.everyMs);
    }, Math.random() * args.everyMs);
  }
}

function stopPosting(): void {
  for (const run of drills) clearTimeout(run.poster?.timer);
}

async function doStop(settleMs: number): Promise<StopReport> {
  const stopAt = wallNow();
  stopPosting();
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const report = emptyStopReport(errors);
  for (const run of drills) summarizeDrill(run, setup.participants, setup.scheduleTs, stopAt, report, note);
  for (const run of drills) for (const member of run.members) member?.socket.disconnect();
  return report;
}

async function awaitDisconnect(timeoutMs: number): Promise<{ disconnected: number }> {
  stopPosting();
  const sockets = drills.flatMap((run) => run.members.map((m) => m.socket));
  const deadline = Date.now() + timeoutMs;
  while (sockets.some((s) => s.connected) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  return { disconnected: sockets.filter((s) => !s.connected).length };
}

async function reconnect(args: { url: string; concurrency: number; timeoutMs: number }): Promise<ResyncReport> {
  let lastViewAt = 0;
  let firstViewAt = Infinity;
  let failures = 0;
  const restored = new Map<DrillRun, Joined>();
  const views: ResyncReport['views'] = {};
  const tasks = drills.flatMap((run) =>
    run.members.map((member) => async () => {
      try {
        member.socket.removeAllListeners();
        member.socket.close();
        member.socket = await connect(args.url);
        const joined = await adapter.rejoin(member.socket, run.slot, member);
        lastViewAt = Math.max(lastViewAt, wallNow());
        firstViewAt = Math.min(firstViewAt, wallNow());
        if (member.as === 'facilitator') restored.set(run, joined);
        views[member.as] ??= joined.view;
      } catch (error) {
        failures++;
        note((error as Error).message);
      }
    }),
  );
  await Promise.race([pool(tasks, args.concurrency), new Promise((r) => setTimeout(r, args.timeoutMs))]);
  return {
    sockets: tasks.length, lastViewAt, ...(firstViewAt < Infinity ? { firstViewAt } : {}), failures, errors, views,
    drills: drills.map((run) => {
      const view = restored.get(run)?.view;
      return {
        drillId: run.slot.drillId, acked: run.acked,
        restoredSeq: view?.state.seq ?? -1, restoredStatus: view?.state.status ?? 'missing',
        restoredPosts: (view?.state.posts ?? []).map((p) => ({ seq: p.seq, text: p.text })),
      };
    }),
  };
}

/** When each drill (or room) started, on the wall clock, as its running clock said. */
function clocks(): { drillId: string; started: number }[] {
  return drills.flatMap((run) => (run.clock ? [{ drillId: run.slot.drillId, started: run.clock.wall - run.clock.t / run.clock.speed }] : []));
}

async function handle(request: Request): Promise<unknown> {
  switch (request.cmd) {
    case 'setup': return doSetup(request.args);
    case 'start': return doStart(request.args.speed);
    case 'post': return doPost(request.args);
    case 'stop': return doStop(request.args.settleMs);
    case 'await-disconnect': return awaitDisconnect(request.args.timeoutMs);
    case 'reconnect': return reconnect(request.args);
    case 'clocks': return clocks();
    case 'close':
      for (const run of drills) for (const member of run.members) member?.socket.disconnect();
      setTimeout(() => process.exit(0), 50);
      return {};
  }
}

process.on('message', (request: Request) => {
  handle(request).then(
    (data) => process.send!({ id: request.id, ok: true, data: data ?? {} } satisfies Response),
    (error: Error) => process.send!({ id: request.id, ok: false, error: error.message } satisfies Response),
  );
});
process.on('disconnect', () => process.exit(0));
