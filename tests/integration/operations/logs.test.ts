import type { Logger } from 'pino';
import { createLogger } from '../../../server/logging';
import {
  purgeSystemLogs,
  SystemLogSink,
  type SystemLog,
  type SystemLogModel,
} from '../../../server/operations/system-logs';
import { signedIn, type ApiClient } from '../../support/client';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import { residentId } from '../cases/world';
import { seedDemoCounty } from '../../../seeds';
import { DEMO_PASSWORD } from '../../../seeds/demo-county';

interface LogRow {
  id: string;
  at: string;
  level: string;
  msg: string;
  module?: string;
  reqId?: string;
  userId?: string;
  context?: string;
}
interface LogPage {
  items: LogRow[];
  total: number;
  page: number;
  pageSize: number;
}

const DAY = 86_400_000;

describe('kept run logs (OPS-1, ROLE-5)', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let sink: SystemLogSink;
  let logger: Logger;
  let admin: ApiClient;
  let frontline: ApiClient;

  beforeAll(async () => {
    sink = new SystemLogSink({ flushMs: 20 });
    // The real logger of main.ts, its console thrown away.
    logger = createLogger(
      { LOG_LEVEL: 'info' },
      { kept: sink, console: { write: () => undefined } },
    );
    server = await startTestServer(t.db, {}, { logger, systemLogs: sink });
    await seedDemoCounty(server.models, () => undefined);
    admin = await signedIn(server, 'admin', DEMO_PASSWORD);
    frontline = await signedIn(server, 'gs.window', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await sink?.close();
    await server?.close();
  });

  const logs = async (query: string) => {
    const res = await admin.get(`/api/operations/logs?${query}`);
    expect(res.status).toBe(200);
    return res.body as LogPage;
  };

  test('a logged line reaches system_logs and the API, with its level, module and fields', async () => {
    logger.info({ module: 'intake', batch: 7 }, '测试：已导入 abc.def 批次');
    await sink.flush();
    const stored = await server.models.systemLogs
      .findOne({ msg: '测试：已导入 abc.def 批次' })
      .lean<SystemLog>();
    expect(stored).toMatchObject({ level: 'info', levelValue: 30, module: 'intake' });
    expect(JSON.parse(stored!.context!)).toEqual({ batch: 7 });
    expect(stored!.node).toMatch(/:\d+$/);

    const page = await logs('q=abc.def');
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ level: 'info', msg: '测试：已导入 abc.def 批次' });
    // Text, not a pattern: "c.d" matches the dot only, "c?d" nothing.
    expect((await logs('q=c.d')).total).toBe(1);
    expect((await logs('q=c%3Fd')).total).toBe(0);
    expect((await logs('q=xyz')).total).toBe(0);
  });

  test('a request line carries its request id and the user who asked', async () => {
    const missing = '0123456789abcdef01234567';
    const res = await admin.request('GET', `/api/items/${missing}`, undefined, {
      'x-request-id': 'req-ops-logs-1',
    });
    expect(res.status).toBe(404);
    const me = (await admin.get('/api/auth/me')).body as { user: { id: string } };
    let rows: SystemLog[] = [];
    // The last line is written when the response has finished, maybe just after the client has it.
    for (let i = 0; i < 50 && rows.length < 2; i++) {
      await sink.flush();
      rows = await server.models.systemLogs.find({ reqId: 'req-ops-logs-1' }).lean<SystemLog[]>();
      if (rows.length < 2) await new Promise((r) => setTimeout(r, 20));
    }
    // The error handler's line and pino-http's line when the response ended.
    expect(rows.map((r) => r.msg).sort()).toEqual(['request completed', '事项不存在']);
    for (const row of rows) {
      expect(row).toMatchObject({ module: 'http', userId: me.user.id, level: 'info' });
      const context = JSON.parse(row.context!) as Record<string, unknown>;
      expect(context).toMatchObject({ method: 'GET', url: `/api/items/${missing}`, status: 404 });
      // Headers (cookies, tokens) are never kept.
      expect(row.context).not.toMatch(/cookie|sid=/i);
    }
  });

  test('filters: level and above, period, paging; newest first', async () => {
    const now = Date.now();
    for (const [level, time, msg] of [
      [40, now - 3 * DAY, '过滤测试 警告 三天前'],
      [50, now - 2 * DAY, '过滤测试 错误 两天前'],
      [60, now - DAY, '过滤测试 严重 一天前'],
      [30, now - DAY / 2, '过滤测试 信息 半天前'],
    ] as const)
      sink.write(`${JSON.stringify({ level, time, msg })}\n`);
    await sink.flush();

    const all = await logs('q=过滤测试');
    expect(all.total).toBe(4);
    expect(all.items.map((i) => i.level)).toEqual(['info', 'fatal', 'error', 'warn']);
    const errors = await logs('q=过滤测试&level=error');
    expect(errors.items.map((i) => i.level)).toEqual(['fatal', 'error']);
    const from = new Date(now - 2.5 * DAY).toISOString();
    const to = new Date(now - 0.75 * DAY).toISOString();
    const period = await logs(`q=过滤测试&from=${from}&to=${to}`);
    expect(period.items.map((i) => i.msg)).toEqual([
      '过滤测试 严重 一天前',
      '过滤测试 错误 两天前',
    ]);
    const paged = await logs('q=过滤测试&page=2&pageSize=3');
    expect(paged).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(paged.items.map((i) => i.level)).toEqual(['warn']);
  });

  test('bad queries are 400: operator objects, unknown levels, pages too large', async () => {
    for (const query of [
      'q[$gt]=',
      'level[$gt]=',
      'from[$gt]=',
      'level=loud',
      'pageSize=1000',
      'page=0',
      'from=yesterday',
      `q=${'长'.repeat(101)}`,
    ]) {
      const res = await admin.get(`/api/operations/logs?${query}`);
      expect([query, res.status]).toEqual([query, 400]);
    }
    // An operator written as text is only text to look for.
    const text = await logs(`q=${encodeURIComponent('{"$gt": ""}')}`);
    expect(text.total).toBe(0);
  });

  test('only administrators read them: a frontline user 403, nobody signed in 401', async () => {
    expect((await frontline.get('/api/operations/logs')).status).toBe(403);
    expect((await fetch(`${server.baseUrl}/api/operations/logs`)).status).toBe(401);
  });

  test('ID numbers and mobile numbers never reach the collection in plain text', async () => {
    const id = residentId('330303', '19850315', '127');
    const phone = '13912345678';
    logger.info(
      { applicant: { idNumber: id, phone }, note: `证件 ${id}，电话 ${phone}` },
      `窗口受理：申请人身份证 ${id}，手机 +86${phone}`,
    );
    logger.error({ err: new Error(`核验失败：${id}`) }, '身份核验出错');
    await sink.flush();
    const docs = await server.models.systemLogs.collection.find({}).toArray();
    const text = JSON.stringify(docs);
    expect(text).not.toContain(id);
    expect(text).not.toContain(phone);
    expect(text).toContain(`${id.slice(0, 6)}********${id.slice(-4)}`);
    const row = docs.find((d) => String(d.msg).startsWith('窗口受理'))!;
    expect(row.msg).toBe(
      `窗口受理：申请人身份证 ${id.slice(0, 6)}********${id.slice(-4)}，手机 +86139****5678`,
    );
    expect((await logs('q=身份核验出错')).items[0]!.context).toContain('********');
  });

  test('retention: a purge with a given now removes what is older than LOG_RETENTION_DAYS', async () => {
    expect(server.config.LOG_RETENTION_DAYS).toBe(180);
    const now = new Date();
    for (const [days, msg] of [
      [200, '保存期测试 200 天前'],
      [181, '保存期测试 181 天前'],
      [179, '保存期测试 179 天前'],
      [1, '保存期测试 昨天'],
    ] as const)
      sink.write(JSON.stringify({ level: 30, time: now.getTime() - days * DAY, msg }));
    await sink.flush();
    expect((await logs('q=保存期测试')).total).toBe(4);
    const purged = await purgeSystemLogs(
      server.models.systemLogs,
      now,
      server.config.LOG_RETENTION_DAYS,
    );
    expect(purged).toBe(2);
    const left = await logs('q=保存期测试');
    expect(left.items.map((i) => i.msg)).toEqual(['保存期测试 昨天', '保存期测试 179 天前']);
  });

  test('a database that is down: lines are held up to a bound, then dropped and counted, never blocking', async () => {
    let fail = true;
    const inserted: unknown[][] = [];
    const flaky = {
      collection: {
        insertMany: (docs: unknown[]) => {
          if (fail) return Promise.reject(new Error('数据库不可用（测试）'));
          inserted.push(docs);
          return Promise.resolve({});
        },
      },
    } as unknown as SystemLogModel;
    const bounded = new SystemLogSink({ maxLines: 10, flushMs: 10_000, retryMs: 0 });
    for (let i = 0; i < 25; i++)
      bounded.write(JSON.stringify({ level: 30, time: Date.now(), msg: `第 ${i} 行` }));
    expect(bounded.buffered).toBe(10);
    expect(bounded.dropped).toBe(15);
    bounded.attach(flaky);
    await bounded.flush();
    expect(bounded.buffered).toBe(0);
    expect(bounded.dropped).toBe(25);
    expect(bounded.lastFailure?.message).toContain('数据库不可用');

    fail = false;
    bounded.write(JSON.stringify({ level: 40, time: Date.now(), msg: '恢复后的一行' }));
    await bounded.close();
    const written = inserted.flat() as { msg: string; level: string }[];
    expect(written.map((d) => d.msg)).toEqual([
      '恢复后的一行',
      '运行日志曾写入失败或缓冲已满，丢弃了 25 行',
    ]);
  });
});
