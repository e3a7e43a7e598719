import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import { caseWorld, type World } from '../cases/world';

/**
 * OPS-3: faults classed A/B/C, each with its response and restoration targets; the record says
 * whether they were met, on a clock the test moves. Every change is a version-guarded command
 * written to the operation log.
 */
describe('faults (OPS-3)', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    world = await caseWorld(server, ['admin', 'aj.officer', 'supervisor']);
  });
  afterAll(() => server?.close());

  const admin = () => world.as.admin!;
  const fault = (extra: Record<string, unknown> = {}) => ({
    faultClass: 'A',
    title: '平台无法访问',
    description: '各窗口反映打开工作台超时',
    affected: '全平台',
    occurredAt: new Date(world.clock.now.getTime() - 5 * 60_000).toISOString(),
    reportedBy: '永中街道便民服务中心 郑小红（电话）',
    ...extra,
  });
  const record = async (extra: Record<string, unknown> = {}) => {
    const res = await admin().post('/api/operations/faults', fault(extra));
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number; number: string };
  };

  test('OPS-3: a frontline user is refused faults (403), a supervisor reads but may not record them', async () => {
    const officer = world.as['aj.officer']!;
    expect((await officer.get('/api/operations/faults')).status).toBe(403);
    expect((await officer.post('/api/operations/faults', fault())).status).toBe(403);
    expect((await officer.get('/api/operations/reports/monthly?month=2026-09')).status).toBe(403);
    const supervisor = world.as.supervisor!;
    expect((await supervisor.get('/api/operations/faults')).status).toBe(200);
    expect((await supervisor.post('/api/operations/faults', fault())).status).toBe(403);
    expect((await fetch(`${server.baseUrl}/api/operations/faults`)).status).toBe(401);
  });

  test('OPS-3: a class A fault answered in 10 minutes and restored in 3 hours meets both targets', async () => {
    const reportedAt = world.clock.now.toISOString();
    const f = await record();
    expect(f.number).toMatch(/^GZ-202609-\d{3}$/);
    expect(f).toMatchObject({
      state: 'reported',
      stateLabel: '待响应',
      reportedAt,
      respondBy: new Date(Date.parse(reportedAt) + 15 * 60_000).toISOString(),
      resolveBy: new Date(Date.parse(reportedAt) + 240 * 60_000).toISOString(),
      responseMet: null,
      resolutionMet: null,
      targets: { respond: { text: '15分钟' }, resolve: { text: '4小时' } },
    });
    world.clock.minutes(10);
    const responded = await admin().post(`/api/operations/faults/${f.id}/respond`, {
      version: f.version,
      note: '已联系机房值班',
    });
    expect(responded.status).toBe(200);
    expect(responded.body).toMatchObject({
      state: 'responding',
      responseMinutes: 10,
      responseMet: true,
      respondedBy: { name: '陈建国' },
    });
    world.clock.minutes(180);
    const resolved = await admin().post(`/api/operations/faults/${f.id}/resolve`, {
      version: responded.body.version,
      resolution: '重启数据库节点，服务恢复',
      cause: '数据库磁盘写满',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      state: 'resolved',
      stateLabel: '已恢复',
      responseMinutes: 10,
      resolutionMinutes: 190,
      outageMinutes: 195,
      responseMet: true,
      resolutionMet: true,
    });
  });

  test('OPS-3: a class A fault answered after 20 minutes and restored after 5 hours misses both', async () => {
    const f = await record();
    world.clock.minutes(16);
    // Not answered and the quarter hour is up: missed already, before anyone responds.
    const pending = await admin().get(`/api/operations/faults/${f.id}`);
    expect(pending.body).toMatchObject({ responseMet: false, resolutionMet: null });
    world.clock.minutes(4);
    const responded = await admin().post(`/api/operations/faults/${f.id}/respond`, {
      version: f.version,
    });
    expect(responded.body).toMatchObject({ responseMinutes: 20, responseMet: false });
    world.clock.minutes(280);
    const resolved = await admin().post(`/api/operations/faults/${f.id}/resolve`, {
      version: responded.body.version,
      resolution: '更换交换机',
      cause: '交换机故障',
    });
    expect(resolved.body).toMatchObject({
      resolutionMinutes: 300,
      responseMet: false,
      resolutionMet: false,
    });
  });

  test('OPS-3: a class C fault has five working days on the county calendar to be restored', async () => {
    const f = await record({ faultClass: 'C', title: '打印回执字体偏小', affected: '窗口打印' });
    const reported = (f as unknown as { reportedAt: string }).reportedAt;
    // Reported Monday 7 September: the 5th working day after is Monday the 14th, to its end.
    expect(reported.slice(0, 10)).toBe('2026-09-07');
    expect(f).toMatchObject({
      respondBy: new Date(Date.parse(reported) + 4 * 3600_000).toISOString(),
      resolveBy: '2026-09-14T16:00:00.000Z',
    });
  });

  test('OPS-3: a stale version is a 409 conflict; a command out of turn is a 409 in Chinese', async () => {
    const f = await record({ faultClass: 'B', title: '门户搜索无结果', affected: '门户搜索' });
    const early = await admin().post(`/api/operations/faults/${f.id}/resolve`, {
      version: f.version,
      resolution: '重建索引',
      cause: '索引损坏',
    });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toBe('故障尚未响应，请先响应再登记恢复');
    const responded = await admin().post(`/api/operations/faults/${f.id}/respond`, {
      version: f.version,
    });
    expect(responded.status).toBe(200);
    const again = await admin().post(`/api/operations/faults/${f.id}/respond`, {
      version: responded.body.version,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('故障处理中，不能再次响应');
    const v = responded.body.version as number;
    const first = await admin().post(`/api/operations/faults/${f.id}/notes`, {
      version: v,
      text: '正在重建索引',
    });
    expect(first.status).toBe(200);
    const stale = await admin().post(`/api/operations/faults/${f.id}/notes`, {
      version: v,
      text: '重复提交',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('version_conflict');
    expect(stale.body.error.message).toBe('故障记录已被他人修改，请刷新后重试');
    const now = await admin().get(`/api/operations/faults/${f.id}`);
    expect(now.body.notes.map((n: { text: string }) => n.text)).toEqual(['正在重建索引']);
  });

  test('OPS-3: bad input is a 400 naming the field and stores nothing; operators in queries are refused', async () => {
    const before = await server.models.faults.countDocuments();
    const cases: [Record<string, unknown>, string][] = [
      [fault({ title: undefined }), 'title'],
      [fault({ faultClass: 'D' }), 'faultClass'],
      [fault({ title: { $gt: '' } }), 'title'],
      [fault({ occurredAt: '昨天' }), 'occurredAt'],
      [fault({ extra: 1 }), 'extra'],
    ];
    for (const [body, field] of cases) {
      const res = await admin().post('/api/operations/faults', body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(field);
    }
    const future = await admin().post(
      '/api/operations/faults',
      fault({ occurredAt: new Date(world.clock.now.getTime() + 3600_000).toISOString() }),
    );
    expect(future.status).toBe(400);
    expect(future.body.error).toMatchObject({
      message: '发生时间不能晚于当前时间',
      details: { field: 'occurredAt' },
    });
    const backwards = await admin().post(
      '/api/operations/faults',
      fault({ reportedAt: new Date(world.clock.now.getTime() - 3600_000).toISOString() }),
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details).toEqual({ field: 'reportedAt' });
    expect(await server.models.faults.countDocuments()).toBe(before);

    for (const q of [
      'state[$gt]=',
      'faultClass=D',
      'state=%7B%22%24gt%22%3A%22%22%7D',
      'month=2026-13',
    ]) {
      const res = await admin().get(`/api/operations/faults?${q}`);
      expect(res.status).toBe(400);
    }
    const id = (await record()).id;
    const res = await admin().post(`/api/operations/faults/${id}/respond`, {
      version: { $gt: -1 },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('version');
    expect((await admin().get('/api/operations/faults/%7B%22%24gt%22%3A%22%22%7D')).status).toBe(
      400,
    );
  });

  test('OPS-3: the list pages and filters by class, state and month; every change is in the operation log', async () => {
    const all = await admin().get('/api/operations/faults?pageSize=200');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ page: 1, pageSize: 200 });
    const items = all.body.items as { faultClass: string; state: string; number: string }[];
    expect(all.body.total).toBe(items.length);
    expect(items.length).toBeGreaterThanOrEqual(5);
    const a = await admin().get('/api/operations/faults?faultClass=A&state=resolved');
    expect(a.body.total).toBe(
      items.filter((f) => f.faultClass === 'A' && f.state === 'resolved').length,
    );
    expect(a.body.total).toBe(2);
    expect((await admin().get('/api/operations/faults?month=2026-09')).body.total).toBe(
      items.length,
    );
    expect((await admin().get('/api/operations/faults?month=2026-08')).body.total).toBe(0);
    const paged = await admin().get('/api/operations/faults?page=2&pageSize=2');
    expect(paged.body.items).toHaveLength(2);
    expect(paged.body.total).toBe(items.length);

    const log = await admin().get('/api/logs/operations?resource=fault&pageSize=200');
    const actions = (log.body.items as { action: string; summary: string }[]).map((e) => e.action);
    expect(actions.filter((x) => x === 'create')).toHaveLength(items.length);
    expect(actions).toEqual(expect.arrayContaining(['respond', 'resolve', 'note']));
    const resolved = (log.body.items as { action: string; summary: string }[]).find(
      (e) => e.action === 'resolve' && e.summary.includes('超时'),
    );
    expect(resolved?.summary).toContain('响应超时，恢复超时');
  });
});
