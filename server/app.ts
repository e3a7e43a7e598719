import cookieParser from 'cookie-parser';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { auditRoutes, operationRecorder } from './audit/routes';
import { formRoutes } from './forms/routes';
import { PROCESS_BODY_LIMIT, PROCESS_PATHS, processRoutes } from './process/routes';
import { IMPORT_LIMIT, IMPORT_PATH, IMPORT_TYPES, catalogRoutes } from './catalog';
import { serviceFormRoutes } from './catalog/service-form-routes';
import { FileStore } from './files/store';
import { caseFileRoutes } from './cases/file-routes';
import { calendarRoutes, CountyCalendars } from './calendar';
import { allCaseRoutes, CaseService } from './cases';
import type { Config } from './config';
import type { Database } from './database/connection';
import { healthRoutes, type Readiness } from './health';
import { Api } from './http/api';
import { errorHandler, notFoundHandler } from './http/errors';
import { refuseUnsafeKeys } from './http/unsafe-keys';
import { applicantAuthenticator, authenticator } from './identity/auth';
import { applicantRoutes } from './identity/applicant-routes';
import { AddressLimit } from './identity/address-failures';
import type { PersonalDataCipher } from './identity/personal-data';
import { loginRoutes } from './identity/login';
import { oidcRoutes } from './identity/oidc';
import { userRoutes } from './identity/user-routes';
import { requestLogger } from './logging';
import { loginRateLimit } from './identity/rate-limit';
import type { Models } from './models';
import { organisationRoutes } from './organisation/routes';
import { searchRoutes } from './search/routes';
import { serveStudio } from './studio';
import { portalRoutes } from './portal/routes';
import { Metrics, metricsRoute } from './operations/metrics';
import { mountSystemStatus, type SystemStatusParts } from './operations/status-routes';
import type { SystemLogSink } from './operations/system-logs';
import { mountOperations } from './operations';
import { mountSupervision, type Supervision } from './supervision';
import { mountTrailAnchors, type TrailAnchors } from './trail-anchors';
import { Sandbox } from './sandbox/pool';
import { mountNotifications, type Notifications } from './notifications';
import { mountDocuments, type DocumentService } from './documents';
import { version } from '../package.json';

export interface AppDeps {
  config: Config;
  db: Database;
  models: Models;
  /** Encrypts citizens' personal data at rest. */
  cipher: PersonalDataCipher;
  logger: Logger;
  readiness?: Readiness;
  /** Folder of the studio build; tests may point elsewhere. */
  studioDist?: string;
  /** The logger's destination into system_logs (OPS-1); attached here once the models exist. */
  systemLogs?: SystemLogSink;
}

export interface App {
  app: Express;
  api: Api;
  /** The cases area: its executor is also what the demo seed and the scheduler use. */
  cases: CaseService;
  /** The trails' signed anchors (RUN-7); main.ts starts their job. */
  trailAnchors: TrailAnchors;
  /** Worker threads for work bounded by a time budget (PROC-4); closed with the server. */
  sandbox: Sandbox;
  /** Notices and decisions with their seals (RUN-10, RUN-14). */
  documents: DocumentService;
  /** E-mail, SMS and in-app notices after case events (RUN-15); main.ts starts the sender. */
  notifications: Notifications;
  /** Prometheus figures (OPS-1); background jobs time themselves with it. */
  metrics: Metrics;
  /** Electronic supervision: rules, alerts, the timeliness scan (SUP-2). */
  supervision: Supervision;
  /** 系统状态 and 运行日志 (OPS-1, ROLE-5); background jobs report their runs to it. */
  systemStatus: SystemStatusParts;
}

