import type { Connection } from 'mongoose';
import { z } from 'zod';
import type { CaseService } from '../cases';
import type { DepartmentSystemModel } from '../cases/department-systems';
import type { Config } from '../config';
import type { Database } from '../database/connection';
import { findPage } from '../database/paging';
import type { Api, AuthContext } from '../http/api';
import { AppError } from '../http/errors';
import { escapeRegExp, page } from '../http/schemas';
import type { PersonalDataCipher } from '../identity/personal-data';
import { CASE_JOBS_MS, LOG_PURGE_MS, SEND_NOTICES_MS } from '../jobs';
import { JobRuns } from './job-runs';
import { SystemStatus } from './status';
import {
  LOG_LEVEL_NAMES,
  LOG_LEVELS,
  type SystemLog,
  type SystemLogModel,
  type SystemLogSink,
} from './system-logs';

export interface SystemStatusDeps {
  config: Pick<
    Config,
    'DATA_DIR' | 'HTTPS_CERT_FILE' | 'LOG_RETENTION_DAYS' | 'TRAIL_ANCHOR_MINUTES'
  > &
    Partial<Pick<Config, 'CASE_JOBS_SECONDS'>>;
  db: Database;
  connection: Connection;
  cases: Pick<CaseService, 'index'>;
  systemLogs: SystemLogModel;
  /** The logger's destination into `system_logs`; absent when logs are only printed (tests). */
  sink?: SystemLogSink;
  departmentSystems: DepartmentSystemModel;
  cipher: PersonalDataCipher;
  /** Background work that runs outside jobs.ts, tracked by wrapping its entry point. */
  sender?: { tick(): Promise<unknown> };
  trailAnchors?: { anchorNow(): Promise<unknown> };
}

export interface SystemStatusParts {
  /** What background work last did; jobs.ts reports into it. */
  jobRuns: JobRuns;
  status: SystemStatus;
}

function mustBeAdministrator(auth: AuthContext): void {
  if (!auth.ability.can('read', 'SystemStatus'))
    throw new AppError(403, 'forbidden', '只有系统管理员可以查看系统状态和运行日志');
}

/** 系统状态 and 运行日志 (OPS-1, ROLE-5): `/api/operations/status` and `/api/operations/logs`. */
export function mountSystemStatus(api: Api, deps: SystemStatusDeps): SystemStatusParts {
  const jobRuns = new JobRuns();
  const caseJobsMs = (deps.config.CASE_JOBS_SECONDS ?? CASE_JOBS_MS / 1000) * 1000;
  jobRuns.declare('caseJobs', '办件定时任务（到期提醒、计时器）', caseJobsMs);
  jobRuns.declare('supervisionScan', '电子监察时效扫描', caseJobsMs);
  jobRuns.declare('projectionRetry', '办件投影补写（每个节点）', caseJobsMs);
  jobRuns.declare('notifications', '通知发送', SEND_NOTICES_MS);
  jobRuns.declare('trailAnchors', '操作痕迹锚定', deps.config.TRAIL_ANCHOR_MINUTES * 60_000);
  jobRuns.declare('systemLogPurge', '运行日志清理', LOG_PURGE_MS);
  if (deps.sender) jobRuns.instrument(deps.sender, 'tick', 'notifications');
  if (deps.trailAnchors) jobRuns.instrument(deps.trailAnchors, 'anchorNow', 'trailAnchors');
  const status = new SystemStatus({ ...deps, jobRuns });

  api.route({
    method: 'get',
    path: '/api/operations/status',
    access: 'staff',
    summary: '系统状态：数据库、本节点、后台任务、磁盘、证书、在办件与近期错误',
    tags: ['运行状态'],
    response: { description: '系统状态' },
    async handler({ auth }) {
      mustBeAdministrator(auth);
      return status.read();
    },
  });

  api.route({
    method: 'get',
    path: '/api/operations/logs',
    access: 'staff',
    summary: '运行日志：按级别（及以上）、时间段与文字查询，最新的在前',
    tags: ['运行状态'],
    // Plain key=value only (the app's query parser): `q[$gt]=` is an unknown key, refused here.
    query: z
      .object({
        level: z.enum(LOG_LEVEL_NAMES).optional(),
        q: z.string().trim().max(100).optional(),
        from: z.coerce.date().optional(),
        to: z.coerce.date().optional(),
        ...page,
      })
      .strict(),
    response: { description: '运行日志' },
    async handler({ auth, query }) {
      mustBeAdministrator(auth);
      const where: Record<string, unknown> = {};
      if (query.level) where.levelValue = { $gte: LOG_LEVELS[query.level] };
      if (query.from || query.to)
        where.at = {
          ...(query.from ? { $gte: query.from } : {}),
          ...(query.to ? { $lte: query.to } : {}),
        };
      if (query.q) {
        // Text, never a pattern: "a.b" finds "a.b" only.
        const text = new RegExp(escapeRegExp(query.q), 'i');
        where.$or = [{ msg: text }, { context: text }];
      }
      return findPage(deps.systemLogs, where, { at: -1, _id: -1 }, query, viewOf);
    },
  });

  return { jobRuns, status };
}

function viewOf(row: SystemLog) {
  return {
    id: String(row._id),
    at: row.at,
    level: row.level,
    msg: row.msg,
    module: row.module,
    reqId: row.reqId,
    userId: row.userId,
    node: row.node,
    context: row.context,
  };
}
