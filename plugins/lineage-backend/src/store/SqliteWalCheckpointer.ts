import { Knex } from 'knex';
import { Worker } from 'worker_threads';

/**
 * The worker: its own connection to the database file, checkpointing the
 * write-ahead log on an interval. A passive checkpoint never blocks the
 * writer, so the backend's thread only appends to the log.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.filename);
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage(String(error));
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Copies SQLite's write-ahead log back into the database file from a
 * worker thread. Done by the writer, at commit, this blocks the event loop
 * for as long as it takes to write and sync several MB: every request
 * waiting meanwhile waits for it. The writer's own automatic checkpoint
 * stays as a backstop, at a size the worker keeps the log well under.
 */
export class SqliteWalCheckpointer {
  /** Starts one for `db` if it is a SQLite database file; else none. */
  static async start(
    db: Knex,
    options: { intervalMs?: number; onError?: (message: string) => void } = {},
  ): Promise<SqliteWalCheckpointer | undefined> {
    if (db.client.config.client !== 'better-sqlite3') {
      return undefined;
    }
    const [{ file }] = await db.raw<Array<{ file: string }>>(
      "select file from pragma_database_list where name = 'main'",
    );
    if (!file) {
      // In memory: no log to checkpoint.
      return undefined;
    }
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver: require.resolve('better-sqlite3'),
        filename: file,
        intervalMs: options.intervalMs ?? 200,
      },
    });
    worker.on('message', message => options.onError?.(String(message)));
    worker.on('error', error => options.onError?.(String(error)));
    worker.unref();
    return new SqliteWalCheckpointer(worker);
  }

  /** Settles once the worker is gone, whether stopped or failed earlier. */
  private readonly exited: Promise<unknown>;

  private constructor(private readonly worker: Worker) {
    this.exited = new Promise(resolve => worker.once('exit', resolve));
  }

  async stop(): Promise<void> {
    this.worker.postMessage('stop');
    await this.exited;
  }
}
