import mongoose from 'mongoose';
import { redactUri, type Config } from '../config';
import { ensureFerretdbBinary, type Say } from './embedded/ferretdb-binary';
import { startFerretdb, type EmbeddedDatabase } from './embedded/ferretdb-process';
import { serializeWrites } from './embedded/serialized-writes';

export const DEFAULT_DATABASE_NAME = 'county';

export class DatabaseUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}

export interface Database {
  connection: mongoose.Connection;
  kind: 'embedded' | 'external';
  embedded?: EmbeddedDatabase;
  /** Round-trip time of a ping in milliseconds; rejects when the database does not answer. */
  ping(timeoutMs?: number): Promise<number>;
  close(): Promise<void>;
}

/** Opens a mongoose connection that fails within `timeoutMs` instead of retrying forever. */
export async function openConnection(
  uri: string,
  options: { dbName?: string; timeoutMs: number; embedded?: boolean },
): Promise<mongoose.Connection> {
  const connection = mongoose.createConnection(uri, {
    dbName: options.dbName,
    serverSelectionTimeoutMS: options.timeoutMs,
    connectTimeoutMS: options.timeoutMs,
    // Indexes are created explicitly (see docs/database.md), not as a side effect of model use.
    autoIndex: false,
    autoCreate: false,
  });
  try {
    await connection.asPromise();
  } catch (err) {
    await connection.close(true).catch(() => undefined);
    throw new DatabaseUnavailableError(
      `无法连接数据库 ${redactUri(uri)}（${options.timeoutMs} 毫秒内未响应）：${(err as Error).message}`,
    );
  }
  // Before any model touches it: models take their collections from this Db.
  if (options.embedded) serializeWrites(connection.db!);
  return connection;
}

export function databaseNameIn(uri: string): string | undefined {
  return /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(uri)?.[1];
}

/** The Database a connection makes; `stop` runs after the connection closes. */
export function asDatabase(
  connection: mongoose.Connection,
  kind: Database['kind'],
  embedded?: EmbeddedDatabase,
): Database {
  return {
    connection,
    kind,
    embedded,
    ping: pingOf(connection),
    close: async () => {
      await connection.close().catch(() => undefined);
      await embedded?.stop();
    },
  };
}

function pingOf(connection: mongoose.Connection) {
  return async (timeoutMs = 2000): Promise<number> => {
    const started = performance.now();
    const db = connection.db;
    if (!db) throw new DatabaseUnavailableError('数据库连接未建立');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new DatabaseUnavailableError(`数据库在 ${timeoutMs} 毫秒内未响应`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([db.command({ ping: 1 }), timeout]);
    } finally {
      clearTimeout(timer);
    }
    return Math.round((performance.now() - started) * 10) / 10;
  };
}

/** Whether the server at `uri` is FerretDB (its buildInfo names its own version). */
async function isFerretdb(uri: string, timeoutMs: number): Promise<boolean> {
  const probe = await openConnection(uri, { timeoutMs });
  try {
    const info = await probe.db!.admin().command({ buildInfo: 1 });
    return typeof info.ferretdbVersion === 'string';
  } finally {
    await probe.close().catch(() => undefined);
  }
}

/**
 * Connects to `MONGODB_URI` when it is set; otherwise starts the embedded FerretDB (building it on
 * first need) and connects to that.
 */
export async function connectDatabase(config: Config, say: Say): Promise<Database> {
  if (config.MONGODB_URI) {
    say(`连接外部数据库 ${redactUri(config.MONGODB_URI)}…`);
    const options = {
      timeoutMs: config.DB_CONNECT_TIMEOUT_MS,
      // A database named in the URI wins; otherwise use ours.
      dbName: databaseNameIn(config.MONGODB_URI) ? undefined : DEFAULT_DATABASE_NAME,
    };
    // Our FerretDB started by another node (several nodes on the embedded database, issue 12)
    // gets what the embedded database needs: FerretDB's limits are the same whoever started it.
    if (await isFerretdb(config.MONGODB_URI, config.DB_CONNECT_TIMEOUT_MS)) {
      say('外部数据库是内置数据库（FerretDB）：按内置数据库的方式使用');
      return asDatabase(
        await openConnection(config.MONGODB_URI, { ...options, embedded: true }),
        'embedded',
      );
    }
    return asDatabase(await openConnection(config.MONGODB_URI, options), 'external');
  }

  const binary = await ensureFerretdbBinary({
    cacheDir: config.CACHE_DIR,
    explicitBinary: config.FERRETDB_BIN,
    say,
  });
  const embedded = await startFerretdb({
    binary,
    dataDir: config.DATA_DIR,
    say,
    synchronous: config.EMBEDDED_DB_SYNC,
  });
  say(
    `内置数据库已启动（FerretDB，pid ${embedded.pid}，端口 ${embedded.port}，数据目录 ${embedded.dataDir}）`,
  );
  let connection: mongoose.Connection;
  try {
    connection = await openConnection(embedded.uri, {
      dbName: DEFAULT_DATABASE_NAME,
      timeoutMs: config.DB_CONNECT_TIMEOUT_MS,
      embedded: true,
    });
  } catch (err) {
    await embedded.stop();
    throw err;
  }
  return asDatabase(connection, 'embedded', embedded);
}
