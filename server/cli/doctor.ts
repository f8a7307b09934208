import { Drill, ENGINE_VERSION } from '../../shared/drill/drill';
import type { Actor, DrillCommand } from '../../shared/drill/commands';
import { isInput, type DrillEvent } from '../../shared/drill/events';
import { canonical } from '../../shared/json';
import { replayStored } from '../drills/replay';
import { cryptoIds, hashSecret, type Ids } from '../ids';
import { openStore, parseStoreLocation } from '../store/open-store';
import type { DrillRecord, Store } from '../store/store';
import { defaultStore } from './report';

const USAGE = [
  'Usage: npm run firedrill -- doctor [drill-id] [--db path] [--keep-read-only | --fork]',
  '',
  'Checks that stored drills replay: every drill the server would restore (and the ones kept read-only) without',
  'an id; one drill, explained, with an id. The stored log is never changed.',
  '--keep-read-only  keep a drill whose log does not replay as it is: the server stops trying to restore it, its',
  '                  scorecard, report and event log still open with its keys',
  '--fork            start a new drill from its stored log, played by this Firedrill, and keep the original',
  '                  read-only; prints the new drill\'s keys (their only copy)',
  '--db              the store: a SQLite file or a postgres:// URL (default: $FIREDRILL_DATABASE_URL, else',
  '                  $FIREDRILL_DB, else data/firedrill.db)',
].join('\n');

/** What replaying a stored drill shows. */
export type Diagnosis =
  | { kind: 'ok'; events: number; regenerated: number }
  | { kind: 'mismatch'; seq: number; stored?: DrillEvent; regenerated?: DrillEvent }
  | { kind: 'does-not-replay'; message: string }
  | { kind: 'newer-engine'; engine: number };

/** Replays a stored drill with this engine, as the server does at start; changes nothing. */
export function diagnose(record: DrillRecord, events: readonly DrillEvent[]): Diagnosis {
  if (record.engineVersion > ENGINE_VERSION) return { kind: 'newer-engine', engine: record.engineVersion };
  try {
    const replayed = replayStored(record.scenario, events);
    if (replayed.divergence) return { kind: 'mismatch', ...replayed.divergence };
    return { kind: 'ok', events: events.length, regenerated: replayed.regenerated.length - events.length };
  } catch (error) {
    return { kind: 'does-not-replay', message: (error as Error).message };
  }
}

/** One line per diagnosis, for the list. */
export function summary(d: Diagnosis): string {
  switch (d.kind) {
    case 'ok': return `replays (${d.events} events${d.regenerated ? `; ${d.regenerated} lost in a crash come back` : ''})`;
    case 'mismatch': return `REPLAY MISMATCH at seq ${d.seq}`;
    case 'does-not-replay': return `does not replay: ${d.message}`;
    case 'newer-engine': return `written by a newer Firedrill (engine ${d.engine}; this one runs ${ENGINE_VERSION})`;
  }
}

/** The keys of a fork: they exist only in this answer. */
export interface Fork { drillId: string; joinCode: string; facilitatorKey: string; observerKey: string; inputs: number; dropped: number }

/**
 * Starts a new drill from a stored log: its inputs are played again by this engine, at their drill times, up to
 * the first one it refuses (dropped from there on, and counted); participants keep their seats (same ids, names
 * and tokens). The original is kept read-only (`retired`) with a pointer to the fork, and hands its join code
 * over when it still had one. One transaction: all of it or nothing.
 */
