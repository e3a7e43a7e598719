import { Types } from 'mongoose';
import { z } from 'zod';
import {
  FAULT_CLASS_LABELS,
  FAULT_CLASSES,
  FAULT_STATES,
  nextState,
  type FaultTargets,
} from '../../runtime/operations/faults';
import type { WorkCalendar } from '../../runtime/calendar';
import { assertCan, assertCanAny, accessibleFilter, both } from '../access/query';
import { updateVersioned } from '../database/versioned';
import type { Api, AuthContext } from '../http/api';
import { badRequest, conflict, notFound } from '../http/errors';
import { objectId, page, pageOf, versionField } from '../http/schemas';
import type { Fault, FaultModel } from './fault-model';
import { faultView, monthBounds, nextFaultNumber } from './faults';

const tags = ['运行维护'];

export interface FaultDeps {
  faults: FaultModel;
  targets: FaultTargets;
  calendar(countyId: string): Promise<WorkCalendar>;
  clock(): Date;
}

const text = (max: number) => z.string().trim().min(1, '不能为空').max(max);
const instant = z.iso.datetime({
  offset: true,
  error: '应为带时区的时间，如 2026-11-03T09:30:00+08:00',
});
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应为 YYYY-MM');

/** A clerk's PC and the server may disagree by a minute or two; more than that is a typo. */
const FUTURE_SLACK_MS = 5 * 60_000;

const createBody = z.strictObject({
  faultClass: z.enum(FAULT_CLASSES, { error: '故障等级应为 A、B 或 C' }),
  title: text(100),
  description: z.string().trim().max(4000).default(''),
  affected: text(200),
  occurredAt: instant,
  reportedAt: instant.optional(),
  reportedBy: text(100).optional(),
});

const respondBody = z.strictObject({
  version: versionField,
  at: instant.optional(),
  note: z.string().trim().max(2000).optional(),
});
const noteBody = z.strictObject({ version: versionField, text: text(2000) });
const resolveBody = z.strictObject({
  version: versionField,
  at: instant.optional(),
  resolution: text(2000),
  cause: text(2000),
});

const listQuery = z
  .object({
    faultClass: z.enum(FAULT_CLASSES).optional(),
    state: z.enum(FAULT_STATES).optional(),
    month: month.optional(),
    from: instant.optional(),
    to: instant.optional(),
    ...page,
  })
  .strict();

const params = z.object({ id: objectId });
const person = (auth: AuthContext) => ({ userId: auth.principal.userId, name: auth.display.name });

