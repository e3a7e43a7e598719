import type { ErrorRequestHandler, RequestHandler } from 'express';
import mongoose from 'mongoose';
import { ZodError } from 'zod';

/** The one error shape every failing request answers with. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export class AppError extends Error {
  /** Response headers that go with the error, e.g. Retry-After on a 503. */
  headers?: Record<string, string>;

  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new AppError(400, 'bad_request', message, details);
export const notFound = (message = '资源不存在') => new AppError(404, 'not_found', message);
export const conflict = (message: string, details?: unknown) =>
  new AppError(409, 'conflict', message, details);

/** Thrown when a version-guarded update finds the document changed by someone else. */
export class VersionConflictError extends AppError {
  constructor(what: string, expectedVersion: number) {
    super(409, 'version_conflict', `${what}已被他人修改，请刷新后重试`, { expectedVersion });
  }
}

interface MongoServerErrorLike {
  code?: number;
  keyValue?: Record<string, unknown>;
  keyPattern?: Record<string, unknown>;
  errmsg?: string;
  message: string;
}

function isDuplicateKey(err: unknown): err is MongoServerErrorLike {
  return typeof err === 'object' && err !== null && (err as MongoServerErrorLike).code === 11000;
}

function duplicateKeyFields(err: MongoServerErrorLike): string[] {
  if (err.keyPattern) return Object.keys(err.keyPattern);
  if (err.keyValue) return Object.keys(err.keyValue);
  // FerretDB leaves keyPattern out; the index name is in the message.
  const index = /index:\s*(\S+)/.exec(err.errmsg ?? err.message)?.[1];
  return index ? [index] : [];
}

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
  expose?: boolean;
  /** Set by zlib when an inflated body is broken (Z_DATA_ERROR, ERR__ERROR_FORMAT_PADDING_1 …). */
  code?: string;
  encoding?: string;
}

/** body-parser passes zlib's own errors on with status 400 and no `type`. */
const isInflateError = (e: BodyParserError) =>
  e.status === 400 &&
  typeof e.code === 'string' &&
  /^(Z_|ERR__ERROR|ERR_BROTLI|ERR_ZLIB)/.test(e.code);

/** Turns anything thrown while handling a request into an AppError. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) {
    return new AppError(
      400,
      'validation_failed',
      `请求数据不合法：${err.issues.map((i) => `${i.path.join('.') || '(根)'} ${i.message}`).join('；')}`,
      err.issues.map((i) => ({ path: i.path.join('.'), message: i.message, code: i.code })),
    );
  }
  if (isDuplicateKey(err)) {
    const fields = duplicateKeyFields(err);
    return new AppError(
      409,
      'duplicate_key',
      fields.length ? `已存在相同 ${fields.join('、')} 的记录` : '与已有记录重复',
      { fields },
    );
  }
  if (err instanceof mongoose.Error.ValidationError) {
    return new AppError(
      400,
      'validation_failed',
      `数据校验失败：${Object.values(err.errors)
        .map((e) => `${e.path} ${e.message}`)
        .join('；')}`,
      Object.values(err.errors).map((e) => ({ path: e.path, message: e.message })),
    );
  }
  if (err instanceof mongoose.Error.CastError) {
    return new AppError(400, 'invalid_value', `字段 ${err.path} 的值格式不正确`, {
      path: err.path,
    });
  }
  const bodyError = err as BodyParserError;
  if (bodyError && typeof bodyError === 'object' && typeof bodyError.type === 'string') {
    switch (bodyError.type) {
      case 'entity.too.large':
        return new AppError(
          413,
          'payload_too_large',
          `请求体过大，上限为 ${bodyError.limit} 字节`,
          {
            limit: bodyError.limit,
          },
        );
      case 'entity.parse.failed':
        return new AppError(400, 'invalid_json', '请求体不是合法的 JSON');
      case 'encoding.unsupported':
        return new AppError(
          415,
          'unsupported_encoding',
          `不支持的请求压缩方式「${bodyError.encoding ?? ''}」，请用 gzip、deflate、br 或不压缩`,
          { encoding: bodyError.encoding },
        );
      case 'charset.unsupported':
        return new AppError(415, 'unsupported_encoding', '不支持的请求字符集，请用 UTF-8');
      case 'request.size.invalid':
        return new AppError(400, 'bad_request', '请求体长度与 Content-Length 不符');
      case 'request.aborted':
        return new AppError(400, 'bad_request', '请求在传输中被中断');
    }
  }
  if (bodyError && typeof bodyError === 'object' && isInflateError(bodyError)) {
    return new AppError(400, 'invalid_encoding', '请求体的压缩数据已损坏，无法解压', {
      reason: (err as Error).message,
    });
  }
  if (bodyError && typeof bodyError === 'object' && typeof bodyError.type === 'string') {
    if (bodyError.expose && bodyError.status && bodyError.status < 500) {
      return new AppError(bodyError.status, 'bad_request', '请求无法读取', {
        reason: (err as Error).message,
      });
    }
  }
  return new AppError(500, 'internal_error', '服务器内部错误，请稍后重试');
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  const path = req.originalUrl.split('?')[0];
  next(new AppError(404, 'route_not_found', `没有这个接口：${req.method} ${path}`));
};

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const appError = toAppError(err);
  if (appError.status >= 500 && appError.status !== 503) req.log?.error({ err }, 'request failed');
  else req.log?.info({ code: appError.code, status: appError.status }, appError.message);
  if (res.headersSent) return;
  if (appError.headers) res.set(appError.headers);
  const body: ErrorBody = { error: { code: appError.code, message: appError.message } };
  if (appError.details !== undefined) body.error.details = appError.details;
  res.status(appError.status).json(body);
};
