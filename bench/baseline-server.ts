/**
 * The floor: a bare Socket.IO server with no Firedrill code. It plays the same payloads to the same room
 * layout on the same drill-time schedule as the real server does, and relays posts with an ack, so the bench
 * can say how much of a latency is Socket.IO itself and how much is Firedrill's.
 *
 *   node --import tsx bench/baseline-server.ts --schedule <file.json> [--port N] [--views <file.json>] [--resume <file.json>]
 *
 * The schedule file is `{ speed, items: [{ t, event }] }` (drill ms, payload). Prints
 * `listening on http://127.0.0.1:PORT` when ready; runs until it is killed.
 *
 * For the recovery floor (bench/recovery.ts) it is killed with SIGKILL and started again with two more files:
 * `--views` holds a participant's and a facilitator's view as Firedrill sent them on a rejoin, and a `join` that
 * says `as` is answered with the same object, so the floor encodes and sends the same bytes in the same shape;
 * `--resume` holds `{ killedAt, rooms: [{ room, started }] }`, and every room plays on from where it was at the
 * kill (what fell due while it was down goes out at once, as a restored drill's overdue injects do).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Server, type Socket } from 'socket.io';

interface ScheduleFile { speed: number; items: { t: number; event: Record<string, unknown> }[] }
interface ViewsFile { participant: unknown; facilitator: unknown }
interface ResumeFile { killedAt: number; rooms: { room: string; started: number }[] }
interface Room { seq: number; started?: number; timer?: ReturnType<typeof setTimeout>; next: number }
type Ack = (reply: { ok: true; data?: unknown } | { ok: false; error: { code: string; message: string } }) => void;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const schedulePath = arg('schedule');
if (!schedulePath) {
  console.error('usage: baseline-server.ts --schedule <file.json> [--port N]');
  process.exit(2);
}
const readJson = <T>(file: string) => JSON.parse(readFileSync(file, 'utf8')) as T;
const schedule = readJson<ScheduleFile>(schedulePath);
const viewsPath = arg('views');
const views = viewsPath ? readJson<ViewsFile>(viewsPath) : undefined;
const rooms = new Map<string, Room>();
const http = createServer((req, res) => {
  res.writeHead(req.url === '/health' ? 200 : 404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ok: true, rooms: rooms.size }));
});
// The same Socket.IO options as the real server (server/app.ts): connection-state recovery keeps every packet
// for two minutes, which is Socket.IO's cost, not Firedrill's, so the floor pays it too.
const io = new Server(http, {
  serveClient: false,
  maxHttpBufferSize: 64 * 1024,
  connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: true },
});

const roomOf = (id: string): Room => {
  let room = rooms.get(id);
  if (!room) rooms.set(id, (room = { seq: 0, next: 0 }));
  return room;
};

/** Emits every item due by now, then sleeps until the next one: an absolute schedule, like a drill clock. */
function play(id: string, room: Room): void {
  const started = room.started!;
  while (room.next < schedule.items.length) {
    const item = schedule.items[room.next];
    const due = started + item.t / schedule.speed;
    const wait = due - Date.now();
    if (wait > 0) {
      room.timer = setTimeout(() => play(id, room), wait);
      return;
    }
    room.seq++;
    io.to(id).emit('drill:turn', { events: [{ ...item.event, seq: room.seq }], prev: room.seq - 1 });
    room.next++;
  }
}

/** Rooms of a killed server play on from their start times, each from the first item not due by the kill. */
function resume(file: ResumeFile): void {
  for (const { room: id, started } of file.rooms) {
    const room = roomOf(id);
    room.started = started;
    while (room.next < schedule.items.length && started + schedule.items[room.next].t / schedule.speed <= file.killedAt) room.next++;
    room.seq = room.next;
    play(id, room);
  }
}

io.on('connection', (socket: Socket) => {
  socket.on('join', (request: { room: string; as?: 'participant' | 'facilitator' }, ack: Ack) => {
    void socket.join(request.room);
    roomOf(request.room);
    ack(views && request.as ? { ok: true, data: { view: views[request.as] } } : { ok: true });
  });
  socket.on('start', (request: { room: string }, ack: Ack) => {
    const room = roomOf(request.room);
    if (room.started !== undefined) return ack({ ok: false, error: { code: 'conflict', message: 'already started' } });
    room.started = Date.now();
    io.to(request.room).emit('drill:turn', { events: [], prev: room.seq, clock: { status: 'running', t: 0, speed: schedule.speed, wall: room.started } });
    ack({ ok: true });
    play(request.room, room);
  });
  socket.on('post', (request: { room: string; by: string; phase: string; text: string }, ack: Ack) => {
    const room = roomOf(request.room);
    room.seq++;
    const t = room.started === undefined ? 0 : (Date.now() - room.started) * schedule.speed;
    ack({ ok: true, data: { seq: room.seq } });
    const event = { type: 'status.post', phase: request.phase, text: request.text, by: { kind: 'participant', id: request.by }, seq: room.seq, t };
    io.to(request.room).emit('drill:turn', { events: [event], prev: room.seq - 1 });
  });
});

const resumePath = arg('resume');
if (resumePath) resume(readJson<ResumeFile>(resumePath));

const port = Number(arg('port') ?? 0);
http.listen(port, '127.0.0.1', () => {
  const address = http.address();
  console.log(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`);
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    for (const room of rooms.values()) clearTimeout(room.timer);
    void io.close();
    process.exit(0);
  });
}
