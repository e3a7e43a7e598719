/**
 * Login latency (ROLE-4 target: under 300 ms with the right password) on the embedded database.
 * Prints argon2 hashing time alone, then end-to-end POST /api/auth/login latency at 1 and 4
 * concurrent clients, measured with autocannon.
 */
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import pino from 'pino';
import { seedDemoCounty } from '../seeds';
import { DEMO_PASSWORD } from '../seeds/demo-county';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { ARGON2_OPTIONS, hashPassword, verifyPassword } from '../server/identity/passwords';
import { PersonalDataCipher } from '../server/identity/personal-data';
import { openBenchDatabase } from './embedded';
import { percentile } from './stats';

async function main() {
  // The per-address limit would stop the benchmark itself; it is measured without it.
  const config = loadConfig({
    ...process.env,
    PORT: undefined,
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
  });
  const hash = await hashPassword(DEMO_PASSWORD);
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    await verifyPassword(hash, DEMO_PASSWORD);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(
    `argon2id m=${ARGON2_OPTIONS.memoryCost} KiB t=${ARGON2_OPTIONS.timeCost} p=${ARGON2_OPTIONS.parallelism}: ` +
      `verify p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`,
  );

  const { db, models, close } = await openBenchDatabase(config, 'login');
  try {
    await seedDemoCounty(models, () => undefined);
    const cipher = new PersonalDataCipher('0'.repeat(64));
    const { app } = createApp({ config, db, models, cipher, logger: pino({ level: 'silent' }) });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as AddressInfo;

    for (const connections of [1, 4]) {
      const result = await autocannon({
        url: `http://127.0.0.1:${port}/api/auth/login`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'aj.clerk', password: DEMO_PASSWORD }),
        connections,
        amount: 200,
      });
      const ok = result['2xx'];
      console.log(
        `POST /api/auth/login, ${connections} client(s), ${result.requests.sent} requests (${ok} ok): ` +
          `p50 ${result.latency.p50} ms, p97.5 ${result.latency.p97_5} ms, p99 ${result.latency.p99} ms, ` +
          `max ${result.latency.max} ms, ${result.requests.average.toFixed(1)} logins/s`,
      );
      if (ok !== result.requests.sent) throw new Error('有登录请求失败，结果无效');
    }
    server.close();
  } finally {
    await close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
