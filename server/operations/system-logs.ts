import os from 'node:os';
import type { Collection } from 'mongodb';
import { Schema, type Connection, type Model, type Types } from 'mongoose';
import { maskIdNumber, maskPhone } from '../../runtime';

/**
 * Run and system logs kept in the database (OPS-1, ROLE-5): what pino prints is also written to
 * `system_logs` in batches, personal data masked, and removed after LOG_RETENTION_DAYS by the
 * background jobs (the embedded database has no TTL indexes, docs/database.md).
 */
export const LOG_LEVELS = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
} as const;
export type LogLevelName = keyof typeof LOG_LEVELS;
export const LOG_LEVEL_NAMES = Object.keys(LOG_LEVELS) as [LogLevelName, ...LogLevelName[]];

export interface SystemLog {
  _id: Types.ObjectId;
  at: Date;
  level: LogLevelName;
  levelValue: number;
  msg: string;
  /** The area that wrote the line: `http` for request lines, else a `module` binding. */
  module?: string;
  reqId?: string;
  userId?: string;
  /** host:pid of the process that wrote it; several nodes share one collection. */
  node: string;
  /** The line's other fields as JSON text, masked and bounded (keys need not suit the database). */
  context?: string;
}

const schema = new Schema<SystemLog>(
  {
    at: { type: Date, required: true },
    level: { type: String, required: true },
    levelValue: { type: Number, required: true },
    msg: { type: String, default: '' },
    module: String,
    reqId: String,
    userId: String,
    node: { type: String, required: true },
    context: String,
  },
  { collection: 'system_logs', versionKey: false },
);
schema.index({ at: -1 });
schema.index({ levelValue: 1, at: -1 });

export type SystemLogModel = Model<SystemLog>;
export const systemLogModel = (c: Connection): SystemLogModel =>
  (c.models.SystemLog as SystemLogModel | undefined) ?? c.model<SystemLog>('SystemLog', schema);

// Lookarounds keep digits inside longer numbers, hex ids and timestamps from matching.
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const PHONE = /(?<![0-9A-Za-z])((?:\+?86[- ]?)?)(1[3-9]\d{9})(?![0-9A-Za-z])/g;

/** ID numbers and mobile numbers anywhere in a text, masked as public lists mask them. */
export function maskPersonalText(text: string): string {
  return text
    .replace(ID_NUMBER, (id) => maskIdNumber(id))
    .replace(PHONE, (_m, prefix: string, phone: string) => prefix + maskPhone(phone));
}

const SECRET_KEY = /password|passwd|secret|token|cookie|authorization|dataKey|privateKey/i;
const PERSONAL_KEY = /^(idNumber|idCard|phone|mobile|telephone)$/i;
const MAX_MSG = 2000;
const MAX_CONTEXT = 4000;
const MAX_DEPTH = 5;

