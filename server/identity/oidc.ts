import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import type { Configuration } from 'openid-client';
import { z } from 'zod';
import type { Config } from '../config';
import type { Api } from '../http/api';
import { AppError, toAppError } from '../http/errors';
import { setSessionCookie } from './auth';
import { logLogin, openSession, type LoginDeps } from './login';
import type { IdentityLinkModel, OidcLoginModel } from './oidc-models';
import type { User } from './user-model';

type OpenIdClient = typeof import('openid-client');

export type OidcConfig = Pick<
  Config,
  | 'COOKIE_SECURE'
  | 'OIDC_ISSUER'
  | 'OIDC_CLIENT_ID'
  | 'OIDC_CLIENT_SECRET'
  | 'OIDC_REDIRECT_URI'
  | 'OIDC_USERNAME_CLAIM'
  | 'OIDC_TIMEOUT_MS'
>;

export interface OidcDeps extends LoginDeps {
  oidcLogins: OidcLoginModel;
  identityLinks: IdentityLinkModel;
  config: OidcConfig;
}

export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';
/** How long a user may spend at the provider before the pending login is void. */
export const OIDC_LOGIN_TTL_MS = 10 * 60_000;
const STATE_COOKIE = 'oidc_state';
const STATE_COOKIE_PATH = '/api/auth/oidc';
const SCOPE = 'openid profile';
/** Login-log name while the provider has not yet said who the user is. */
const UNIDENTIFIED = '(未识别)';

// ESM-only: loaded on first use, so an app that never uses OIDC never loads it.
let library: Promise<OpenIdClient> | undefined;
const openIdClient = () => (library ??= import('openid-client'));

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const describeCause = (err: unknown): string => {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return err instanceof Error ? err.message : String(err);
};

/** What went wrong talking to the provider, as the error the caller sees. */
function providerError(lib: OpenIdClient, err: unknown, config: OidcConfig): AppError {
  if (err instanceof AppError) return err;
  const seconds = config.OIDC_TIMEOUT_MS / 1000;
  const details = { issuer: config.OIDC_ISSUER };
  const unavailable = (why: string) =>
    new AppError(
      502,
      'oidc_unavailable',
      `统一身份认证平台暂时无法使用（${why}），请稍后重试或改用账号密码登录`,
      details,
    );
  if (err instanceof lib.AuthorizationResponseError) {
    return new AppError(
      401,
      'oidc_denied',
      `统一身份认证平台未完成登录：${err.error}${err.error_description ? `（${err.error_description}）` : ''}`,
      { ...details, error: err.error },
    );
  }
  if (err instanceof lib.ResponseBodyError) {
    if (err.status >= 500) return unavailable(`应答 HTTP ${err.status}`);
    return new AppError(
      401,
      'oidc_rejected',
      `统一身份认证平台拒绝了本次登录：${err.error}${err.error_description ? `（${err.error_description}）` : ''}，请重新登录`,
      { ...details, error: err.error },
    );
  }
  if (err instanceof lib.ClientError) {
    switch (err.code) {
      case 'OAUTH_TIMEOUT':
      case 'OAUTH_ABORT':
        return unavailable(`${seconds} 秒内未响应`);
      case 'OAUTH_RESPONSE_IS_NOT_CONFORM':
      case 'OAUTH_RESPONSE_IS_NOT_JSON':
        return unavailable(`应答不合规范：${describeCause(err)}`);
    }
    return new AppError(
      401,
      'oidc_invalid_response',
      `统一身份认证平台的应答未通过校验（${err.message}），请重新登录`,
      { ...details, reason: err.code },
    );
  }
  // undici reports refused connections, DNS and TLS failures as a TypeError "fetch failed".
  if (err instanceof TypeError && err.message === 'fetch failed') {
    return unavailable(`无法连接：${describeCause(err)}`);
  }
  return toAppError(err);
}

function cookieSecure(req: Request, config: OidcConfig): boolean {
  return config.COOKIE_SECURE === 'true' || (config.COOKIE_SECURE === 'auto' && req.secure);
}

function redirectUriFor(req: Request, config: OidcConfig): string {
  if (config.OIDC_REDIRECT_URI) return config.OIDC_REDIRECT_URI;
  const host = req.get('host');
  if (!host) throw new AppError(400, 'bad_request', '请求缺少 Host 头，无法确定登录回调地址');
  return `${req.protocol}://${host}${OIDC_CALLBACK_PATH}`;
}

const callbackQuery = z.object({
  state: z.string().max(512).optional(),
  code: z.string().max(4096).optional(),
  iss: z.string().max(2048).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(2048).optional(),
});

