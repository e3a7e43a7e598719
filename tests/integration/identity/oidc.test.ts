import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { seedDemoCounty } from '../../../seeds';
import { loadConfig } from '../../../server/config';
import { freeLoopbackPort } from '../../../server/database/embedded/ferretdb-process';
import { createModels, ensureIndexes, type Models } from '../../../server/models';
import { testDatabaseUri, useTestDatabase } from '../../support/database';
import { ROOT, spawnServer, type ServerProcess } from '../../support/process';
import { startTestServer } from '../../support/server';

// openid-client is ESM-only and jest's CommonJS runtime cannot load it, so the platform runs as a
// real server process here (as `npm start` runs it); the provider runs in a process of its own.

const CLIENT = { id: 'county-platform', secret: 'test-secret-0123456789' };
/** Accounts at the provider: id (the subject) → claims. */
const ACCOUNTS = {
  'sub-officer': { preferred_username: 'aj.officer', name: '张伟' },
  'sub-stranger': { preferred_username: 'no.such.user', name: '路人' },
  'sub-chief': { preferred_username: 'aj.chief', name: '李明' },
};

interface Provider {
  issuer: string;
  child: ChildProcess;
  stderr(): string;
}

function startProvider(redirectUri: string): Promise<Provider> {
  const child = spawn(process.execPath, [path.join(ROOT, 'tests/support/oidc-provider.mjs')], {
    cwd: ROOT,
    env: {
      ...process.env,
      OIDC_CLIENT_ID: CLIENT.id,
      OIDC_CLIENT_SECRET: CLIENT.secret,
      OIDC_REDIRECT_URI: redirectUri,
      OIDC_ACCOUNTS: JSON.stringify(ACCOUNTS),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`认证平台未启动：${err}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`认证平台已退出（${code}）：${err}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      resolve({
        issuer: (JSON.parse(line) as { issuer: string }).issuer,
        child,
        stderr: () => err,
      });
    });
  });
}

async function stop(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** This test file's database, as a MONGODB_URI for a server process. */
function databaseUri(name: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/]+)\/?[^?]*(\?.*)?$/.exec(testDatabaseUri());
  if (!match) throw new Error(`无法解析 TEST_MONGODB_URI：${testDatabaseUri()}`);
  return `${match[1]}/${name}${match[2] ?? ''}`;
}

async function startPlatform(port: number, env: Record<string, string>): Promise<ServerProcess> {
  const server = spawnServer({ PORT: String(port), SEED_DEMO: 'never', ...env });
  await server.waitForLog((line) => String(line.msg).startsWith('平台已启动'), 30_000);
  return server;
}

interface Cookie {
  name: string;
  value: string;
  path: string;
}

/** Enough of a browser: cookies kept per host and path, redirects followed by hand. */
class Browser {
  private readonly jars = new Map<string, Cookie[]>();

  cookie(url: string, name: string): string | undefined {
    return this.jars.get(new URL(url).host)?.find((c) => c.name === name)?.value;
  }

