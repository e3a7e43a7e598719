import { z } from 'zod';
import {
  civilDateOf,
  festivalProblems,
  fromFestivals,
  fromHolidayCn,
  MAX_NOTICE_DAYS,
  officialCalendarData,
  officialYearProblems,
  type OfficialYear,
} from '../../runtime/calendar';
import { assertCan, assertCanAny } from '../access/query';
import { changesBetween } from '../audit/models';
import { writeUnique } from '../database/unique';
import { updateVersioned } from '../database/versioned';
import type { Api } from '../http/api';
import { AppError, notFound } from '../http/errors';
import type { CountyCalendars } from './calendars';
import type { OfficialYearDoc, OfficialYearModel } from './official-year-model';
import type { CalendarOverrideDoc, CalendarOverrideModel } from './override-model';

export interface OfficialYearDeps {
  officialYears: OfficialYearModel;
  calendarOverrides: CalendarOverrideModel;
  calendars: CountyCalendars;
  /** The server's clock; tests move it. */
  clock: () => Date;
}

/** From this day of the year on, administrators are warned while next year is missing. */
export const WARN_FROM_MONTH_DAY = '10-01';

const civilDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD');
const festivalName = z.string().trim().min(1, '请填写节日名称').max(20, '节日名称至多 20 字');
const year = z
  .number({ error: '年份应为数字' })
  .int('年份应为整数')
  .min(2004, '年份不能早于 2004')
  .max(2200, '年份不能晚于 2200');

const source = z.strictObject({
  title: z.string().trim().min(1, '请填写通知标题').max(200, '通知标题至多 200 字'),
  issuedOn: civilDate,
  number: z.string().trim().max(60, '文号至多 60 字').optional(),
});

/** A holiday-cn year file (github.com/NateScarlet/holiday-cn); its $schema/$id are ignored. */
const holidayCnFile = z.object({
  year,
  papers: z.array(z.string().max(500)).max(10, '通知链接至多 10 个').optional(),
  days: z
    .array(z.strictObject({ name: festivalName, date: civilDate, isOffDay: z.boolean() }))
    .min(1, '文件中没有任何日期')
    .max(MAX_NOTICE_DAYS, `一份通知至多 ${MAX_NOTICE_DAYS} 天`),
});

const festival = z.strictObject({
  name: festivalName,
  offFrom: civilDate,
  offTo: civilDate,
  workdays: z.array(civilDate).max(10, '调休上班日至多 10 天').default([]),
});

const replace = z
  .boolean()
  .optional()
  .describe('已有该年的安排（已导入的或 chinese-days 自带的）时须为 true，确认替换');

const importInput = z
  .discriminatedUnion('format', [
    z.strictObject({ format: z.literal('holiday-cn'), file: holidayCnFile, source, replace }),
    z.strictObject({
      format: z.literal('festivals'),
      year,
      festivals: z.array(festival).min(1, '请至少填写一个节日').max(12, '至多 12 个节日'),
      source,
      replace,
    }),
  ])
  .superRefine((body, ctx) => {
    const arrangement = arrangementOf(body);
    const at = body.format === 'holiday-cn' ? ['file', 'days'] : ['festivals'];
    const problems = [
      ...(body.format === 'festivals' ? festivalProblems(body.festivals) : []),
      ...officialYearProblems(arrangement),
    ];
    for (const message of problems) ctx.addIssue({ code: 'custom', path: at, message });
    const issued = Number(body.source.issuedOn.slice(0, 4));
    if (issued < arrangement.year - 1 || issued > arrangement.year)
      ctx.addIssue({
        code: 'custom',
        path: ['source', 'issuedOn'],
        message: `${arrangement.year} 年的通知应发布于 ${arrangement.year - 1} 年或 ${arrangement.year} 年`,
      });
  });

type ImportInput = z.output<typeof importInput>;

function arrangementOf(body: ImportInput): OfficialYear {
  const y =
    body.format === 'holiday-cn'
      ? fromHolidayCn(body.file)
      : fromFestivals(body.year, body.festivals);
  const byDate = (a: { date: string }, b: { date: string }) => a.date.localeCompare(b.date);
  return {
    year: y.year,
    holidays: [...y.holidays].sort(byDate),
    workdays: [...y.workdays].sort(byDate),
  };
}

const summary = (d: OfficialYearDoc) => ({
  year: d.year,
  source: d.source,
  format: d.format,
  holidays: d.holidays?.length ?? 0,
  workdays: d.workdays?.length ?? 0,
  enteredByName: d.enteredByName,
  at: d.at,
  version: d.version,
});

const full = (d: OfficialYearDoc) => ({
  ...summary(d),
  holidays: d.holidays ?? [],
  workdays: d.workdays ?? [],
});

