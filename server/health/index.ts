import { z } from 'zod';
import type { Database } from '../database/connection';
import { AppError } from '../http/errors';
import type { Api } from '../http/api';

/** Whether the process should receive traffic: false while starting and once shutdown begins. */
export interface Readiness {
  ready: boolean;
}

const healthSchema = z
  .object({
    status: z.literal('ok'),
    database: z.object({
      status: z.literal('up'),
      kind: z.enum(['embedded', 'external']),
      latencyMs: z.number(),
    }),
  })
  .meta({ id: 'Health' });

export function healthRoutes(api: Api, deps: { db: Database; readiness: Readiness }): void {
  api.route({
    method: 'get',
    path: '/healthz',
    access: 'public',
    summary: '存活检查：数据库能否应答',
    tags: ['运行状态'],
    response: { description: '服务与数据库均正常', schema: healthSchema },
    async handler() {
      let latencyMs: number;
      try {
        latencyMs = await deps.db.ping();
      } catch (err) {
        throw new AppError(503, 'database_unavailable', '数据库不可用', {
          kind: deps.db.kind,
          reason: (err as Error).message,
        });
      }
      return { status: 'ok', database: { status: 'up', kind: deps.db.kind, latencyMs } };
    },
  });

  api.route({
    method: 'get',
    path: '/readyz',
    access: 'public',
    summary: '就绪检查：是否接收新请求',
    tags: ['运行状态'],
    response: {
      description: '可以接收请求',
      schema: z.object({ status: z.literal('ready') }).meta({ id: 'Readiness' }),
    },
    handler() {
      if (!deps.readiness.ready) throw new AppError(503, 'not_ready', '服务正在启动或关闭');
      return { status: 'ready' };
    },
  });
}