/** Faults of the platform (OPS-3): recorded, responded to, worked on and restored, each by a command. */
export function faultRoutes(api: Api, deps: FaultDeps): void {
  const { faults } = deps;

  async function view(f: Fault) {
    return faultView(f, await deps.calendar(String(f.countyId)), deps.clock());
  }

  /** A time given for a step: not in the future, not before the step it follows. */
  function checkTime(at: Date, field: string, what: string, after?: { at: Date; what: string }) {
    if (at.getTime() > deps.clock().getTime() + FUTURE_SLACK_MS)
      throw badRequest(`${what}不能晚于当前时间`, { field });
    if (after && at < after.at) throw badRequest(`${what}不能早于${after.what}`, { field });
  }

  async function load(auth: AuthContext, id: string, action: 'read' | 'update'): Promise<Fault> {
    assertCanAny(auth.ability, action, 'Fault', '故障记录');
    const f = await faults.findById(id).lean<Fault>().exec();
    if (!f) throw notFound('故障记录不存在');
    assertCan(auth.ability, action, 'Fault', f, '该故障记录');
    return f;
  }

  function expect(f: Fault, command: 'respond' | 'note' | 'resolve') {
    const next = nextState(f.state, command);
    if (!(FAULT_STATES as readonly string[]).includes(next))
      throw conflict(next, { state: f.state });
    return next as Fault['state'];
  }

  api.route({
    method: 'get',
    path: '/api/operations/faults',
    access: 'staff',
    summary: '故障记录：按等级、状态、期间（month 或 from/to，按报告时间）筛选',
    tags,
    query: listQuery,
    response: { description: '{ items, total, page, pageSize }' },
    async handler({ query, auth }) {
      assertCanAny(auth.ability, 'read', 'Fault', '故障记录');
      const filter = accessibleFilter<Fault>(auth.ability, 'read', 'Fault')!;
      const where: Record<string, unknown> = {};
      if (query.faultClass) where.faultClass = query.faultClass;
      if (query.state) where.state = query.state;
      const period = query.month ? monthBounds(query.month) : undefined;
      const from = period?.from ?? (query.from ? new Date(query.from) : undefined);
      const to = period?.to ?? (query.to ? new Date(query.to) : undefined);
      if (from && to && from > to) throw badRequest('开始时间不能晚于结束时间', { field: 'from' });
      if (from || to)
        where.reportedAt = { ...(from ? { $gte: from } : {}), ...(to ? { $lt: to } : {}) };
      const q = both<Fault>(filter, where);
      const [rows, total] = await Promise.all([
        faults
          .find(q)
          .sort({ reportedAt: -1 })
          .skip((query.page - 1) * query.pageSize)
          .limit(query.pageSize)
          .lean<Fault[]>()
          .exec(),
        faults.countDocuments(q).exec(),
      ]);
      const items = await Promise.all(rows.map(view));
      return pageOf(items, total, query);
    },
  });

  api.route({
    method: 'get',
    path: '/api/operations/faults/:id',
    access: 'staff',
    summary: '一条故障记录，含响应与恢复是否达标',
    tags,
    params,
    response: { description: '故障记录' },
    async handler({ params, auth }) {
      return view(await load(auth, params.id, 'read'));
    },
  });

  api.route({
    method: 'post',
    path: '/api/operations/faults',
    access: 'staff',
    status: 201,
    summary:
      '登记故障：等级（A 系统瘫痪、B 部分功能不可用、C 一般）、现象、影响范围、发生与报告时间、报告人',
    tags,
    body: createBody,
    response: { description: '已登记的故障' },
    async handler({ body, auth, audit }) {
      const countyId = new Types.ObjectId(auth.principal.countyId);
      assertCan(auth.ability, 'create', 'Fault', { countyId }, '故障记录');
      const now = deps.clock();
      const occurredAt = new Date(body.occurredAt);
      const reportedAt = body.reportedAt ? new Date(body.reportedAt) : now;
      checkTime(occurredAt, 'occurredAt', '发生时间');
      checkTime(reportedAt, 'reportedAt', '报告时间', { at: occurredAt, what: '发生时间' });
      let created: Fault | undefined;
      // Two operators recording at once may pick the same number: the unique index tells, try again.
      for (let attempt = 0; !created; attempt++) {
        const number = await nextFaultNumber(faults, countyId, reportedAt);
        try {
          created = (
            await faults.create({
              countyId,
              number,
              faultClass: body.faultClass,
              title: body.title,
              description: body.description,
              affected: body.affected,
              occurredAt,
              reportedAt,
              reportedBy: body.reportedBy ?? auth.display.name,
              recordedBy: person(auth),
              state: 'reported',
              notes: [],
              // The targets in force now stay with the record.
              targets: deps.targets[body.faultClass],
              version: 0,
              createdAt: now,
            })
          ).toObject();
        } catch (err) {
          if ((err as { code?: number }).code !== 11000 || attempt >= 4) throw err;
        }
      }
      audit({
        action: 'create',
        resource: 'fault',
        resourceId: String(created._id),
        summary: `登记${FAULT_CLASS_LABELS[created.faultClass]}故障 ${created.number}「${created.title}」`,
      });
      return view(created);
    },
  });

  api.route({
    method: 'post',
    path: '/api/operations/faults/:id/respond',
    access: 'staff',
    summary: '响应故障：记下响应时间与响应人，转入处理中',
    tags,
    params,
    body: respondBody,
    response: { description: '已响应' },
    async handler({ params, body, auth, audit }) {
      const f = await load(auth, params.id, 'update');
      const state = expect(f, 'respond');
      const at = body.at ? new Date(body.at) : deps.clock();
      checkTime(at, 'at', '响应时间', { at: f.reportedAt, what: '报告时间' });
      const by = person(auth);
      const updated = await updateVersioned(
        faults,
        f._id,
        body.version,
        {
          $set: {
            state,
            respondedAt: at,
            respondedBy: by,
            ...(body.note ? { notes: [...f.notes, { at, by, text: body.note }] } : {}),
          },
        },
        '故障记录',
      );
      audit({
        action: 'respond',
        resource: 'fault',
        resourceId: params.id,
        summary: `响应故障 ${f.number}「${f.title}」`,
      });
      return view(updated);
    },
  });

  api.route({
    method: 'post',
    path: '/api/operations/faults/:id/notes',
    access: 'staff',
    summary: '记录处理情况（处理中）',
    tags,
    params,
    body: noteBody,
    response: { description: '已记录' },
    async handler({ params, body, auth, audit }) {
      const f = await load(auth, params.id, 'update');
      expect(f, 'note');
      const note = { at: deps.clock(), by: person(auth), text: body.text };
      // The whole list, not $push: the version guard already makes the write exclusive.
      const updated = await updateVersioned(
        faults,
        f._id,
        body.version,
        { $set: { notes: [...f.notes, note] } },
        '故障记录',
      );
      audit({
        action: 'note',
        resource: 'fault',
        resourceId: params.id,
        summary: `故障 ${f.number} 处理情况：${body.text}`,
      });
      return view(updated);
    },
  });

  api.route({
    method: 'post',
    path: '/api/operations/faults/:id/resolve',
    access: 'staff',
    summary: '登记恢复：恢复时间、处理结果与故障原因',
    tags,
    params,
    body: resolveBody,
    response: { description: '已恢复' },
    async handler({ params, body, auth, audit }) {
      const f = await load(auth, params.id, 'update');
      const state = expect(f, 'resolve');
      const at = body.at ? new Date(body.at) : deps.clock();
      checkTime(at, 'at', '恢复时间', { at: f.respondedAt ?? f.reportedAt, what: '响应时间' });
      const updated = await updateVersioned(
        faults,
        f._id,
        body.version,
        {
          $set: {
            state,
            resolvedAt: at,
            resolvedBy: person(auth),
            resolution: body.resolution,
            cause: body.cause,
          },
        },
        '故障记录',
      );
      const shown = await view(updated);
      audit({
        action: 'resolve',
        resource: 'fault',
        resourceId: params.id,
        summary: `故障 ${f.number}「${f.title}」已恢复（响应${met(shown.responseMet)}，恢复${met(shown.resolutionMet)}）：${body.resolution}`,
      });
      return shown;
    },
  });
}

const met = (v: boolean | null) => (v === true ? '达标' : v === false ? '超时' : '—');
