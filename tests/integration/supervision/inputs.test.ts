import { ApiClient } from '../../support/client';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import {
  ALL_MATERIALS,
  approvedItem,
  caseWorld,
  COMPANY,
  command,
  FORM_DATA,
  must,
  windowCase,
  type World,
} from '../cases/world';

interface AlertRow {
  caseId: string;
  ruleKind: string;
  state: string;
  detail: string;
  nodeId?: string;
}

/** The producers of supervision's inputs: fees charged (RUN-16) and progress pushed by systems (SUP-2). */
describe('supervision inputs: fees recorded on cases and progress reported by department systems', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let world: World;
  let chargedItem: string;
  let freeItem: string;
  let key: string;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    world = await caseWorld(server, [
      'aj.clerk',
      'reviewer',
      'aj.officer',
      'admin',
      'gs.window',
      'supervisor',
    ]);
    chargedItem = await approvedItem(world, world.steps, {
      fee: {
        charged: true,
        basis: '浙价费〔2020〕1号',
        standard: '每件 100 元',
        amountFen: 10_000,
      },
    });
    freeItem = await approvedItem(world);
    const created = await world.as.admin!.post('/api/department-systems', {
      departmentId: world.ids.aj,
      name: '安监业务系统',
    });
    expect(created.status).toBe(201);
    key = created.body.key as string;
  });
  afterAll(() => server?.close());

  const alerts = async (caseId: string, kind: string) => {
    await server.cases.projector.settled();
    const res = await world.as.supervisor!.get(
      `/api/supervision/alerts?pageSize=100&caseId=${caseId}&ruleKind=${kind}`,
    );
    expect(res.status).toBe(200);
    return res.body.items as AlertRow[];
  };
  const trailOf = async (caseId: string) => {
    const res = await world.as.supervisor!.get(`/api/cases/${caseId}`);
    expect(res.status).toBe(200);
    return res.body.trail as { action: string; process?: { opinion?: string } }[];
  };

  test('RUN-16: a fee is recorded in 分 with the trail; one unlike the standard raises a fee alert, one equal to it does not', async () => {
    const caseId = await windowCase(world, chargedItem);
    await must(world, 'aj.officer', caseId, { type: 'accept' });
    await must(world, 'aj.officer', caseId, {
      type: 'recordFee',
      amountFen: 10_000,
      receipt: 'No.0001',
    });
    expect(await alerts(caseId, 'fee')).toHaveLength(0);
    await must(world, 'aj.officer', caseId, { type: 'recordFee', amountFen: 15_000 });
    const raised = await alerts(caseId, 'fee');
    expect(raised).toHaveLength(1);
    expect(raised[0]!.detail).toContain('实收 150.00 元，收费标准 100.00 元');
    const fees = (await trailOf(caseId)).filter((e) => e.action === 'fee');
    expect(fees.map((e) => e.process?.opinion)).toEqual([
      '收费 100.00 元（收费标准 100.00 元），票据 No.0001',
      '收费 150.00 元（收费标准 100.00 元）',
    ]);
    const state = (await world.as['aj.officer']!.get(`/api/cases/${caseId}`)).body.state;
    expect(state.fees.map((f: { amountFen: number }) => f.amountFen)).toEqual([10_000, 15_000]);
  });

  test('RUN-16: charging on an item that charges nothing is compared with zero', async () => {
    const caseId = await windowCase(world, freeItem);
    await must(world, 'aj.officer', caseId, { type: 'recordFee', amountFen: 5_000 });
    const raised = await alerts(caseId, 'fee');
    expect(raised.map((a) => a.detail)).toEqual(['实收 50.00 元，收费标准 0.00 元']);
  });

  test('RUN-16: bad amounts, operator objects and another department are refused and change nothing', async () => {
    const caseId = await windowCase(world, chargedItem);
    const before = (await world.as['aj.officer']!.get(`/api/cases/${caseId}`)).body.version;
    for (const amountFen of [0, -100, 12.5, '100', { $gt: '' }, 1e11]) {
      const res = await command(world, 'aj.officer', caseId, { type: 'recordFee', amountFen });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('amountFen');
    }
    const other = await command(world, 'gs.window', caseId, { type: 'recordFee', amountFen: 100 });
    expect([403, 404]).toContain(other.status);
    const after = (await world.as['aj.officer']!.get(`/api/cases/${caseId}`)).body;
    expect(after.version).toBe(before);
    expect(after.state.fees ?? []).toEqual([]);
  });

  const pushCase = async (ref: string) => {
    const res = await new ApiClient(server.baseUrl).request(
      'POST',
      '/api/system/cases',
      {
        itemId: freeItem,
        externalRef: ref,
        applicant: COMPANY,
        data: FORM_DATA,
        materials: ALL_MATERIALS,
      },
      { authorization: `Bearer ${key}` },
    );
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    await must(world, 'aj.officer', id, { type: 'accept' });
    return id;
  };
  const report = (caseId: string, body: object, auth = `Bearer ${key}`) =>
    new ApiClient(server.baseUrl).request('POST', `/api/system/cases/${caseId}/progress`, body, {
      authorization: auth,
    });
  const at = (h: number) =>
    new Date(world.clock.now.getTime() - (10 - h) * 3_600_000).toISOString();

  test('SUP-2: steps pushed in the chart’s order raise nothing; a skipped step, a wrong order and an unknown step each raise a process alert, once', async () => {
    const fine = await pushCase('P-1');
    const inOrder = {
      reportId: 'R-1',
      steps: [
        { nodeId: 'accept', at: at(1), handler: '张伟' },
        { nodeId: 'review', at: at(2) },
        { nodeId: 'decide', at: at(3) },
      ],
    };
    expect((await report(fine, inOrder)).status).toBe(200);
    expect(await alerts(fine, 'process')).toHaveLength(0);
    const pushes = (await trailOf(fine)).filter((e) => e.action === 'push');
    expect(pushes.at(-1)!.process!.opinion).toBe(
      '部门系统报送办理过程：受理（张伟） → 审核 → 决定',
    );

    const skipped = await pushCase('P-2');
    const skipping = {
      reportId: 'R-2',
      steps: [
        { nodeId: 'accept', at: at(1) },
        { nodeId: 'decide', at: at(2) },
      ],
    };
    expect((await report(skipped, skipping)).status).toBe(200);
    // Sent again (a retry), it changes nothing.
    expect((await report(skipped, skipping)).status).toBe(200);
    const raised = await alerts(skipped, 'process');
    expect(raised.map((a) => a.detail)).toEqual([
      '部门系统报送的办理过程跳过环节：从「受理」直接到「决定」，跳过了「审核」',
    ]);
    expect(raised[0]!.nodeId).toBe('decide');

    const muddled = await pushCase('P-3');
    const res = await report(muddled, {
      reportId: 'R-3',
      steps: [
        { nodeId: 'accept', at: at(1) },
        { nodeId: 'review', at: at(2) },
        { nodeId: 'accept', at: at(3) },
        { nodeId: 'approve-by-phone', at: at(4) },
      ],
    });
    expect(res.status).toBe(200);
    const kinds = (await alerts(muddled, 'process')).map((a) => a.detail);
    expect(kinds).toHaveLength(2);
    expect(kinds.join('\n')).toContain('「受理」不能在「审核」之后办理');
    expect(kinds.join('\n')).toContain('流程图中没有环节「approve-by-phone」');
  });

  test('SUP-2: reports out of time order, from the future, malformed, without a key or from staff are refused', async () => {
    const caseId = await pushCase('P-4');
    const bad = [
      { reportId: 'X', steps: [] },
      { reportId: 'X', steps: [{ nodeId: 'accept', at: 'yesterday' }] },
      { reportId: { $gt: '' }, steps: [{ nodeId: 'accept', at: at(1) }] },
      { reportId: 'X', steps: [{ nodeId: 'accept', at: at(1), extra: 1 }] },
    ];
    for (const body of bad) expect((await report(caseId, body)).status).toBe(400);
    const backwards = await report(caseId, {
      reportId: 'X',
      steps: [
        { nodeId: 'review', at: at(3) },
        { nodeId: 'accept', at: at(1) },
      ],
    });
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toContain('按办理时间先后');
    const future = await report(caseId, {
      reportId: 'X',
      steps: [
        { nodeId: 'accept', at: new Date(world.clock.now.getTime() + 3_600_000).toISOString() },
      ],
    });
    expect(future.status).toBe(400);
    expect(
      (await report(caseId, { reportId: 'X', steps: [{ nodeId: 'accept', at: at(1) }] }, ''))
        .status,
    ).toBe(401);
    const staff = await command(world, 'aj.officer', caseId, {
      type: 'reportProgress',
      reportId: 'X',
      steps: [{ nodeId: 'accept', at: at(1) }],
    });
    expect(staff.status).toBe(400);
    expect(await alerts(caseId, 'process')).toHaveLength(0);
  });
});
