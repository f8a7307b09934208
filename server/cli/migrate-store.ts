import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { KEY_FILE } from '../outbound/secret-box';
import { describeLocation, openStore, parseStoreLocation, type StoreLocation } from '../store/open-store';
import { SqliteStore } from '../store/sqlite-store';
import type { Store } from '../store/store';
import { argReader } from './args';
import { copyDrills, countDrills, type DrillCounts, type DrillOutcome } from './copy-drills';
import { summary } from './doctor';

const USAGE = [
  'Usage: npm run firedrill -- migrate-store --from sqlite:<file.db> --to postgres://user:password@host:5432/db',
  '                                        [--skip-existing] [--dry-run]',
  '',
  'Copies every drill of a SQLite store into PostgreSQL: its whole event log as stored (seq, drill time, command',
  'ids), its record (key hashes, join code, status, clock, engine version), its seats and its sealed webhook.',
  'Each drill is read back and replayed to verify it; the SQLite file is never changed (keep it as a backup).',
  'Stop the server that uses the SQLite file first. A target that already holds drills is refused unless:',
  '--skip-existing  copy only the drills the target lacks; those it has must be identical (an earlier run) or',
  '                 have gone on there, and are never overwritten. Running it again is then safe.',
  '--dry-run        say what would be copied; write nothing',
  '--from           default: $FIREDRILL_DB, else data/firedrill.db',
  '--to             default: $FIREDRILL_DATABASE_URL',
].join('\n');

/**
 * SQLite tables this command copies (through the Store), or that hold nothing to copy: `schema_version`,
 * `run_summaries` (derived from the logs; the target rebuilds each the first time a runs page lists it) and
 * `drill_snapshots` (derived from the logs; the target's first restore of a drill replays its whole log, which
 * also verifies it there, and takes new ones).
 */
export const COPIED_TABLES = ['drills', 'events', 'participants', 'outbound_hooks', 'schema_version', 'run_summaries', 'drill_snapshots'] as const;

interface Args { from: string; to: string; skipExisting: boolean; dryRun: boolean }

class UsageError extends Error {}

function parseArgs(args: string[]): Args {
  const out: Args = {
    from: process.env.FIREDRILL_DB?.trim() || 'data/firedrill.db', to: process.env.FIREDRILL_DATABASE_URL?.trim() ?? '',
    skipExisting: false, dryRun: false,
  };
  const read = argReader(args, (message) => new UsageError(message));
  for (let arg = read.next(); arg !== undefined; arg = read.next()) {
    if (arg === '--from') out.from = read.value(arg);
    else if (arg === '--to') out.to = read.value(arg);
    else if (arg === '--skip-existing') out.skipExisting = true;
    else if (arg === '--dry-run') out.dryRun = true;
    else throw new UsageError(`Unknown argument ${arg}.`);
  }
  if (!out.to) throw new UsageError('Say where to copy to: --to postgres://user:password@host:5432/database (or set FIREDRILL_DATABASE_URL).');
  return out;
}

/**
 * `migrate-store`: exit 0 when every drill is in the target and verified, 1 when something was refused or did not
 * verify (the message says what to do), 2 on a usage mistake.
 */
export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  let parsed: Args;
  let from: StoreLocation;
  let to: StoreLocation;
  try {
    parsed = parseArgs(args);
    from = parseStoreLocation(parsed.from);
    to = parseStoreLocation(parsed.to);
    if (from.engine !== 'sqlite') throw new UsageError(`--from must be a SQLite file (sqlite:./data/firedrill.db), not ${describeLocation(from)}.`);
    if (to.engine !== 'postgres') throw new UsageError(`--to must be a PostgreSQL URL (postgres://…), not ${describeLocation(to)}.`);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (!existsSync(from.file)) {
    console.error(`There is no SQLite store at ${from.file}. Pass --from sqlite:<path to firedrill.db>.`);
    return 1;
  }
  const inUse = sqliteInUse(from.file);
  if (inUse) {
    console.error(`${from.file} is in use by another process (${inUse}): is a Firedrill server still running on it? Stop it first, so that no event is written to SQLite after it was copied, then run this again.`);
    return 1;
  }
  const source = new SqliteStore(from.file);
  let target: Store | undefined;
  try {
    const unknown = unknownTables(source);
    if (unknown.length) {
      console.error(`${from.file} has table(s) this Firedrill does not know how to copy: ${unknown.join(', ')}. Was it written by a newer Firedrill? Run that version's migrate-store. Nothing was copied.`);
      return 1;
    }
    try {
      target = await openStore(to);
    } catch (error) {
      console.error(`Could not open PostgreSQL at ${describeLocation(to)}: ${(error as Error).message}. Check the URL, that the database exists (createdb) and that this user may create tables in it. Nothing was copied.`);
      return 1;
    }
    return await migrate(source, target, from, to, parsed);
  } finally {
    source.closeNow();
    await target?.close();
  }
}