export async function forkDrill(store: Store, record: DrillRecord, ids: Ids = cryptoIds, now = Date.now()): Promise<Fork> {
  const events = await store.events(record.id);
  const drill = new Drill(record.scenario);
  const inputs = events.filter(isInput);
  let played = 0;
  for (const event of inputs) {
    const { seq: _seq, t, by, wall, cid, ...command } = event;
    const result = drill.submit(command as DrillCommand, by as Actor, { t, wall, cid });
    if (!result.ok) break;
    played++;
  }
  const last = events.at(-1);
  if (last) drill.advanceTo(last.t);
  const state = drill.state;
  const keys = { facilitatorKey: ids.secret(), observerKey: ids.secret() };
  const live = record.status !== 'ended' && !record.retired;
  const fork: DrillRecord = {
    id: ids.drillId(), scenarioId: record.scenarioId, scenario: record.scenario, title: record.title,
    joinCode: live ? record.joinCode : await freeCode(store, ids),
    facilitatorKeyHash: hashSecret(keys.facilitatorKey), observerKeyHash: hashSecret(keys.observerKey),
    createdAt: now, ...(record.startedAt !== undefined ? { startedAt: record.startedAt } : {}),
    ...(state.status === 'ended' ? { endedAt: now } : {}), status: state.status,
    clock: { t: Math.max(record.clock.t, drill.now), wall: now, speed: state.speed }, engineVersion: ENGINE_VERSION, forkedFrom: record.id,
  };
  const seats = await store.participants(record.id);
  store.transaction(() => {
    store.updateDrill(record.id, { retired: { kind: 'read-only', at: now, reason: 'its log no longer replays; forked', forkedTo: fork.id } });
    store.createDrill(fork);
    for (const event of drill.log) store.appendEvent(fork.id, event);
    for (const seat of seats) {
      if (state.participants[seat.id]) store.addParticipant({ ...seat, drillId: fork.id });
    }
  });
  await store.commit(fork.id);
  return { drillId: fork.id, joinCode: fork.joinCode, ...keys, inputs: inputs.length, dropped: inputs.length - played };
}

async function freeCode(store: Store, ids: Ids): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const code = ids.joinCode();
    if (!(await store.findLiveDrillByJoinCode(code))) return code;
  }
  throw new Error('could not find a free join code');
}

/** `doctor`: exit 0 when everything checked replays (or an action succeeded), 1 when a problem is found, 2 on a usage mistake. */
export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  let db = defaultStore();
  let drillId: string | undefined;
  let action: 'keep' | 'fork' | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--db') db = args[++i] ?? '';
    else if (arg === '--keep-read-only' || arg === '--fork') {
      if (action) return usage('Choose --keep-read-only or --fork, not both.');
      action = arg === '--fork' ? 'fork' : 'keep';
    } else if (arg.startsWith('--')) return usage(`Unknown option ${arg}.`);
    else if (drillId) return usage(`One drill at a time: got "${drillId}" and "${arg}".`);
    else drillId = arg;
  }
  if (!db) return usage('--db needs a path.');
  if (action && !drillId) return usage(`${action === 'fork' ? '--fork' : '--keep-read-only'} needs a drill id.`);
  let store: Store;
  try {
    store = await openStore(parseStoreLocation(db), { mustExist: true });
  } catch (error) {
    console.error(`${(error as Error).message} Pass --db <path or postgres:// URL>, or set FIREDRILL_DB or FIREDRILL_DATABASE_URL.`);
    return 1;
  }
  try {
    return drillId ? await one(store, drillId, action) : await all(store);
  } finally {
    await store.close();
  }
}

function usage(message: string): number {
  console.error(`${message}\n\n${USAGE}`);
  return 2;
}

async function all(store: Store): Promise<number> {
  const drills = (await store.listDrills()).filter((d) => d.retired?.kind === 'read-only' || (d.status !== 'ended' && !d.retired));
  if (!drills.length) {
    console.log('No live or read-only drills in the store.');
    return 0;
  }
  let problems = 0;
  for (const record of drills) {
    const d = diagnose(record, await store.events(record.id));
    if (d.kind !== 'ok' && !record.retired) problems++;
    const state = record.retired ? `read-only${record.retired.forkedTo ? `, forked to ${record.retired.forkedTo}` : ''}` : record.status;
    console.log(`${record.id}  ${record.scenarioId}  ${state}  ${summary(d)}`);
  }
  console.log(problems ? `\n${problems} drill(s) would be quarantined by the server. Run \`npm run firedrill -- doctor <drill-id>\` for one of them.` : '\nEvery live drill replays.');
  return problems ? 1 : 0;
}

