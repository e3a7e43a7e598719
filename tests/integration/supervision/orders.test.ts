import { seedDemoCounty } from '../../../seeds';
import { DEMO_PASSWORD } from '../../../seeds/demo-county';
import { seedDemoSupervision } from '../../../seeds/demo-supervision';
import { signedIn, type ApiClient } from '../../support/client';
import { applicantClient, residentId } from '../cases/world';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';

/**
 * PROC-6, SUP-5, SUP-4: the 效能监察室's 督办 and complaint processes are items of the catalog,
 * designed from their templates and approved like any item, run by the same engine — and kept off
 * the portal. A 督办 runs through every step through the API, with a send-back and the 督办单's
 * field permissions.
 */
describe('督办 and complaint processes', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let ids: Record<'supervisionOrder' | 'complaint', string>;
  const as: Record<string, ApiClient> = {};

  beforeAll(async () => {
    server = await startTestServer(t.db);
    await seedDemoCounty(server.models, () => undefined);
    ids = await seedDemoSupervision(server.baseUrl, () => undefined);
    // November 2026: the limits end within the years the official calendar covers.
    let at = new Date('2026-11-02T01:00:00Z').getTime();
    server.cases.executor.clock = () => new Date((at += 10 * 60_000));
    for (const u of ['supervisor', 'supervisor2', 'aj.chief', 'reviewer'])
      as[u] = await signedIn(server, u, DEMO_PASSWORD);
  }, 120_000);
  afterAll(() => server.close());

  const unitId = async (name: string) =>
    String((await server.models.units.findOne({ name }).lean().orFail())._id);

  test('they are approved items with codes, and neither the portal nor its search shows them', async () => {
    for (const id of Object.values(ids)) {
      const item = (await as.reviewer!.get(`/api/items/${id}`)).body;
      expect(item.status).toBe('approved');
      expect(item.code).toMatch(/^33030300JW-QT-\d{4}$/);
    }
    const list = await (await fetch(`${server.baseUrl}/portal/items`)).text();
    expect(list).not.toContain('行政效能督办');
    expect(list).not.toContain('机关效能投诉处理');
    const search = await (
      await fetch(`${server.baseUrl}/portal/search?q=${encodeURIComponent('督办')}`)
    ).text();
    expect(search).not.toContain('行政效能督办');
  });

  async function step(who: string, caseId: string, nodeId: string, body: Record<string, unknown>) {
    const detail = (await as[who]!.get(`/api/cases/${caseId}`)).body;
    const item = (detail.state.workItems as { id: string; nodeId: string; status: string }[]).find(
      (w) => w.nodeId === nodeId && (w.status === 'open' || w.status === 'claimed'),
    );
    if (!item) throw new Error(`${nodeId} 没有待办`);
    if (item.status === 'open') {
      const claimed = await as[who]!.post(`/api/cases/${caseId}/commands`, {
        type: 'claim',
        workItemId: item.id,
      });
      expect(claimed.status).toBe(200);
    }
    return as[who]!.post(`/api/cases/${caseId}/commands`, { workItemId: item.id, ...body });
  }

  test('SUP-5: 立项 → 审核 → the department signs → answers → sent back → answers again → 审结', async () => {
    const aj = await unitId('龙湾区安全生产监督管理局');
    const started = await as.supervisor!.post('/api/cases', {
      itemId: ids.supervisionOrder,
      applicant: { type: 'organisation', name: '龙湾区纪委监委', idType: 'other', idNumber: 'JW' },
      caseName: '督办：危险化学品经营许可超期未办结',
      data: {
        source: 'alert',
        relatedCaseNo: '33030300AJ-20261118-000001',
        itemName: '危险化学品经营许可证核发',
        reason: '承诺办结时限已超期 10 个工作日',
        requirement: '5 个工作日内办结并说明超期原因',
      },
      target: { unitId: aj },
    });
    expect(started.status).toBe(201);
    const caseId = started.body.id as string;
    const accepted = await as.supervisor!.post(`/api/cases/${caseId}/commands`, { type: 'accept' });
    expect(accepted.status).toBe(200);
    expect(
      (await step('supervisor2', caseId, 'Task_review', { type: 'complete', opinion: '同意督办' }))
        .status,
    ).toBe(200);
    expect(
      (await step('aj.chief', caseId, 'Task_sign', { type: 'complete', opinion: '已签收' })).status,
    ).toBe(200);
    // The 督办单's 审结意见 is not the department's to write.
    const wrong = await step('aj.chief', caseId, 'Task_answer', {
      type: 'complete',
      opinion: '已整改',
      data: { conclusion: '自行审结' },
    });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('conclusion');
    expect(
      (
        await step('aj.chief', caseId, 'Task_answer', {
          type: 'complete',
          opinion: '已整改',
          data: { rectification: '已于当日办结，超期系现场核查排期' },
        })
      ).status,
    ).toBe(200);
    const back = await step('supervisor', caseId, 'Task_close', {
      type: 'returnTo',
      toNodeId: 'Task_answer',
      reason: '请附整改材料并说明防止再次超期的措施',
    });
    expect(back.status).toBe(200);
    expect(
      (
        await step('aj.chief', caseId, 'Task_answer', {
          type: 'complete',
          opinion: '已补充',
          data: { rectification: '已办结；建立现场核查预约制度，超期预警提前 2 日' },
        })
      ).status,
    ).toBe(200);
    const closed = await step('supervisor', caseId, 'Task_close', {
      type: 'complete',
      opinion: '整改到位，同意审结',
      data: { conclusion: '整改到位' },
    });
    expect(closed.status).toBe(200);
    const detail = (await as.supervisor!.get(`/api/cases/${caseId}`)).body;
    expect(detail.state.status).toBe('concluded');
    expect(detail.state.target.unit.id).toBe(aj);
    const actions = (detail.trail as { action: string }[]).map((e) => e.action);
    expect(actions.filter((a) => a === 'return')).toHaveLength(1);
  });

  test('SUP-8, SUP-6: the 督办 record names who watched what and how it ended; statistics count it against the department', async () => {
    const aj = await unitId('龙湾区安全生产监督管理局');
    const records = await as.supervisor!.get('/api/supervision/orders');
    expect(records.status).toBe(200);
    expect(records.body.total).toBe(1);
    expect(records.body.items[0]).toMatchObject({
      department: { name: '龙湾区纪委监委' },
      target: { id: aj, name: '龙湾区安全生产监督管理局' },
      itemName: '危险化学品经营许可证核发',
      relatedCaseNo: '33030300AJ-20261118-000001',
      staff: '黄志强',
      status: 'concluded',
      result: '整改到位',
    });
    expect(records.body.items[0].endedAt > records.body.items[0].startedAt).toBe(true);
    expect((await as.supervisor!.get('/api/supervision/orders?kind=complaint')).body.total).toBe(0);
    expect((await as['aj.chief']!.get('/api/supervision/orders')).status).toBe(403);

    const figures = await as.supervisor!.get('/api/supervision/statistics?by=department');
    const row = (figures.body.items as { key: string; orders: number; received: number }[]).find(
      (r) => r.key === aj,
    );
    expect(row).toMatchObject({ orders: 1, complaints: 0, received: 0 });
    expect(figures.body.totals).toMatchObject({ orders: 1, received: 0 });
  });

  test('SUP-4: a citizen complains online about a department; a 督办 cannot be applied for', async () => {
    const aj = await unitId('龙湾区安全生产监督管理局');
    const citizen = await applicantClient(
      server,
      '陈小红',
      residentId('330303', '19880808', '456'),
    );
    const complaint = {
      itemId: ids.complaint,
      data: { channel: 'online', content: '网上申请三次被退回，理由前后不一' },
    };
    const without = await citizen.post('/api/applicant/cases', complaint);
    expect(without.status).toBe(400);
    expect(JSON.stringify(without.body)).toContain('须指定被督办（被投诉）单位');
    const filed = await citizen.post('/api/applicant/cases', {
      ...complaint,
      target: { unitId: aj },
    });
    expect(filed.status).toBe(201);
    const detail = (await as.supervisor!.get(`/api/cases/${filed.body.id}`)).body;
    expect(detail.state).toMatchObject({
      status: 'preReview',
      channel: 'online',
      target: { unit: { id: aj } },
    });
    const order = await citizen.post('/api/applicant/cases', {
      itemId: ids.supervisionOrder,
      data: { source: 'manual', reason: '无', requirement: '无' },
      target: { unitId: aj },
    });
    expect(order.status).toBe(400);
    expect(order.body.error.message).toContain('内部流程');
  });
});
