import { gzipSync } from 'node:zlib';
import { z } from 'zod';
import { asDatabase, openConnection } from '../../../server/database/connection';
import { useTestDatabase, testDatabaseUri } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';

interface Layer {
  route?: { path: unknown; methods: Record<string, boolean> };
}

/** Every `METHOD /path` an express router answers with a route of its own. */
function routesOf(router: { stack: Layer[] }): string[] {
  return router.stack
    .filter((layer) => layer.route && typeof layer.route.path === 'string')
    .flatMap((layer) =>
      Object.keys(layer.route!.methods).map(
        (m) => `${m.toUpperCase()} ${layer.route!.path as string}`,
      ),
    );
}

describe('the HTTP skeleton', () => {
  const t = useTestDatabase();
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(t.db);
    // A route added only for these tests, to see validation and body limits at work.
    server.api.route({
      method: 'post',
      path: '/api/test-echo/:id',
      access: 'public',
      summary: '测试用',
      tags: ['测试'],
      params: z.object({ id: z.string().regex(/^\d+$/) }),
      body: z.object({ name: z.string().min(1) }).strict(),
      response: { description: '回显' },
      handler: ({ params, body }) => ({ id: params.id, name: body.name }),
    });
  });
  afterAll(() => server.close());

  const url = (p: string) => `${server.baseUrl}${p}`;
  const post = (p: string, body: string, headers: Record<string, string> = {}) =>
    fetch(url(p), {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/json', ...headers },
    });

  test('/healthz reports the database up with its round-trip time', async () => {
    const res = await fetch(url('/healthz'));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { database: { latencyMs: number } };
    expect(body).toMatchObject({ status: 'ok', database: { status: 'up', kind: 'embedded' } });
    expect(body.database.latencyMs).toBeGreaterThanOrEqual(0);
  });

  test('/healthz answers 503 in the error shape when the database is gone', async () => {
    const connection = await openConnection(testDatabaseUri(), { dbName: 'gone', timeoutMs: 2000 });
    const db = asDatabase(connection, 'external');
    const broken = await startTestServer(db);
    try {
      await connection.close();
      const res = await fetch(`${broken.baseUrl}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({
        error: { code: 'database_unavailable', details: { kind: 'external' } },
      });
    } finally {
      await broken.close();
    }
  });

  test('/readyz says ready', async () => {
    const res = await fetch(url('/readyz'));
    expect(await res.json()).toEqual({ status: 'ready' });
  });

  test('an unknown API path is a 404 in the error shape, naming the path', async () => {
    const res = await fetch(url('/api/no-such-thing?x=1'));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: 'route_not_found', message: '没有这个接口：GET /api/no-such-thing' },
    });
  });

  test('malformed JSON is a 400 invalid_json', async () => {
    const res = await post('/api/test-echo/1', '{"name": ');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'invalid_json' } });
  });

  test('a body over the limit is a 413 naming the limit', async () => {
    const res = await post(
      '/api/test-echo/1',
      JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 1) }),
    );
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      error: { code: 'payload_too_large', details: { limit: 1048576 } },
    });
  });

  test('a wrong type, an unknown key or a bad path parameter is a 400 naming the field', async () => {
    const wrongType = await post('/api/test-echo/1', JSON.stringify({ name: 5 }));
    expect(wrongType.status).toBe(400);
    const body = (await wrongType.json()) as {
      error: { code: string; details: { path: string }[] };
    };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details[0]!.path).toBe('name');

    const unknownKey = await post('/api/test-echo/1', JSON.stringify({ name: 'a', role: 'admin' }));
    expect(unknownKey.status).toBe(400);
    const badParam = await post('/api/test-echo/abc', JSON.stringify({ name: 'a' }));
    expect(badParam.status).toBe(400);
    const ok = await post('/api/test-echo/7', JSON.stringify({ name: '张三' }));
    expect(await ok.json()).toEqual({ id: '7', name: '张三' });
  });

  test('an operator object such as {"$gt": ""} in place of a value is refused with 400', async () => {
    const res = await post('/api/test-echo/1', JSON.stringify({ name: { $gt: '' } }));
    expect(res.status).toBe(400);
  });

  test('a query string cannot carry nested objects (a[$gt]= stays a plain key)', async () => {
    server.api.route({
      method: 'get',
      path: '/api/test-query',
      access: 'public',
      summary: '测试用',
      tags: ['测试'],
      query: z.object({ name: z.string().optional() }).strict(),
      response: { description: '回显' },
      handler: ({ query }) => query,
    });
    const res = await fetch(url('/api/test-query?name[$gt]='));
    expect(res.status).toBe(400);
    const ok = await fetch(url('/api/test-query?name=%E5%BC%A0'));
    expect(await ok.json()).toEqual({ name: '张' });
  });

  test('FORM-3: a broken or unsupported compressed body is a 4xx naming the problem, never a 500', async () => {
    const json = (res: Response) =>
      res.json() as Promise<{ error: { code: string; message: string } }>;
    const sent = (body: Buffer, encoding: string) =>
      fetch(url('/api/test-echo/1'), {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json', 'Content-Encoding': encoding },
      });
    const good = await sent(gzipSync(JSON.stringify({ name: '张三' })), 'gzip');
    expect(await good.json()).toEqual({ id: '1', name: '张三' });

    for (const [body, encoding] of [
      [Buffer.from('garbage, not gzip'), 'gzip'],
      [gzipSync(JSON.stringify({ name: '张三' })).subarray(0, 12), 'gzip'],
      [Buffer.from('garbage'), 'deflate'],
      [Buffer.from('garbage'), 'br'],
    ] as const) {
      const res = await sent(body, encoding);
      expect({ encoding, status: res.status }).toEqual({ encoding, status: 400 });
      expect((await json(res)).error).toMatchObject({
        code: 'invalid_encoding',
        message: '请求体的压缩数据已损坏，无法解压',
      });
    }
    const zstd = await sent(Buffer.from('{}'), 'zstd');
    expect(zstd.status).toBe(415);
    expect((await json(zstd)).error).toMatchObject({ code: 'unsupported_encoding' });
    expect((await json(await sent(Buffer.from('{}'), 'zstd'))).error.message).toContain('zstd');
    // 20 KB on the wire, 2 MB once inflated: the limit counts what is inflated.
    const bomb = gzipSync(JSON.stringify({ name: ' '.repeat(2 * 1024 * 1024) }));
    expect(bomb.length).toBeLessThan(30_000);
    const big = await sent(bomb, 'gzip');
    expect(big.status).toBe(413);
    expect((await json(big)).error.code).toBe('payload_too_large');
  });

  test('FORM-3: __proto__, constructor and prototype keys anywhere in a body or query are refused with 400 naming the path', async () => {
    const refused = async (res: Response, path: string) => {
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'unsafe_key', details: { path } } });
    };
    await refused(
      await post('/api/test-echo/1', '{"name":"a","__proto__":{"isAdmin":true}}'),
      '__proto__',
    );
    await refused(
      await post('/api/test-echo/1', '{"name":"a","x":[1,{"y":{"constructor":{"prototype":{}}}}]}'),
      'x[1].y.constructor',
    );
    await refused(await post('/api/test-echo/1', '[{"prototype":1}]'), '[0].prototype');
    await refused(await fetch(url('/api/test-query?__proto__[x]=1')), '__proto__[x]');
    await refused(await fetch(url('/api/test-query?name=a&constructor=1')), 'constructor');
    await refused(await fetch(url('/api/test-query?name[prototype]=1')), 'name[prototype]');
    // The same words as values, or inside longer keys, are ordinary data.
    const ok = await post('/api/test-echo/1', JSON.stringify({ name: '__proto__' }));
    expect(await ok.json()).toEqual({ id: '1', name: '__proto__' });
  });

  test('FORM-3: a body nested 100,000 deep is walked without overflowing the stack', async () => {
    const deep = '{"a":'.repeat(100_000) + '{"__proto__":1}' + '}'.repeat(100_000);
    const res = await post('/api/test-echo/1', deep);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { code: string; details: { path: string } } };
    expect(error.code).toBe('unsafe_key');
    expect(error.details.path).toBe(`….${'a.'.repeat(95)}__proto__`);
  });

  test('every response carries a request id; a sane incoming X-Request-Id is kept', async () => {
    const generated = await fetch(url('/readyz'));
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await fetch(url('/readyz'), { headers: { 'X-Request-Id': 'gateway-42' } });
    expect(kept.headers.get('x-request-id')).toBe('gateway-42');
    const replaced = await fetch(url('/readyz'), { headers: { 'X-Request-Id': 'bad id!' } });
    expect(replaced.headers.get('x-request-id')).not.toContain('bad');
  });

  test('security headers are set and the framework is not announced', async () => {
    const res = await fetch(url('/readyz'));
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  test('/api/openapi.json documents every route the app serves', async () => {
    const res = await fetch(url('/api/openapi.json'));
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const served = routesOf(server.api.router as unknown as { stack: Layer[] });
    // Only the SPA fallback (a pattern, not a path) may sit on the app outside the Api.
    const outside = (server.app as unknown as { router: { stack: Layer[] } }).router.stack.filter(
      (l) => l.route && typeof l.route.path === 'string',
    );
    expect(outside).toEqual([]);
    expect(served).toEqual(
      expect.arrayContaining(['GET /healthz', 'GET /readyz', 'GET /api/openapi.json']),
    );
    expect(documented.sort()).toEqual(served.sort());
  });
});