  async request(url: string, form?: Record<string, string>) {
    const target = new URL(url);
    const cookies = (this.jars.get(target.host) ?? []).filter(
      (c) =>
        target.pathname === c.path ||
        target.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`),
    );
    const res = await fetch(target, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        ...(cookies.length
          ? { Cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; ') }
          : {}),
        ...(form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const line of res.headers.getSetCookie()) this.keep(target, line);
    const text = await res.text();
    const location = res.headers.get('location');
    return {
      status: res.status,
      text,
      json: () => JSON.parse(text) as { error: { code: string; message: string } },
      location: location ? new URL(location, target).href : undefined,
    };
  }

  private keep(url: URL, header: string) {
    const [pair = '', ...attributes] = header.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const attr = (key: string) =>
      attributes
        .find((a) => a.toLowerCase().startsWith(`${key}=`))
        ?.slice(key.length + 1)
        .trim();
    const cookiePath = attr('path') ?? url.pathname.replace(/\/[^/]*$/, '') ?? '/';
    const expires = attr('expires');
    const gone =
      attr('max-age') === '0' || (expires !== undefined && new Date(expires) <= new Date());
    const jar = (this.jars.get(url.host) ?? []).filter(
      (c) => !(c.name === name && c.path === cookiePath),
    );
    if (!gone) jar.push({ name, value, path: cookiePath || '/' });
    this.jars.set(url.host, jar);
  }
}

/**
 * Clicks "统一身份认证登录" and goes through the provider's sign-in and consent pages as `account`,
 * up to the platform's callback. Returns the authorization request and the callback's answer.
 */
async function signIn(
  browser: Browser,
  platform: string,
  account: string,
  options: { tamper?: (callback: URL) => void; cancel?: boolean } = {},
) {
  const start = await browser.request(`${platform}/api/auth/oidc/login`);
  if (start.status !== 302 || !start.location) {
    throw new Error(`登录入口应转到认证平台：${start.status} ${start.text}`);
  }
  const authorization = new URL(start.location);
  let url = start.location;
  for (let step = 0; step < 20; step++) {
    const here = new URL(url);
    if (here.origin === platform && here.pathname === '/api/auth/oidc/callback') {
      options.tamper?.(here);
      const callback = await browser.request(here.href);
      return { authorization, callbackUrl: here.href, callback };
    }
    let page = await browser.request(url);
    const form = /<form[^>]*action="([^"]+)"[^>]*method="post"/.exec(page.text);
    if (page.status === 200 && form && options.cancel) {
      page = await browser.request(`${url}/abort`); // the provider's "cancel" link
    } else if (page.status === 200 && form) {
      const fields: Record<string, string> = {};
      for (const input of page.text.matchAll(
        /<input type="hidden" name="([^"]+)" value="([^"]*)"/g,
      ))
        fields[input[1]!] = input[2]!;
      if (fields.prompt === 'login') Object.assign(fields, { login: account, password: 'any' });
      page = await browser.request(new URL(form[1]!, url).href, fields);
    }
    if (!page.location)
      throw new Error(`认证平台意外应答 ${page.status}：${page.text.slice(0, 500)}`);
    url = page.location;
  }
  throw new Error('认证平台的跳转过多');
}

describe('OpenID Connect login through the provincial identity provider (ROLE-4)', () => {
  const t = useTestDatabase();
  let models: Models;
  let provider: Provider | undefined;
  let platform: ServerProcess | undefined;
  let base: string;

  beforeAll(async () => {
    models = createModels(t.connection, loadConfig({}));
    await ensureIndexes(models, 'embedded');
    await seedDemoCounty(models, () => {});
    const port = await freeLoopbackPort();
    base = `http://127.0.0.1:${port}`;
    provider = await startProvider(`${base}/api/auth/oidc/callback`);
    // No OIDC_REDIRECT_URI: the platform derives it from the request, as it does by default.
    platform = await startPlatform(port, {
      MONGODB_URI: databaseUri(t.connection.name),
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: CLIENT.id,
      OIDC_CLIENT_SECRET: CLIENT.secret,
    });
  }, 60_000);

  afterAll(async () => {
    await stop(platform?.child);
    await stop(provider?.child);
  });

  const oidcLogs = (filter: Record<string, unknown>) =>
    models.loginLogs
      .find({ via: 'oidc', ...filter })
      .sort({ at: 1 })
      .lean()
      .exec();

