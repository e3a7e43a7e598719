/**
 * `npm run backup [-- <dir>]`: copies the database (GridFS files included) into `<dir>` (default
 * `backups/<time>`) while the platform runs — through the running platform's embedded database
 * (DATA_DIR/embedded-db.json), MONGODB_URI, or, with the platform stopped, the embedded database
 * started on DATA_DIR. The key of personal data is not copied: keep DATA_KEY (or DATA_DIR/data-key)
 * apart. Exits 0 on success, 2 on bad configuration, 3 when it cannot run.
 */
import type { Connection } from 'mongoose';
import path from 'node:path';
import { configOrSay, type Config } from '../config';
import {
  connectDatabase,
  DEFAULT_DATABASE_NAME,
  openConnection,
  type Database,
} from '../database/connection';
import { runningEmbedded } from '../database/embedded/ferretdb-process';
import { backupDatabase } from './backup';

const say = (m: string) => process.stderr.write(`${m}\n`);

/** The platform's database: the running one where there is one, else started here. */
async function reachDatabase(
  config: Config,
): Promise<{ db: Database | null; connection: Connection }> {
  if (!config.MONGODB_URI) {
    const running = await runningEmbedded(config.DATA_DIR);
    if (running) {
      say(`连接正在运行的平台的内置数据库 ${running.uri}`);
      const connection = await openConnection(running.uri, {
        dbName: DEFAULT_DATABASE_NAME,
        timeoutMs: config.DB_CONNECT_TIMEOUT_MS,
        embedded: true,
      });
      return { db: null, connection };
    }
  }
  const db = await connectDatabase(config, say);
  return { db, connection: db.connection };
}

const stamp = () =>
  new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');

async function main(): Promise<number> {
  const config = configOrSay(say);
  if (!config) return 2;
  const outDir = path.resolve(process.argv[2] ?? path.join('backups', stamp()));
  const { db, connection } = await reachDatabase(config);
  try {
    const t0 = Date.now();
    const manifest = await backupDatabase(connection.db!, outDir, say);
    const documents = manifest.collections.reduce((n, c) => n + c.count, 0);
    process.stdout.write(
      `备份完成：${outDir}，${manifest.collections.length} 个集合、${documents} 条，用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒\n` +
        '个人信息密钥（DATA_KEY 或 DATA_DIR/data-key）不在备份中，请另行妥善保管\n',
    );
    return 0;
  } finally {
    await (db ? db.close() : connection.close());
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    say(`备份失败：${(err as Error).message}`);
    process.exit(3);
  },
);
