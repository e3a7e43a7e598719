import type { NodeSeen } from './lease';
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile, statfs } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { CaseService } from '../cases';
import { isLiveStatus } from '../cases/case-index';
import type { DepartmentSystemModel } from '../cases/department-systems';
import type { Config } from '../config';
import type { Database } from '../database/connection';
import type { PersonalDataCipher } from '../identity/personal-data';
import { anchorCollections } from '../trail-anchors/models';
import { AnchorKeyError, loadAnchorKey } from '../trail-anchors/signing';
import type { JobRun, JobRuns } from './job-runs';
import { LOG_LEVELS, type SystemLogModel, type SystemLogSink } from './system-logs';
import { version } from '../../package.json';

/** green, amber, red; `none` for what is not set up (grey on the page). */
export type State = 'ok' | 'warn' | 'error' | 'none';

const RANK: Record<State, number> = { none: 0, ok: 1, warn: 2, error: 3 };
export const worst = (...states: State[]): State =>
  states.reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'ok');

const DAY = 86_400_000;
/** A probe that does not answer within this is reported as such; the page must not hang. */
const PROBE_MS = 3000;

function within<T>(promise: Promise<T>, ms = PROBE_MS): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${ms} 毫秒内无应答`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** The commit this checkout runs, read once from .git (no child process); undefined if none. */
function readCommit(): string | undefined {
  if (process.env.GIT_COMMIT) return process.env.GIT_COMMIT.slice(0, 40);
  try {
    let gitDir = path.resolve(__dirname, '../../.git');
    // A worktree's .git is a file naming its folder; branches live in the common folder.
    if (statSync(gitDir).isFile()) {
      const pointer = readFileSync(gitDir, 'utf8').trim();
      gitDir = path.resolve(path.dirname(gitDir), pointer.replace(/^gitdir:/, '').trim());
    }
    const common = existsSync(path.join(gitDir, 'commondir'))
      ? path.resolve(gitDir, readFileSync(path.join(gitDir, 'commondir'), 'utf8').trim())
      : gitDir;
    const head = readFileSync(path.join(gitDir, 'HEAD'), 'utf8').trim();
    if (!head.startsWith('ref:')) return head.slice(0, 40);
    const ref = head.slice(4).trim();
    for (const dir of [gitDir, common]) {
      if (existsSync(path.join(dir, ref)))
        return readFileSync(path.join(dir, ref), 'utf8').trim().slice(0, 40);
    }
    return readFileSync(path.join(common, 'packed-refs'), 'utf8')
      .split('\n')
      .find((l) => l.endsWith(` ${ref}`))
      ?.slice(0, 40);
  } catch {
    return undefined;
  }
}

export interface StatusDeps {
  config: Pick<Config, 'DATA_DIR' | 'HTTPS_CERT_FILE' | 'LOG_RETENTION_DAYS'>;
  db: Database;
  cases: Pick<CaseService, 'index'>;
  systemLogs: SystemLogModel;
  sink?: SystemLogSink;
  jobRuns: JobRuns;
  departmentSystems: DepartmentSystemModel;
  cipher: PersonalDataCipher;
  clock?: () => Date;
}

/** The status page's figures (OPS-1): this node, its database and its background work. */
/** What the status page needs of the background lease (several nodes). */
export interface ClusterView {
  node: string;
  held(): boolean;
  holder(): Promise<string | null>;
  nodes(): Promise<NodeSeen[]>;
}

export class SystemStatus {
  /** Set by main.ts once the node has joined: the nodes and who does the background work. */
  cluster: ClusterView | null = null;
  private readonly loop: IntervalHistogram;
  private readonly startedAt = new Date(Date.now() - process.uptime() * 1000);
  private readonly commit = readCommit();

  constructor(private readonly deps: StatusDeps) {
    // Sampled every 20 ms; read and reset at each status request, so it covers the time since.
    this.loop = monitorEventLoopDelay({ resolution: 20 });
    this.loop.enable();
  }

  close(): void {
    this.loop.disable();
  }

  async read() {
    const now = (this.deps.clock ?? (() => new Date()))();
    const [database, disk, certificates, logs] = await Promise.all([
      this.database(),
      this.disk(),
      this.certificates(now),
      this.logs(now),
    ]);
    const node = this.node();
    const seen = this.cluster ? await this.cluster.nodes().catch(() => []) : [];
    const leader = this.cluster ? await this.cluster.holder().catch(() => null) : null;
    const jobs = this.jobs(now, this.cluster && !this.cluster.held() ? (leader ?? '') : null);
    const cases = this.cases();
    const overall = worst(
      database.state,
      node.state,
      jobs.state,
      disk.state,
      certificates.state,
      logs.state,
    );
    return {
      checkedAt: now.toISOString(),
      overall,
      database,
      node,
      // With the background lease, every node seen lately; else this process alone.
      nodes: this.cluster
        ? seen.map((n) => ({
            id: n._id,
            address: n.address,
            lastSeenAt: n.at,
            leading: n._id === leader,
            self: n._id === this.cluster!.node,
            state: 'ok' as State,
          }))
        : [
            {
              id: node.id,
              host: node.host,
              pid: node.pid,
              startedAt: node.startedAt,
              self: true,
              state: node.state,
            },
          ],
      /** The node doing the background work (several nodes), else null. */
      leader,
      jobs,
      disk,
      certificates,
      cases,
      logs,
    };
  }

  private async database() {
    const { db } = this.deps;
    const base = { kind: db.kind, name: db.connection.db?.databaseName };
    let pingMs: number;
    try {
      pingMs = await db.ping(PROBE_MS);
    } catch (err) {
      return {
        ...base,
        state: 'error' as State,
        reachable: false,
        message: `数据库不可用：${(err as Error).message}`,
      };
    }
    const handle = db.connection.db!;
    const info = await within(handle.admin().serverInfo()).catch(() => undefined);
    const stats = await within(handle.stats()).catch(() => undefined);
    const n = (v: unknown) => (typeof v === 'number' ? v : undefined);
    return {
      ...base,
      state: (pingMs > 1000 ? 'warn' : 'ok') as State,
      reachable: true,
      pingMs: Math.round(pingMs * 10) / 10,
      version: typeof info?.version === 'string' ? info.version : undefined,
      ferretdbVersion: typeof info?.ferretdbVersion === 'string' ? info.ferretdbVersion : undefined,
      dataSizeBytes: n(stats?.dataSize),
      storageSizeBytes: n(stats?.storageSize),
      collections: n(stats?.collections),
      objects: n(stats?.objects),
      message: pingMs > 1000 ? `数据库应答缓慢（${Math.round(pingMs)} 毫秒）` : '数据库正常',
    };
  }

  private node() {
    const memory = process.memoryUsage();
    const ms = (ns: number) => (Number.isFinite(ns) ? Math.round(ns / 1e4) / 100 : 0);
    const eventLoop = {
      meanMs: ms(this.loop.mean),
      p99Ms: ms(this.loop.percentile(99)),
      maxMs: ms(this.loop.max),
    };
    this.loop.reset();
    const heapLimit = (
      process as unknown as { constrainedMemory?: () => number }
    ).constrainedMemory?.();
    const state: State = eventLoop.p99Ms > 500 ? 'error' : eventLoop.p99Ms > 100 ? 'warn' : 'ok';
    return {
      state,
      id: `${os.hostname()}:${process.pid}`,
      host: os.hostname(),
      pid: process.pid,
      startedAt: this.startedAt.toISOString(),
      uptimeSeconds: Math.round(process.uptime()),
      version,
      commit: this.commit,
      nodeVersion: process.version,
      memory: {
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        heapTotalBytes: memory.heapTotal,
        ...(heapLimit ? { limitBytes: heapLimit } : {}),
      },
      loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
      cpus: os.cpus().length,
      eventLoop,
      message:
        state === 'ok'
          ? '运行正常'
          : `事件循环延迟偏高（p99 ${eventLoop.p99Ms} 毫秒）：有工作占住了主线程`,
    };
  }

  /** `elsewhere`: the node holding the background lease when it is not this one. */
  private jobs(now: Date, elsewhere: string | null = null) {
    const items = this.deps.jobRuns.list().map((job) => {
      const view = jobView(job, now, this.deps.jobRuns.since);
      // Every node writes its own failed projections again; the rest runs on the lease holder.
      if (elsewhere === null || job.name === 'projectionRetry') return view;
      return {
        ...view,
        state: 'ok' as State,
        message: elsewhere ? `由节点 ${elsewhere} 执行` : '等待某一节点承担',
      };
    });
    return { state: worst(...items.map((i) => i.state)), items };
  }

  private async disk() {
    // The embedded database's folder; with MONGODB_URI it may not exist, so the working folder.
    const dir = existsSync(this.deps.config.DATA_DIR) ? this.deps.config.DATA_DIR : process.cwd();
    try {
      const s = await statfs(dir);
      const total = s.blocks * s.bsize;
      const free = s.bavail * s.bsize;
      const ratio = total ? free / total : 0;
      const state: State =
        ratio < 0.05 || free < 1024 ** 3 ? 'error' : ratio < 0.15 ? 'warn' : 'ok';
      return {
        state,
        path: dir,
        freeBytes: free,
        totalBytes: total,
        freeRatio: Math.round(ratio * 1000) / 1000,
        message:
          state === 'ok' ? '磁盘空间充足' : `磁盘剩余空间不足（${Math.round(ratio * 100)}%）`,
      };
    } catch (err) {
      return {
        state: 'warn' as State,
        path: dir,
        message: `无法读取磁盘空间：${(err as Error).message}`,
      };
    }
  }

  private async certificates(now: Date) {
    const [https, anchorKey, departmentSystemKeys] = await Promise.all([
      this.httpsCertificate(now),
      this.anchorKey(),
      this.systemKeys(now),
    ]);
    return {
      state: worst(https.state, anchorKey.state, departmentSystemKeys.state),
      https,
      anchorKey,
      departmentSystemKeys,
    };
  }

  private async httpsCertificate(now: Date) {
    const file = this.deps.config.HTTPS_CERT_FILE;
    if (!file)
      return {
        state: 'none' as State,
        configured: false,
        message: '未配置 HTTPS 证书（可设 HTTPS_CERT_FILE 监视反向代理证书的到期）',
      };
    try {
      const cert = new X509Certificate(await readFile(file));
      const notAfter = new Date(cert.validTo);
      const daysLeft = Math.floor((notAfter.getTime() - now.getTime()) / DAY);
      const state: State = daysLeft < 7 ? 'error' : daysLeft < 30 ? 'warn' : 'ok';
      return {
        state,
        configured: true,
        file,
        subject: cert.subject,
        issuer: cert.issuer,
        notAfter: notAfter.toISOString(),
        daysLeft,
        message:
          daysLeft < 0 ? `HTTPS 证书已过期 ${-daysLeft} 天` : `HTTPS 证书 ${daysLeft} 天后到期`,
      };
    } catch (err) {
      return {
        state: 'error' as State,
        configured: true,
        file,
        message: `无法读取 HTTPS 证书：${(err as Error).message}`,
      };
    }
  }

  /** The SM2 key that signs the trails' anchors: a bare key pair, so no expiry to watch. */
  private async anchorKey() {
    const meta = anchorCollections(this.deps.db.connection).meta;
    try {
      const stored = await within(meta.findOne({ _id: 'key' }));
      if (!stored)
        return {
          state: 'ok' as State,
          present: false,
          message: '锚定签名密钥（SM2）尚未生成，首次锚定时生成',
        };
      // Decrypts and checks it against its public key, creating nothing.
      await loadAnchorKey(meta, this.deps.cipher, { create: false });
      return {
        state: 'ok' as State,
        present: true,
        createdAt: stored.createdAt?.toISOString?.(),
        message: '锚定签名密钥（SM2）可用；密钥对无有效期',
      };
    } catch (err) {
      return {
        state: (err instanceof AnchorKeyError ? 'error' : 'warn') as State,
        present: true,
        message: (err as Error).message,
      };
    }
  }

  /** Department systems' keys carry no expiry; old keys are worth replacing, so say their age. */
  private async systemKeys(now: Date) {
    try {
      const active = await within(
        this.deps.departmentSystems
          .find({ status: 'active' }, { createdAt: 1 })
          .lean<{ createdAt?: Date }[]>()
          .exec(),
      );
      const oldest = active
        .map((s) => s.createdAt)
        .filter((d): d is Date => d instanceof Date)
        .sort((a, b) => a.getTime() - b.getTime())[0];
      const ageDays = oldest ? Math.floor((now.getTime() - oldest.getTime()) / DAY) : undefined;
      return {
        state: (ageDays !== undefined && ageDays > 365
          ? 'warn'
          : active.length
            ? 'ok'
            : 'none') as State,
        active: active.length,
        oldestCreatedAt: oldest?.toISOString(),
        message: !active.length
          ? '没有启用的部门系统接口密钥'
          : ageDays !== undefined && ageDays > 365
            ? `${active.length} 个部门系统接口密钥启用中，最早的已用 ${ageDays} 天，建议更换`
            : `${active.length} 个部门系统接口密钥启用中（密钥无有效期）`,
      };
    } catch (err) {
      return {
        state: 'warn' as State,
        active: 0,
        message: `无法读取部门系统接口密钥：${(err as Error).message}`,
      };
    }
  }

  private cases() {
    let open = 0;
    for (const view of this.deps.cases.index.all()) if (isLiveStatus(view.status)) open += 1;
    return { state: 'ok' as State, open };
  }

  private async logs(now: Date) {
    const sink = this.deps.sink;
    const since = new Date(now.getTime() - DAY);
    const base = {
      retentionDays: this.deps.config.LOG_RETENTION_DAYS,
      kept: !!sink,
      buffered: sink?.buffered ?? 0,
      dropped: sink?.dropped ?? 0,
      written: sink?.written ?? 0,
      lastFailure: sink?.lastFailure
        ? { at: sink.lastFailure.at.toISOString(), message: sink.lastFailure.message }
        : undefined,
    };
    try {
      const errorsLast24h = await within(
        this.deps.systemLogs
          .countDocuments({ at: { $gte: since }, levelValue: { $gte: LOG_LEVELS.error } })
          .exec(),
      );
      const recentFailure =
        !!sink?.lastFailure && now.getTime() - sink.lastFailure.at.getTime() < 10 * 60_000;
      const state: State = !sink || recentFailure || errorsLast24h > 0 ? 'warn' : 'ok';
      return {
        ...base,
        state,
        errorsLast24h,
        message: !sink
          ? '运行日志未写入数据库（仅输出到控制台）'
          : recentFailure
            ? `运行日志近期写入失败：${sink.lastFailure!.message}`
            : errorsLast24h
              ? `最近 24 小时有 ${errorsLast24h} 条错误日志`
              : '最近 24 小时没有错误日志',
      };
    } catch (err) {
      return {
        ...base,
        state: 'warn' as State,
        errorsLast24h: undefined,
        message: `无法统计运行日志：${(err as Error).message}`,
      };
    }
  }
}

function jobView(job: JobRun, now: Date, since: Date) {
  const overdueMs = 3 * job.everyMs;
  const last = job.lastFinishedAt ?? job.lastStartedAt;
  let state: State = 'ok';
  let message = '运行正常';
  if (job.running && job.lastStartedAt && now.getTime() - job.lastStartedAt.getTime() > overdueMs) {
    state = 'warn';
    message = '本次运行时间过长';
  } else if (job.consecutiveFailures >= 3) {
    state = 'error';
    message = `连续 ${job.consecutiveFailures} 次失败：${job.lastError ?? ''}`;
  } else if (job.consecutiveFailures > 0) {
    state = 'warn';
    message = `上次运行失败：${job.lastError ?? ''}`;
  } else if (!last) {
    const waiting = now.getTime() - since.getTime() <= overdueMs;
    state = waiting ? 'ok' : 'warn';
    message = waiting ? '等待首次运行' : '启动以来尚未运行';
  } else if (now.getTime() - last.getTime() > overdueMs) {
    state = 'warn';
    message = '超过应有间隔未运行';
  }
  return {
    name: job.name,
    label: job.label,
    everySeconds: Math.round(job.everyMs / 1000),
    state,
    message,
    runs: job.runs,
    failures: job.failures,
    consecutiveFailures: job.consecutiveFailures,
    running: job.running,
    lastStartedAt: job.lastStartedAt?.toISOString(),
    lastFinishedAt: job.lastFinishedAt?.toISOString(),
    lastDurationMs: job.lastDurationMs,
    lastError: job.lastError,
    lastErrorAt: job.lastErrorAt?.toISOString(),
  };
}
