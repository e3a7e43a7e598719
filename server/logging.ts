import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type DestinationStream, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Config } from './config';

/**
 * The process's logger. With `kept` (the system_logs sink, OPS-1), lines of level info and above
 * also go there; `console` replaces stdout (a pretty printer on a terminal).
 */
export function createLogger(
  config: Pick<Config, 'LOG_LEVEL'>,
  destinations: { kept?: DestinationStream; console?: DestinationStream } = {},
): Logger {
  const options = {
    level: config.LOG_LEVEL,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
      censor: '[已隐藏]',
    },
  };
  if (!destinations.kept)
    return destinations.console ? pino(options, destinations.console) : pino(options);
  const out = destinations.console ?? pino.destination(1);
  // Each stream filters by its own level; the logger's level still bounds them both.
  return pino(
    options,
    pino.multistream([
      { level: 'trace', stream: out },
      { level: 'info', stream: destinations.kept },
    ]),
  );
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Logs every request with an id, taken from `X-Request-Id` when the caller sent a sane one. */
export function requestLogger(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId(req: IncomingMessage, res: ServerResponse) {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // Read again when the response ends: the route has found out who the caller is by then.
    customProps(_req, res: ServerResponse & { locals?: { userId?: string } }) {
      const userId = res.locals?.userId;
      return userId ? { userId } : {};
    },
    customLogLevel(_req, res, err) {
      // 503 is an expected state (starting, shutting down, database gone) and is reported elsewhere.
      if (res.statusCode === 503) return 'warn';
      if (err || res.statusCode >= 500) return 'error';
      return res.statusCode >= 400 ? 'info' : 'debug';
    },
  });
}