async function one(store: Store, id: string, action: 'keep' | 'fork' | undefined): Promise<number> {
  const record = await store.getDrill(id);
  if (!record) {
    console.error(`There is no drill "${id}" in this store.`);
    return 1;
  }
  const events = await store.events(id);
  const d = diagnose(record, events);
  console.log([
    `Drill ${record.id}: "${record.title}"`,
    `  scenario   ${record.scenarioId} (format version ${record.scenario.version}; the snapshot stored when the drill was created)`,
    `  engine     written by engine ${record.engineVersion}; this Firedrill runs engine ${ENGINE_VERSION}`,
    `  status     ${record.status}${record.retired ? `, ${record.retired.kind} since ${new Date(record.retired.at).toISOString()}${record.retired.forkedTo ? ` (forked to ${record.retired.forkedTo})` : ''}` : ''}${record.forkedFrom ? `; forked from ${record.forkedFrom}` : ''}`,
    `  log        ${events.length} events`,
    `  replay     ${summary(d)}`,
  ].join('\n'));
  if (d.kind === 'ok') {
    console.log('\nNothing to do: the server restores this drill as it is.');
    return action ? 1 : 0;
  }
  console.log(`\n${explain(d)}`);
  if (!action) {
    console.log([
      '',
      'The stored log is kept exactly as it is whatever you choose; scorecards and evidence links keep pointing at its events.',
      'Safe options:',
      `  npm run firedrill -- doctor ${id} --keep-read-only   keep it as a record: not restored any more; scorecard, report and /events still open`,
      `  npm run firedrill -- doctor ${id} --fork             start a new drill from its log with this Firedrill (the team carries on there)`,
      'Or run the Firedrill version that wrote it (engine ' + record.engineVersion + ') to continue it as it was.',
    ].join('\n'));
    return 1;
  }
  if (action === 'keep') {
    store.updateDrill(id, { retired: { kind: 'read-only', at: Date.now(), reason: summary(d) } });
    await store.commit();
    console.log(`\nKept read-only. Restart the server (or leave it: it already does not serve this drill); its scorecard and report open with its keys.`);
    return 0;
  }
  const fork = await forkDrill(store, record);
  console.log([
    '',
    `Forked into drill ${fork.drillId}: ${fork.inputs - fork.dropped} of ${fork.inputs} inputs played again${fork.dropped ? ` (${fork.dropped} from the first refused one on were dropped)` : ''}; the original is kept read-only.`,
    `  join code        ${fork.joinCode}`,
    `  facilitator link /drill/${fork.drillId}?key=${fork.facilitatorKey}&as=facilitator`,
    `  observer link    /drill/${fork.drillId}?key=${fork.observerKey}&as=observer`,
    'These keys are shown only now: keep them. Participants keep their seats (their tokens work in the fork).',
  ].join('\n'));
  return 0;
}

/** What a diagnosis means, in words for whoever runs the server. */
function explain(d: Exclude<Diagnosis, { kind: 'ok' }>): string {
  switch (d.kind) {
    case 'newer-engine':
      return `This drill was last written by a newer Firedrill (engine ${d.engine}). This one cannot play it: run that version, or fork it here.`;
    case 'does-not-replay':
      return `An input of the stored log is refused when played again (${d.message}). The scenario snapshot or the rules changed how it plays.`;
    case 'mismatch':
      return [
        `Replaying the stored inputs does not give the stored log: the first difference is at seq ${d.seq}.`,
        `  stored:      ${d.stored ? canonical(d.stored) : '(nothing)'}`,
        `  replay made: ${d.regenerated ? canonical(d.regenerated) : '(nothing)'}`,
        'This Firedrill plays the same inputs differently than the one that recorded them (an upgrade, or a changed',
        'scenario snapshot or file). The server does not serve the drill rather than rewrite what people already saw.',
      ].join('\n');
  }
}
