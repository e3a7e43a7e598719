import { createHash } from 'node:crypto';
import path from 'node:path';
import type mongoose from 'mongoose';
import { asDatabase, openConnection, type Database } from '../../server/database/connection';

export function testDatabaseUri(): string {
  const uri = process.env.TEST_MONGODB_URI;
  if (!uri) throw new Error('TEST_MONGODB_URI 未设置：测试须经 jest 的 globalSetup 运行');
  return uri;
}

/** A database name of its own for each test file, so files can run in parallel. */
function databaseNameFor(testPath: string): string {
  const base = path.basename(testPath).replace(/\W+/g, '_').slice(0, 40);
  const hash = createHash('sha1').update(testPath).digest('hex').slice(0, 8);
  return `t_${base}_${hash}`;
}

/**
 * Opens a connection to this test file's own database before its tests and drops it after.
 * Use inside a describe block or at the top of a test file.
 */
export function useTestDatabase(): {
  readonly connection: mongoose.Connection;
  readonly db: Database;
} {
  let connection: mongoose.Connection | undefined;
  let db: Database | undefined;
  beforeAll(async () => {
    const name = databaseNameFor(expect.getState().testPath ?? 'unknown');
    connection = await openConnection(testDatabaseUri(), {
      dbName: name,
      timeoutMs: 10_000,
      // The run's own embedded database needs what the server does for it; a TEST_MONGODB_URI does not.
      embedded: process.env.TEST_DATABASE_EMBEDDED === '1',
    });
    await connection.dropDatabase();
    db = asDatabase(connection, 'embedded');
  });
  afterAll(async () => {
    if (!connection) return;
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  });
  return {
    get connection() {
      if (!connection) throw new Error('数据库连接在 beforeAll 之后才可用');
      return connection;
    },
    get db() {
      if (!db) throw new Error('数据库连接在 beforeAll 之后才可用');
      return db;
    },
  };
}