/** OpenID Connect login through the provincial identity provider (ROLE-4). */
export function oidcRoutes(api: Api, deps: OidcDeps): void {
  const { config, users, oidcLogins, identityLinks } = deps;

  function enabled() {
    const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET } = config;
    if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) {
      throw new AppError(
        404,
        'oidc_disabled',
        '本平台未启用统一身份认证登录（未配置 OIDC_ISSUER），请使用账号密码登录',
      );
    }
    return { issuer: OIDC_ISSUER, clientId: OIDC_CLIENT_ID, clientSecret: OIDC_CLIENT_SECRET };
  }

  // Discovered on first use and kept; a failed discovery is forgotten so the next login retries.
  let discovered: Promise<Configuration> | undefined;
  async function provider() {
    const settings = enabled();
    const lib = await openIdClient();
    if (!discovered) {
      const issuer = new URL(settings.issuer);
      const attempt = lib
        .discovery(
          issuer,
          settings.clientId,
          undefined,
          lib.ClientSecretBasic(settings.clientSecret),
          {
            timeout: config.OIDC_TIMEOUT_MS / 1000,
            // Config refuses plain HTTP except on this machine (development and tests).
            execute: issuer.protocol === 'http:' ? [lib.allowInsecureRequests] : [],
          },
        )
        .catch((err: unknown) => {
          if (discovered === attempt) discovered = undefined;
          throw providerError(lib, err, config);
        });
      discovered = attempt;
    }
    return { lib, server: await discovered };
  }

  /** Runs one step of the login; any failure is written to the login log before it answers. */
  async function logged(
    req: Request,
    attempt: { username: string; user?: User },
    work: () => Promise<void>,
  ) {
    try {
      await work();
    } catch (err) {
      await logLogin(deps, req, {
        username: attempt.username,
        user: attempt.user,
        outcome: 'failure',
        reason: toAppError(err).message.slice(0, 300),
        via: 'oidc',
      }).catch((logError: unknown) => req.log?.error({ err: logError }, '登录日志写入失败'));
      throw err;
    }
  }

  const refused = (code: string, message: string) => new AppError(403, code, message);

  /** The local user a verified subject stands for: by its link, else by the username claim. */
  async function userFor(
    lib: OpenIdClient,
    server: Configuration,
    tokens: Awaited<ReturnType<OpenIdClient['authorizationCodeGrant']>>,
    attempt: { username: string; user?: User },
  ): Promise<{ user: User; linkId: string }> {
    const claims = tokens.claims();
    const issuer = server.serverMetadata().issuer;
    const subject = claims?.sub;
    if (typeof subject !== 'string') {
      throw new AppError(401, 'oidc_invalid_response', '统一身份认证平台未返回用户标识（sub）');
    }
    attempt.username = `oidc:${subject}`;
    const linkId = `${issuer}|${subject}`;
    const link = await identityLinks.findById(linkId).lean().exec();
    if (link) {
      const user = await users.findById(link.userId).lean<User>().exec();
      if (!user) {
        throw refused(
          'oidc_user_missing',
          '与该统一身份认证账号关联的本平台账号已不存在，请联系管理员',
        );
      }
      attempt.username = user.username;
      attempt.user = user;
      return { user, linkId };
    }

    const claimName = config.OIDC_USERNAME_CLAIM;
    let claimed = claims?.[claimName];
    if (claimed === undefined) {
      // Providers often put profile claims in UserInfo only, not in the ID token.
      const info = await lib
        .fetchUserInfo(server, tokens.access_token, subject)
        .catch((err: unknown) => {
          throw providerError(lib, err, config);
        });
      claimed = info[claimName];
    }
    if (typeof claimed !== 'string' || !claimed.trim()) {
      throw refused(
        'oidc_claim_missing',
        `统一身份认证平台没有提供 ${claimName}，无法对应本平台账号，请联系管理员`,
      );
    }
    attempt.username = claimed.trim();
    const user = await users
      .findOne({ username: claimed.trim().toLowerCase() })
      .lean<User>()
      .exec();
    if (!user) {
      throw refused(
        'oidc_no_local_user',
        `统一身份认证账号「${attempt.username}」在本平台没有对应的工作人员账号，请联系管理员开通`,
      );
    }
    attempt.username = user.username;
    attempt.user = user;
    if (user.status !== 'active') return { user, linkId }; // refused by the caller, not linked
    // A user already bound to another subject is not taken over by a reused username.
    const other = await identityLinks.findOne({ userId: user._id, issuer }).lean().exec();
    if (other) {
      throw refused(
        'oidc_link_conflict',
        `本平台账号「${user.username}」已与另一个统一身份认证账号关联，请联系管理员`,
      );
    }
    const now = new Date();
    await identityLinks
      .create({
        _id: linkId,
        issuer,
        subject,
        userId: user._id,
        username: user.username,
        createdAt: now,
        lastUsedAt: now,
      })
      .catch(async (err: { code?: number }) => {
        // Two first logins at once: the other one made the same link.
        if (err.code !== 11000) throw err;
        const made = await identityLinks.findById(linkId).lean().exec();
        if (String(made?.userId) !== String(user._id)) throw err;
      });
    return { user, linkId };
  }

  api.route({
    method: 'get',
    path: '/api/auth/providers',
    access: 'public',
    summary: '可用的登录方式（登录页据此显示统一身份认证按钮）',
    tags: ['登录'],
    response: { description: '登录方式' },
    handler: () => ({
      password: true,
      oidc: Boolean(config.OIDC_ISSUER && config.OIDC_CLIENT_ID && config.OIDC_CLIENT_SECRET),
    }),
  });

  api.route({
    method: 'get',
    path: '/api/auth/oidc/login',
    access: 'public',
    status: 302,
    summary: '统一身份认证登录（OpenID Connect）：转到省统一身份认证平台',
    tags: ['登录'],
    response: { description: '转到统一身份认证平台的登录页' },
    async handler({ req, res }) {
      await logged(req, { username: UNIDENTIFIED }, async () => {
        const { lib, server } = await provider();
        const state = lib.randomState();
        const nonce = lib.randomNonce();
        const codeVerifier = lib.randomPKCECodeVerifier();
        const redirectUri = redirectUriFor(req, config);
        const now = new Date();
        await oidcLogins.deleteMany({ expiresAt: { $lte: now } }).exec();
        await oidcLogins.create({
          _id: state,
          nonce,
          codeVerifier,
          redirectUri,
          createdAt: now,
          expiresAt: new Date(now.getTime() + OIDC_LOGIN_TTL_MS),
        });
        // Ties the callback to this browser, so nobody can complete a login they started in another.
        res.cookie(STATE_COOKIE, state, {
          httpOnly: true,
          sameSite: 'lax',
          secure: cookieSecure(req, config),
          path: STATE_COOKIE_PATH,
          maxAge: OIDC_LOGIN_TTL_MS,
        });
        const target = lib.buildAuthorizationUrl(server, {
          redirect_uri: redirectUri,
          scope: SCOPE,
          state,
          nonce,
          code_challenge: await lib.calculatePKCECodeChallenge(codeVerifier),
          code_challenge_method: 'S256',
        });
        res.redirect(target.href);
      });
    },
  });

  api.route({
    method: 'get',
    path: OIDC_CALLBACK_PATH,
    access: 'public',
    status: 302,
    summary: '统一身份认证登录回调：核验后建立会话并转到首页',
    tags: ['登录'],
    query: callbackQuery,
    response: { description: '已登录，转到首页' },
    async handler({ req, res, query }) {
      const attempt: { username: string; user?: User } = { username: UNIDENTIFIED };
      await logged(req, attempt, async () => {
        enabled();
        const cookie = (req.cookies as Record<string, unknown> | undefined)?.[STATE_COOKIE];
        res.clearCookie(STATE_COOKIE, { path: STATE_COOKIE_PATH });
        if (!query.state) {
          throw new AppError(400, 'oidc_state_missing', '登录回调缺少 state 参数，请重新登录');
        }
        if (typeof cookie !== 'string' || !sameText(cookie, query.state)) {
          throw new AppError(
            400,
            'oidc_state_invalid',
            '登录回调的 state 与本浏览器发起的登录不符，已拒绝；请重新登录',
          );
        }
        const pending = await oidcLogins.findOneAndDelete({ _id: query.state }).lean().exec();
        if (!pending) {
          throw new AppError(
            400,
            'oidc_state_invalid',
            '登录请求不存在或已使用过，已拒绝；请重新登录',
          );
        }
        if (pending.expiresAt <= new Date()) {
          throw new AppError(
            400,
            'oidc_state_expired',
            `登录未在 ${OIDC_LOGIN_TTL_MS / 60_000} 分钟内完成，已失效；请重新登录`,
          );
        }

        const { lib, server } = await provider();
        // The provider answered at the registered redirect URI; rebuild that URL with its query.
        const current = new URL(pending.redirectUri);
        current.search = new URL(req.originalUrl, 'http://callback.invalid').search;
        const tokens = await lib
          .authorizationCodeGrant(server, current, {
            pkceCodeVerifier: pending.codeVerifier,
            expectedState: query.state,
            expectedNonce: pending.nonce,
            idTokenExpected: true,
          })
          .catch((err: unknown) => {
            throw providerError(lib, err, config);
          });

        const { user, linkId } = await userFor(lib, server, tokens, attempt);
        if (user.status !== 'active') {
          throw refused('account_disabled', '账号已停用，请联系管理员');
        }
        await identityLinks.updateOne({ _id: linkId }, { $set: { lastUsedAt: new Date() } }).exec();
        const { token, session } = await openSession(deps, user, 'oidc', req);
        setSessionCookie(req, res, config, token, session);
        res.redirect('/');
      });
    },
  });
}
