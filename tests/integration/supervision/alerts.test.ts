import type { StoredEvent } from '../../../server/cases/event-model';
import type { AlertChange } from '../../../server/supervision';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import { approvedItem, caseWorld, must, windowCase, workItemAt, type World } from '../cases/world';

interface AlertRow {
  id: string;
  caseId: string;
  level: 'yellow' | 'red';
  state: 'open' | 'cleared';
  ruleKind: string;
  workItemId?: string;
  stepName?: string;
  departmentName: string;
  userIds: string[];
  riskPoint?: { type: string };
  detail: string;
}

describe('electronic supervision: rules and alerts (SUP-2, SUP-3, SUP-9, SUP-10)', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let world: World;
  let itemId: string;
  const changes: AlertChange[] = [];

  beforeAll(async () => {
    server = await startTestServer(t.db);
    world = await caseWorld(server, [
      'aj.clerk',
      'reviewer',
      'aj.officer',
      'aj.chief',
      'gs.window',
      'supervisor',
      'supervisor2',
    ]);
    itemId = await approvedItem(world);
    server.supervision.alerts.subscribe((c) => changes.push(c));
  });
  afterAll(() => server?.close());

  const alertsOf = async (who: string, query = '') => {
    const res = await world.as[who]!.get(`/api/supervision/alerts?pageSize=200${query}`);
    expect(res.status).toBe(200);
    return res.body as {
      items: AlertRow[];
      total: number;
      countsByDepartment: { departmentName: string; yellow: number; red: number }[];
    };
  };
  const scan = async () => {
    const res = await world.as.supervisor!.post('/api/supervision/scan', {});
    expect(res.status).toBe(200);
    await server.cases.projector.settled();
    return res.body as { cases: number; raised: number };
  };

  test('SUP-2: a step nearing its limit gets a yellow card, then a red one when overdue — once each, over many scans', async () => {
    const caseId = await windowCase(world, itemId);
    await must(world, 'aj.officer', caseId, { type: 'accept' });
    const review = await workItemAt(world, 'aj.officer', caseId, 'review');
    await must(world, 'aj.officer', caseId, { type: 'claim', workItemId: review });
    const stepChanges = () =>
      changes.filter(
        (c) =>
          c.alert.caseId === caseId &&
          c.alert.workItemId === review &&
          c.alert.ruleKind === 'timeliness',
      );
    await scan();
    expect(stepChanges()).toHaveLength(0);
    // 审核 has 3 working days; walk the clock in half days and scan each time.
    const levels: string[] = [];
    for (let i = 0; i < 20; i++) {
      world.clock.advance(12 * 3_600_000);
      await scan();
      await scan();
      const own = (await alertsOf('aj.officer', `&caseId=${caseId}`)).items.find(
        (a) => a.workItemId === review,
      );
      if (own && levels.at(-1) !== own.level) levels.push(own.level);
    }
    expect(levels).toEqual(['yellow', 'red']);
    expect(stepChanges().map((c) => c.kind)).toEqual(['raised', 'escalated']);
    const card = stepChanges()[1]!.alert;
    expect(card).toMatchObject({
      stepName: '审核',
      departmentName: '龙湾区安全生产监督管理局',
      ruleName: '办理时效',
      level: 'red',
    });
    expect(card.userIds.length).toBeGreaterThan(0);
    // The head of the department (科长, a leading post) sees the department's card too.
    expect((await alertsOf('aj.chief', `&caseId=${caseId}`)).items.length).toBeGreaterThan(0);
    // Another department's staff see nothing of it.
    expect((await alertsOf('gs.window', `&caseId=${caseId}`)).items).toHaveLength(0);
    // The step done, its card is cleared.
    await must(world, 'aj.officer', caseId, { type: 'complete', workItemId: review });
    await server.cases.projector.settled();
    const after = (
      await alertsOf('supervisor', `&caseId=${caseId}&ruleKind=timeliness`)
    ).items.find((a) => a.workItemId === review);
    expect(after?.state).toBe('cleared');
  });

  test('SUP-2: 补正 stops the clock and postpones both cards; the limit runs again after supply', async () => {
    const caseId = await windowCase(world, itemId);
    await must(world, 'aj.officer', caseId, { type: 'accept' });
    const review = await workItemAt(world, 'aj.officer', caseId, 'review');
    await must(world, 'aj.officer', caseId, { type: 'claim', workItemId: review });
    await must(world, 'aj.officer', caseId, {
      type: 'requestCorrection',
      workItemId: review,
      items: [{ name: '场所平面图', reason: '审查中发现缺少' }],
    });
    for (let i = 0; i < 10; i++) {
      world.clock.days(3);
      await scan();
    }
    const during = (await alertsOf('supervisor', `&caseId=${caseId}&state=open`)).items;
    expect(during.filter((a) => a.ruleKind === 'timeliness')).toHaveLength(0);
    await must(world, 'aj.officer', caseId, {
      type: 'supplyCorrection',
      materials: [],
      note: '已补交',
    });
    await scan();
    expect(
      (await alertsOf('supervisor', `&caseId=${caseId}&state=open`)).items.filter(
        (a) => a.ruleKind === 'timeliness',
      ),
    ).toHaveLength(0);
    world.clock.days(15);
    await scan();
    const late = (await alertsOf('supervisor', `&caseId=${caseId}&state=open`)).items.filter(
      (a) => a.ruleKind === 'timeliness',
    );
    expect(late.some((a) => a.level === 'red')).toBe(true);
  });

  /** An event as the projector hands it over, for the inputs whose producers are separate work. */
  const event = async (
    caseId: string,
    n: number,
    body: Record<string, unknown>,
  ): Promise<StoredEvent> => {
    const view = server.cases.index.get(caseId)!;
    return {
      _id: `${caseId}#x${n}`,
      caseId,
      at: world.clock.now.toISOString(),
      caseVersion: view.version,
      countyId: view.countyId,
      departmentIds: view.departmentIds,
      itemId: view.itemId,
      ...body,
    } as unknown as StoredEvent;
  };

  test('SUP-2: a fee unlike the standard, a step skipped in pushed data and a suspicious act raise their alerts once', async () => {
    const caseId = await windowCase(world, itemId);
    await must(world, 'aj.officer', caseId, { type: 'accept' });
    const events = [
      await event(caseId, 1, { type: 'feeCharged', amountFen: 12_000, standardFen: 10_000 }),
      await event(caseId, 2, { type: 'feeCharged', amountFen: 10_000, standardFen: 10_000 }),
      await event(caseId, 3, {
        type: 'progressReported',
        steps: [{ nodeId: 'decide', stepName: '决定', at: world.clock.now.toISOString() }],
        problems: [{ kind: 'skipped', nodeId: 'review', detail: '未报送「审核」即报送「决定」' }],
      }),
      await event(caseId, 4, {
        type: 'suspiciousActivity',
        pattern: 'nightWork',
        detail: '23:40 办结环节',
      }),
    ];
    await server.supervision.watch.handle(events);
    // At least once: the same events again change nothing.
    await server.supervision.watch.handle(events);
    const open = (await alertsOf('supervisor', `&caseId=${caseId}&state=open`)).items;
    expect(open.filter((a) => a.ruleKind === 'fee')).toHaveLength(1);
    expect(open.find((a) => a.ruleKind === 'fee')!.detail).toContain('120.00');
    expect(open.filter((a) => a.ruleKind === 'process')).toHaveLength(1);
    expect(open.find((a) => a.ruleKind === 'process')!.level).toBe('red');
    expect(open.filter((a) => a.ruleKind === 'suspicious')).toHaveLength(1);
  });

  test('SUP-2: an action at a step with a risk point raises a highlighted alert naming the risk type', async () => {
    const riskItem = await approvedItem(world, world.steps, {}, (xml) =>
      xml.replace(
        /(<bpmn:userTask id="decide"[\s\S]*?<county:stepConfig[^>]*>)/,
        '$1<county:riskPoints name="违规审批" type="廉政风险" level="medium" description="不按标准作出决定" measures="集体研究" />',
      ),
    );
    const caseId = await windowCase(world, riskItem);
    await must(world, 'aj.officer', caseId, { type: 'accept' });
    const review = await workItemAt(world, 'aj.officer', caseId, 'review');
    await must(world, 'aj.officer', caseId, { type: 'claim', workItemId: review });
    await must(world, 'aj.officer', caseId, { type: 'complete', workItemId: review });
    const decide = await workItemAt(world, 'aj.chief', caseId, 'decide');
    await must(world, 'aj.chief', caseId, { type: 'claim', workItemId: decide });
    await server.cases.projector.settled();
    const risky = (await alertsOf('supervisor', `&caseId=${caseId}&ruleKind=riskPoint`)).items;
    expect(risky).toHaveLength(1);
    expect(risky[0]).toMatchObject({ stepName: '决定', riskPoint: { type: '廉政风险' } });
    // The 科长 who claimed it is the one named, and is messaged (SUP-10).
    const chief = await server.models.users.findOne({ username: 'aj.chief' }).lean().orFail();
    expect(risky[0]!.userIds).toEqual([String(chief._id)]);
    const deliveries = await server.models.deliveries
      .find({ caseId, template: 'supervisionAlert' })
      .lean();
    expect(deliveries.map((d) => (d.recipient as { userId?: string }).userId)).toContain(
      String(chief._id),
    );
  });

  test('SUP-3: rules are versioned; bad kinds, unreadable FEEL and operator objects are refused and change nothing', async () => {
    const sup = world.as.supervisor!;
    const before = (await sup.get('/api/supervision/rules?pageSize=100')).body.total as number;
    const bad = [
      { name: 'x', kind: 'magic', params: {} },
      { name: 'x', kind: 'fee', params: { toleranceFen: -1 } },
      { name: 'x', kind: 'fee', params: {}, condition: 'amountFen > ' },
      { name: 'x', kind: 'fee', params: {}, condition: 'matches(itemName, "^(a+)+$")' },
      { name: { $gt: '' }, kind: 'fee', params: {} },
      { name: 'x', kind: 'timeliness', params: { subjects: [] } },
    ];
    for (const body of bad) {
      const res = await sup.post('/api/supervision/rules', body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBeTruthy();
    }
    expect(
      (
        await world.as['aj.officer']!.post('/api/supervision/rules', {
          name: 'x',
          kind: 'fee',
          params: {},
        })
      ).status,
    ).toBe(403);
    expect((await sup.get('/api/supervision/rules?pageSize=100')).body.total).toBe(before);
    expect((await sup.get('/api/supervision/alerts?level[$gt]=')).status).toBe(400);

    const created = await sup.post('/api/supervision/rules', {
      name: '大额收费',
      kind: 'fee',
      params: { toleranceFen: 100 },
      condition: 'amountFen > 50000',
      level: 'red',
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const v2 = await sup.put(`/api/supervision/rules/${id}`, {
      name: '大额收费（调整）',
      kind: 'fee',
      params: { toleranceFen: 500 },
      level: 'red',
      version: 1,
    });
    expect(v2.status).toBe(200);
    expect(v2.body.version).toBe(2);
    const stale = await sup.put(`/api/supervision/rules/${id}`, {
      name: '再改',
      kind: 'fee',
      params: {},
      version: 1,
    });
    expect(stale.status).toBe(409);
    const versions = (await sup.get(`/api/supervision/rules/${id}/versions`)).body.items as {
      version: number;
      name: string;
    }[];
    expect(versions.map((v) => [v.version, v.name])).toEqual([
      [2, '大额收费（调整）'],
      [1, '大额收费'],
    ]);
  });

  test('SUP-9: an exemption needs a second supervisor; once approved it silences the item and clears its alerts', async () => {
    const caseId = await windowCase(world, itemId);
    await must(world, 'aj.officer', caseId, { type: 'accept' });
    await server.supervision.watch.handle([
      await event(caseId, 10, { type: 'feeCharged', amountFen: 1, standardFen: 10_000 }),
    ]);
    expect(
      (await alertsOf('supervisor', `&caseId=${caseId}&state=open&ruleKind=fee`)).total,
    ).toBeGreaterThanOrEqual(1);
    const asked = await world.as.supervisor!.post('/api/supervision/exemptions', {
      itemId,
      reason: '该事项已并入市级系统统一监察',
    });
    expect(asked.status).toBe(201);
    const own = await world.as.supervisor!.post(
      `/api/supervision/exemptions/${asked.body.id}/approve`,
      {},
    );
    expect(own.status).toBe(409);
    expect(own.body.error.message).toContain('另一名');
    expect(
      (
        await world.as['aj.officer']!.post(
          `/api/supervision/exemptions/${asked.body.id}/approve`,
          {},
        )
      ).status,
    ).toBe(403);
    const coverageBefore = (
      await world.as.supervisor!.get('/api/supervision/coverage?pageSize=200')
    ).body.items as {
      itemId: string;
      exempted: boolean;
      rules: unknown[];
    }[];
    expect(coverageBefore.find((c) => c.itemId === itemId)).toMatchObject({ exempted: false });
    const approved = await world.as.supervisor2!.post(
      `/api/supervision/exemptions/${asked.body.id}/approve`,
      {
        note: '同意',
      },
    );
    expect(approved.status).toBe(200);
    expect((await alertsOf('supervisor', `&caseId=${caseId}&state=open`)).items).toHaveLength(0);
    await server.supervision.watch.handle([
      await event(caseId, 11, { type: 'feeCharged', amountFen: 2, standardFen: 10_000 }),
    ]);
    world.clock.days(20);
    await scan();
    expect((await alertsOf('supervisor', `&caseId=${caseId}&state=open`)).items).toHaveLength(0);
    const coverage = (await world.as.supervisor!.get('/api/supervision/coverage?pageSize=200')).body
      .items as {
      itemId: string;
      exempted: boolean;
      rules: unknown[];
    }[];
    expect(coverage.find((c) => c.itemId === itemId)).toMatchObject({ exempted: true, rules: [] });
    expect(coverage.filter((c) => !c.exempted).every((c) => c.rules.length > 0)).toBe(true);
  });

  test('SUP-2: a second server on the same database raises nothing again for the same conditions', async () => {
    const open = (await alertsOf('supervisor', '&state=open')).total;
    const all = (await alertsOf('supervisor')).total;
    const second = await startTestServer(t.db);
    try {
      second.cases.executor.clock = () => world.clock.now;
      const seen: AlertChange[] = [];
      second.supervision.alerts.subscribe((c) => seen.push(c));
      await second.supervision.watch.scan();
      await second.supervision.watch.scan();
      expect(seen.filter((c) => c.kind === 'raised')).toHaveLength(0);
      expect((await second.supervision.alerts.caseIdsWith({})).size).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
    expect((await alertsOf('supervisor', '&state=open')).total).toBe(open);
    expect((await alertsOf('supervisor')).total).toBe(all);
  });
});
