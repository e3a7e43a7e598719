import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { faultTargetsSetting } from './operations/fault-targets';

const byteSize = z
  .string()
  .regex(/^\d+(b|kb|mb)$/i, '应为形如 512kb 或 1mb 的大小')
  .transform((value) => value.toLowerCase());

const optionalPath = z
  .string()
  .trim()
  .min(1)
  .optional()
  .transform((value) => (value === undefined ? undefined : path.resolve(value)));

/** Tokens and the client secret travel to the issuer: plain HTTP only on this machine. */
function httpsOrLoopback(value: string): boolean {
  if (!URL.canParse(value)) return true; // reported by z.url already
  const url = new URL(value);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  return url.protocol === 'https:' || (url.protocol === 'http:' && loopback);
}

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  // 0 asks the OS for a free port (used by tests that start several servers).
  PORT: z.coerce
    .number({ error: '应为 0–65535 之间的整数' })
    .int('应为整数')
    .min(0)
    .max(65535)
    .default(3000),
  MONGODB_URI: z
    .string()
    .trim()
    .regex(/^mongodb(\+srv)?:\/\/.+/, '应以 mongodb:// 或 mongodb+srv:// 开头')
    .optional(),
  DATA_DIR: z
    .string()
    .min(1)
    .default('./data')
    .transform((value) => path.resolve(value)),
  FERRETDB_BIN: optionalPath,
  /** SQLite's synchronous setting for the embedded database (docs/database.md, durability). */
  EMBEDDED_DB_SYNC: z.enum(['normal', 'full']).default('normal'),
  CACHE_DIR: z
    .string()
    .min(1)
    .default(
      path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'county-platform'),
    )
    .transform((value) => path.resolve(value)),
  DB_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(5000),
  JSON_BODY_LIMIT: byteSize.default('1mb'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Days the run logs are kept in the database (system_logs, OPS-1); a background job purges older.
  LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  // How often the lease holder runs the scheduler's tick and the supervision scan (seconds).
  CASE_JOBS_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  // The reverse proxy's certificate (PEM), watched for expiry on the status page; we serve HTTP.
  HTTPS_CERT_FILE: optionalPath,
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  STUDIO_BUILD: z.enum(['auto', 'skip']).default('auto'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  // auto: Secure cookies when the request arrived over HTTPS (directly or via a loopback proxy).
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  SEED_DEMO: z.enum(['auto', 'never']).default('auto'),
  // How often the cases' trail heads are anchored: signed SM3 Merkle roots (RUN-7).
  /** Bearer token of the Prometheus scraper for /metrics (OPS-1); unset, only administrators read it. */
  METRICS_TOKEN: z.string().min(32, '至少 32 个字符').optional(),
  // Response and restoration times per fault class (OPS-3, docs/operations.md).
  FAULT_TARGETS: faultTargetsSetting,
  TRAIL_ANCHOR_MINUTES: z.coerce.number().int().min(1).max(1440).default(5),
  // Per client address; a county office behind one NAT address logs in many staff at 8:30.
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(200).default(20),
  // Master key for citizens' personal data at rest (SM4 + HMAC-SM3); see docs/access.md.
  DATA_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, '应为 64 位十六进制（256 位密钥）')
    .optional(),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  // Work whose time depends on what users send runs in worker threads (server/sandbox, PROC-4).
  VERIFY_TIME_BUDGET_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
  SANDBOX_THREADS: z.coerce.number().int().min(1).max(16).default(1),
  // Room for a reviewer's burst of approvals, each re-verified (20 at once in CAT-4's test).
  SANDBOX_QUEUE: z.coerce.number().int().min(0).max(1000).default(32),
  // Failed logins per client address per quarter hour, across all accounts (ROLE-4).
  LOGIN_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(20),
  // OpenID Connect login through the provincial identity provider (ROLE-4); unset: off.
  OIDC_ISSUER: z
    .url({ error: '应为统一身份认证平台的地址（issuer），如 https://sso.example.gov.cn' })
    .refine(httpsOrLoopback, '应为 https 地址（仅本机 127.0.0.1 / localhost 可用 http）')
    .optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).max(200).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(500).optional(),
  // Unset: derived from each request (its scheme and Host) as …/api/auth/oidc/callback.
  OIDC_REDIRECT_URI: z
    .url({
      protocol: /^https?$/,
      error: '应为本平台的登录回调地址，如 https://zwfw.example.gov.cn/api/auth/oidc/callback',
    })
    .refine(
      (value) =>
        !URL.canParse(value) || new URL(value).pathname.endsWith('/api/auth/oidc/callback'),
      '路径应以 /api/auth/oidc/callback 结尾（本平台的登录回调接口）',
    )
    .optional(),
  OIDC_USERNAME_CLAIM: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, '应为声明（claim）名，如 preferred_username')
    .default('preferred_username'),
  OIDC_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(5000),
  // Notifications (RUN-15, docs/notifications.md): e-mail over SMTP, SMS through an HTTP gateway.
  SMTP_URL: z
    .string()
    .trim()
    .regex(
      /^smtps?:\/\/.+/,
      '应以 smtp:// 或 smtps:// 开头，如 smtps://user:pass@mail.example.gov.cn',
    )
    .optional(),
  SMTP_HOST: z.string().trim().min(1).max(255).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_USER: z.string().min(1).max(255).optional(),
  SMTP_PASS: z.string().min(1).max(500).optional(),
  SMTP_FROM: z.string().trim().min(3).max(255).default('政务服务平台 <noreply@localhost>'),
  SMS_GATEWAY_URL: z.url({ protocol: /^https?$/, error: '应为短信网关的 http(s) 地址' }).optional(),
  SMS_GATEWAY_TOKEN: z.string().min(1).max(500).optional(),
  // Links in notices to the applicant (the portal's result query); unset: the path alone.
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/, error: '应为门户对外的地址，如 https://zwfw.example.gov.cn' })
    .optional(),
});

/** An issuer without its client is a half-done set-up: stop at start-up, not at first login. */
function oidcClientRequired(config: z.infer<typeof configSchema>, ctx: z.RefinementCtx) {
  if (!config.OIDC_ISSUER) return;
  for (const key of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const) {
    if (!config[key])
      ctx.addIssue({ code: 'custom', path: [key], message: '设置了 OIDC_ISSUER 时必填' });
  }
}

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`配置错误：\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the configuration from an environment; empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  const parsed = configSchema.superRefine(oidcClientRequired).safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        const given = input[name];
        return `${name}=${JSON.stringify(given ?? '')}：${issue.message}`;
      }),
    );
  }
  return parsed.data;
}

/** The URI with its password hidden, fit for logs and error messages. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');
}

/** For command-line tools: the configuration, or undefined after saying what is wrong with it. */
export function configOrSay(say: (m: string) => void): Config | undefined {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      say(err.message);
      return undefined;
    }
    throw err;
  }
}
