import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import pretty from 'pino-pretty';
import { createApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { connectDatabase } from './database/connection';
import { EmbeddedDatabaseUnavailableError } from './database/embedded/ferretdb-binary';
import { DatabaseUnavailableError } from './database/connection';
import { createLogger } from './logging';
import { ensureStudioBuild } from './studio/build';
import { createModels, ensureIndexes } from './models';
import { itemListOf } from './catalog/item-list';
import { startBackgroundJobs } from './jobs';
import { seedDemoCounty } from '../seeds';
import { seedDemoCatalog } from '../seeds/demo-catalog';
import { seedDemoCases } from '../seeds/demo-cases';
import { seedDemoSupervision } from '../seeds/demo-supervision';
import { seedDemoThemes } from '../seeds/demo-themes';
import { loadDataKey, PersonalDataCipher } from './identity/personal-data';
import { purgeSystemLogs, SystemLogSink } from './operations/system-logs';
import { Lease, NODE_ID } from './operations/lease';
import os from 'node:os';

function fail(message: string, code: number): never {
  process.stderr.write(`\n启动失败：${message}\n\n`);
  process.exit(code);
}

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message, 2);
    throw err;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  // People read the console; machines (and tests) read JSON when output is not a terminal.
  // Lines are also kept in the database (OPS-1): held in memory until it is connected.
  const systemLogs = new SystemLogSink();
  const logger = createLogger(config, {
    kept: systemLogs,
    console: process.stdout.isTTY ? pretty() : undefined,
  });
  const say = (message: string) => logger.info(message);
  const readiness = { ready: false };

  if (config.STUDIO_BUILD === 'auto') await ensureStudioBuild(say);

  let db;
  try {
    db = await connectDatabase(config, say);
  } catch (err) {
    if (
      err instanceof DatabaseUnavailableError ||
      err instanceof EmbeddedDatabaseUnavailableError
    ) {
      fail(err.message, 1);
    }
    throw err;
  }
  const database = db;
  const models = createModels(database.connection, config);
  await ensureIndexes(models, database.kind);
  const seeded = config.SEED_DEMO === 'auto' && (await seedDemoCounty(models, say));

  const cipher = new PersonalDataCipher(await loadDataKey(config, say));
  const { app, cases, trailAnchors, sandbox, notifications, metrics, supervision, systemStatus } =
    createApp({
      config,
      db: database,
      models,
      cipher,
      logger,
      readiness,
      systemLogs,
    });
  // Other nodes' writes reach this node's index through the feed, from before the index loads.
  const leaveFeed = await cases.joinFeed(NODE_ID);
  // Projections a crash left unwritten are rebuilt before anything is served.
  await cases.whenReady();
  const server = app.listen(config.PORT, config.HOST);
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  // Background work runs on whichever node holds the lease (issue 12, several nodes).
  const lease = new Lease(database.connection.db!, 'background', {
    logger,
    address: `${os.hostname()}:${port}`,
  });
  await lease.check();
  lease.start();
  systemStatus.status.cluster = {
    node: lease.node,
    held: () => lease.held(),
    holder: () => lease.holder(),
    nodes: () => lease.nodes(),
  };
  const leading = () => lease.held();
  startBackgroundJobs(models, logger, cases, notifications.sender, metrics, supervision, {
    runs: systemStatus.jobRuns,
    purgeLogs: (now) => purgeSystemLogs(models.systemLogs, now, config.LOG_RETENTION_DAYS),
    leading,
    pruneFeed: (now) => cases.feed!.prune(now),
    caseJobsMs: config.CASE_JOBS_SECONDS * 1000,
  });
  trailAnchors.start(config.TRAIL_ANCHOR_MINUTES * 60_000, leading);
  if (seeded) {
    // The catalog goes in through the API, as clerks and the reviewer would put it in.
    const host = ['0.0.0.0', '::'].includes(config.HOST) ? '127.0.0.1' : config.HOST;
    const baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    await seedDemoCatalog(baseUrl, say);
    await seedDemoSupervision(baseUrl, say);
    await seedDemoThemes(models.items, say);
    await seedDemoCases(baseUrl, cases, say);
  }
  // Loading the catalog list before saying ready spares the first clerk the wait.
  await itemListOf(models.items).warm();
  // Statistics catch up on cases written while no handler ran; pages wait for it, start-up does not.
  supervision.statistics
    .whenLoaded()
    .catch((err: unknown) => logger.error({ err }, '统计数据载入失败'));
  readiness.ready = true;
  logger.info(
    { port, database: database.kind, databasePid: database.embedded?.pid, node: NODE_ID },
    `平台已启动：http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      logger.warn(`再次收到 ${signal}，立即退出`);
      process.exit(1);
    }
    stopping = true;
    readiness.ready = false;
    logger.info(`收到 ${signal}，正在关闭…`);
    const force = setTimeout(() => server.closeAllConnections(), config.SHUTDOWN_TIMEOUT_MS);
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await closed;
    clearTimeout(force);
    await sandbox.close();
    // Another node takes the background work at once rather than when the term runs out.
    await lease.stop(true);
    // Events still on their way are written; those that fail stay in their cases' outboxes.
    await cases.projector.settled();
    leaveFeed();
    await cases.feed?.settled();
    await systemLogs.close();
    await database.close();
    logger.info('已关闭');
    logger.flush();
    process.exit(0);
  };
  process.on('SIGINT', (s) => void shutdown(s));
  process.on('SIGTERM', (s) => void shutdown(s));
}

main().catch((err: unknown) => {
  process.stderr.write(`\n启动失败：${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
