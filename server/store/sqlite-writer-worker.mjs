// The writer thread of a SQLite store (server/store/sqlite-thread-store.ts). Plain JavaScript, so that it starts
// the same under tsx, Node and Vitest. It has the store's only write connection and commits the batches the event
// loop sends it, one at a time, each as one transaction made durable inside COMMIT (`synchronous = FULL`: the WAL
// is fsynced before COMMIT returns). Every unit of a batch (a drill turn, or one lone write) runs in a savepoint: a
// refused unit (a seq that is not the next one, a constraint) is rolled back and its drill left out of the rest of
// the batch; the others are kept. When SQLite itself rolls the transaction back (a full disk, an I/O error), or the
// COMMIT fails, nothing of the batch is stored and the event loop is told so.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, lastSeqSql, checkpointThread } = workerData;
const db = new Database(file, { fileMustExist: true });
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');
// The checkpoint thread copies the WAL into the database; a COMMIT here never does.
if (checkpointThread) db.pragma('wal_autocheckpoint = 0');

const statements = new Map();
const statement = (sql) => {
  let prepared = statements.get(sql);
  if (!prepared) statements.set(sql, (prepared = db.prepare(sql)));
  return prepared;
};
const lastSeq = db.prepare(lastSeqSql);
const begin = db.prepare('BEGIN IMMEDIATE');
const commit = db.prepare('COMMIT');
const rollback = db.prepare('ROLLBACK');
const savepoint = db.prepare('SAVEPOINT unit');
const release = db.prepare('RELEASE unit');
const rollbackTo = db.prepare('ROLLBACK TO unit');

const messageOf = (error) => String(error && error.message ? error.message : error);

function runUnit(unit) {
  for (const write of unit.writes) {
    if (write.append) {
      const { drillId, seq } = write.append;
      const expected = (lastSeq.get(drillId).seq ?? 0) + 1;
      if (seq !== expected) throw new Error(`event seq ${seq} is not the next one (${expected}) in drill ${drillId}`);
    }
    const result = statement(write.sql).run(write.params);
    if (write.expectRow && result.changes === 0) throw new Error(write.expectRow);
  }
}

/** Commits one batch; returns the drills left out, and why. Throws when nothing of it is stored. */
function runBatch(units) {
  const refusals = new Map();
  begin.run();
  try {
    for (const unit of units) {
      const refused = unit.drills.find((drill) => refusals.has(drill));
      if (refused !== undefined) {
        // An earlier unit of the drill was refused: none of its later writes either, so its log has no gaps.
        for (const drill of unit.drills) if (!refusals.has(drill)) refusals.set(drill, refusals.get(refused));
        continue;
      }
      savepoint.run();
      try {
        runUnit(unit);
        release.run();
      } catch (error) {
        // SQLite rolled the whole transaction back on its own (SQLITE_FULL, SQLITE_IOERR…): nothing is stored.
        if (!db.inTransaction) throw error;
        rollbackTo.run();
        release.run();
        for (const drill of unit.drills) refusals.set(drill, messageOf(error));
      }
    }
    commit.run();
  } catch (error) {
    if (db.inTransaction) {
      try {
        rollback.run();
      } catch {
        // Nothing left to undo.
      }
    }
    throw error;
  }
  return refusals;
}

parentPort.on('message', (message) => {
  if (message.type === 'batch') {
    try {
      const refusals = runBatch(message.units);
      parentPort.postMessage({ type: 'committed', id: message.id, refusals: [...refusals] });
    } catch (error) {
      parentPort.postMessage({ type: 'failed', id: message.id, message: messageOf(error) });
    }
  } else if (message.type === 'autocheckpoint') {
    db.pragma('wal_autocheckpoint = 1000');
  } else if (message.type === 'close') {
    // The last connection checkpoints the WAL into the database and removes it.
    db.close();
    parentPort.postMessage({ type: 'closed' });
    parentPort.close();
  }
});
