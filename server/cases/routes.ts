import { z } from 'zod';
import { remaining } from '../../runtime/calendar';
import {
  CASE_SOURCES,
  CASE_STATUS_LABELS,
  COMMAND_HANDLERS,
  WORK_QUEUE_LABELS,
  isLive,
  type CaseCommand,
  type CaseSource,
  type CommandResult,
} from '../../runtime/cases';
import { EX_OFFICIO_STAGES, type ExOfficioStage } from '../../runtime/process/vocabulary';
import { TRAIL_ACTIONS, verifyTrail } from '../../runtime/trail';
import { assertCanAny } from '../access/query';
import type { Api, AuthContext } from '../http/api';
import { badRequest } from '../http/errors';
import { objectId, page, pageOf } from '../http/schemas';
import { caseListRow, diagramState, staffCaseView } from './case-detail';
import { QUEUES, type CaseFilter, type QueueReader } from './case-index';
import type { CaseDoc } from './case-model';
import { applicantInput, applicationFields, staffCommand } from './command-schemas';
import type { CaseService } from './service';
import type { ViewRow, CaseView } from './view';

const STATUSES = Object.keys(CASE_STATUS_LABELS) as [keyof typeof CASE_STATUS_LABELS];
const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** What a command answers: where the case stands now, and what the command told the platform. */
/** What each staff command is called in the operation log, when it leaves no trail entry. */
const COMMAND_LABELS: Record<string, string> = Object.fromEntries(
  Object.values(COMMAND_HANDLERS).map((h) => [h.type, h.label]),
);

export function commandAnswer(doc: CaseDoc, result: CommandResult | null) {
  const s = doc.state;
  return {
    id: doc._id,
    version: doc.version,
    status: s.status,
    statusLabel: CASE_STATUS_LABELS[s.status],
    caseNo: s.caseNo,
    applicationNo: s.applicationNo,
    workItems: s.workItems.filter(isLive).map((w) => ({
      id: w.id,
      nodeId: w.nodeId,
      name: w.name,
      status: w.status,
      assignee: w.assignee?.name,
      dueAt: w.dueAt,
    })),
    events: (result?.events ?? []).map((e) => ({ id: e.id, type: e.type })),
  };
}

/** Remaining time of a queue row's step at `now`, on the county's calendar (RUN-6). */
function rowTime(
  row: ViewRow,
  view: CaseView,
  calendar: Awaited<ReturnType<CaseService['calendars']['of']>>,
  now: Date,
) {
  if (!row.limit || !row.startedAt) return {};
  try {
    const r = remaining(
      calendar,
      { start: row.startedAt, limit: row.limit, pauses: view.pauses },
      now,
    );
    return {
      remaining: r.remaining,
      remainingUnit: r.unit,
      timeState: r.state,
      stopped: r.stopped,
    };
  } catch {
    return {};
  }
}

