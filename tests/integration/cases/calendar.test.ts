import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import { approvedItem, caseWorld, command, must, windowCase, type World } from './world';

/** RUN-6: county overrides in the database change deadlines; an uncovered year is refused. */
describe('the county calendar and deadlines', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let world: World;
  let itemId: string;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    world = await caseWorld(server, ['aj.clerk', 'reviewer', 'aj.officer', 'admin', 'supervisor']);
    itemId = await approvedItem(world);
  });
  afterAll(() => server.close());

  const promisedDue = async (id: string) =>
    (await world.as['aj.officer']!.get(`/api/cases/${id}`)).body.state.deadlines.promised
      .dueAt as string;

  test('a county holiday (typhoon closure) makes a case accepted after it due one working day later', async () => {
    const before = await windowCase(world, itemId);
    await must(world, 'aj.officer', before, { type: 'accept' });
    // Accepted Monday 2026-09-07: ten working days end Sunday 2026-09-20 (24:00), a working
    // day the State Council moved there for National Day.
    expect(await promisedDue(before)).toBe('2026-09-20T16:00:00.000Z');

    const admin = world.as.admin!;
    const created = await admin.post('/api/calendar/overrides', {
      kind: 'day',
      date: '2026-09-10',
      dayKind: 'holiday',
      reason: '台风“海葵”停工停课',
    });
    expect(created.status).toBe(201);
    const days = await world.as['aj.officer']!.get(
      '/api/calendar/days?from=2026-09-10&to=2026-09-10',
    );
    expect(days.body.days).toEqual([
      { date: '2026-09-10', working: false, source: 'county', name: '台风“海葵”停工停课' },
    ]);

    const after = await windowCase(world, itemId);
    await must(world, 'aj.officer', after, { type: 'accept' });
    expect(await promisedDue(after)).toBe('2026-09-21T16:00:00.000Z');

    // One entry per date; only administrators change the calendar.
    const again = await admin.post('/api/calendar/overrides', {
      kind: 'day',
      date: '2026-09-10',
      dayKind: 'workday',
      reason: '重复',
    });
    expect(again.status).toBe(409);
    const officer = await world.as['aj.officer']!.post('/api/calendar/overrides', {
      kind: 'day',
      date: '2026-09-11',
      dayKind: 'holiday',
      reason: '不该由我改',
    });
    expect(officer.status).toBe(403);
    const list = await world.as.supervisor!.get('/api/calendar/overrides');
    expect(list.body.items).toEqual([
      expect.objectContaining({ date: '2026-09-10', dayKind: 'holiday' }),
    ]);

    // Removed, the national calendar applies again.
    const removed = await admin.delete(`/api/calendar/overrides/${created.body.id}`);
    expect(removed.status).toBe(200);
    const third = await windowCase(world, itemId);
    await must(world, 'aj.officer', third, { type: 'accept' });
    expect(await promisedDue(third)).toBe('2026-09-20T16:00:00.000Z');
  });

  test('a deadline reaching a year the calendar does not cover is refused, naming the year, until the county enters it', async () => {
    world.clock.now = new Date('2026-12-21T01:00:00Z');
    const id = await windowCase(world, itemId);
    const refused = await command(world, 'aj.officer', id, { type: 'accept' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('calendar_not_covered');
    expect(refused.body.error.message).toContain('2027 年');
    expect(refused.body.error.details).toMatchObject({ year: 2027 });
    // Nothing was written: the case still waits for acceptance, and no number was used up.
    const seen = await world.as['aj.officer']!.get(`/api/cases/${id}`);
    expect(seen.body.status).toBe('pendingAcceptance');
    const days = await world.as['aj.officer']!.get(
      '/api/calendar/days?from=2026-12-31&to=2027-01-02',
    );
    expect(days.status).toBe(422);
    expect(days.body.error.message).toContain('2027');

    const declared = await world.as.admin!.post('/api/calendar/overrides', {
      kind: 'year',
      year: 2027,
      reason: '国务院办公厅 2027 年部分节假日安排已由本县录入',
    });
    expect(declared.status).toBe(201);
    const accepted = await command(world, 'aj.officer', id, { type: 'accept' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.caseNo).toMatch(/^33030300AJ-20261221-000001$/);
  });

  test('bad overrides are refused: no reason, an impossible date, an unknown kind', async () => {
    const admin = world.as.admin!;
    for (const body of [
      { kind: 'day', date: '2026-09-11', dayKind: 'holiday', reason: '' },
      { kind: 'day', date: '2026-02-30', dayKind: 'holiday', reason: '不存在的日期' },
      { kind: 'day', date: '2026-09-11', dayKind: 'festival', reason: 'x' },
      { kind: 'week', year: 2026, reason: 'x' },
    ]) {
      const res = await admin.post('/api/calendar/overrides', body);
      expect(res.status).toBe(400);
    }
  });
});
