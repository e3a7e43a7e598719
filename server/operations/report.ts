import { Types } from 'mongoose';
import { civilDateOf, type WorkCalendar } from '../../runtime/calendar';
import {
  FAULT_CLASS_LABELS,
  FAULT_CLASSES,
  type FaultClass,
} from '../../runtime/operations/faults';
import type { StatisticsRow } from '../../runtime/supervision/statistics';
import type { LoginLog, LoginLogModel, OperationLogModel } from '../audit/models';
import type { SupervisionStatistics } from '../supervision/statistics';
import type { Fault, FaultModel } from './fault-model';
import { faultView, monthBounds, type FaultView } from './faults';
import type { Metrics } from './metrics';

/**
 * The monthly operation report (OPS-2): use of the platform by department, logins, API volumes
 * and times as far as this process measured them, and the month's faults against their targets.
 */
export interface ReportDeps {
  faults: FaultModel;
  loginLogs: LoginLogModel;
  operationLogs: OperationLogModel;
  statistics: SupervisionStatistics;
  metrics: Metrics;
  calendar(countyId: string): Promise<WorkCalendar>;
  countyName(countyId: string): Promise<string>;
}

export type DepartmentFigures = Pick<
  StatisticsRow,
  'key' | 'name' | 'received' | 'accepted' | 'concluded' | 'onTime' | 'onTimeRate' | 'overdue'
>;

export interface LoginDay {
  date: string;
  logins: number;
  users: number;
}

export interface ApiRoute {
  method: string;
  route: string;
  requests: number;
  errors: number;
  meanMs: number | null;
}

export interface ApiFigures {
  /** When this process started counting (its figures reset with every restart, per node). */
  since: string;
  requests: number;
  clientErrors: number;
  serverErrors: number;
  meanMs: number | null;
  /** Share of requests answered within 0.5 s, from the histogram's bucket. */
  withinHalfSecond: number | null;
  routes: ApiRoute[];
  note: string;
}

export interface FaultClassFigures {
  faultClass: FaultClass;
  label: string;
  count: number;
  resolved: number;
  responseMet: number;
  responseMissed: number;
  resolutionMet: number;
  resolutionMissed: number;
  meanResponseMinutes: number | null;
  meanResolutionMinutes: number | null;
  outageMinutes: number;
}

export interface MonthlyReport {
  month: string;
  countyName: string;
  from: string;
  to: string;
  generatedAt: string;
  departments: DepartmentFigures[];
  total: DepartmentFigures;
  logins: {
    days: LoginDay[];
    successes: number;
    failures: number;
    lockouts: number;
    activeUsers: number;
    operations: number;
  };
  api: ApiFigures;
  faults: { byClass: FaultClassFigures[]; items: FaultView[] };
}

const pickRow = (r: StatisticsRow): DepartmentFigures => ({
  key: r.key,
  name: r.name,
  received: r.received,
  accepted: r.accepted,
  concluded: r.concluded,
  onTime: r.onTime,
  onTimeRate: r.onTimeRate,
  overdue: r.overdue,
});

const mean = (xs: number[]) =>
  xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null;

export async function monthlyReport(
  deps: ReportDeps,
  countyId: string,
  month: string,
  now: Date,
): Promise<MonthlyReport> {
  const { from, to, days } = monthBounds(month);
  const county = new Types.ObjectId(countyId);
  // Cases received in the month, as 绩效统计 counts them for the same period (SUP-6).
  const { rows, total } = await deps.statistics.query(
    countyId,
    { by: 'department', from: days[0]!, to: days.at(-1)! },
    'received',
    now,
  );
  const [logins, operations, faults, calendar, countyName, api] = await Promise.all([
    loginFigures(deps.loginLogs, county, from, to, days),
    deps.operationLogs.countDocuments({ countyId: county, at: { $gte: from, $lt: to } }).exec(),
    deps.faults
      .find({ countyId: county, reportedAt: { $gte: from, $lt: to } })
      .sort({ reportedAt: 1 })
      .lean<Fault[]>()
      .exec(),
    deps.calendar(countyId),
    deps.countyName(countyId),
    apiFigures(deps.metrics),
  ]);
  const items = faults.map((f) => faultView(f, calendar, now));
  return {
    month,
    countyName,
    from: from.toISOString(),
    to: to.toISOString(),
    generatedAt: now.toISOString(),
    departments: rows.map(pickRow),
    total: pickRow(total),
    logins: { ...logins, operations },
    api,
    faults: { byClass: faultClasses(items), items },
  };
}

