import { designDemoItem } from '../../../seeds/demo-design';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import {
  COMPANY,
  applicantClient,
  approvedItem,
  caseWorld,
  command,
  itemContent,
  must,
  residentId,
  workItemAt,
  type World,
} from './world';

/**
 * Ex officio cases (RUN-17, CAT-2, SUP-2, PROC-5) through the API on the procedures' own
 * templates, with the clock in the test's hand: 立案 → … → 结案 of a 普通程序 with a hearing asked
 * for on the last day allowed, the 90-day limit standing still while the hearing runs, a 简易程序
 * on the spot, a 查封扣押 with its one extension; penalties held to the benchmark.
 */
describe('ex officio cases: 处罚, 强制 opened by 立案 and run on their legal procedure', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let world: World;
  let ordinary: string;
  let summary: string;
  let seizure: string;
  let permit: string;

  const ok = <T>(res: { status: number; body: T }, what: string): T => {
    if (res.status >= 300) throw new Error(`${what}（${res.status}）：${JSON.stringify(res.body)}`);
    return res.body;
  };

  /** An AJ item of `type` on `procedure`'s template, approved: what a clerk and reviewer do. */
  async function exOfficioItem(extra: Record<string, unknown>, procedure: string) {
    const clerk = world.as['aj.clerk']!;
    const content = await itemContent(world, {
      initiation: 'exOfficio',
      procedure,
      materials: [],
      promisedLimit: undefined,
      acceptanceConditions: undefined,
      ...extra,
    });
    const created = ok(await clerk.post('/api/items', content), '新增事项') as {
      id: string;
      version: number;
    };
    await designDemoItem(
      clerk,
      {
        id: created.id,
        handlingKind: 'promised',
        officeId: (content.office as { unitId: string }).unitId,
        procedure,
      },
      {},
      ok,
    );
    const submitted = ok(
      await clerk.post(`/api/items/${created.id}/submit`, { version: created.version }),
      '提交事项',
    ) as { version: number };
    ok(
      await world.as.reviewer!.post(`/api/items/${created.id}/approve`, {
        version: submitted.version,
      }),
      '审核事项',
    );
    return created.id;
  }

  const PENALTY = {
    kinds: ['警告', '罚款'],
    discretion: [
      {
        id: 'minor',
        violation: '未设置安全警示标志',
        level: 'minor',
        circumstance: '首次违法且及时改正',
        penalty: '警告',
      },
      {
        id: 'ordinary',
        violation: '未设置安全警示标志',
        level: 'ordinary',
        circumstance: '逾期未改正',
        penalty: '罚款',
        fineRange: { min: 10_000, max: 30_000 },
      },
    ],
    publishResults: true,
  };

  beforeAll(async () => {
    server = await startTestServer(t.db);
    world = await caseWorld(server, [
      'aj.clerk',
      'reviewer',
      'aj.officer',
      'aj.chief',
      'gs.window',
      'supervisor',
    ]);
    const cf = {
      type: 'CF',
      name: '对生产经营单位未设置安全警示标志的处罚',
      legalLimit: { value: 90, unit: 'naturalDays' },
      penalty: PENALTY,
    };
    ordinary = await exOfficioItem(cf, 'penaltyOrdinary');
    summary = await exOfficioItem(
      { ...cf, name: '对生产经营单位未设置安全警示标志的当场处罚' },
      'penaltySummary',
    );
    seizure = await exOfficioItem(
      {
        type: 'QZ',
        name: '对不符合国家标准的设施设备予以查封扣押',
        legalLimit: { value: 60, unit: 'naturalDays' },
        coercion: { procedure: '制作查封扣押决定书并当场交付，三十日内作出处理决定' },
      },
      'seizure',
    );
    permit = await approvedItem(world);
  }, 180_000);
  afterAll(() => server?.close());

  const open = (itemId: string, extra: Record<string, unknown> = {}) =>
    world.as['aj.officer']!.post('/api/cases/open', {
      itemId,
      party: COMPANY,
      source: 'inspection',
      sourceNote: '日常检查发现作业场所未设置安全警示标志',
      ...extra,
    });

  async function caseOf(id: string) {
    await server.cases.projector.settled();
    return ok(await world.as['aj.officer']!.get(`/api/cases/${id}`), '读取办件') as {
      state: {
        status: string;
        caseNo?: string;
        channel: string;
        exOfficio?: { source: string };
        deadlines: { legal?: { dueAt: string }; promised?: unknown };
        workItems: { id: string; nodeId: string; status: string; dueAt?: string | null }[];
        penalty?: { outside: boolean; fineYuan?: number; reason?: string };
        result?: { finalState: string };
      };
      trail: { action: string }[];
    };
  }

  /** Claims the live work item at `nodeId` as `who` and completes it. */
  async function handle(
    who: string,
    id: string,
    nodeId: string,
    body: Record<string, unknown> = {},
  ) {
    const workItemId = await workItemAt(world, who, id, nodeId);
    await must(world, who, id, { type: 'claim', workItemId });
    world.clock.minutes(20);
    return command(world, who, id, {
      type: 'complete',
      workItemId,
      opinion: '同意',
      ...body,
    });
  }

  /** The last day of a period, in Shanghai: a limit runs out at the end of its last day. */
  const day = (iso: string | null | undefined) =>
    iso ? new Date(Date.parse(iso) - 1 + 8 * 3600_000).toISOString().slice(0, 10) : iso;

  test('普通程序 from 立案 to 结案: a hearing asked for on the 5th working day after 告知, the 90 days standing still while it runs', async () => {
    // Monday 2026-09-07: 立案, with its number and the 90 natural days of 第六十条.
    const opened = await open(ordinary);
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    let c = await caseOf(id);
    expect(c.state).toMatchObject({ status: 'inProgress', channel: 'exOfficio' });
    expect(c.state.exOfficio?.source).toBe('inspection');
    expect(c.state.caseNo).toMatch(/-20260907-/);
    expect(c.state.deadlines.promised).toBeUndefined();
    // 09-07 + 90 days is Sunday 12-06: the period ends on the next working day.
    expect(day(c.state.deadlines.legal?.dueAt)).toBe('2026-12-07');
    expect(c.trail[0]!.action).toBe('open');

    // The officer's queues by stage.
    const queues = ok(await world.as['aj.chief']!.get('/api/work-queues'), '队列') as {
      stages: { stage: string; count: number }[];
    };
    expect(queues.stages.find((s) => s.stage === 'filing')!.count).toBeGreaterThanOrEqual(1);
    const filing = ok(
      await world.as['aj.chief']!.get('/api/work-queues/todo?stage=filing'),
      '待立案审批',
    ) as { items: { caseId: string; stageLabel: string }[] };
    expect(filing.items.find((r) => r.caseId === id)?.stageLabel).toBe('待立案审批');

    ok(
      await handle('aj.chief', id, 'Task_filing', { data: { caseCause: '未设置安全警示标志' } }),
      '立案审批',
    );
    ok(
      await handle('aj.officer', id, 'Task_investigate', {
        data: {
          officers: [
            { name: '吴执法', certificateNo: '33030001' },
            { name: '李执法', certificateNo: '33030002' },
          ],
          facts: '现场检查发现二号车间未设置安全警示标志',
        },
      }),
      '调查取证',
    );
    ok(
      await handle('aj.officer', id, 'Task_review', {
        data: { proposal: '拟处罚款 2 万元', major: 'no', collectiveDiscussion: 'no' },
      }),
      '案件审核',
    );
    // 告知 is served on Tuesday 09-08; the party has five working days to ask for a hearing.
    world.clock.now = new Date('2026-09-08T02:00:00Z');
    ok(
      await handle('aj.officer', id, 'Task_notify', { data: { noticeServedOn: '2026-09-08' } }),
      '告知',
    );
    c = await caseOf(id);
    const statement = c.state.workItems.find((w) => w.nodeId === 'Task_statement')!;
    expect(day(statement.dueAt)).toBe('2026-09-15');
    // On the fifth working day, Tuesday 09-15, in the afternoon: still in time.
    world.clock.now = new Date('2026-09-15T07:00:00Z');
    ok(
      await handle('aj.officer', id, 'Task_statement', {
        data: { statement: '当事人要求听证', hearingRequested: 'yes' },
      }),
      '陈述申辩',
    );
    c = await caseOf(id);
    expect(c.state.workItems.some((w) => w.nodeId === 'Task_hearing' && w.status === 'open')).toBe(
      true,
    );
    const legalBefore = c.state.deadlines.legal!.dueAt;

    // 听证 stops the 90 days (第六十条): ten days of hearing move the end by ten days.
    const hearing = await workItemAt(world, 'aj.officer', id, 'Task_hearing');
    await must(world, 'aj.officer', id, { type: 'claim', workItemId: hearing });
    world.clock.now = new Date('2026-09-16T01:00:00Z');
    await must(world, 'aj.officer', id, {
      type: 'suspend',
      workItemId: hearing,
      procedure: 'hearing',
      reason: '依当事人申请举行听证',
    });
    world.clock.now = new Date('2026-09-26T01:00:00Z');
    await must(world, 'aj.officer', id, { type: 'resume', opinion: '听证结束' });
    c = await caseOf(id);
    const moved =
      (Date.parse(c.state.deadlines.legal!.dueAt) - Date.parse(legalBefore)) / 86_400_000;
    expect(moved).toBeGreaterThanOrEqual(10);
    expect(moved).toBeLessThan(12);
    world.clock.minutes(30);
    ok(
      await command(world, 'aj.officer', id, {
        type: 'complete',
        workItemId: hearing,
        opinion: '听证已举行',
        data: { hearingDate: '2026-09-25', hearingRecord: '当事人陈述了意见' },
      }),
      '听证',
    );

    // 决定: above the benchmark without a reason is refused and changes nothing.
    const decide = await workItemAt(world, 'aj.chief', id, 'Task_decide');
    await must(world, 'aj.chief', id, { type: 'claim', workItemId: decide });
    world.clock.minutes(30);
    const penalty = {
      penaltyBenchmark: 'ordinary',
      penaltyKind: '罚款',
      penaltyFine: 45_000,
      penaltyMitigation: 'none',
    };
    const refused = await command(world, 'aj.chief', id, {
      type: 'complete',
      workItemId: decide,
      opinion: '决定处罚',
      data: penalty,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('outside_benchmark');
    expect(refused.body.error.message).toMatch(/10000–30000 元/);
    expect((await caseOf(id)).state.penalty).toBeUndefined();
    // With a written reason it stands, and supervision gets a red card for it.
    ok(
      await command(world, 'aj.chief', id, {
        type: 'complete',
        workItemId: decide,
        opinion: '决定处罚',
        data: { ...penalty, penaltyReason: '拒不改正且阻挠检查，情节特别严重' },
      }),
      '决定',
    );
    c = await caseOf(id);
    expect(c.state.penalty).toMatchObject({ outside: true, fineYuan: 45_000 });
    const alerts = ok(
      await world.as.supervisor!.get(
        `/api/supervision/alerts?pageSize=100&caseId=${id}&ruleKind=discretion`,
      ),
      '预警',
    ) as { items: { level: string; detail: string }[] };
    expect(alerts.items).toHaveLength(1);
    expect(alerts.items[0]).toMatchObject({ level: 'red' });
    expect(alerts.items[0]!.detail).toMatch(/拒不改正/);

    world.clock.minutes(60);
    ok(
      await handle('aj.officer', id, 'Task_serve', {
        data: { servedOn: '2026-09-28', serviceMethod: 'direct' },
      }),
      '送达',
    );
    const enforce = await workItemAt(world, 'aj.officer', id, 'Task_enforce');
    await must(world, 'aj.officer', id, { type: 'claim', workItemId: enforce });
    world.clock.minutes(60);
    ok(
      await command(world, 'aj.officer', id, {
        type: 'conclude',
        workItemId: enforce,
        opinion: '罚款已缴纳',
        decision: { result: 'granted', text: '罚款已缴纳，结案' },
        data: { paidOn: '2026-09-30' },
      }),
      '结案',
    );
    c = await caseOf(id);
    expect(c.state.status).toBe('concluded');
    const actions = new Set(c.trail.map((e) => e.action));
    expect(actions.has('open')).toBe(true);
    for (const a of ['apply', 'accept', 'preReview']) expect(actions.has(a)).toBe(false);
    // The procedure's documents, made by its own service tasks and events (RUN-10): 立案审批表,
    // 告知书, 听证通知书, the sealed 决定书; nothing of an application's.
    const wanted = ['filing-approval', 'penalty-notice', 'hearing-notice', 'penalty-decision'];
    let kinds: string[] = [];
    for (let i = 0; i < 300 && !wanted.every((k) => kinds.includes(k)); i++) {
      const listed = ok(
        await world.as['aj.officer']!.get(`/api/cases/${id}/documents`),
        '文书',
      ) as {
        items: { kind: string }[];
      };
      kinds = listed.items.map((d) => d.kind);
      if (!wanted.every((k) => kinds.includes(k))) await new Promise((r) => setTimeout(r, 100));
    }
    expect(kinds).toEqual(expect.arrayContaining(wanted));
    for (const k of ['acceptance-notice', 'grant-decision', 'denial-decision'])
      expect(kinds).not.toContain(k);
    // Published as a penalty decision (第四十八条), the party masked as any applicant.
    const results = await (await fetch(`${server.baseUrl}/portal/results`)).text();
    expect(results).toContain(c.state.caseNo!);
    expect(results).toContain('行政处罚决定：罚款 45000 元');
    expect(results).not.toContain(COMPANY.name);
  });

  test('简易程序: a warning decided on the spot and filed', async () => {
    const opened = await open(summary, { sourceNote: '当场发现未设置安全警示标志，首次违法' });
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    ok(
      await handle('aj.officer', id, 'Task_onSpot', {
        data: {
          facts: '首次违法，当场改正',
          penaltyBenchmark: 'minor',
          penaltyKind: '警告',
          penaltyMitigation: 'none',
        },
      }),
      '当场处罚',
    );
    const record = await workItemAt(world, 'aj.officer', id, 'Task_record');
    await must(world, 'aj.officer', id, { type: 'claim', workItemId: record });
    world.clock.minutes(30);
    ok(
      await command(world, 'aj.officer', id, {
        type: 'conclude',
        workItemId: record,
        opinion: '已报备案',
        decision: { result: 'granted', text: '当场处罚已备案，结案' },
      }),
      '备案',
    );
    const c = await caseOf(id);
    expect(c.state.status).toBe('concluded');
    expect(c.state.penalty).toMatchObject({ kind: '警告', outside: false });
  });

  test('查封扣押: 30 days, one extension of 30 approved by the head, then the decision on the goods', async () => {
    world.clock.now = new Date('2026-10-12T01:00:00Z');
    const opened = await open(seizure, { sourceNote: '检查发现不符合国家标准的压力容器' });
    expect(opened.status).toBe(201);
    const id = opened.body.id as string;
    ok(
      await handle('aj.chief', id, 'Task_approve', { data: { reason: '设备不符合国家标准' } }),
      '审批',
    );
    ok(await handle('aj.officer', id, 'Task_execute'), '实施');
    let c = await caseOf(id);
    const handling = c.state.workItems.find((w) => w.nodeId === 'Task_handle')!;
    // Thirty natural days from the seizure (行政强制法 第二十五条).
    expect(day(handling.dueAt)).toBe('2026-11-11');
    world.clock.now = new Date('2026-11-05T02:00:00Z');
    ok(
      await handle('aj.officer', id, 'Task_handle', {
        data: { handlingNote: '检测尚未完成', extension: 'yes' },
      }),
      '期限内处理',
    );
    ok(
      await handle('aj.chief', id, 'Task_extendApprove', {
        outcome: 'approve',
        data: { extensionReason: '检测需要延长' },
      }),
      '延长审批',
    );
    c = await caseOf(id);
    const extended = c.state.workItems.find((w) => w.nodeId === 'Task_extended')!;
    expect(extended.status).toBe('open');
    ok(
      await handle('aj.officer', id, 'Task_extended', { data: { handlingNote: '检测完成' } }),
      '延长期间处理',
    );
    // No second extension: the next step is the decision.
    c = await caseOf(id);
    expect(
      c.state.workItems.filter((w) => ['open', 'claimed'].includes(w.status)).map((w) => w.nodeId),
    ).toEqual(['Task_dispose']);
    expect(c.state.workItems.filter((w) => w.nodeId === 'Task_extendApprove')).toHaveLength(1);
  });

  test('no ex officio item can be applied for, at a window, online or on the portal; 立案 only on ex officio items, by their own officers', async () => {
    const window = await world.as['aj.officer']!.post('/api/cases', {
      itemId: ordinary,
      applicant: COMPANY,
    });
    expect(window.status).toBe(400);
    expect(window.body.error.code).toBe('ex_officio_item');
    expect(window.body.error.message).toMatch(/依职权事项/);
    const citizen = await applicantClient(
      server,
      '陈小红',
      residentId('330303', '19900101', '222'),
    );
    const online = await citizen.post('/api/applicant/cases', { itemId: ordinary });
    expect(online.status).toBe(400);
    expect(online.body.error.message).toMatch(/依职权事项/);
    const code = (await server.models.items.findById(ordinary).lean())!.code!;
    const page = await fetch(`${server.baseUrl}/portal/apply/${code}`);
    expect(page.status).toBe(400);
    expect(await page.text()).toMatch(/依职权事项/);
    const guide = await (await fetch(`${server.baseUrl}/portal/items/${code}`)).text();
    expect(guide).toMatch(/自由裁量基准/);
    expect(guide).toMatch(/10000–30000 元/);
    expect(guide).not.toMatch(/网上申请本事项/);

    const onPermit = await open(permit);
    expect(onPermit.status).toBe(400);
    expect(onPermit.body.error.code).toBe('not_ex_officio');
    const hostile = await open({ $gt: '' } as never);
    expect(hostile.status).toBe(400);
    const noSource = await open(ordinary, { source: 'rumour' });
    expect(noSource.status).toBe(400);
    const noParty = await world.as['aj.officer']!.post('/api/cases/open', {
      itemId: ordinary,
      source: 'report',
      sourceNote: '举报',
    });
    expect(noParty.status).toBe(400);
    // Another department's staff hold no post of this flowchart.
    const other = await world.as['gs.window']!.post('/api/cases/open', {
      itemId: ordinary,
      party: COMPANY,
      source: 'report',
      sourceNote: '举报',
    });
    expect([403, 404]).toContain(other.status);
  });
});
