import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { isLiveStatus } from '../cases/case-index';
import type { CaseService } from '../cases';
import type { Database } from '../database/connection';
import type { Api, AuthContext } from '../http/api';
import { AppError } from '../http/errors';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The platform's figures in Prometheus's format (OPS-1). One registry per app, not prom-client's
 * global one: tests start several apps in one process and each must count only its own.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly latency: Histogram<'method' | 'route'>;
  private readonly commands: Counter<'type' | 'outcome'>;
  private readonly commandTime: Histogram<'type'>;
  private readonly ticks: Histogram<'job'>;
  private readonly lastTick: Gauge<'job'>;

  constructor(db: Database) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'http_requests_total',
      help: '请求数，按方法、路由模式与状态码',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.latency = new Histogram({
      name: 'http_request_duration_seconds',
      help: '请求耗时（秒），按方法与路由模式',
      labelNames: ['method', 'route'],
      buckets: SECONDS,
      registers,
    });
    this.commands = new Counter({
      name: 'case_commands_total',
      help: '办件命令数，按类型与结果（applied 已写入 / unchanged 无变化 / refused 被拒绝）',
      labelNames: ['type', 'outcome'],
      registers,
    });
    this.commandTime = new Histogram({
      name: 'case_command_duration_seconds',
      help: '办件命令耗时（秒），含读写数据库',
      labelNames: ['type'],
      buckets: SECONDS,
      registers,
    });
    this.ticks = new Histogram({
      name: 'scheduler_run_duration_seconds',
      help: '后台定时任务每次运行的耗时（秒）',
      labelNames: ['job'],
      buckets: [0.01, 0.1, 0.5, 1, 2, 5, 10, 30, 60],
      registers,
    });
    this.lastTick = new Gauge({
      name: 'scheduler_last_run_timestamp_seconds',
      help: '后台定时任务最近一次运行结束的时间（Unix 秒）',
      labelNames: ['job'],
      registers,
    });
    new Gauge({
      name: 'database_ping_seconds',
      help: '数据库 ping 往返时间（秒）；不应答时为 -1',
      registers,
      async collect() {
        try {
          this.set((await db.ping(2000)) / 1000);
        } catch {
          this.set(-1);
        }
      },
    });
  }

  /** The cases' figures: built once the case service exists (after the middleware is in place). */
  watchCases(cases: CaseService): void {
    const registers = [this.registry];
    new Gauge({
      name: 'cases_open',
      help: '在办办件数（预审、待受理、补正、办理中、暂停）',
      registers,
      collect() {
        let open = 0;
        for (const view of cases.index.all()) if (isLiveStatus(view.status)) open += 1;
        this.set(open);
      },
    });
    new Gauge({
      name: 'case_event_backlog',
      help: '尚未写入或处理完的办件事件所属办件数（in_flight 正在处理，retry 等待重试）',
      labelNames: ['state'],
      registers,
      collect() {
        const { inFlight, retry } = cases.projector.backlog();
        this.set({ state: 'in_flight' }, inFlight);
        this.set({ state: 'retry' }, retry);
      },
    });
    cases.executor.onCommand = (type, outcome, ms) => {
      this.commands.inc({ type, outcome });
      this.commandTime.observe({ type }, ms / 1000);
    };
  }

  /** Counts every request under its route's pattern, never its raw path: ids would flood the labels. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction) => {
      const t0 = performance.now();
      res.on('finish', () => {
        const route = routeOf(req);
        const seconds = (performance.now() - t0) / 1000;
        this.requests.inc({ method: req.method, route, status: String(res.statusCode) });
        this.latency.observe({ method: req.method, route }, seconds);
      });
      next();
    };
  }

  /** Times one run of a background job. */
  async timed<T>(job: string, run: () => Promise<T>): Promise<T> {
    const end = this.ticks.startTimer({ job });
    try {
      return await run();
    } finally {
      end();
      this.lastTick.set({ job }, Date.now() / 1000);
    }
  }
}

function routeOf(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof pattern === 'string') return `${req.baseUrl}${pattern}`;
  if (req.path.startsWith('/assets/')) return '/assets/*';
  if (req.path.startsWith('/portal')) return '/portal/*';
  return req.path.startsWith('/api/') ? 'unmatched' : 'static';
}

/**
 * `GET /metrics`: for a Prometheus scraper with the configured bearer token (a machine has no
 * session), or for a signed-in administrator (CASL `read SystemStatus`).
 */
export function metricsRoute(
  api: Api,
  deps: {
    metrics: Metrics;
    token?: string;
    authenticate(req: Request): Promise<AuthContext | undefined>;
  },
): void {
  api.route({
    method: 'get',
    path: '/metrics',
    access: 'public',
    summary: '运行指标（Prometheus 文本格式）：持令牌的采集器或系统管理员可读',
    tags: ['运行状态'],
    response: { description: 'Prometheus 文本格式的指标' },
    async handler({ req, res }) {
      const header = req.get('authorization') ?? '';
      const given = header.startsWith('Bearer ') ? header.slice(7) : undefined;
      if (!(deps.token && given !== undefined && sameSecret(given, deps.token))) {
        const auth = await deps.authenticate(req);
        if (!auth) throw new AppError(401, 'unauthenticated', '需要采集令牌或系统管理员登录');
        if (!auth.ability.can('read', 'SystemStatus'))
          throw new AppError(403, 'forbidden', '只有系统管理员可以查看运行指标');
      }
      res.type(deps.metrics.registry.contentType);
      res.send(await deps.metrics.registry.metrics());
    },
  });
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
