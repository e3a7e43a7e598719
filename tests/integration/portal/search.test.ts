import { seedDemoCatalog } from '../../../seeds/demo-catalog';
import { DEMO_PASSWORD } from '../../../seeds/demo-county';
import { signedIn, type ApiClient } from '../../support/client';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import { catalogWorld, completeItem, submitted, type CatalogIds } from '../catalog/fixtures';

/** The portal's search (POR-9) over the seeded demo catalog, on the real embedded database. */
describe('portal search (POR-9)', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let as: Record<string, ApiClient>;
  let ids: CatalogIds;

  const page = async (q: string, extra = '') => {
    const res = await fetch(`${server.baseUrl}/portal/search?q=${encodeURIComponent(q)}${extra}`);
    return { status: res.status, html: await res.text() };
  };
  /** The results' names in order, as a reader sees them (marks removed). */
  const names = async (q: string) =>
    [
      ...(await page(q)).html.matchAll(/<h2><a href="\/portal\/items\/[^"]+">(.*?)<\/a><\/h2>/gs),
    ].map((m) => m[1]!.replace(/<\/?mark>/g, ''));

  beforeAll(async () => {
    server = await startTestServer(t.db);
    ({ as, ids } = await catalogWorld(server, ['aj.clerk', 'gs.clerk', 'reviewer', 'admin']));
    await seedDemoCatalog(server.baseUrl, () => undefined);
  }, 300_000);
  afterAll(() => server.close());

  test('a partial word finds the item whose name holds it, first', async () => {
    expect((await names('营业'))[0]).toBe('代办个体工商户营业执照');
    expect((await names('化学品经营'))[0]).toBe('危险化学品经营许可证核发（不带储存设施）');
  });

  test('a word citizens use (synonym) finds the item that never says it', async () => {
    const found = await names('低保');
    expect(found[0]).toBe('最低生活保障金给付');
    const { html } = await page('我想开店');
    expect(html).toContain('已按常用说法一并搜索');
    expect((await names('我想开店'))[0]).toBe('代办个体工商户营业执照');
  });

  test('pinyin initials and full pinyin find the item; so does its code', async () => {
    expect((await names('yyzz'))[0]).toBe('代办个体工商户营业执照');
    expect((await names('yingyezhizhao'))[0]).toBe('代办个体工商户营业执照');
    expect((await names('hunyindengji'))[0]).toBe('婚姻登记（结婚登记）');
    expect(await names('33030300GS-DL-0001')).toEqual(['代办个体工商户营业执照']);
    expect(await names('33030300GS-DL')).toEqual(['代办个体工商户营业执照']);
  });

  test('matched words are marked, and the links lead to the guide by code', async () => {
    const { html } = await page('营业执照');
    expect(html).toContain('<mark>营业执照</mark>');
    expect(html).toContain('href="/portal/items/33030300GS-DL-0001"');
  });

  test('drafts and items in review are not found; only published content is', async () => {
    // 企业名称自主申报咨询 is in review and 临时救助金给付 a draft in the demo catalog.
    expect(await names('企业名称自主申报')).not.toContain('企业名称自主申报咨询');
    expect(await names('临时救助')).not.toContain('临时救助金给付');
  });

  test('an approval is searchable at once; a change shows the published version until approved; a cancelled item disappears', async () => {
    const clerk = as['aj.clerk']!;
    const reviewer = as['reviewer']!;
    const item = await submitted(server, clerk, completeItem(ids, { name: '烟花爆竹批发许可' }));
    expect(await names('烟花爆竹')).toEqual([]);
    let res = await reviewer.post(`/api/items/${item.id}/approve`, { version: item.version });
    expect(res.status).toBe(200);
    expect(await names('烟花爆竹')).toEqual(['烟花爆竹批发许可']);
    expect(await names('yhbz')).toEqual(['烟花爆竹批发许可']);

    res = await clerk.patch(`/api/items/${item.id}`, {
      version: res.body.version,
      name: '烟花爆竹零售许可',
      reason: '按新目录更名',
    });
    expect(res.status).toBe(200);
    // The change is a draft: the portal keeps showing what was approved.
    expect(await names('烟花爆竹')).toEqual(['烟花爆竹批发许可']);
    res = await clerk.post(`/api/items/${item.id}/submit`, { version: res.body.version });
    expect(res.status).toBe(200);
    res = await reviewer.post(`/api/items/${item.id}/approve`, { version: res.body.version });
    expect(res.status).toBe(200);
    expect(await names('烟花爆竹')).toEqual(['烟花爆竹零售许可']);
    expect(await names('批发')).not.toContain('烟花爆竹批发许可');

    res = await clerk.post(`/api/items/${item.id}/cancel`, {
      version: res.body.version,
      reason: '职能调整',
    });
    expect(res.status).toBe(200);
    // Asking to cancel leaves it published until the reviewer agrees.
    expect(await names('烟花爆竹')).toEqual(['烟花爆竹零售许可']);
    res = await reviewer.post(`/api/items/${item.id}/approve`, { version: res.body.version });
    expect(res.body.status).toBe('cancelled');
    expect(await names('烟花爆竹')).toEqual([]);
  });

  test('HTML in the query or in an item is escaped, marks and all', async () => {
    const clerk = as['aj.clerk']!;
    const item = await submitted(
      server,
      clerk,
      completeItem(ids, {
        name: '烟花仓储备案',
        faq: [
          { id: 'f1', question: '要带<script>alert(1)</script>吗？', answer: '仓储<b>不用</b>' },
        ],
      }),
    );
    await as['reviewer']!.post(`/api/items/${item.id}/approve`, { version: item.version });
    const { html } = await page('<script>仓储');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>不用');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<mark>仓储</mark>');
  });

  test('nothing found: suggestions, browsing by department, synonyms as examples, no error', async () => {
    const { status, html } = await page('量子纠缠');
    expect(status).toBe(200);
    expect(html).toContain('没有找到与“量子纠缠”相关的事项');
    expect(html).toContain('热门事项');
    expect(html).toMatch(/href="\/portal\/items\/33030300[A-Z]{2}-[A-Z]{2}-\d{4}"/);
    expect(html).toContain('龙湾区市场监督管理局');
    expect(html).toContain('href="/portal/search?q=%E5%BC%80%E5%BA%97"'); // 开店
  });

  test('the query is bounded: over 50 characters is a 400; paging past the end is empty', async () => {
    expect((await page('营'.repeat(51))).status).toBe(400);
    expect((await page('许可', '&page=99')).html).not.toContain('<li>\n        <h2>');
    expect((await page('许可', '&page=0')).status).toBe(400);
  });

  test('the synonym list is kept by admins and 审管 reviewers only, and a new one works at once', async () => {
    const clerk = as['gs.clerk']!;
    const reviewer = as['reviewer']!;
    const admin = as['admin']!;
    expect((await clerk.get('/api/search/synonyms')).status).toBe(403);
    expect(
      (await clerk.post('/api/search/synonyms', { term: '卖吃的', expansions: ['食品经营许可'] }))
        .status,
    ).toBe(403);

    const list = await reviewer.get('/api/search/synonyms');
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThanOrEqual(20);
    expect(await names('卖吃的')).not.toContain('食品经营许可');

    const bad = await reviewer.post('/api/search/synonyms', { term: '卖吃的', expansions: [] });
    expect(bad.status).toBe(400);
    const made = await reviewer.post('/api/search/synonyms', {
      term: '卖吃的',
      expansions: ['食品经营许可'],
    });
    expect(made.status).toBe(201);
    expect((await names('卖吃的'))[0]).toBe('食品经营许可');
    const twice = await admin.post('/api/search/synonyms', { term: '卖吃的', expansions: ['x'] });
    expect(twice.status).toBe(409);

    const changed = await admin.put(`/api/search/synonyms/${made.body.id}`, {
      version: made.body.version,
      term: '卖吃的',
      expansions: ['食品小作坊登记'],
    });
    expect(changed.status).toBe(200);
    expect((await names('卖吃的'))[0]).toBe('食品小作坊登记');
    expect((await clerk.delete(`/api/search/synonyms/${made.body.id}`)).status).toBe(403);
    expect((await reviewer.delete(`/api/search/synonyms/${made.body.id}`)).status).toBe(200);
    expect(await names('卖吃的')).toEqual([]);
  });

  test('the index is rebuilt on request by an administrator only', async () => {
    // A write that bypasses the item schema's hooks is not seen until the index is rebuilt.
    await t.connection
      .collection('items')
      .updateOne({ code: '33030300GS-DL-0001' }, { $set: { status: 'cancelled' } });
    expect((await names('yyzz'))[0]).toBe('代办个体工商户营业执照');
    expect((await as['reviewer']!.post('/api/search/rebuild')).status).toBe(403);
    const admin = await signedIn(server, 'admin', DEMO_PASSWORD);
    const rebuilt = await admin.post('/api/search/rebuild');
    expect(rebuilt.status).toBe(200);
    expect(rebuilt.body.documents).toBeGreaterThan(20);
    expect(await names('yyzz')).not.toContain('代办个体工商户营业执照');
  });
});
