import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { Router, type Request, type Response } from 'express';
import { z, type ZodObject, type ZodType } from 'zod';

// Schemas name themselves with zod's own `.meta({ id })`, which the generator reads.
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'validation_failed' }),
      message: z.string().meta({ example: '请求数据不合法：name 必填' }),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });

export interface RouteContext<P, Q, B> {
  req: Request;
  res: Response;
  params: P;
  query: Q;
  body: B;
}

export interface RouteSpec<P extends ZodObject, Q extends ZodObject, B extends ZodType> {
  method: Method;
  /** Express-style path, e.g. `/api/items/:id`. */
  path: string;
  summary: string;
  tags: string[];
  params?: P;
  query?: Q;
  body?: B;
  /** Status sent with the handler's return value. */
  status?: number;
  response: { description: string; schema?: ZodType };
  handler: (ctx: RouteContext<z.output<P>, z.output<Q>, z.output<B>>) => unknown | Promise<unknown>;
}

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/**
 * The only way routes are added to the app: each route is validated with its zod schemas and
 * documented in the OpenAPI registry in the same call, so the document cannot fall behind.
 */
export class Api {
  readonly registry = new OpenAPIRegistry();
  /** Mounted by the app ahead of its 404 handler, so routes may be added after mounting. */
  readonly router = Router();

  route<
    P extends ZodObject = ZodObject,
    Q extends ZodObject = ZodObject,
    B extends ZodType = ZodType,
  >(spec: RouteSpec<P, Q, B>): void {
    const status = spec.status ?? 200;
    this.registry.registerPath({
      method: spec.method,
      path: toOpenApiPath(spec.path),
      summary: spec.summary,
      tags: spec.tags,
      request: {
        params: spec.params,
        query: spec.query,
        body: spec.body
          ? { content: { 'application/json': { schema: spec.body } }, required: true }
          : undefined,
      },
      responses: {
        [status]: {
          description: spec.response.description,
          content: spec.response.schema
            ? { 'application/json': { schema: spec.response.schema } }
            : undefined,
        },
        default: {
          description: '错误',
          content: { 'application/json': { schema: errorBodySchema } },
        },
      },
    });

    this.router[spec.method](spec.path, async (req: Request, res: Response) => {
      const params = (spec.params ?? z.object({})).parse(req.params);
      const query = (spec.query ?? z.object({})).parse(req.query ?? {});
      const body = spec.body ? spec.body.parse(req.body) : undefined;
      const result = await spec.handler({
        req,
        res,
        params: params as z.output<P>,
        query: query as z.output<Q>,
        body: body as z.output<B>,
      });
      if (!res.headersSent) res.status(status).json(result ?? null);
    });
  }

  document(version: string) {
    return new OpenApiGeneratorV31(this.registry.definitions).generateDocument({
      openapi: '3.1.0',
      info: {
        title: '政务服务一体化平台 API',
        version,
        description: '事项目录、流程设计、办件运行、电子监察与政务服务专栏的接口。',
      },
    });
  }
}