/** A copy fit to keep: secrets hidden, personal fields masked, depth bounded. */
function cleaned(value: unknown, key: string, depth: number): unknown {
  if (SECRET_KEY.test(key)) return '[已隐藏]';
  if (typeof value === 'string') {
    return PERSONAL_KEY.test(key) ? '*'.repeat(Math.min(value.length, 18)) : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => cleaned(v, key, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = cleaned(v, k, depth + 1);
  return out;
}

const nodeName = `${os.hostname()}:${process.pid}`;

/** One pino line (parsed) as the document kept; undefined for a line that is not one. */
export function entryOf(raw: unknown, node = nodeName): Omit<SystemLog, '_id'> | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const {
    level,
    time,
    msg,
    pid: _pid,
    hostname: _hostname,
    reqId,
    userId,
    module,
    req,
    res,
    err,
    responseTime,
    ...rest
  } = raw as Record<string, unknown>;
  if (typeof level !== 'number') return undefined;
  let name: LogLevelName = 'trace';
  for (const n of LOG_LEVEL_NAMES) if (LOG_LEVELS[n] <= level) name = n;
  const request = req && typeof req === 'object' ? (req as Record<string, unknown>) : undefined;
  const response = res && typeof res === 'object' ? (res as Record<string, unknown>) : undefined;
  const context: Record<string, unknown> = {};
  // Request lines: what was asked and answered, never the headers (cookies, tokens, agents).
  if (request) {
    context.method = request.method;
    context.url = request.url;
    if (request.remoteAddress) context.ip = request.remoteAddress;
  }
  if (response) context.status = response.statusCode;
  if (typeof responseTime === 'number') context.responseTime = responseTime;
  if (err && typeof err === 'object') {
    const e = err as Record<string, unknown>;
    context.err = {
      type: e.type,
      message: e.message,
      ...(typeof e.stack === 'string' ? { stack: e.stack.slice(0, 1500) } : {}),
      ...(e.code !== undefined ? { code: e.code } : {}),
    };
  }
  Object.assign(context, rest);
  let text = Object.keys(context).length
    ? maskPersonalText(JSON.stringify(cleaned(context, '', 0)) ?? '')
    : undefined;
  if (text && text.length > MAX_CONTEXT) text = `${text.slice(0, MAX_CONTEXT)}…（已截断）`;
  const id = reqId ?? request?.id;
  return {
    at: new Date(typeof time === 'number' ? time : Date.now()),
    level: name,
    levelValue: level,
    msg: maskPersonalText(typeof msg === 'string' ? msg : '').slice(0, MAX_MSG),
    ...(typeof module === 'string' ? { module } : request ? { module: 'http' } : {}),
    ...(typeof id === 'string' || typeof id === 'number' ? { reqId: String(id) } : {}),
    ...(typeof userId === 'string' ? { userId } : {}),
    node,
    ...(text ? { context: text } : {}),
  };
}

export interface SystemLogSinkOptions {
  /** Lines held while the database is slow or away; more are dropped and counted. */
  maxLines?: number;
  maxBytes?: number;
  batchSize?: number;
  flushMs?: number;
  /** How long to wait before trying again after a failed write. */
  retryMs?: number;
}

/**
 * A pino destination (use it in `pino.multistream`) that keeps lines in `system_logs`. `write`
 * only appends to a bounded buffer: parsing and inserting happen later, in batches, so a request
 * never waits for its log line and a database that is down never stalls the server: lines that do
 * not fit are dropped and counted, and the count is written once the database answers again.
 * It writes nothing through the logger itself, so it cannot feed on its own failures.
 */
export class SystemLogSink {
  private lines: string[] = [];
  private bytes = 0;
  private collection?: Pick<Collection<Omit<SystemLog, '_id'>>, 'insertMany'>;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private unreported = 0;
  private pausedUntil = 0;
  private readonly opts: Required<SystemLogSinkOptions>;
  /** Lines lost since start: buffer full, or a batch the database refused. */
  dropped = 0;
  written = 0;
  lastFailure?: { at: Date; message: string };

  constructor(options: SystemLogSinkOptions = {}) {
    this.opts = {
      maxLines: 5000,
      maxBytes: 8 * 1024 * 1024,
      batchSize: 500,
      flushMs: 1000,
      retryMs: 5000,
      ...options,
    };
  }

  /** Lines written before this are held (start-up) and go in with the first batch. */
  attach(model: SystemLogModel): void {
    this.collection = model.collection as unknown as Collection<Omit<SystemLog, '_id'>>;
    this.schedule(0);
  }

  get buffered(): number {
    return this.lines.length;
  }

  write(line: string): void {
    if (this.lines.length >= this.opts.maxLines || this.bytes + line.length > this.opts.maxBytes) {
      this.dropped += 1;
      this.unreported += 1;
      return;
    }
    this.lines.push(line);
    this.bytes += line.length;
    this.schedule(this.lines.length >= this.opts.batchSize ? 0 : this.opts.flushMs);
  }

  private schedule(ms: number): void {
    if (!this.collection || this.timer || this.flushing) return;
    const wait = Math.max(ms, this.pausedUntil - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, wait);
    this.timer.unref();
  }

  /** Writes what is buffered now (tests and shutdown call it; the timer does otherwise). */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = null;
      if (this.lines.length) this.schedule(this.opts.flushMs);
    });
    return this.flushing;
  }

  private async drain(): Promise<void> {
    while (this.collection && this.lines.length) {
      const batch = this.lines.splice(0, this.opts.batchSize);
      for (const line of batch) this.bytes -= line.length;
      const docs: Omit<SystemLog, '_id'>[] = [];
      for (const line of batch) {
        try {
          const entry = entryOf(JSON.parse(line));
          if (entry) docs.push(entry);
        } catch {
          // Not JSON (a pretty printer's output, say): nothing to keep.
        }
      }
      if (this.unreported) {
        docs.push(
          entryOf({
            level: LOG_LEVELS.warn,
            time: Date.now(),
            module: 'system-logs',
            msg: `运行日志曾写入失败或缓冲已满，丢弃了 ${this.unreported} 行`,
            dropped: this.unreported,
          })!,
        );
      }
      if (!docs.length) continue;
      try {
        await this.collection.insertMany(docs, { ordered: false });
        this.written += docs.length;
        this.unreported = 0;
      } catch (err) {
        const lost = this.unreported ? docs.length - 1 : docs.length;
        this.dropped += lost;
        this.unreported += lost;
        this.lastFailure = { at: new Date(), message: (err as Error).message.slice(0, 300) };
        this.pausedUntil = Date.now() + this.opts.retryMs;
        return;
      }
    }
  }

  /** Stops the timer and writes what is left. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pausedUntil = 0;
    await this.flush();
  }
}

/** Removes lines older than the retention; `now` is passed in so tests need not wait. */
export async function purgeSystemLogs(
  model: SystemLogModel,
  now: Date,
  retentionDays: number,
): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  const { deletedCount } = await model.collection.deleteMany({ at: { $lt: cutoff } });
  return deletedCount;
}