  test('a login at the live provider opens a session for the mapped staff user', async () => {
    const browser = new Browser();
    const { authorization, callbackUrl, callback } = await signIn(browser, base, 'sub-officer');

    // The authorization request carries state, nonce and a S256 PKCE challenge.
    expect(authorization.origin).toBe(provider!.issuer);
    expect(authorization.searchParams.get('state')).toBeTruthy();
    expect(authorization.searchParams.get('nonce')).toBeTruthy();
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('redirect_uri')).toBe(`${base}/api/auth/oidc/callback`);

    expect(callback.status).toBe(302);
    expect(callback.location).toBe(`${base}/`);
    expect(browser.cookie(base, 'sid')).toBeTruthy();

    const me = await browser.request(`${base}/api/auth/me`);
    expect(me.status).toBe(200);
    const body = JSON.parse(me.text) as { user: { username: string; name: string; id: string } };
    expect(body.user).toMatchObject({ username: 'aj.officer', name: '张伟' });
    const providers = await browser.request(`${base}/api/auth/providers`);
    expect(JSON.parse(providers.text)).toEqual({ password: true, oidc: true });

    const officer = await models.users.findOne({ username: 'aj.officer' }).lean().exec();
    const link = await models.identityLinks
      .findById(`${provider!.issuer}|sub-officer`)
      .lean()
      .exec();
    expect(String(link?.userId)).toBe(String(officer!._id));
    const session = await models.sessions.model.findOne({ userId: body.user.id }).lean().exec();
    expect(session?.via).toBe('oidc');
    expect(await oidcLogs({ username: 'aj.officer', outcome: 'success' })).toHaveLength(1);

    // The same callback again (a replayed code and state) is refused.
    const replay = await browser.request(callbackUrl);
    expect(replay.status).toBe(400);
    expect(replay.json().error.code).toBe('oidc_state_invalid');
  });

  test('a second login finds the user by the stored link, not by the username claim', async () => {
    // The provider still says preferred_username=aj.officer; only the link can find the user now.
    await models.users.updateOne({ username: 'aj.officer' }, { $set: { username: 'aj.zhangwei' } });
    try {
      const browser = new Browser();
      const { callback } = await signIn(browser, base, 'sub-officer');
      expect(callback.status).toBe(302);
      const me = await browser.request(`${base}/api/auth/me`);
      expect(JSON.parse(me.text)).toMatchObject({
        user: { username: 'aj.zhangwei', name: '张伟' },
      });
      expect(await models.identityLinks.countDocuments({ subject: 'sub-officer' })).toBe(1);
      expect(await oidcLogs({ username: 'aj.zhangwei', outcome: 'success' })).toHaveLength(1);
    } finally {
      await models.users.updateOne(
        { username: 'aj.zhangwei' },
        { $set: { username: 'aj.officer' } },
      );
    }
  });

  test('a subject with no matching local user is refused with 403 and logged; no user is created', async () => {
    const users = await models.users.countDocuments();
    const browser = new Browser();
    const { callback } = await signIn(browser, base, 'sub-stranger');
    expect(callback.status).toBe(403);
    expect(callback.json().error).toMatchObject({
      code: 'oidc_no_local_user',
      message: expect.stringContaining('no.such.user'),
    });
    expect(browser.cookie(base, 'sid')).toBeUndefined();
    expect(await models.users.countDocuments()).toBe(users);
    expect(await models.identityLinks.countDocuments({ subject: 'sub-stranger' })).toBe(0);
    const [log] = await oidcLogs({ username: 'no.such.user' });
    expect(log).toMatchObject({ outcome: 'failure', reason: expect.stringContaining('没有对应') });
  });

  test('a disabled local user is refused with 403 and logged, and not linked', async () => {
    await models.users.updateOne({ username: 'aj.chief' }, { $set: { status: 'disabled' } });
    const browser = new Browser();
    const { callback } = await signIn(browser, base, 'sub-chief');
    expect(callback.status).toBe(403);
    expect(callback.json().error).toMatchObject({
      code: 'account_disabled',
      message: '账号已停用，请联系管理员',
    });
    expect(await models.identityLinks.countDocuments({ subject: 'sub-chief' })).toBe(0);
    const [log] = await oidcLogs({ username: 'aj.chief' });
    expect(log).toMatchObject({ outcome: 'failure', reason: '账号已停用，请联系管理员' });
    expect(log?.userId).toBeDefined();
  });

  test('a tampered state is refused with 400 and logged', async () => {
    const before = (await oidcLogs({ outcome: 'failure' })).length;
    const browser = new Browser();
    const { callback } = await signIn(browser, base, 'sub-officer', {
      tamper: (url) => url.searchParams.set('state', `${url.searchParams.get('state')}x`),
    });
    expect(callback.status).toBe(400);
    expect(callback.json().error).toMatchObject({
      code: 'oidc_state_invalid',
      message: expect.stringContaining('state'),
    });
    expect(browser.cookie(base, 'sid')).toBeUndefined();
    const logs = await oidcLogs({ outcome: 'failure' });
    expect(logs).toHaveLength(before + 1);
    expect(logs.at(-1)?.reason).toContain('state');
  });

  test('a login cancelled at the provider is refused with 401 and logged', async () => {
    const { callback } = await signIn(new Browser(), base, 'sub-officer', { cancel: true });
    expect(callback.status).toBe(401);
    expect(callback.json().error).toMatchObject({
      code: 'oidc_denied',
      message: expect.stringContaining('access_denied'),
    });
    const logs = await oidcLogs({ outcome: 'failure' });
    expect(logs.at(-1)?.reason).toContain('access_denied');
  });

  test('an issuer that does not answer gives 502 within the timeout, not a hang', async () => {
    // Accepts connections and never answers.
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = await freeLoopbackPort();
    const server = await startPlatform(port, {
      MONGODB_URI: databaseUri(t.connection.name),
      OIDC_ISSUER: `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`,
      OIDC_CLIENT_ID: CLIENT.id,
      OIDC_CLIENT_SECRET: CLIENT.secret,
      OIDC_TIMEOUT_MS: '1000',
    });
    try {
      const t0 = Date.now();
      const res = await new Browser().request(`http://127.0.0.1:${port}/api/auth/oidc/login`);
      expect(Date.now() - t0).toBeLessThan(5000);
      expect(res.status).toBe(502);
      expect(res.json().error).toMatchObject({
        code: 'oidc_unavailable',
        message: expect.stringContaining('1 秒内未响应'),
      });
    } finally {
      await stop(server.child);
      silent.close();
    }
  });

  test('without OIDC_ISSUER both routes answer 404 oidc_disabled, and the attempt is logged', async () => {
    const server = await startTestServer(t.db);
    const logged = () => oidcLogs({ reason: { $regex: '未启用统一身份认证' } });
    const before = (await logged()).length;
    try {
      for (const route of ['/api/auth/oidc/login', '/api/auth/oidc/callback?state=a&code=b']) {
        const res = await fetch(`${server.baseUrl}${route}`, { redirect: 'manual' });
        expect(res.status).toBe(404);
        expect(await res.json()).toEqual({
          error: {
            code: 'oidc_disabled',
            message: '本平台未启用统一身份认证登录（未配置 OIDC_ISSUER），请使用账号密码登录',
          },
        });
      }
      expect(await logged()).toHaveLength(before + 2);
      const providers = await fetch(`${server.baseUrl}/api/auth/providers`);
      expect(await providers.json()).toEqual({ password: true, oidc: false });
    } finally {
      await server.close();
    }
  });
});
