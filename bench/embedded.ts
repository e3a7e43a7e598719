/**
 * The embedded database as the benchmarks use it: opened exactly as the server opens it (write
 * order, EMBEDDED_DB_SYNC, unique indexes only), in a data directory of its own that `close`
 * removes. One place, so that no benchmark measures a database the server would not run.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Config } from '../server/config';
import { asDatabase, openConnection } from '../server/database/connection';
import { ensureFerretdbBinary } from '../server/database/embedded/ferretdb-binary';
import { startFerretdb } from '../server/database/embedded/ferretdb-process';
import { createModels, ensureIndexes } from '../server/models';

export const say = (m: string) => process.stderr.write(`${m}\n`);

export async function openBenchDatabase(config: Config, name: string) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), `bench-${name}-`));
  const binary = await ensureFerretdbBinary({
    cacheDir: config.CACHE_DIR,
    explicitBinary: config.FERRETDB_BIN,
    say,
  });
  const embedded = await startFerretdb({
    binary,
    dataDir,
    say,
    synchronous: config.EMBEDDED_DB_SYNC,
  });
  const connection = await openConnection(embedded.uri, {
    dbName: 'bench',
    timeoutMs: 5000,
    embedded: true,
  });
  const db = asDatabase(connection, 'embedded', embedded);
  const models = createModels(connection, config);
  await ensureIndexes(models, 'embedded');
  return {
    db,
    models,
    close: async () => {
      await db.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
