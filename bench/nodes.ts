/**
 * Completions per second through one server node, then through two (issue 12, OPS-6): the same
 * embedded database (our FerretDB build), the demo county, BENCH_NODE_CLIENTS clients each
 * looping 窗口登记 → 受理 → 认领 → 审核通过 for BENCH_NODE_SECONDS; in the second run half the
 * clients talk to each node. Prints completions/s (the 审核通过 commands) and their p95.
 *
 * The nodes, the database and this script share the machine's cores, so two nodes on one machine
 * show what the guard and the change feed cost rather than what a second machine adds.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/config';
import { ensureFerretdbBinary } from '../server/database/embedded/ferretdb-binary';
import { startFerretdb } from '../server/database/embedded/ferretdb-process';
import { DEMO_PASSWORD } from '../seeds/demo-county';
import { ApiClient } from '../seeds/api-client';
import { spawnServer, type ServerProcess } from '../tests/support/process';
import { say } from './embedded';
import { percentile } from './stats';

const CLIENTS = Number(process.env.BENCH_NODE_CLIENTS ?? 16);
const SECONDS = Number(process.env.BENCH_NODE_SECONDS ?? 20);

const applicant = {
  type: 'organisation',
  name: '瓯江化工有限公司',
  idType: 'creditCode',
  idNumber: '91330303MA2AB1234X',
};
const data = {
  applicantType: 'organisation',
  applicantName: '瓯江化工有限公司',
  creditCode: '91330303MA2AB1234X',
  phone: '13857712345',
};

async function officer(base: string) {
  const client = new ApiClient(base);
  const res = await client.login('aj.officer', DEMO_PASSWORD);
  if (res.status !== 200) throw new Error(`登录失败：${res.status}`);
  return client;
}

/** Items the officer can register and accept today, with their materials. */
async function usableItems(client: ApiClient) {
  const items = (await client.get('/api/items?status=approved&pageSize=100')).body.items as {
    id: string;
    initiation: string;
  }[];
  const usable: { itemId: string; materials: { materialId: string }[] }[] = [];
  for (const item of items.filter((i) => i.initiation === 'onApplication')) {
    const materials = (await client.get(`/api/items/${item.id}`)).body.draft.materials.map(
      (m: { id: string }) => ({ materialId: m.id }),
    );
    const created = await client.post('/api/cases', {
      itemId: item.id,
      applicant,
      data,
      materials,
    });
    if (created.status !== 201) continue;
    const accepted = await client.post(`/api/cases/${created.body.id}/commands`, {
      type: 'accept',
    });
    if (accepted.status === 200 && accepted.body.workItems?.length)
      usable.push({ itemId: item.id, materials });
  }
  if (!usable.length) throw new Error('没有可受理的事项');
  return usable;
}

async function run(bases: string[], usable: Awaited<ReturnType<typeof usableItems>>) {
  // One session per node, shared by its clients: parallel logins of one account beyond five are
  // refused by the lockout, which counts attempts before it checks them (ROLE-4).
  const sessions: ApiClient[] = [];
  for (const base of bases) sessions.push(await officer(base));
  const clients = Array.from({ length: CLIENTS }, (_, i) => sessions[i % sessions.length]!);
  const latencies: number[] = [];
  let refused = 0;
  const stopAt = Date.now() + SECONDS * 1000;
  const worker = async (client: ApiClient, w: number) => {
    for (let n = 0; Date.now() < stopAt; n++) {
      const { itemId, materials } = usable[(w + n) % usable.length]!;
      const created = await client.post('/api/cases', { itemId, applicant, data, materials });
      if (created.status !== 201) continue;
      const id = created.body.id as string;
      const accepted = await client.post(`/api/cases/${id}/commands`, { type: 'accept' });
      const review = accepted.body.workItems?.[0];
      if (accepted.status !== 200 || !review) continue;
      await client.post(`/api/cases/${id}/commands`, { type: 'claim', workItemId: review.id });
      const t = performance.now();
      const done = await client.post(`/api/cases/${id}/commands`, {
        type: 'complete',
        workItemId: review.id,
        outcome: 'approve',
        opinion: '符合条件',
      });
      if (done.status === 200) latencies.push(performance.now() - t);
      else refused += 1;
    }
  };
  const t0 = performance.now();
  await Promise.all(clients.map((c, w) => worker(c, w)));
  const seconds = (performance.now() - t0) / 1000;
  return {
    perSecond: latencies.length / seconds,
    p95: percentile(
      [...latencies].sort((x, y) => x - y),
      95,
    ),
    completions: latencies.length,
    refused,
  };
}

async function main() {
  const config = loadConfig({ ...process.env, PORT: undefined });
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-nodes-'));
  const binary = await ensureFerretdbBinary({
    cacheDir: config.CACHE_DIR,
    explicitBinary: config.FERRETDB_BIN,
    say,
  });
  const database = await startFerretdb({ binary, dataDir: path.join(dataDir, 'db'), say });
  const nodes: ServerProcess[] = [];
  try {
    const start = async (name: string) => {
      const node = spawnServer({
        PORT: '0',
        DATA_DIR: path.join(dataDir, name),
        DATA_KEY: 'cd'.repeat(32),
        MONGODB_URI: `${database.uri.replace(/\/[^/]*$/, '')}/bench_nodes`,
        SEED_DEMO: 'auto',
        LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
      });
      nodes.push(node);
      const line = await node.waitForLog((l) => typeof l.port === 'number' && 'node' in l, 300_000);
      return `http://127.0.0.1:${line.port as number}`;
    };
    say('启动节点 A（写入演示数据）…');
    const a = await start('a');
    say('启动节点 B…');
    const b = await start('b');
    const usable = await usableItems(await officer(a));
    say(`${CLIENTS} 个客户端，各 ${SECONDS} 秒`);
    const one = await run([a], usable);
    const two = await run([a, b], usable);
    const line = (label: string, r: typeof one) =>
      `${label}: ${r.perSecond.toFixed(1)} 次办结审核/秒，p95 ${r.p95.toFixed(1)} ms（${r.completions} 次，被拒 ${r.refused} 次）`;
    console.log(line('一个节点', one));
    console.log(line('两个节点', two));
  } finally {
    for (const n of nodes) n.child.kill('SIGTERM');
    await Promise.all(nodes.map((n) => n.exited));
    await database.stop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
