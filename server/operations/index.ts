import type { FaultTargets } from '../../runtime/operations/faults';
import type { CaseService } from '../cases';
import type { Api } from '../http/api';
import type { Models } from '../models';
import type { SupervisionStatistics } from '../supervision/statistics';
import { faultRoutes } from './fault-routes';
import type { Metrics } from './metrics';
import { reportRoutes } from './report-routes';

export { Metrics, metricsRoute } from './metrics';

/**
 * Operations (运维): faults and their response (OPS-3) and the monthly operation report (OPS-2).
 * Their clock is the case executor's, so a test that moves the cases' time moves theirs.
 */
export function mountOperations(
  api: Api,
  deps: {
    models: Models;
    cases: CaseService;
    statistics: SupervisionStatistics;
    metrics: Metrics;
    targets: FaultTargets;
  },
): void {
  const { models, cases } = deps;
  const clock = () => cases.executor.clock();
  const calendar = (countyId: string) => cases.calendars.of(countyId);
  faultRoutes(api, { faults: models.faults, targets: deps.targets, calendar, clock });
  reportRoutes(api, {
    faults: models.faults,
    loginLogs: models.loginLogs,
    operationLogs: models.operationLogs,
    statistics: deps.statistics,
    metrics: deps.metrics,
    targets: deps.targets,
    calendar,
    clock,
    countyName: async (countyId) =>
      (await models.units.findById(countyId, { name: 1 }).lean().exec())?.name ?? '',
  });
}