/** Staff routes of cases (RUN-1 … RUN-9): start, commands, a case with its trail, lists, queues. */
export function caseRoutes(api: Api, service: CaseService): void {
  const { executor, index } = service;

  api.route({
    method: 'post',
    path: '/api/cases',
    access: 'staff',
    status: 201,
    summary: '窗口登记申请（办件开始，待受理）',
    tags: ['办件'],
    body: z.strictObject({
      itemId: objectId,
      applicant: applicantInput,
      ...applicationFields,
      township: z.boolean().optional(),
      /** 督办 and complaints: the unit the case is about (SUP-4, SUP-5). */
      target: z.strictObject({ unitId: objectId }).optional(),
    }),
    response: { description: '办件' },
    async handler({ body, auth, audit }) {
      await service.whenReady();
      const { target, ...rest } = body;
      const { doc } = await executor.startAtWindow(
        { kind: 'staff', auth },
        { ...rest, ...(target ? { targetUnitId: target.unitId } : {}) },
      );
      audit({
        action: 'startAtWindow',
        resource: 'case',
        resourceId: doc._id,
        summary: `窗口登记「${doc.state.caseName}」`,
      });
      return commandAnswer(doc, null);
    },
  });

  api.route({
    method: 'post',
    path: '/api/cases/open',
    access: 'staff',
    status: 201,
    summary: '立案：依职权事项（处罚、强制、检查、征收）由执法人员对当事人立案（办件开始，办理中）',
    tags: ['办件'],
    body: z.strictObject({
      itemId: objectId,
      party: applicantInput,
      source: z.enum(Object.keys(CASE_SOURCES) as [CaseSource, ...CaseSource[]]),
      sourceNote: z.string().trim().min(1, '请填写案由').max(2000),
      fromCaseId: objectId.optional(),
      ...applicationFields,
    }),
    response: { description: '办件' },
    async handler({ body, auth, audit }) {
      await service.whenReady();
      const { doc } = await executor.openExOfficio({ kind: 'staff', auth }, body);
      audit({
        action: 'openExOfficio',
        resource: 'case',
        resourceId: doc._id,
        summary: `立案「${doc.state.caseName}」${doc.state.caseNo ?? ''}`,
      });
      return commandAnswer(doc, null);
    },
  });

  api.route({
    method: 'post',
    path: '/api/cases/:id/commands',
    access: 'staff',
    summary:
      '对办件执行一项操作：预审、受理、不予受理、补正告知、签收、办理、退回、转办、加签、取回、暂停、恢复、办结、终止、催办……',
    tags: ['办件'],
    params: z.object({ id: objectId }),
    body: staffCommand,
    response: { description: '操作后的办件' },
    async handler({ params, body, auth, audit }) {
      await service.whenReady();
      const { version, ...command } = body;
      const { doc, result } = await executor.run(
        { kind: 'staff', auth },
        params.id,
        command as CaseCommand,
        version,
      );
      audit({
        action: command.type,
        resource: 'case',
        resourceId: doc._id,
        // In the log's own words: 「办理、自动办理」, not the engine's `complete、automatic`.
        summary: `办件「${doc.state.caseName}」：${
          result?.trail.map((e) => TRAIL_ACTIONS[e.action] ?? e.action).join('、') ||
          (COMMAND_LABELS[command.type] ?? command.type)
        }`,
      });
      return commandAnswer(doc, result);
    },
  });

  api.route({
    method: 'get',
    path: '/api/cases/:id',
    access: 'staff',
    summary: '办件详情：状态、剩余时限、流程图上的位置和全部操作痕迹',
    tags: ['办件'],
    params: z.object({ id: objectId }),
    response: { description: '办件' },
    async handler({ params, auth }) {
      const doc = await executor.visible({ kind: 'staff', auth }, params.id, true);
      const { def } = await service.definitions.get(doc.itemId, doc.itemVersion);
      const calendar = await service.calendars.of(doc.countyId);
      return staffCaseView(doc, def, calendar, executor.clock());
    },
  });

  api.route({
    method: 'post',
    path: '/api/cases/:id/personal-data-views',
    access: 'staff',
    summary: '查看办件中的完整个人信息（身份证号、电话）：页面默认遮挡，查看一次记入操作日志',
    tags: ['办件'],
    params: z.object({ id: objectId }),
    body: z.strictObject({}),
    response: { description: '已记录' },
    async handler({ params, auth, audit }) {
      const doc = await executor.visible({ kind: 'staff', auth }, params.id);
      audit({
        action: 'viewPersonalData',
        resource: 'case',
        resourceId: doc._id,
        summary: `查看办件「${doc.state.caseName}」的完整个人信息`,
      });
      return { recorded: true };
    },
  });

  api.route({
    method: 'get',
    path: '/api/cases/:id/trail/verify',
    access: 'staff',
    summary: '校验办件操作痕迹的摘要链（SM3）：任何改动、删除、插入都会被发现',
    tags: ['办件'],
    params: z.object({ id: objectId }),
    response: { description: '校验结果' },
    async handler({ params, auth }) {
      // Read from the database itself, never from a copy in memory: that is what is checked.
      const doc = await executor.visible({ kind: 'staff', auth }, params.id, true);
      const base = { caseId: doc._id, entries: doc.trail.length, head: doc.trailHead };
      if (!service.trailAnchors) {
        const result = verifyTrail(doc._id, doc.trail, { head: doc.trailHead });
        return {
          ...base,
          ...result,
          ...(result.ok ? { message: `${doc.trail.length} 条操作痕迹完整，摘要链校验通过` } : {}),
        };
      }
      // Against the engine state's own head and the signed anchors too (docs/transparency.md).
      const check = await service.trailAnchors.checkCase(doc);
      const { anchorProblems } = check;
      if (check.ok && anchorProblems.length)
        return {
          ...base,
          ...check,
          ok: false,
          reason: 'anchorRecords',
          message: `摘要链本身一致，但锚定记录有问题：${anchorProblems.join('；')}`,
        };
      return {
        ...base,
        stateHead: doc.state.trailHead,
        ...check,
        ...(check.ok
          ? {
              message: `${doc.trail.length} 条操作痕迹完整，摘要链校验通过${check.anchoredSeq ? `，前 ${check.anchoredSeq} 条与已签名的锚定一致` : '（尚未锚定）'}`,
            }
          : {}),
      };
    },
  });

  api.route({
    method: 'get',
    path: '/api/cases/:id/diagram',
    access: 'staff',
    summary: '办件所依据版本的流程图，以及当前所在和已经过的环节',
    tags: ['办件'],
    params: z.object({ id: objectId }),
    response: { description: '流程图与位置' },
    async handler({ params, auth }) {
      const doc = await executor.visible({ kind: 'staff', auth }, params.id);
      const loaded = await service.definitions.get(doc.itemId, doc.itemVersion);
      const { def } = loaded;
      // Staff of another department at a step (联办, the unit a 督办 is about) may not read the
      // item, but need its forms and lists to act on the case.
      return {
        itemVersion: doc.itemVersion,
        xml: loaded.xml,
        ...diagramState(doc),
        handlingKind: def.handlingKind,
        materials: def.materials,
        ...(def.fee ? { fee: def.fee } : {}),
        ...(def.internal ? { internal: def.internal } : {}),
        ...(def.initiation ? { initiation: def.initiation } : {}),
        ...(def.procedure ? { procedure: def.procedure } : {}),
        // The benchmark a 决定 step chooses from (CAT-2).
        ...(def.discretion ? { discretion: def.discretion } : {}),
        forms: def.forms.map(({ key, schema }) => ({
          key,
          name: loaded.formNames[key] ?? key,
          schema,
        })),
      };
    },
  });

  api.route({
    method: 'get',
    path: '/api/cases',
    access: 'staff',
    summary: '办件列表：本部门经手的办件；监察人员和管理员为全县',
    tags: ['办件'],
    query: z.strictObject({
      status: z
        .string()
        .transform((s) => s.split(','))
        .pipe(z.array(z.enum(STATUSES)))
        .optional(),
      itemId: objectId.optional(),
      departmentId: objectId.optional(),
      channel: z.enum(['online', 'window', 'push']).optional(),
      q: z.string().trim().max(50).optional(),
      overdue: flag.optional(),
      /** Cases with an open card of this level, or either (SUP-1). */
      alert: z.enum(['yellow', 'red', 'any']).optional(),
      from: z.iso.datetime().optional(),
      to: z.iso.datetime().optional(),
      ...page,
    }),
    response: { description: '办件' },
    async handler({ query, auth }) {
      assertCanAny(auth.ability, 'read', 'Case', '办件');
      await service.whenReady();
      const now = executor.clock().toISOString();
      const { page: p, pageSize, alert, ...rest } = query;
      const filter: CaseFilter = { ...rest };
      if (alert) {
        if (!service.alertedCases)
          throw badRequest('本平台未启用电子监察，不能按预警筛选', { field: 'alert' });
        filter.ids = await service.alertedCases(alert === 'any' ? undefined : alert);
      }
      const rows = index.cases(auth.ability, auth.principal, filter, now);
      const start = (p - 1) * pageSize;
      return pageOf(
        rows.slice(start, start + pageSize).map((v) => caseListRow(v, now)),
        rows.length,
        query,
      );
    },
  });

  const readerOf = (auth: AuthContext): QueueReader => ({
    kind: 'staff',
    userId: auth.principal.userId,
    postIds: auth.principal.postIds,
    unitId: auth.principal.unitId,
    departmentId: auth.principal.departmentId,
  });

  api.route({
    method: 'get',
    path: '/api/work-queues',
    access: 'staff',
    summary: '我的工作队列及各自件数：待办、已办、待补正、已暂停、待预审、待受理、待办结',
    tags: ['办件'],
    response: { description: '队列' },
    async handler({ auth }) {
      await service.whenReady();
      const counts = index.queueCounts(readerOf(auth));
      const stages = index.stageCounts(readerOf(auth));
      return {
        items: QUEUES.map((q) => ({ queue: q, label: WORK_QUEUE_LABELS[q], count: counts[q] })),
        // 执法办案 queues (RUN-17): the reader's live ex officio steps by stage.
        stages: (Object.keys(EX_OFFICIO_STAGES) as ExOfficioStage[]).map((s) => ({
          stage: s,
          label: EX_OFFICIO_STAGES[s],
          count: stages[s] ?? 0,
        })),
      };
    },
  });

  api.route({
    method: 'get',
    path: '/api/work-queues/:queue',
    access: 'staff',
    summary: '一个工作队列中我的办件，分页，可按文字、事项、是否超期筛选',
    tags: ['办件'],
    params: z.object({ queue: z.enum(QUEUES as [string, ...string[]]) }),
    query: z.strictObject({
      q: z.string().trim().max(50).optional(),
      itemId: objectId.optional(),
      overdue: flag.optional(),
      stage: z
        .enum(Object.keys(EX_OFFICIO_STAGES) as [ExOfficioStage, ...ExOfficioStage[]])
        .optional(),
      ...page,
    }),
    response: { description: '队列中的办件' },
    async handler({ params, query, auth }) {
      await service.whenReady();
      const nowDate = executor.clock();
      const now = nowDate.toISOString();
      const { page: p, pageSize, ...filter } = query;
      const me = auth.principal.userId;
      const rows = index.queueRows(
        readerOf(auth),
        params.queue as (typeof QUEUES)[number],
        filter,
        now,
      );
      const start = (p - 1) * pageSize;
      const slice = rows.slice(start, start + pageSize);
      const calendars = new Map<string, Awaited<ReturnType<typeof service.calendars.of>>>();
      const items = [];
      for (const { view, row } of slice) {
        let calendar = calendars.get(view.countyId);
        if (!calendar)
          calendars.set(view.countyId, (calendar = await service.calendars.of(view.countyId)));
        items.push({
          caseId: view._id,
          caseNo: view.caseNo,
          applicationNo: view.applicationNo,
          caseName: view.caseName,
          applicantName: view.applicantName,
          itemId: view.itemId,
          itemCode: view.itemCode,
          itemName: view.itemName,
          caseStatus: view.status,
          caseStatusLabel: CASE_STATUS_LABELS[view.status],
          queue: row.queue,
          workItemId: row.workItemId,
          nodeId: row.nodeId,
          stepName: row.stepName,
          ...(row.stage ? { stage: row.stage, stageLabel: EX_OFFICIO_STAGES[row.stage] } : {}),
          claimed: !!row.userId,
          mine: row.userId === me,
          since: row.since,
          dueAt: row.dueAt,
          overdue: !!row.dueAt && row.dueAt <= now && row.queue !== 'done',
          ...(row.queue === 'done' ? {} : rowTime(row, view, calendar, nowDate)),
          version: view.version,
        });
      }
      return pageOf(items, rows.length, query);
    },
  });
}
