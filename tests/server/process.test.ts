import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DrillEvent } from '../../shared/drill/events';
import type { DrillEventsResponse, HealthResponse, ScenarioSummary } from '../../shared/protocol/messages';
import { isScenarioFileName } from '../../server/scenario-files';
import { bundleServer } from '../../server/bundle';
import { commandId, FIXTURES, serverClient, type Client, type Player } from './helpers';

const ROOT = resolve(import.meta.dirname, '../..');
const MIN = 60_000;
/** The server as `npm start` runs it: bundled (server/bundle.ts) once for this file, inside the project so it finds node_modules. */
const BUNDLE = join(ROOT, 'dist-server', 'test-process');
beforeAll(() => bundleServer(BUNDLE), 60_000);

interface Running { proc: ChildProcess; url: string; stdout: string[]; stderr: string[]; exited: Promise<number | null> }

const running: Running[] = [];
/** Every socket the tests open (`serverClient`), disconnected after each test. */
const sockets: Client[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect();
  for (const r of running.splice(0)) {
    if (r.proc.exitCode !== null || r.proc.signalCode !== null || !r.proc.pid) continue;
    try {
      process.kill(r.proc.pid, 'SIGKILL');
    } catch {
      // Already gone; keep stopping the others.
    }
  }
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Starts the bundled server as a child process, as `npm start` does, and waits for its listening line. */
async function startServer(db: string, scenarios = join(FIXTURES, 'scenarios')): Promise<Running> {
  const proc = spawn(process.execPath, ['--enable-source-maps', join(BUNDLE, 'main.mjs')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', FIREDRILL_DB: db, FIREDRILL_SCENARIOS: scenarios, FIREDRILL_CLIENT: join(db, '..', 'no-client') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const exited = new Promise<number | null>((done) => proc.once('exit', (code) => done(code)));
  // Tracked before it is ready, so that afterEach stops it even if it never says it is listening.
  const server: Running = { proc, url: '', stdout, stderr, exited };
  running.push(server);
  const url = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${stdout.join('')}${stderr.join('')}`)), 40_000);
    proc.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    proc.stdout!.on('data', (chunk: Buffer) => {
      stdout.push(chunk.toString());
      const match = /listening on (http:\/\/\S+)/.exec(stdout.join(''));
      if (match) {
        clearTimeout(timer);
        done(match[1]);
      }
    });
    void exited.then((code) => fail(new Error(`server exited with ${code}:\n${stderr.join('')}`)));
  });
  server.url = url;
  return server;
}

/** Polls `check` (a cheap read) until it holds; fails after 10 s. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-crash-'));
  dirs.push(dir);
  return join(dir, 'firedrill.db');
}

/** Each case starts real server processes: seconds each on a loaded CI machine. */
const PROCESS_TEST_MS = 60_000;

describe('the server process', () => {
  it('loses nothing acknowledged when killed with -9, and resumes the drill at the right drill time', async () => {
    const db = tempDb();
    const first = await startServer(db);
    const { drill, facilitator, team: [ana] } = await serverClient(first.url, sockets).open(['Ana']);
    const acknowledged: number[] = [];
    const act = async (p: Player, command: Parameters<Player['act']>[0]) => acknowledged.push(await p.act(command));

    await act(ana, { type: 'role.claim', role: 'ops' });
    await act(facilitator, { type: 'drill.speed', speed: 60 });
    await act(facilitator, { type: 'drill.start' });
    await act(ana, { type: 'inject.ack', injectId: 'first-page' });
    await ana.until((p) => p.injectIds().includes('ops-dashboard'), 'the one-minute inject', 4000);
    await act(ana, { type: 'contact.page', contact: 'vendor-support', message: 'P1 please' });
    await facilitator.until((p) => p.state!.machineState === 'vendor-engaged', 'the branch');
    const paged = facilitator.events.find((e) => e.type === 'contact.page')!;
    const seen = [...facilitator.events];

    // Clock checkpoints are written while the drill runs (once a wall second): wait for one after the page.
    const checkpoint = () => {
      const file = new Database(db, { readonly: true });
      try {
        return file.prepare('SELECT status, clock_t, clock_wall, clock_speed FROM drills WHERE id = ?').get(drill.drillId) as { status: string; clock_t: number; clock_wall: number; clock_speed: number };
      } finally {
        file.close();
      }
    };
    await until(() => checkpoint().clock_t > paged.t, 'a clock checkpoint after the page');
    process.kill(first.proc.pid!, 'SIGKILL');
    expect(await first.exited).toBe(null);
    const row = checkpoint();
    expect(row).toMatchObject({ status: 'running', clock_speed: 60 });
    const lastStored = Math.max(...seen.map((e) => e.t));

    const second = await startServer(db);
    // The port opens before the drills are back; the restore says when they are (this one's log has no snapshot
    // taken after the page, or one: either way it comes back the same).
    await until(() => second.stdout.join('').includes('restored 1 live drill(s)'), 'the restore line');
    // Downtime never counts: the drill resumes exactly at the later of its last checkpoint and its last event.
    const resumed = new RegExp(`drill ${drill.drillId}: resumes at drill time (\\d+) ms \\(running; checkpoint (\\d+) ms, last event (\\d+) ms\\)`).exec(second.stdout.join(''));
    expect(resumed, second.stdout.join('')).not.toBeNull();
    const [resumeAt, checkpointT, lastEvent] = resumed!.slice(1).map(Number);
    expect(checkpointT).toBe(row.clock_t);
    expect(lastEvent).toBeGreaterThanOrEqual(lastStored);
    expect(resumeAt).toBe(Math.max(row.clock_t, lastEvent));
    expect(second.stderr.join('')).not.toMatch(/error|mismatch/i);
    const events = (await (await fetch(`${second.url}/api/drills/${drill.drillId}/events?key=${drill.observerKey}`)).json()) as DrillEventsResponse;
    const bySeq = new Map(events.events.map((e) => [e.seq, e]));
    for (const seq of acknowledged) expect(bySeq.has(seq), `acknowledged event ${seq}`).toBe(true);
    for (const event of seen) expect(bySeq.get(event.seq)).toEqual(event);

    const restarted = serverClient(second.url, sockets);
    const again = await restarted.join({ as: 'rejoin', drillId: drill.drillId, token: ana.token! });
    const staff = await restarted.join({ as: 'facilitator', drillId: drill.drillId, key: drill.facilitatorKey });
    expect(again.view!.identity).toEqual(ana.view!.identity);
    expect(again.state!.roles.ops).toBe(ana.id);
    expect(staff.state!.machineState).toBe('vendor-engaged');
    expect(staff.view!.clock.status).toBe('running');
    expect(staff.view!.clock.t).toBeGreaterThanOrEqual(resumeAt);
    // The vendor's reply is still due 4 drill minutes after the page.
    expect(staff.view!.upcoming).toContainEqual(expect.objectContaining({ kind: 'reply', contact: 'vendor-support', at: paged.t + 4 * MIN }));

    // The next scripted inject (one minute after the branch) arrives at its drill time.
    await again.until((p) => p.injectIds().includes('vendor-advice'), 'the vendor advice', 4000);
    // From the view (not the event stream): on a slow machine it can arrive before the rejoin, inside the view.
    const advice = again.state!.injects.find((i) => i.injectId === 'vendor-advice')!;
    const entered = facilitator.events.find((e) => e.type === 'state.entered' && e.state === 'vendor-engaged')!;
    expect(advice.t).toBe(entered.t + MIN);
    expect(again.gaps).toEqual([]);
  }, PROCESS_TEST_MS);

  it('answers a command stored but never acknowledged before a kill -9 with its first result when it is retried after the restart', async () => {
    const db = tempDb();
    const first = await startServer(db);
    const { drill, facilitator, team: [ana] } = await serverClient(first.url, sockets).open(['Ana']);
    await facilitator.act({ type: 'drill.start' });
    const command = { type: 'status.post', phase: 'investigating', text: 'Checkout is failing. We are on it; next update in 15 minutes.' } as const;
    const id = commandId();
    // The command goes out; its answer never reaches the sender (sent without an ack, as if the reply was lost).
    (ana.socket as unknown as { emit(event: string, payload: unknown): void }).emit('drill:command', { id, command });
    const stored = () => {
      const file = new Database(db, { readonly: true });
      try {
        return (file.prepare('SELECT seq, json FROM events WHERE drill_id = ? ORDER BY seq').all(drill.drillId) as { seq: number; json: string }[])
          .filter((r) => (JSON.parse(r.json) as DrillEvent).cid === id);
      } finally {
        file.close();
      }
    };
    await until(() => stored().length === 1, 'the command to be committed');
    process.kill(first.proc.pid!, 'SIGKILL');
    await first.exited;

    // The browser comes back after the restart, rejoins and sends the same command again with the same id.
    const second = await startServer(db);
    const back = await serverClient(second.url, sockets).join({ as: 'rejoin', drillId: drill.drillId, token: ana.token! });
    const reply = await back.request('drill:command', { id, command });
    expect(reply).toEqual({ ok: true, data: { seq: stored()[0].seq } });
    const events = (await (await fetch(`${second.url}/api/drills/${drill.drillId}/events?key=${drill.observerKey}`)).json()) as DrillEventsResponse;
    expect(events.events.filter((e) => e.type === 'status.post')).toHaveLength(1);
    // A command that never reached the server before the kill lands once when it is sent after the restart.
    const late = commandId();
    const [x, y] = await Promise.all([back.request('drill:command', { id: late, command: { type: 'chat.post', text: 'late' } }), back.request('drill:command', { id: late, command: { type: 'chat.post', text: 'late' } })]);
    expect(x).toEqual(y);
    expect(back.state!.posts.filter((p) => p.text === 'late')).toHaveLength(1);
  }, PROCESS_TEST_MS);

  it('opens its port before it reads the scenario folder, and a request at once still gets every scenario', async () => {
    const folder = join(ROOT, 'scenarios');
    const files = readdirSync(folder).filter(isScenarioFileName);
    const server = await startServer(tempDb(), folder);
    // Asked the moment the port is open: the answer waits for the folder, and lists every file's scenario.
    const [list, health] = await Promise.all([
      fetch(`${server.url}/api/scenarios`).then((r) => r.json() as Promise<ScenarioSummary[]>),
      fetch(`${server.url}/api/health`).then((r) => r.json() as Promise<HealthResponse>),
    ]);
    expect(list).toHaveLength(files.length);
    expect(health.scenarios).toBe(files.length);
    await until(() => server.stdout.join('').includes(`${files.length} scenario(s) from`), 'the folder\'s line');
    const out = server.stdout.join('');
    expect(out.indexOf(`${files.length} scenario(s) from`)).toBeGreaterThan(out.indexOf('listening on'));
    // A drill can be created from one at once too.
    const created = await fetch(`${server.url}/api/drills`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scenarioId: list[0].id, title: 'Right after a restart' }) });
    expect(created.status).toBe(201);
  }, PROCESS_TEST_MS);

  it('starts without a client build, reports bad scenario files, serves the API and stops cleanly on SIGTERM', async () => {
    const server = await startServer(tempDb(), join(FIXTURES, 'bad-scenarios'));
    // The folder is read once the port is open; the health check waits for it.
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as HealthResponse;
    expect(health).toMatchObject({ status: 'ok', scenarios: 1 });
    await until(() => /bad-scenarios\/broken\.yaml:\d+:\d+: /.test(server.stderr.join('')), 'the bad file reported');
    for (const path of ['/', '/drill/abc']) {
      const page = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('npm run build');
    }
    process.kill(server.proc.pid!, 'SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.stdout.join('')).toContain('stopped');
    // The WAL checkpointer's worker is a file beside the bundle: had it been left out, the server says so here.
    expect(server.stderr.join('')).not.toContain('checkpoint thread failed');
  }, PROCESS_TEST_MS);
});
