// Checks a database file on a worker thread: `integrity_check` reads every page, which takes seconds
// on a large file, and the service's event loop must keep answering meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.path, { readonly: true, fileMustExist: true });
try {
  parentPort.postMessage(db.pragma('integrity_check', { simple: true }));
} finally {
  db.close();
}