async function loginFigures(
  loginLogs: LoginLogModel,
  countyId: Types.ObjectId,
  from: Date,
  to: Date,
  days: string[],
) {
  const perDay = new Map(days.map((d) => [d, { logins: 0, users: new Set<string>() }]));
  const users = new Set<string>();
  let failures = 0;
  let lockouts = 0;
  let successes = 0;
  // Failures under unknown names carry no county and stay out: they are no one's use.
  const cursor = loginLogs
    .find({ countyId, at: { $gte: from, $lt: to } }, { at: 1, outcome: 1, userId: 1, username: 1 })
    .lean<LoginLog[]>()
    .cursor();
  for await (const log of cursor) {
    if (log.outcome === 'failure') failures += 1;
    if (log.outcome === 'lockout') lockouts += 1;
    if (log.outcome !== 'success') continue;
    successes += 1;
    const who = String(log.userId ?? log.username);
    users.add(who);
    const day = perDay.get(civilDateOf(log.at));
    if (!day) continue;
    day.logins += 1;
    day.users.add(who);
  }
  return {
    days: [...perDay].map(([date, d]) => ({ date, logins: d.logins, users: d.users.size })),
    successes,
    failures,
    lockouts,
    activeUsers: users.size,
  };
}

interface Sample {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
}

async function samples(metrics: Metrics, name: string): Promise<Sample[]> {
  const metric = metrics.registry.getSingleMetric(name);
  return metric ? ((await metric.get()).values as Sample[]) : [];
}

/**
 * What prom-client holds: counts since this process started, on this node only. A month's
 * figures over restarts and nodes are Prometheus's to keep (it scrapes /metrics); the report
 * says so rather than pretend these cover the month.
 */
export async function apiFigures(metrics: Metrics): Promise<ApiFigures> {
  const [requests, latency, started] = await Promise.all([
    samples(metrics, 'http_requests_total'),
    samples(metrics, 'http_request_duration_seconds'),
    samples(metrics, 'process_start_time_seconds'),
  ]);
  const routes = new Map<string, ApiRoute & { seconds: number; timed: number }>();
  const routeOf = (method: string, route: string) => {
    const key = `${method} ${route}`;
    let r = routes.get(key);
    if (!r)
      routes.set(
        key,
        (r = { method, route, requests: 0, errors: 0, meanMs: null, seconds: 0, timed: 0 }),
      );
    return r;
  };
  let count = 0;
  let clientErrors = 0;
  let serverErrors = 0;
  for (const s of requests) {
    const route = String(s.labels.route);
    // The studio's files and the portal's pages are not the API.
    if (!route.startsWith('/api/')) continue;
    const status = Number(s.labels.status);
    const r = routeOf(String(s.labels.method), route);
    r.requests += s.value;
    count += s.value;
    if (status >= 500) {
      serverErrors += s.value;
      r.errors += s.value;
    } else if (status >= 400) clientErrors += s.value;
  }
  let seconds = 0;
  let timed = 0;
  let fast = 0;
  for (const s of latency) {
    const route = String(s.labels.route);
    if (!route.startsWith('/api/')) continue;
    const r = routeOf(String(s.labels.method), route);
    if (s.metricName?.endsWith('_sum')) {
      r.seconds += s.value;
      seconds += s.value;
    } else if (s.metricName?.endsWith('_count')) {
      r.timed += s.value;
      timed += s.value;
    } else if (s.metricName?.endsWith('_bucket') && Number(s.labels.le) === 0.5) fast += s.value;
  }
  const ms = (sec: number, n: number) => (n ? Math.round((sec / n) * 10_000) / 10 : null);
  const since = started[0] ? new Date(started[0].value * 1000).toISOString() : '';
  return {
    since,
    requests: count,
    clientErrors,
    serverErrors,
    meanMs: ms(seconds, timed),
    withinHalfSecond: timed ? Math.round((fast / timed) * 1000) / 1000 : null,
    routes: [...routes.values()]
      .map(({ seconds: s, timed: n, ...r }) => ({ ...r, meanMs: ms(s, n) }))
      .sort((a, b) => b.requests - a.requests)
      .slice(0, 15),
    note:
      '接口请求量与响应时间取自本服务进程的运行指标（/metrics），自进程启动时起累计，仅含本节点，重启后归零；' +
      '整月各节点的数字以 Prometheus 对 /metrics 的采集记录为准。',
  };
}

function faultClasses(items: FaultView[]): FaultClassFigures[] {
  return FAULT_CLASSES.map((c) => {
    const of = items.filter((f) => f.faultClass === c);
    return {
      faultClass: c,
      label: FAULT_CLASS_LABELS[c],
      count: of.length,
      resolved: of.filter((f) => f.state === 'resolved').length,
      responseMet: of.filter((f) => f.responseMet === true).length,
      responseMissed: of.filter((f) => f.responseMet === false).length,
      resolutionMet: of.filter((f) => f.resolutionMet === true).length,
      resolutionMissed: of.filter((f) => f.resolutionMet === false).length,
      meanResponseMinutes: mean(
        of.flatMap((f) => (f.responseMinutes === null ? [] : [f.responseMinutes])),
      ),
      meanResolutionMinutes: mean(
        of.flatMap((f) => (f.resolutionMinutes === null ? [] : [f.resolutionMinutes])),
      ),
      outageMinutes: of.reduce((s, f) => s + (f.outageMinutes ?? 0), 0),
    };
  });
}
