import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import { approvedItem, caseWorld, must, windowCase, type World } from '../cases/world';

const TOKEN = 'scraper-token-0123456789abcdef0123456789';

/** One sample's value from Prometheus text, by metric name and exact label set. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort();
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = m[2]!.split(/,(?=[a-z_]+=)/).sort();
    if (wanted.every((w) => have.includes(w))) return Number(m[3]);
  }
  return undefined;
}

describe('metrics (OPS-1)', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let world: World;

  beforeAll(async () => {
    server = await startTestServer(t.db, { METRICS_TOKEN: TOKEN });
    world = await caseWorld(server, ['admin', 'aj.clerk', 'aj.officer', 'reviewer']);
  });
  afterAll(() => server?.close());

  const scrape = async () => {
    const res = await fetch(`${server.baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    return res.text();
  };

  test('OPS-1: no token and no session 401, a wrong token 401, a clerk 403, an administrator 200', async () => {
    expect((await fetch(`${server.baseUrl}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${server.baseUrl}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}x` },
    });
    expect(wrong.status).toBe(401);
    expect((await world.as['aj.clerk']!.get('/metrics')).status).toBe(403);
    expect((await world.as.admin!.get('/metrics')).status).toBe(200);
  });

  test('OPS-1: requests are counted under the route pattern, never the raw path', async () => {
    const before = sample(await scrape(), 'http_requests_total', {
      method: 'GET',
      route: '/api/items/:id',
      status: '404',
    });
    const missing = '0123456789abcdef01234567';
    expect((await world.as['aj.clerk']!.get(`/api/items/${missing}`)).status).toBe(404);
    const text = await scrape();
    const after = sample(text, 'http_requests_total', {
      method: 'GET',
      route: '/api/items/:id',
      status: '404',
    });
    expect(after).toBe((before ?? 0) + 1);
    expect(text).not.toContain(missing);
    expect(text).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/api\/items\/:id"/);
  });

  test('OPS-1: commands by type and outcome, open cases, database time and the event backlog', async () => {
    const itemId = await approvedItem(world);
    const caseId = await windowCase(world, itemId);
    await must(world, 'aj.officer', caseId, { type: 'accept' });
    const refused = await world.as['aj.officer']!.post(`/api/cases/${caseId}/commands`, {
      type: 'accept',
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    await server.cases.projector.settled();
    const text = await scrape();
    expect(sample(text, 'case_commands_total', { type: 'accept', outcome: 'applied' })).toBe(1);
    expect(sample(text, 'case_commands_total', { type: 'accept', outcome: 'refused' })).toBe(1);
    const open = Number(/^cases_open (\S+)$/m.exec(text)?.[1]);
    expect(open).toBe(
      [...server.cases.index.all()].filter((v) =>
        [
          'preReview',
          'preReviewReturned',
          'pendingAcceptance',
          'correction',
          'inProgress',
          'suspended',
        ].includes(v.status),
      ).length,
    );
    expect(open).toBeGreaterThan(0);
    expect(Number(/^database_ping_seconds (\S+)$/m.exec(text)?.[1])).toBeGreaterThan(0);
    expect(sample(text, 'case_event_backlog', { state: 'retry' })).toBe(0);
  });
});
