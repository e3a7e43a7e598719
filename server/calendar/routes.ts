import { z } from 'zod';
import { addDays, WorkCalendar } from '../../runtime/calendar';
import { assertCan, assertCanAny } from '../access/query';
import { changesBetween } from '../audit/models';
import { writeUnique } from '../database/unique';
import { updateVersioned } from '../database/versioned';
import type { Api, AuthContext } from '../http/api';
import { badRequest, conflict, notFound } from '../http/errors';
import { objectId, versionField } from '../http/schemas';
import type { CountyCalendars } from './calendars';
import { calendarAppError } from './errors';
import type { OfficialYearModel } from './official-year-model';
import { officialYearRoutes } from './official-year-routes';
import {
  asCalendarOverride,
  overrideKey,
  type CalendarOverrideDoc,
  type CalendarOverrideModel,
} from './override-model';

export interface CalendarDeps {
  calendarOverrides: CalendarOverrideModel;
  calendars: CountyCalendars;
  /** Years imported from the State Council's notices. */
  officialYears: OfficialYearModel;
  /** The server's clock (the case executor's); tests move it. */
  clock: () => Date;
}

const civilDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD');
const reason = z.string().trim().min(1, '请写明原因').max(200);

const overrideInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('day'),
    date: civilDate,
    dayKind: z.enum(['workday', 'holiday']),
    reason,
  }),
  z.strictObject({ kind: z.literal('year'), year: z.number().int().min(1992).max(2200), reason }),
]);

const overridePatch = z.strictObject({
  version: versionField,
  dayKind: z.enum(['workday', 'holiday']).optional(),
  reason: reason.optional(),
});

const view = (o: CalendarOverrideDoc) => ({
  id: String(o._id),
  kind: o.kind,
  ...(o.kind === 'day' ? { date: o.date, dayKind: o.dayKind } : { year: o.year }),
  reason: o.reason,
  createdByName: o.createdByName,
  version: o.version,
  updatedAt: o.updatedAt,
});

const summaryOf = (o: Pick<CalendarOverrideDoc, 'kind' | 'date' | 'year' | 'dayKind'>) =>
  o.kind === 'year'
    ? `${o.year} 年由本县录入`
    : `${o.date} 调整为${o.dayKind === 'workday' ? '工作日' : '休息日'}`;