/** The years of the State Council's notices (RUN-6): imported by administrators, read by staff. */
export function officialYearRoutes(api: Api, deps: OfficialYearDeps): void {
  const { officialYears, calendars, clock } = deps;
  const packageYears = () => [...officialCalendarData().coveredYears];
  const stored = (y: number) => officialYears.findOne({ year: y }).lean<OfficialYearDoc>().exec();

  api.route({
    method: 'get',
    path: '/api/calendar/coverage',
    access: 'staff',
    summary: '工作日历覆盖哪些年份；从 10 月 1 日起明年未覆盖时提醒管理员导入',
    tags: ['工作日历'],
    response: { description: '覆盖情况' },
    async handler({ auth }) {
      assertCanAny(auth.ability, 'read', 'OfficialCalendar', '工作日历');
      const today = civilDateOf(clock());
      const thisYear = Number(today.slice(0, 4));
      const calendar = await calendars.of(auth.principal.countyId);
      const warnFrom = `${thisYear}-${WARN_FROM_MONTH_DAY}`;
      const nextYearCovered = calendar.covers(thisYear + 1);
      return {
        today,
        coveredYears: calendar.coveredYears,
        nextYear: thisYear + 1,
        nextYearCovered,
        warnFrom,
        nextYearMissing: !nextYearCovered && today >= warnFrom,
      };
    },
  });

  api.route({
    method: 'get',
    path: '/api/calendar/official-years',
    access: 'staff',
    summary: '已导入的国务院节假日安排（按年）及 chinese-days 自带的年份',
    tags: ['工作日历'],
    response: { description: '按年份排列' },
    async handler({ auth }) {
      assertCanAny(auth.ability, 'read', 'OfficialCalendar', '工作日历');
      const docs = await officialYears.find({}).lean<OfficialYearDoc[]>().exec();
      docs.sort((a, b) => a.year - b.year);
      const declared = await deps.calendarOverrides
        .find({ countyId: auth.principal.countyId, kind: 'year' })
        .lean<CalendarOverrideDoc[]>()
        .exec();
      return {
        packageYears: packageYears(),
        items: docs.map(summary),
        countyYears: declared.map((o) => ({ year: o.year, reason: o.reason })),
      };
    },
  });

  api.route({
    method: 'get',
    path: '/api/calendar/official-years/:year',
    access: 'staff',
    summary: '一年已导入的安排：放假日与调休上班日',
    tags: ['工作日历'],
    params: z.object({ year: z.coerce.number().int().min(2004).max(2200) }),
    response: { description: '该年的安排' },
    async handler({ params, auth }) {
      assertCanAny(auth.ability, 'read', 'OfficialCalendar', '工作日历');
      const doc = await stored(params.year);
      if (!doc) throw notFound(`尚未导入 ${params.year} 年的安排`);
      return full(doc);
    },
  });

  api.route({
    method: 'post',
    path: '/api/calendar/official-years/preview',
    access: 'staff',
    audit: false,
    summary: '预览要导入的一年安排（不保存）：逐日列出，并说明是否替换已有的安排',
    tags: ['工作日历'],
    body: importInput,
    response: { description: '预览' },
    async handler({ body, auth }) {
      assertCan(auth.ability, 'create', 'OfficialCalendar', {}, '国务院节假日安排');
      const arrangement = arrangementOf(body);
      const existing = await stored(arrangement.year);
      return {
        ...arrangement,
        source: body.source,
        existing: existing ? summary(existing) : null,
        inPackage: packageYears().includes(arrangement.year),
      };
    },
  });

  api.route({
    method: 'post',
    path: '/api/calendar/official-years',
    access: 'staff',
    summary:
      '导入一年的国务院节假日安排（holiday-cn 文件或逐项填写）；替换已有安排须 replace: true',
    tags: ['工作日历'],
    body: importInput,
    response: { description: '已导入' },
    async handler({ body, auth, audit }) {
      assertCan(auth.ability, 'create', 'OfficialCalendar', {}, '国务院节假日安排');
      const arrangement = arrangementOf(body);
      const y = arrangement.year;
      const before = await stored(y);
      const inPackage = packageYears().includes(y);
      if ((before || inPackage) && !body.replace) {
        throw new AppError(
          409,
          'year_exists',
          before
            ? `${y} 年的安排已于 ${civilDateOf(before.at)} 由${before.enteredByName}导入（${before.source.title}），确认替换后再导入`
            : `${y} 年的安排已在 chinese-days 中，确认以导入的安排替换后再导入`,
          { year: y, existing: before ? summary(before) : null, inPackage },
        );
      }
      const values = {
        year: y,
        holidays: [...arrangement.holidays],
        workdays: [...arrangement.workdays],
        source: {
          ...body.source,
          ...(body.format === 'holiday-cn' && body.file.papers?.length
            ? { papers: body.file.papers }
            : {}),
        },
        format: body.format,
        enteredBy: auth.principal.userId,
        enteredByName: auth.display.name,
        at: clock(),
      };
      const after = before
        ? await updateVersioned(
            officialYears,
            before._id,
            before.version,
            { $set: values },
            `${y} 年的安排`,
          )
        : ((
            await writeUnique(officialYears, values, () => officialYears.create(values))
          ).toObject() as OfficialYearDoc);
      // Every county's deadlines change with it: here at once, in other processes within a minute.
      calendars.invalidateAll();
      audit({
        action: before ? 'update' : 'create',
        resource: 'officialCalendarYear',
        resourceId: String(y),
        summary: `${before ? '替换' : '导入'} ${y} 年节假日安排：${body.source.title}（放假 ${arrangement.holidays.length} 天，调休上班 ${arrangement.workdays.length} 天）`,
        changes: changesBetween(before ? full(before) : undefined, full(after)),
      });
      return { ...full(after), replaced: !!before || inPackage };
    },
  });
}
