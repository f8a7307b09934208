// A worker thread that checkpoints a SQLite WAL into its database (server/store/wal-checkpointer.ts). Plain
// JavaScript, so that it starts the same under tsx, Node and Vitest. It has its own connection: a PASSIVE
// checkpoint copies the committed frames no reader still needs and never blocks the writer or the readers; with
// `synchronous = NORMAL` it fsyncs the WAL before and the database after, all on this thread.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
db.pragma('wal_autocheckpoint = 0');

parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true, busy: result.busy, log: result.log, checkpointed: result.checkpointed });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: String(error && error.message ? error.message : error) });
  }
});
