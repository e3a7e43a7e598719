import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import { approvedItem, caseWorld, command, must, windowCase, type World } from './world';

/** A holiday-cn file for 2027 in the usual pattern (the dates a test needs, not the notice). */
function file2027(extra: { name: string; date: string; isOffDay: boolean }[] = []) {
  const off = (name: string, from: number, to: number, month: string) =>
    Array.from({ length: to - from + 1 }, (_, i) => ({
      name,
      date: `2027-${month}-${String(from + i).padStart(2, '0')}`,
      isOffDay: true,
    }));
  return {
    $schema: 'https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json',
    year: 2027,
    papers: ['https://www.gov.cn/zhengce/content/2027-demo.htm'],
    days: [
      ...off('元旦', 1, 3, '01'),
      { name: '春节', date: '2027-01-31', isOffDay: false },
      ...off('春节', 5, 13, '02'),
      { name: '春节', date: '2027-02-20', isOffDay: false },
      ...extra,
    ],
  };
}

const SOURCE = { title: '国务院办公厅关于2027年部分节假日安排的通知', issuedOn: '2026-11-10' };

/** RUN-6: administrators import a year's arrangement; deadlines use it; the studio is warned. */
describe('RUN-6 importing a year of the State Council holiday arrangement', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let world: World;
  let itemId: string;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    world = await caseWorld(server, ['aj.clerk', 'reviewer', 'aj.officer', 'admin']);
    itemId = await approvedItem(world);
  });
  afterAll(() => server.close());

  const coverage = async () => (await world.as.admin!.get('/api/calendar/coverage')).body;

  test('RUN-6 without 2027, the coverage route says next year is missing from 1 October, not before', async () => {
    world.clock.now = new Date('2026-09-30T15:59:00Z'); // 23:59 on 30 September in Shanghai
    expect(await coverage()).toMatchObject({
      today: '2026-09-30',
      nextYear: 2027,
      nextYearCovered: false,
      warnFrom: '2026-10-01',
      nextYearMissing: false,
    });
    world.clock.now = new Date('2026-09-30T16:00:00Z'); // 00:00 on 1 October
    const october = await coverage();
    expect(october).toMatchObject({ today: '2026-10-01', nextYearMissing: true });
    expect(october.coveredYears).not.toContain(2027);
    // Everyone on staff may read it; the banner is the studio's business.
    const officer = await world.as['aj.officer']!.get('/api/calendar/coverage');
    expect(officer.body.nextYearMissing).toBe(true);
  });

  test('RUN-6 only administrators import or preview a year', async () => {
    const body = { format: 'holiday-cn', file: file2027(), source: SOURCE };
    for (const path of ['/api/calendar/official-years', '/api/calendar/official-years/preview']) {
      const res = await world.as['aj.officer']!.post(path, body);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect((await world.as.admin!.get('/api/calendar/official-years')).body.items).toEqual([]);
  });

  test('RUN-6 bad files are refused with 400 naming the problem, and nothing is stored', async () => {
    const admin = world.as.admin!;
    const noSpring = file2027();
    noSpring.days = noSpring.days.filter((d) => d.name !== '春节');
    const cases: [unknown, string][] = [
      [{ format: 'holiday-cn', file: noSpring, source: SOURCE }, '春节'],
      [
        {
          format: 'holiday-cn',
          file: file2027([{ name: '元旦', date: '2027-01-02', isOffDay: false }]),
          source: SOURCE,
        },
        '2027-01-02 重复出现',
      ],
      [
        {
          format: 'holiday-cn',
          file: file2027([{ name: '国庆节', date: '2026-10-01', isOffDay: true }]),
          source: SOURCE,
        },
        '不在 2027 年通知的范围内',
      ],
      [
        {
          format: 'holiday-cn',
          file: file2027([{ name: '国庆节', date: '2027-02-30', isOffDay: true }]),
          source: SOURCE,
        },
        '2027-02-30',
      ],
      [
        {
          format: 'holiday-cn',
          file: file2027([{ name: '', date: '2027-10-01', isOffDay: true }]),
          source: SOURCE,
        },
        '节日名称',
      ],
      [
        {
          format: 'holiday-cn',
          file: {
            ...file2027(),
            days: Array.from({ length: 81 }, (_, i) => ({
              name: '春节',
              date: `2027-02-${String((i % 28) + 1).padStart(2, '0')}`,
              isOffDay: true,
            })),
          },
          source: SOURCE,
        },
        '至多 80 天',
      ],
      [
        { format: 'holiday-cn', file: file2027(), source: { ...SOURCE, issuedOn: '2024-11-10' } },
        '应发布于',
      ],
      [
        { format: 'holiday-cn', file: file2027(), source: { title: '', issuedOn: '2026-11-10' } },
        '通知标题',
      ],
      [
        {
          format: 'festivals',
          year: 2027,
          festivals: [{ name: '春节', offFrom: '2027-02-13', offTo: '2027-02-05', workdays: [] }],
          source: SOURCE,
        },
        '结束日期早于开始日期',
      ],
      [
        {
          format: 'festivals',
          year: 2027,
          festivals: [
            { name: '春节', offFrom: '2027-02-05', offTo: '2027-02-13', workdays: ['2027-02-17'] },
          ],
          source: SOURCE,
        },
        '本来就是工作日',
      ],
    ];
    for (const [body, named] of cases) {
      const res = await admin.post('/api/calendar/official-years', body);
      expect({
        status: res.status,
        named: String(res.body.error?.message).includes(named),
      }).toEqual({
        status: 400,
        named: true,
      });
    }
    expect((await admin.get('/api/calendar/official-years')).body.items).toEqual([]);
    expect((await coverage()).coveredYears).not.toContain(2027);
  });

  test('RUN-6 an imported 2027 gives a case accepted on 2026-12-20 a deadline that skips its holidays', async () => {
    const admin = world.as.admin!;
    world.clock.now = new Date('2026-12-20T01:00:00Z'); // Sunday 09:00
    const id = await windowCase(world, itemId);
    expect((await command(world, 'aj.officer', id, { type: 'accept' })).status).toBe(422);

    const body = { format: 'holiday-cn', file: file2027(), source: SOURCE };
    const preview = await admin.post('/api/calendar/official-years/preview', body);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ year: 2027, existing: null, inPackage: false });
    expect(preview.body.holidays).toHaveLength(12);
    expect(preview.body.workdays).toEqual([
      { date: '2027-01-31', name: '春节' },
      { date: '2027-02-20', name: '春节' },
    ]);
    // A preview stores nothing.
    expect((await admin.get('/api/calendar/official-years')).body.items).toEqual([]);

    const imported = await admin.post('/api/calendar/official-years', body);
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ year: 2027, replaced: false, enteredByName: '陈建国' });
    expect(imported.body.source.papers).toEqual(file2027().papers);

    // Picked up at once, without waiting for the calendars' refresh.
    await must(world, 'aj.officer', id, { type: 'accept' });
    const seen = await world.as['aj.officer']!.get(`/api/cases/${id}`);
    // Ten working days from Monday 12-21: 21–25, 28–31, then 元旦 01-01…01-03 is off, so the
    // tenth is Monday 2027-01-04 (with no 元旦 it would have been Friday 01-01).
    expect(seen.body.state.deadlines.promised.dueAt).toBe('2027-01-04T16:00:00.000Z');
    const days = await admin.get('/api/calendar/days?from=2027-01-01&to=2027-01-01');
    expect(days.body.days).toEqual([
      { date: '2027-01-01', working: false, source: 'official', name: '元旦' },
    ]);
    expect(await coverage()).toMatchObject({ nextYearCovered: true, nextYearMissing: false });
    const list = await admin.get('/api/calendar/official-years');
    expect(list.body.items).toEqual([
      expect.objectContaining({
        year: 2027,
        holidays: 12,
        workdays: 2,
        source: expect.objectContaining(SOURCE),
      }),
    ]);
    expect(list.body.packageYears).toContain(2026);
  });

  test('RUN-6 replacing an imported year needs confirmation and is in the operation log', async () => {
    const admin = world.as.admin!;
    const corrected = {
      format: 'festivals',
      year: 2027,
      festivals: [
        { name: '元旦', offFrom: '2027-01-01', offTo: '2027-01-01', workdays: [] },
        {
          name: '春节',
          offFrom: '2027-02-05',
          offTo: '2027-02-13',
          workdays: ['2027-01-31', '2027-02-20'],
        },
      ],
      source: { ...SOURCE, number: '国办发明电〔2026〕7号' },
    };
    const unconfirmed = await admin.post('/api/calendar/official-years', corrected);
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body.error.code).toBe('year_exists');
    expect(unconfirmed.body.error.message).toContain('确认替换');

    const replaced = await admin.post('/api/calendar/official-years', {
      ...corrected,
      replace: true,
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ replaced: true, format: 'festivals', version: 1 });
    const days = await admin.get('/api/calendar/days?from=2027-01-02&to=2027-01-02');
    expect(days.body.days[0]).toMatchObject({ working: false, source: 'weekend' });

    const logged = await server.models.operationLogs
      .find({ resource: 'officialCalendarYear', resourceId: '2027' })
      .lean()
      .exec();
    expect(logged.map((l) => l.action).sort()).toEqual(['create', 'update']);
    expect(logged.find((l) => l.action === 'update')!.summary).toContain('替换 2027 年节假日安排');
  });

  test('RUN-6 the on-screen form imports a year, and a year the package has needs confirmation', async () => {
    const admin = world.as.admin!;
    const year2028 = {
      format: 'festivals',
      year: 2028,
      festivals: [
        { name: '春节', offFrom: '2028-01-25', offTo: '2028-02-01', workdays: ['2028-01-23'] },
      ],
      source: { title: '国务院办公厅关于2028年部分节假日安排的通知', issuedOn: '2027-11-01' },
    };
    const res = await admin.post('/api/calendar/official-years', year2028);
    expect(res.status).toBe(200);
    expect(res.body.holidays).toHaveLength(8);
    const packaged = await admin.post('/api/calendar/official-years', {
      ...year2028,
      year: 2026,
      festivals: [{ name: '春节', offFrom: '2026-02-15', offTo: '2026-02-23', workdays: [] }],
      source: { title: '国务院办公厅关于2026年部分节假日安排的通知', issuedOn: '2025-11-04' },
    });
    expect(packaged.status).toBe(409);
    expect(packaged.body.error.message).toContain('chinese-days');
  });
});
