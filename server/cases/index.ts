/**
 * Cases (办件, RUN-1 … RUN-9, RUN-11): the store, the executor every command passes through,
 * projections and the in-memory index lists are answered from, and the HTTP routes.
 * docs/cases.md explains the case document, the executor, projections and the API.
 */
import type { Api } from '../http/api';
import { applicantCaseRoutes } from './applicant-routes';
import type { DepartmentSystemModel } from './department-systems';
import { caseRoutes } from './routes';
import type { CaseService } from './service';
import { systemRoutes } from './system-routes';

export { caseModel, type CaseDoc, type CaseModel } from './case-model';
export { eventModel } from './event-model';
export { caseNumberModel, caseNumberCounterModel } from './number-model';
export { departmentSystemModel } from './department-systems';
export { CaseService, type CaseServiceDeps } from './service';
export type { Caller } from './executor';

export function allCaseRoutes(
  api: Api,
  service: CaseService,
  deps: { departmentSystems: DepartmentSystemModel },
): void {
  caseRoutes(api, service);
  applicantCaseRoutes(api, service);
  systemRoutes(api, service, deps);
}
