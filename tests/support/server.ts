import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pino, { type Logger } from 'pino';
import { createApp, type App } from '../../server/app';
import { loadConfig, type Config } from '../../server/config';
import type { Database } from '../../server/database/connection';
import { createModels, ensureIndexes, type Models } from '../../server/models';
import { PersonalDataCipher } from '../../server/identity/personal-data';
import type { SystemLogSink } from '../../server/operations/system-logs';

/** A fixed key, so tests can decrypt what they stored. */
export const TEST_DATA_KEY = '0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0';

export interface TestServer extends App {
  baseUrl: string;
  models: Models;
  config: Config;
  close(): Promise<void>;
}

/** Runs the real app on a free loopback port against the given database. */
export async function startTestServer(
  db: Database,
  env: Record<string, string> = {},
  /** A logger of the test's own, and the sink it keeps lines in (system logs, OPS-1). */
  options: { logger?: Logger; systemLogs?: SystemLogSink } = {},
): Promise<TestServer> {
  const config = loadConfig({ STUDIO_BUILD: 'skip', DATA_KEY: TEST_DATA_KEY, ...env });
  const models = createModels(db.connection, config);
  await ensureIndexes(models, db.kind);
  const built = createApp({
    config,
    db,
    models,
    cipher: new PersonalDataCipher(config.DATA_KEY!),
    logger: options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    systemLogs: options.systemLogs,
  });
  const server: Server = await new Promise((resolve) => {
    const s = built.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    ...built,
    models,
    config,
    baseUrl: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await built.sandbox.close();
    },
  };
}
