import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { io as connectClient } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { DrillEvent } from '../../shared/drill/events';
import type { CreateDrillResponse, DrillEventsResponse, HealthResponse, JoinRequest } from '../../shared/protocol/messages';
import { FIXTURES, Player } from './helpers';

const ROOT = resolve(import.meta.dirname, '../..');
const MIN = 60_000;

interface Running { proc: ChildProcess; url: string; stdout: string[]; stderr: string[]; exited: Promise<number | null> }

const running: Running[] = [];
const players: Player[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const p of players.splice(0)) p.socket.disconnect();
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

/** Starts `server/main.ts` as a child process (node with the tsx loader) and waits for its listening line. */
async function startServer(db: string, scenarios = join(FIXTURES, 'scenarios')): Promise<Running> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
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
    const timer = setTimeout(() => fail(new Error(`server did not start:\n${stdout.join('')}${stderr.join('')}`)), 15_000);
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

async function joinDrill(url: string, request: JoinRequest): Promise<Player> {
  const socket = connectClient(url, { transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise((done) => socket.once('connect', () => done(undefined)));
  const player = new Player(socket);
  players.push(player);
  const reply = await player.request('drill:join', request);
  if (!reply.ok) throw new Error(reply.error.message);
  player.accept(reply.data.view);
  player.token = reply.data.token;
  return player;
}

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'firedrill-crash-'));
  dirs.push(dir);
  return join(dir, 'firedrill.db');
}

describe('the server process', () => {
  it('loses nothing acknowledged when killed with -9, and resumes the drill at the right drill time', async () => {
    const db = tempDb();
    const first = await startServer(db);
    const res = await fetch(`${first.url}/api/drills`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"scenarioId":"drill-test"}' });
    const drill = (await res.json()) as CreateDrillResponse;
    const facilitator = await joinDrill(first.url, { as: 'facilitator', drillId: drill.drillId, key: drill.facilitatorKey });
    const ana = await joinDrill(first.url, { as: 'participant', code: drill.joinCode, name: 'Ana' });
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

    const killedAt = Date.now();
    process.kill(first.proc.pid!, 'SIGKILL');
    expect(await first.exited).toBe(null);
    // The batched checkpoint (once a wall second for all running drills) was recent when the process died.
    const file = new Database(db);
    const row = file.prepare('SELECT status, clock_t, clock_wall, clock_speed FROM drills WHERE id = ?').get(drill.drillId) as { status: string; clock_t: number; clock_wall: number; clock_speed: number };
    file.close();
    expect(row).toMatchObject({ status: 'running', clock_speed: 60 });
    expect(killedAt - row.clock_wall).toBeLessThan(3000);
    await new Promise((r) => setTimeout(r, 1000)); // a minute of drill time if downtime counted

    const second = await startServer(db);
    expect(second.stdout.join('')).toContain('restored 1 live drill(s)');
    expect(second.stderr.join('')).not.toMatch(/error|mismatch/i);
    const events = (await (await fetch(`${second.url}/api/drills/${drill.drillId}/events?key=${drill.observerKey}`)).json()) as DrillEventsResponse;
    const bySeq = new Map(events.events.map((e) => [e.seq, e]));
    for (const seq of acknowledged) expect(bySeq.has(seq), `acknowledged event ${seq}`).toBe(true);
    for (const event of seen) expect(bySeq.get(event.seq)).toEqual(event);

    const again = await joinDrill(second.url, { as: 'rejoin', drillId: drill.drillId, token: ana.token! });
    const staff = await joinDrill(second.url, { as: 'facilitator', drillId: drill.drillId, key: drill.facilitatorKey });
    expect(again.view!.identity).toEqual(ana.view!.identity);
    expect(again.state!.roles.ops).toBe(ana.id);
    expect(staff.state!.machineState).toBe('vendor-engaged');
    expect(staff.view!.clock.status).toBe('running');
    // The clock resumes from its last checkpoint: the downtime did not count as drill time.
    expect(staff.view!.clock.t).toBeGreaterThanOrEqual(Math.max(paged.t, row.clock_t));
    expect(staff.view!.clock.t).toBeLessThan(paged.t + 30_000);
    // The vendor's reply is still due 4 drill minutes after the page.
    expect(staff.view!.upcoming).toContainEqual(expect.objectContaining({ kind: 'reply', contact: 'vendor-support', at: paged.t + 4 * MIN }));

    // The next scripted inject (one minute after the branch) arrives at its drill time.
    await again.until((p) => p.injectIds().includes('vendor-advice'), 'the vendor advice', 4000);
    const advice = again.events.find((e): e is Extract<DrillEvent, { type: 'inject.delivered' }> => e.type === 'inject.delivered' && e.injectId === 'vendor-advice')!;
    const entered = facilitator.events.find((e) => e.type === 'state.entered' && e.state === 'vendor-engaged')!;
    expect(advice.t).toBe(entered.t + MIN);
    expect(again.gaps).toEqual([]);
  });

  it('starts without a client build, reports bad scenario files, serves the API and stops cleanly on SIGTERM', async () => {
    const server = await startServer(tempDb(), join(FIXTURES, 'bad-scenarios'));
    expect(server.stderr.join('')).toMatch(/bad-scenarios\/broken\.yaml:\d+:\d+: /);
    const health = (await (await fetch(`${server.url}/api/health`)).json()) as HealthResponse;
    expect(health).toMatchObject({ status: 'ok', scenarios: 1 });
    for (const path of ['/', '/drill/abc']) {
      const page = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('npm run build');
    }
    process.kill(server.proc.pid!, 'SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.stdout.join('')).toContain('stopped');
  });
});
