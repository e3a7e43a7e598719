import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import type { CaseService } from '../cases';
import type { Api } from '../http/api';
import type { Models } from '../models';
import type { NotificationHandler } from '../notifications';
import { SupervisionAlerts } from './alerts';
import { Exemptions } from './exemptions';
import { SupervisionRules } from './rules';
import { supervisionRoutes } from './routes';
import { SupervisionStatistics } from './statistics';
import { orderRoutes } from './order-routes';
import { statisticsRoutes, todayRoutes } from './statistics-routes';
import { SupervisionWatch } from './watch';

export { SupervisionAlerts, RULE_KINDS, type Alert, type AlertChange } from './alerts';
export { SupervisionRules, type Rule } from './rules';
export { SupervisionWatch } from './watch';
export { SupervisionStatistics } from './statistics';

export interface Supervision {
  alerts: SupervisionAlerts;
  rules: SupervisionRules;
  exemptions: Exemptions;
  watch: SupervisionWatch;
  statistics: SupervisionStatistics;
}

/**
 * Electronic supervision (电子监察, SUP-2, SUP-3, SUP-9, SUP-10): rules, the live watch over case
 * events, the timeliness scan (run by jobs.ts), alerts and their routes.
 */
export function mountSupervision(
  api: Api,
  deps: {
    connection: Connection;
    models: Models;
    cases: CaseService;
    notifications?: Pick<NotificationHandler, 'queueAlertNotice'>;
    logger: Logger;
  },
): Supervision {
  const { cases, models } = deps;
  const clock = () => cases.executor.clock();
  const alerts = new SupervisionAlerts(deps.connection, deps.logger);
  const rules = new SupervisionRules(deps.connection);
  const exemptions = new Exemptions(deps.connection);
  const watch = new SupervisionWatch({
    cases,
    rules,
    exemptions,
    alerts,
    users: models.users,
    posts: models.posts,
    logger: deps.logger,
    clock,
    ...(deps.notifications
      ? {
          notify: (alert, userIds) => deps.notifications!.queueAlertNotice(alert, userIds),
        }
      : {}),
  });
  cases.projector.addHandler(watch);
  // Several nodes: alerts travel with the change feed, so every node's consoles show them live.
  alerts.written = (id) => cases.feed?.publishedAlert(id);
  cases.remoteAlerts = (ids) => alerts.remoteChanged(ids);
  cases.alertedCases = (level) => alerts.caseIdsWith(level ? { level } : {});
  const statistics = new SupervisionStatistics(deps.connection, {
    cases,
    alerts,
    logger: deps.logger,
  });
  cases.projector.addHandler(statistics);
  cases.remoteListeners.push((ids) => statistics.remoteChanged(ids));
  statisticsRoutes(api, { statistics, clock });
  todayRoutes(api, { cases, alerts, clock });
  orderRoutes(api, { cases, statistics, items: models.items });
  supervisionRoutes(api, {
    alerts,
    rules,
    exemptions,
    watch,
    items: models.items,
    users: models.users,
    posts: models.posts,
    clock,
  });
  return { alerts, rules, exemptions, watch, statistics };
}
