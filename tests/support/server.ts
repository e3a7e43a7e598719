import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pino from 'pino';
import { createApp, type App } from '../../server/app';
import type { Database } from '../../server/database/connection';

export interface TestServer extends App {
  baseUrl: string;
  close(): Promise<void>;
}

/** Runs the real app on a free loopback port against the given database. */
export async function startTestServer(db: Database): Promise<TestServer> {
  const built = createApp({
    config: { JSON_BODY_LIMIT: '1mb' },
    db,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  });
  const server: Server = await new Promise((resolve) => {
    const s = built.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    ...built,
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
