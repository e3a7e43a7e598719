import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { timingSafeEqual } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { z, type ZodObject, type ZodType } from 'zod';
import type { Changes } from '../audit/models';
import type { ApplicantContext, AuthContext } from '../identity/contexts';
import { AppError } from './errors';

// The callers' identities live with identity/; routes keep importing them from here too.
export type { ApplicantContext, AuthContext } from '../identity/contexts';

/** What a route without params or query accepts (made once: a zod schema is not free to build). */
const NOTHING = z.object({});

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

/** One change to be written to the operation log (ROLE-5). */
export interface OperationEntry {
  action: string;
  resource: string;
  resourceId?: string;
  summary: string;
  changes?: Changes;
}

export interface ApiDeps {
  authenticate(req: Request): Promise<AuthContext | undefined>;
  authenticateApplicant(req: Request): Promise<ApplicantContext | undefined>;
  recordOperations(entries: OperationEntry[], auth: AuthContext, req: Request): Promise<void>;
}

export type Access = 'public' | 'staff' | 'applicant';

export interface RouteContext<P, Q, B, A extends Access> {
  req: Request;
  res: Response;
  params: P;
  query: Q;
  body: B;
  auth: A extends 'staff' ? AuthContext : undefined;
  applicant: A extends 'applicant' ? ApplicantContext : undefined;
  /** Records a change for the operation log; written once the handler succeeds. */
  audit(entry: OperationEntry): void;
}

const STATE_CHANGING = new Set(['post', 'put', 'patch', 'delete']);

function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface RouteSpec<
  P extends ZodObject,
  Q extends ZodObject,
  B extends ZodType,
  A extends Access,
> {
  method: Method;
  /**
   * `staff` needs a signed-in staff session, `applicant` a citizen's portal session; both need the
   * session's CSRF token to change anything.
   */
  access: A;
  /** State-changing staff routes write the operation log; `false` for those logged elsewhere. */
  audit?: false;
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
  handler: (
    ctx: RouteContext<z.output<P>, z.output<Q>, z.output<B>, A>,
  ) => unknown | Promise<unknown>;
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

  constructor(private readonly deps: ApiDeps) {
    this.registry.registerComponent('securitySchemes', 'session', {
      type: 'apiKey',
      in: 'cookie',
      name: 'sid',
      description: '登录会话；修改类请求还须带 X-CSRF-Token 头',
    });
    this.registry.registerComponent('securitySchemes', 'applicantSession', {
      type: 'apiKey',
      in: 'cookie',
      name: 'asid',
      description: '申请人（群众）的门户会话；修改类请求还须带 X-CSRF-Token 头',
    });
  }

  route<
    A extends Access,
    P extends ZodObject = ZodObject,
    Q extends ZodObject = ZodObject,
    B extends ZodType = ZodType,
  >(spec: RouteSpec<P, Q, B, A>): void {
    const status = spec.status ?? 200;
    this.registry.registerPath({
      method: spec.method,
      path: toOpenApiPath(spec.path),
      summary: spec.summary,
      tags: spec.tags,
      security:
        spec.access === 'staff'
          ? [{ session: [] }]
          : spec.access === 'applicant'
            ? [{ applicantSession: [] }]
            : [],
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

    const changes = STATE_CHANGING.has(spec.method);
    this.router[spec.method](spec.path, async (req: Request, res: Response) => {
      let auth: AuthContext | undefined;
      let applicant: ApplicantContext | undefined;
      if (spec.access === 'staff') {
        auth = await this.deps.authenticate(req);
        if (!auth) throw new AppError(401, 'unauthenticated', '请先登录');
        // Log lines of the request name who asked (logging.ts reads res.locals when it ends).
        res.locals.userId = auth.principal.userId;
        if (req.log) req.log = req.log.child({ userId: auth.principal.userId });
      } else if (spec.access === 'applicant') {
        applicant = await this.deps.authenticateApplicant(req);
        if (!applicant) throw new AppError(401, 'unauthenticated', '请先登录');
      }
      const csrfToken = (auth ?? applicant)?.session.csrfToken;
      if (changes && csrfToken && !sameToken(req.get('x-csrf-token'), csrfToken)) {
        throw new AppError(403, 'csrf_failed', '请求缺少有效的 CSRF 令牌，请刷新页面后重试');
      }
      const params = (spec.params ?? NOTHING).parse(req.params);
      const query = (spec.query ?? NOTHING).parse(req.query ?? {});
      const body = spec.body ? spec.body.parse(req.body) : undefined;
      const entries: OperationEntry[] = [];
      const result = await spec.handler({
        req,
        res,
        params: params as z.output<P>,
        query: query as z.output<Q>,
        body: body as z.output<B>,
        auth: auth as RouteContext<unknown, unknown, unknown, A>['auth'],
        applicant: applicant as RouteContext<unknown, unknown, unknown, A>['applicant'],
        audit: (entry: OperationEntry) => entries.push(entry),
      });
      if (auth && changes && spec.audit !== false) {
        if (entries.length === 0) {
          // A change nobody described still leaves a line in the log.
          entries.push({
            action: spec.method,
            resource: spec.tags[0] ?? '',
            summary: spec.summary,
          });
        }
        await this.deps.recordOperations(entries, auth, req);
      }
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
