import { z } from 'zod';
import type { CaseCommand } from '../../runtime/cases';
import type { Api } from '../http/api';
import { objectId, page, pageOf } from '../http/schemas';
import { applicantCaseView, caseListRow } from './case-detail';
import { applicantCommand, applicantInput, applicationFields } from './command-schemas';
import { commandAnswer } from './routes';
import type { CaseService } from './service';

/** The citizen's side (RUN-1, RUN-4, POR-6): apply online, follow, supply, withdraw, press. */
export function applicantCaseRoutes(api: Api, service: CaseService): void {
  const { executor, index } = service;

  api.route({
    method: 'post',
    path: '/api/applicant/cases',
    access: 'applicant',
    status: 201,
    summary: '网上申请：提交后得到申请编号，由受理窗口预审',
    tags: ['申请人'],
    body: z.strictObject({
      itemId: objectId,
      // Only to apply for an organisation; otherwise the applicant is the account holder.
      applicant: applicantInput.extend({ type: z.literal('organisation') }).optional(),
      acceptingUnitId: objectId.optional(),
      ...applicationFields,
      /** A complaint names the unit it is about (SUP-4). */
      target: z.strictObject({ unitId: objectId }).optional(),
    }),
    response: { description: '申请' },
    async handler({ body, applicant }) {
      await service.whenReady();
      const { target, ...rest } = body;
      const { doc } = await executor.applyOnline(
        { kind: 'applicant', applicant },
        { ...rest, ...(target ? { targetUnitId: target.unitId } : {}) },
      );
      return commandAnswer(doc, null);
    },
  });

  api.route({
    method: 'get',
    path: '/api/applicant/cases',
    access: 'applicant',
    summary: '我的申请和办件',
    tags: ['申请人'],
    query: z.strictObject({ ...page }),
    response: { description: '办件' },
    async handler({ query, applicant }) {
      await service.whenReady();
      const now = executor.clock().toISOString();
      const rows = index.applicantCases(applicant.applicantId);
      const start = (query.page - 1) * query.pageSize;
      return pageOf(
        rows.slice(start, start + query.pageSize).map((v) => caseListRow(v, now)),
        rows.length,
        query,
      );
    },
  });

  api.route({
    method: 'get',
    path: '/api/applicant/cases/:id',
    access: 'applicant',
    summary: '我的办件：进度、要我补正的材料、结果',
    tags: ['申请人'],
    params: z.object({ id: objectId }),
    response: { description: '办件' },
    async handler({ params, applicant }) {
      const doc = await executor.visible({ kind: 'applicant', applicant }, params.id, true);
      const { def } = await service.definitions.get(doc.itemId, doc.itemVersion);
      const calendar = await service.calendars.of(doc.countyId);
      return applicantCaseView(doc, def, calendar, executor.clock());
    },
  });

  api.route({
    method: 'post',
    path: '/api/applicant/cases/:id/commands',
    access: 'applicant',
    summary: '申请人对本人办件的操作：重新提交、补正材料、撤回、催办',
    tags: ['申请人'],
    params: z.object({ id: objectId }),
    body: applicantCommand,
    response: { description: '操作后的办件' },
    async handler({ params, body, applicant }) {
      await service.whenReady();
      const { version, ...command } = body;
      const { doc, result } = await executor.run(
        { kind: 'applicant', applicant },
        params.id,
        command as CaseCommand,
        version,
      );
      return commandAnswer(doc, result);
    },
  });
}