/** County calendar overrides (RUN-6): kept by the county's administrators, read by all staff. */
export function calendarRoutes(api: Api, deps: CalendarDeps): void {
  const { calendarOverrides: overrides, calendars } = deps;
  officialYearRoutes(api, deps);

  const countyOverrides = (countyId: string) =>
    overrides.find({ countyId }).lean<CalendarOverrideDoc[]>().exec();

  /** Refuses a set of overrides the calendar itself would refuse, naming why. */
  function check(docs: CalendarOverrideDoc[]): void {
    try {
      WorkCalendar.official(docs.map(asCalendarOverride));
    } catch (err) {
      throw calendarAppError(err) ?? err;
    }
  }

  async function ownOverride(auth: AuthContext, id: string) {
    const found = await overrides.findById(id).lean<CalendarOverrideDoc>().exec();
    if (!found || String(found.countyId) !== auth.principal.countyId) {
      throw notFound('日历调整不存在');
    }
    assertCan(auth.ability, 'update', 'CalendarOverride', found, '本县工作日历');
    return found;
  }

  api.route({
    method: 'get',
    path: '/api/calendar/overrides',
    access: 'staff',
    summary: '本县对工作日历的调整（调休、临时放假、自行录入的年份）',
    tags: ['工作日历'],
    response: { description: '调整，按日期排列' },
    async handler({ auth }) {
      assertCanAny(auth.ability, 'read', 'CalendarOverride', '工作日历');
      const docs = await countyOverrides(auth.principal.countyId);
      docs.sort((a, b) => a.key.localeCompare(b.key));
      return { items: docs.map(view) };
    },
  });

  api.route({
    method: 'post',
    path: '/api/calendar/overrides',
    access: 'staff',
    status: 201,
    summary: '新增本县的日历调整：某日改为工作日或休息日，或声明某年由本县录入',
    tags: ['工作日历'],
    body: overrideInput,
    response: { description: '已新增' },
    async handler({ body, auth, audit }) {
      const countyId = auth.principal.countyId;
      assertCan(auth.ability, 'create', 'CalendarOverride', { countyId }, '本县工作日历');
      const record = {
        countyId,
        key: overrideKey(body),
        ...body,
        createdBy: auth.principal.userId,
        createdByName: auth.display.name,
      };
      const existing = await countyOverrides(countyId);
      if (existing.some((o) => o.key === record.key)) {
        throw conflict(
          body.kind === 'year'
            ? `已声明 ${body.year} 年由本县录入`
            : `${body.date} 已有本县的调整，请修改该条`,
        );
      }
      check([...existing, record as unknown as CalendarOverrideDoc]);
      const created = await writeUnique(overrides, record, () => overrides.create(record));
      calendars.invalidate(countyId);
      const doc = created.toObject() as CalendarOverrideDoc;
      audit({
        action: 'create',
        resource: 'calendarOverride',
        resourceId: String(doc._id),
        summary: `工作日历：${summaryOf(doc)}（${doc.reason}）`,
        changes: changesBetween(undefined, view(doc)),
      });
      return view(doc);
    },
  });

  api.route({
    method: 'put',
    path: '/api/calendar/overrides/:id',
    access: 'staff',
    summary: '修改本县的日历调整（类型或原因）',
    tags: ['工作日历'],
    params: z.object({ id: objectId }),
    body: overridePatch,
    response: { description: '已修改' },
    async handler({ params, body, auth, audit }) {
      const before = await ownOverride(auth, params.id);
      const { version, ...fields } = body;
      if (fields.dayKind && before.kind !== 'day') throw badRequest('只有某日的调整才有类型');
      const others = (await countyOverrides(auth.principal.countyId)).filter(
        (o) => String(o._id) !== params.id,
      );
      check([...others, { ...before, ...fields }]);
      const after = await updateVersioned(
        overrides,
        before._id,
        version,
        { $set: fields },
        '日历调整',
      );
      calendars.invalidate(auth.principal.countyId);
      audit({
        action: 'update',
        resource: 'calendarOverride',
        resourceId: params.id,
        summary: `工作日历：${summaryOf(after)}（${after.reason}）`,
        changes: changesBetween(view(before), view(after)),
      });
      return view(after);
    },
  });

  api.route({
    method: 'delete',
    path: '/api/calendar/overrides/:id',
    access: 'staff',
    summary: '删除本县的日历调整，恢复国务院安排',
    tags: ['工作日历'],
    params: z.object({ id: objectId }),
    response: { description: '已删除' },
    async handler({ params, auth, audit }) {
      const before = await ownOverride(auth, params.id);
      await overrides.deleteOne({ _id: before._id }).exec();
      calendars.invalidate(auth.principal.countyId);
      audit({
        action: 'delete',
        resource: 'calendarOverride',
        resourceId: params.id,
        summary: `删除工作日历调整：${summaryOf(before)}`,
        changes: changesBetween(view(before), undefined),
      });
      return { deleted: true };
    },
  });

  api.route({
    method: 'get',
    path: '/api/calendar/days',
    access: 'staff',
    summary: '本县工作日历中一段日期（至多 366 天）：是否工作日及其依据',
    tags: ['工作日历'],
    query: z.strictObject({ from: civilDate, to: civilDate }),
    response: { description: '逐日' },
    async handler({ query, auth }) {
      assertCanAny(auth.ability, 'read', 'CalendarOverride', '工作日历');
      if (query.to < query.from) throw badRequest('结束日期不能早于开始日期');
      const calendar = await calendars.of(auth.principal.countyId);
      const days = [];
      try {
        for (let d = query.from; d <= query.to; d = addDays(d, 1)) {
          if (days.length >= 366) throw badRequest('一次至多查询 366 天');
          days.push(calendar.day(d));
        }
      } catch (err) {
        throw calendarAppError(err) ?? err;
      }
      return { coveredYears: calendar.coveredYears, days };
    },
  });
}
