import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../server/config';
import { ensureFerretdbBinary } from '../../server/database/embedded/ferretdb-binary';
import {
  startFerretdb,
  type EmbeddedDatabase,
} from '../../server/database/embedded/ferretdb-process';

declare global {
  var testDatabase: { handle?: EmbeddedDatabase; dataDir: string } | undefined;
}

/** Starts the embedded database once for the whole run, unless TEST_MONGODB_URI names one. */
export default async function globalSetup(): Promise<void> {
  const say = (message: string) => process.stderr.write(`[tests] ${message}\n`);
  if (process.env.TEST_MONGODB_URI) {
    say(`使用 TEST_MONGODB_URI 指定的数据库`);
    return;
  }
  const config = loadConfig({ ...process.env, PORT: undefined });
  const binary = await ensureFerretdbBinary({
    cacheDir: config.CACHE_DIR,
    explicitBinary: config.FERRETDB_BIN,
    say,
  });
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'county-test-db-'));
  const handle = await startFerretdb({ binary, dataDir, say });
  globalThis.testDatabase = { handle, dataDir };
  process.env.TEST_MONGODB_URI = handle.uri;
  process.env.TEST_DATABASE_EMBEDDED = '1';
  // Where its files are: a test greps them for what must never be stored in plain text.
  process.env.TEST_DATABASE_DIR = dataDir;
  // Tests that start servers or databases of their own use the same binary.
  process.env.TEST_FERRETDB_BIN = binary;
}
