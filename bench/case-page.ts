/**
 * The case page's load (RUN-1, RUN-7): a case with 20 materials of 2 pages each (40 uploads,
 * so over 40 trail entries) on the embedded database, and the three requests the studio's case
 * page makes at once — the case with its trail, its files, its documents — timed together, as
 * the page waits for all three. Prints p50/p95 of that and of each request.
 */
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { seedDemoCounty } from '../seeds';
import { DEMO_PASSWORD } from '../seeds/demo-county';
import { ApiClient } from '../seeds/api-client';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { PersonalDataCipher } from '../server/identity/personal-data';
import { approvedItem, caseWorld, windowCase } from '../tests/integration/cases/world';
import type { TestServer } from '../tests/support/server';
import { openBenchDatabase, say } from './embedded';

const MATERIALS = 20;
const PAGES = 2;
const LOADS = Number(process.env.BENCH_LOADS ?? 100);

const pdf = (n: number) =>
  Buffer.from(`%PDF-1.4\n% page ${n}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n`);

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main() {
  const config = loadConfig({
    ...process.env,
    PORT: undefined,
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
  });
  const { db, models, close } = await openBenchDatabase(config, 'case-page');
  try {
    await seedDemoCounty(models, () => undefined);
    const built = createApp({
      config,
      db,
      models,
      cipher: new PersonalDataCipher('0'.repeat(64)),
      logger: pino({ level: 'silent' }),
    });
    await built.cases.whenReady();
    const listening = built.app.listen(0, '127.0.0.1');
    await new Promise((r) => listening.once('listening', r));
    const baseUrl = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
    // The integration tests' world: the demo county's accounts and an approved AJ item.
    const server = { ...built, baseUrl, models, config } as unknown as TestServer;
    const world = await caseWorld(server, ['aj.clerk', 'reviewer', 'aj.officer']);
    const materials = Array.from({ length: MATERIALS }, (_, i) => ({
      id: `m${i + 1}`,
      name: `材料${i + 1}`,
      format: '纸质',
      originalOrCopy: i % 2 ? 'copy' : 'original',
      count: 1,
      medium: 'paper',
      submission: '窗口提交',
      required: i < 2,
    }));
    const itemId = await approvedItem(world, world.steps, { materials });
    const caseId = await windowCase(world, itemId, {
      materials: [{ materialId: 'm1' }, { materialId: 'm2' }],
    });

    const officer = new ApiClient(baseUrl);
    await officer.login('aj.officer', DEMO_PASSWORD);
    for (let m = 1; m <= MATERIALS; m++) {
      for (let p = 1; p <= PAGES; p++) {
        const form = new FormData();
        form.append('kind', 'material');
        form.append('materialId', `m${m}`);
        form.append('file', new Blob([pdf(p)], { type: 'application/pdf' }), `材料${m}-${p}.pdf`);
        const res = await fetch(`${baseUrl}/api/cases/${caseId}/files`, {
          method: 'POST',
          headers: { Cookie: officer.cookie!, 'X-CSRF-Token': officer.csrfToken! },
          body: form,
        });
        if (res.status !== 201) throw new Error(`上传失败 ${res.status}: ${await res.text()}`);
      }
    }
    const accepted = await officer.post(`/api/cases/${caseId}/commands`, { type: 'accept' });
    if (accepted.status !== 200) throw new Error(`受理失败：${JSON.stringify(accepted.body)}`);
    await built.cases.projector.settled();

    const detail = (await officer.get(`/api/cases/${caseId}`)).body as { trail: unknown[] };
    const files = (await officer.get(`/api/cases/${caseId}/files`)).body as {
      materials: { pages?: unknown[] }[];
    };
    const pages = files.materials.reduce((n, m) => n + (m.pages?.length ?? 0), 0);
    say(
      `办件：${MATERIALS} 种材料 × ${PAGES} 页，${pages} 页已上传，${detail.trail.length} 条操作痕迹`,
    );

    const paths = {
      case: `/api/cases/${caseId}`,
      files: `/api/cases/${caseId}/files`,
      documents: `/api/cases/${caseId}/documents`,
    };
    const times: Record<keyof typeof paths | 'page', number[]> = {
      case: [],
      files: [],
      documents: [],
      page: [],
    };
    for (let i = 0; i < LOADS + 5; i++) {
      const t0 = performance.now();
      await Promise.all(
        (Object.keys(paths) as (keyof typeof paths)[]).map(async (k) => {
          const t = performance.now();
          const res = await officer.get(paths[k]);
          if (res.status !== 200) throw new Error(`${paths[k]}: ${res.status}`);
          if (i >= 5) times[k].push(performance.now() - t);
        }),
      );
      if (i >= 5) times.page.push(performance.now() - t0);
    }
    for (const [k, xs] of Object.entries(times)) {
      console.log(
        `${k === 'page' ? 'case page (3 requests at once)' : `GET ${paths[k as keyof typeof paths]}`.padEnd(30)}: p50 ${percentile(xs, 50).toFixed(1)} ms, p95 ${percentile(xs, 95).toFixed(1)} ms over ${xs.length} loads`,
      );
    }
    listening.close();
    await built.sandbox.close?.();
  } finally {
    await close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