/** Builds the express app. It opens nothing and listens on nothing: main.ts does that. */
export function createApp(deps: AppDeps): App {
  const { config, models } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  // Plain key=value only: nested objects in a query string (a[$gt]=) never reach a handler.
  app.set('query parser', 'simple');

  app.use(requestLogger(deps.logger));
  const metrics = new Metrics(deps.db);
  app.use(metrics.middleware());
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // antd writes its styles at run time (CSS-in-JS).
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          // County intranets often serve plain HTTP; TLS and HSTS belong to the reverse proxy.
          'upgrade-insecure-requests': null,
        },
      },
      strictTransportSecurity: false,
    }),
  );
  // Diagrams may be larger than other bodies; the verifier has its own, clearer limit (PROC-4).
  app.use(PROCESS_PATHS, express.json({ limit: PROCESS_BODY_LIMIT, strict: true }));
  app.use(express.json({ limit: config.JSON_BODY_LIMIT, strict: true }));
  // __proto__, constructor, prototype: refused in every body and query before any route (FORM-3).
  app.use(refuseUnsafeKeys);
  app.use(cookieParser());

  const limit = loginRateLimit(config.LOGIN_RATE_LIMIT_PER_MINUTE);
  app.use(
    ['/api/auth/login', '/api/auth/oidc', '/api/applicant/login', '/api/applicant/register'],
    limit,
  );

  const api = new Api({
    authenticate: authenticator(models.sessions),
    authenticateApplicant: applicantAuthenticator(models.sessions),
    recordOperations: operationRecorder(models.operationLogs),
  });
  app.use(IMPORT_PATH, express.raw({ type: IMPORT_TYPES, limit: IMPORT_LIMIT }));
  // The portal's forms post as plain HTML forms (no script), small bodies only.
  app.use('/portal', express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 }));
  app.use(api.router);

  healthRoutes(api, { db: deps.db, readiness: deps.readiness ?? { ready: true } });
  const addresses = new AddressLimit(
    models.loginAddressFailures,
    config.LOGIN_FAILURES_PER_ADDRESS,
  );
  loginRoutes(api, { ...models, config, addresses });
  oidcRoutes(api, { ...models, config });
  userRoutes(api, models);
  applicantRoutes(api, { ...models, cipher: deps.cipher, config, addresses });
  organisationRoutes(api, models);
  auditRoutes(api, models);
  // Workers start on the first job, not here: most requests never need one.
  const sandbox = new Sandbox({ threads: config.SANDBOX_THREADS, queue: config.SANDBOX_QUEUE });
  const verifier = { sandbox, budgetMs: config.VERIFY_TIME_BUDGET_MS };
  catalogRoutes(api, { ...models, verifier });
  formRoutes(api, models);
  processRoutes(api, { ...models, verifier });
  const calendars = new CountyCalendars(models.calendarOverrides, models.officialCalendarYears);
  const cases = new CaseService({
    ...models,
    calendars,
    cipher: deps.cipher,
    embedded: deps.db.kind === 'embedded',
    logger: deps.logger,
  });
  allCaseRoutes(api, cases, models);
  metrics.watchCases(cases);
  metricsRoute(api, {
    metrics,
    token: config.METRICS_TOKEN,
    authenticate: authenticator(models.sessions),
  });
  // Materials and attachments of cases (RUN-7, FORM-2).
  caseFileRoutes(api, cases, {
    files: new FileStore(deps.db.connection.db!),
    maxBytes: config.UPLOAD_MAX_MB * 1024 * 1024,
  });
  const notifications = mountNotifications(api, {
    config,
    models,
    cases,
    cipher: deps.cipher,
    logger: deps.logger,
  });
  const supervision = mountSupervision(api, {
    connection: deps.db.connection,
    models,
    cases,
    notifications: notifications.handler,
    logger: deps.logger,
  });
  const trailAnchors = mountTrailAnchors(api, {
    connection: deps.db.connection,
    cases,
    cipher: deps.cipher,
    logger: deps.logger,
    sandbox,
  });
  const documents = mountDocuments(api, {
    db: deps.db.connection.db!,
    cases,
    units: models.units,
    itemVersions: models.itemVersions,
    cipher: deps.cipher,
    sandbox,
    logger: deps.logger,
  });
  // Faults and the monthly operation report (OPS-2, OPS-3).
  mountOperations(api, {
    models,
    cases,
    statistics: supervision.statistics,
    metrics,
    targets: config.FAULT_TARGETS,
  });
  deps.systemLogs?.attach(models.systemLogs);
  const systemStatus = mountSystemStatus(api, {
    config,
    db: deps.db,
    connection: deps.db.connection,
    cases,
    systemLogs: models.systemLogs,
    sink: deps.systemLogs,
    departmentSystems: models.departmentSystems,
    cipher: deps.cipher,
    sender: notifications.sender,
    trailAnchors,
  });
  calendarRoutes(api, {
    calendarOverrides: models.calendarOverrides,
    officialYears: models.officialCalendarYears,
    calendars,
    // The executor's clock, so a test that moves the cases' time moves the coverage warning too.
    clock: () => cases.executor.clock(),
  });
  serviceFormRoutes(api, {
    items: models.items,
    files: new FileStore(deps.db.connection.db!),
    maxBytes: config.UPLOAD_MAX_MB * 1024 * 1024,
  });
  portalRoutes(api, {
    ...models,
    files: new FileStore(deps.db.connection.db!),
    cipher: deps.cipher,
    caseService: cases,
  });
  // The portal's search (POR-9).
  searchRoutes(api, models);
  api.route({
    method: 'get',
    path: '/api/openapi.json',
    access: 'public',
    summary: '本接口文档（OpenAPI 3.1）',
    tags: ['运行状态'],
    response: { description: 'OpenAPI 文档' },
    handler: () => api.document(version),
  });

  app.use('/api', notFoundHandler);
  serveStudio(app, deps.studioDist);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return {
    app,
    api,
    cases,
    trailAnchors,
    sandbox,
    documents,
    notifications,
    metrics,
    supervision,
    systemStatus,
  };
}