async function migrate(source: SqliteStore, target: Store, from: Extract<StoreLocation, { engine: 'sqlite' }>, to: StoreLocation, args: Args): Promise<number> {
  const ids = (await source.listDrills()).map((d) => d.id);
  const already = await target.listDrills();
  if (already.length && !args.skipExisting) {
    const mine = new Set(ids);
    const same = already.filter((d) => mine.has(d.id)).length;
    console.error([
      `${describeLocation(to)} already holds ${already.length} drill(s)${same ? `, ${same} of them with the ids of drills in ${from.file} (an earlier migrate-store?)` : ''}. Nothing was copied.`,
      'To copy only the drills it lacks (those it has are compared, never overwritten), run again with --skip-existing.',
      'To start over, point --to at an empty database (createdb firedrill_new).',
    ].join('\n'));
    return 1;
  }
  const before = await countDrills(source, ids);
  console.log(`${args.dryRun ? 'Would copy' : 'Copying'} ${ids.length} drill(s) from ${from.file} to ${describeLocation(to)}${already.length ? ` (it holds ${already.length} already)` : ''}:`);
  const outcomes = await copyDrills(source, target, { dryRun: args.dryRun, progress: (o) => console.log(`  ${line(o, args.dryRun)}`) });
  const tally = (kind: DrillOutcome['kind']) => outcomes.filter((o) => o.kind === kind);
  const [copied, present, continued] = [tally('copied'), tally('present'), tally('continued')];
  const problems = outcomes.filter((o): o is Extract<DrillOutcome, { kind: 'conflict' | 'failed' }> => o.kind === 'conflict' || o.kind === 'failed');

  if (args.dryRun) {
    console.log(`\nDry run: ${copied.length} drill(s) would be copied, ${present.length + continued.length} are there already${problems.length ? `, ${problems.length} conflict(s)` : ''}. Nothing was written.`);
    return problems.length ? 1 : 0;
  }
  // Verification: the source did not change meanwhile, and the target holds exactly what it holds.
  const after = await countDrills(source, ids);
  const verified = ids.filter((id) => !continued.some((o) => o.id === id) && !problems.some((o) => o.id === id));
  const [sourceCounts, targetCounts] = await Promise.all([countDrills(source, verified), countDrills(target, verified)]);
  console.log(`\nSource ${totals(before)}.`);
  console.log(`Target ${totals(targetCounts)} (the ${verified.length} drill(s) verified).`);
  console.log(`${copied.length} copied, ${present.length} already there and identical, ${continued.length} already there and played on since, ${problems.length} not copied.`);
  let failed = problems.length > 0;
  if (JSON.stringify(after) !== JSON.stringify(before)) {
    failed = true;
    console.error(`The SQLite store changed while it was copied (${totals(after)} now): a server is writing to it. Stop it and run again with --skip-existing.`);
  }
  if (JSON.stringify(sourceCounts) !== JSON.stringify(targetCounts)) {
    failed = true;
    console.error(`The counts do not match: source ${totals(sourceCounts)}, target ${totals(targetCounts)}.`);
  }
  for (const p of problems) console.error(`drill ${p.id}: ${p.reason}`);
  if (failed) {
    console.error('\nThe migration is not complete. Fix what is said above and run again with --skip-existing (it copies only what is missing).');
    return 1;
  }
  const live = copied.filter((o) => o.kind === 'copied' && o.live).length;
  console.log([
    '',
    'Every drill is in PostgreSQL and verified.',
    `Next: start Firedrill with FIREDRILL_DATABASE_URL=${describeLocation(to)}${live ? `; it resumes the ${live} live drill(s) where they were` : ''}.`,
    `Keep ${from.file} as it is (a backup) until you are satisfied; this command never changes its drills.`,
    ...secretKeyNote(from.file, copied.some((o) => o.kind === 'copied' && o.outbound)),
  ].join('\n'));
  return 0;
}

function line(o: DrillOutcome, dryRun: boolean): string {
  switch (o.kind) {
    case 'copied':
      return `${o.id}  ${dryRun ? 'to copy' : 'copied'}  ${o.status}, ${o.events} events, ${o.participants} seat(s)${o.outbound ? ', webhook' : ''}; ${summary(o.replay)}`;
    case 'present': return `${o.id}  already there, identical (${o.events} events)`;
    case 'continued': return `${o.id}  already there and played on since (${o.events} events here, ${o.targetEvents} there): left as it is`;
    case 'conflict': return `${o.id}  CONFLICT: ${o.reason}`;
    case 'failed': return `${o.id}  FAILED: ${o.reason}`;
  }
}

const totals = (c: DrillCounts) => `${c.drills} drill(s) (${c.live} live, ${c.ended} ended), ${c.events} events, ${c.participants} seat(s), ${c.outbound} webhook(s)`;

/**
 * Webhook URLs are sealed with the server's secret key, and game-day alert tokens derive from it: PostgreSQL nodes
 * need the key the SQLite server used.
 */
function secretKeyNote(file: string, webhooks: boolean): string[] {
  if (process.env.FIREDRILL_SECRET_KEY?.trim()) return ['Keep FIREDRILL_SECRET_KEY as it is on every node: webhooks and alert tokens were sealed or derived with it.'];
  const keyFile = join(dirname(file), KEY_FILE);
  if (!existsSync(keyFile)) return [];
  return [`${webhooks ? 'Webhooks were sealed with' : 'Alert tokens and webhooks depend on'} the key in ${keyFile}: set FIREDRILL_SECRET_KEY to its contents on every node (FIREDRILL_SECRET_KEY=$(cat ${keyFile})).`];
}

/**
 * Whether another process has the SQLite file open: taking an exclusive lock fails while any other connection
 * (a running server holds two, in WAL mode) is open. Undefined when it is free.
 */
function sqliteInUse(file: string): string | undefined {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 200');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  } finally {
    db.close();
  }
}

function unknownTables(store: SqliteStore): string[] {
  const rows = store.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as { name: string }[];
  return rows.map((r) => r.name).filter((name) => !(COPIED_TABLES as readonly string[]).includes(name));
}
