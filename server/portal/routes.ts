import { perMinuteLimit } from '../http/rate-limit';
import type { RequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { z } from 'zod';
import type { ItemContent } from '../../runtime/catalog/item';
import { isItemType } from '../../runtime/catalog/item-types';
import { maskApplicantName } from '../../runtime/personal-data/applicant-name';
import type { CaseState } from '../../runtime/cases/state';
import { FINAL_STATES } from '../../runtime/trail/entry';
import { assertCan } from '../access/query';
import type { CaseService } from '../cases/service';
import type { CaseModel } from '../cases/case-model';
import type { ItemModel } from '../catalog/item-model';
import { visibleItem } from '../catalog/item-view';
import type { ItemVersionModel } from '../catalog/version-model';
import type { FileStore } from '../files/store';
import { sendStoredFile } from '../files/serve';
import type { Api } from '../http/api';
import { AppError } from '../http/errors';
import { objectId } from '../http/schemas';
import type { PersonalDataCipher } from '../identity/personal-data';
import type { UnitModel } from '../organisation/unit-model';
import type { ItemProcessModel } from '../process/process-model';
import { PublishedCatalog } from './catalog';
import { announcementModel, consultationModel, queryAttemptsModel, themeModel } from './models';
import {
  announcementsPage,
  applyPage,
  notApplicablePage,
  homePage,
  itemPage,
  itemsPage,
  notFoundPage,
  queryPage,
  resultsPage,
  typeLabel,
  type PublicResult,
} from './pages';
import { queryCase } from './query';
import { ensureThemes, portalStudioRoutes } from './themes';

/** Page requests per client address per minute; the result query has its own, lower limit. */
export const PORTAL_PAGES_PER_MINUTE = 600;
export const PORTAL_QUERIES_PER_MINUTE = 30;
const PAGE_SIZE = 20;

const limited = perMinuteLimit;

const sendPage = (res: Response, page: string, status = 200) =>
  res.status(status).type('html').set('Cache-Control', 'no-store').send(page);

const itemCode = z.string().regex(/^[0-9A-Z-]{4,40}$/, '事项编码格式不正确');
const pageNo = z.coerce.number().int().min(1).max(100_000).default(1);

/** Digit runs long enough to be an ID or phone number are hidden from published questions. */
const withoutNumbers = (text: string) => text.replace(/[0-9Xx*]{7,}/g, '（已隐去）');

export interface PortalDeps {
  items: ItemModel;
  itemVersions: ItemVersionModel;
  itemProcesses: ItemProcessModel;
  units: UnitModel;
  cases: CaseModel;
  files: FileStore;
  cipher: PersonalDataCipher;
  caseService: CaseService;
}

/**
 * The public portal (政务服务专栏, POR-1 … POR-12): server-rendered pages under /portal, no login
 * and no script; and the studio's side of it (themes, consultations, 门户预览).
 */
export function portalRoutes(api: Api, deps: PortalDeps): PublishedCatalog {
  const connection = deps.items.db;
  const themes = themeModel(connection);
  const consultations = consultationModel(connection);
  const announcements = announcementModel(connection);
  const attempts = queryAttemptsModel(connection);
  const catalog = new PublishedCatalog({ ...deps, themes });
  const cases = deps.caseService;

  api.router.use('/portal', limited(PORTAL_PAGES_PER_MINUTE));
  // Posts (a query, a question) have a tighter limit of their own. Added as middleware rather
  // than as routes, so that every route the router serves stays one documented route.
  const posts = limited(PORTAL_QUERIES_PER_MINUTE);
  const postsOnly: RequestHandler = (req, res, next) =>
    req.method === 'POST' ? posts(req, res, next) : next();
  api.router.use('/portal/query', postsOnly);
  api.router.use('/portal/items/:code/consultations', postsOnly);

  const ready = async () => {
    await catalog.fresh();
    await ensureThemesOnce();
    return catalog.title;
  };
  let themesEnsured: Promise<void> | null = null;
  const ensureThemesOnce = () => (themesEnsured ??= ensureThemes(themes));

  portalStudioRoutes(api, { items: deps.items, themes, consultations });

  api.route({
    method: 'get',
    path: '/portal',
    access: 'public',
    summary: '政务服务专栏首页（HTML）',
    tags: ['政务服务专栏'],
    response: { description: 'HTML 页面' },
    async handler({ res }) {
      const site = await ready();
      sendPage(
        res,
        homePage({
          site,
          departments: catalog.departments(),
          themes: await catalog.themes(),
          itemCount: catalog.all().length,
        }),
      );
    },
  });

  api.route({
    method: 'get',
    path: '/portal/items',
    access: 'public',
    summary: '办事指南列表：按部门、主题或类型，分页（HTML）',
    tags: ['政务服务专栏'],
    query: z.strictObject({
      department: objectId.optional(),
      theme: z
        .string()
        .regex(/^[a-z-]{1,40}$/)
        .optional(),
      type: z.string().refine(isItemType, '没有这种事项类型').optional(),
      page: pageNo,
    }),
    response: { description: 'HTML 页面' },
    async handler({ query, res }) {
      const site = await ready();
      const allThemes = await catalog.themes();
      const theme = query.theme ? allThemes.find((t) => t._id === query.theme) : undefined;
      const inTheme = theme ? new Set(theme.itemIds) : undefined;
      const matches = catalog
        .all()
        .filter(
          (i) =>
            (!query.department || i.departmentId === query.department) &&
            (!query.type || i.type === query.type) &&
            (!query.theme || inTheme?.has(i.itemId)),
        );
      const heading = theme
        ? `主题：${theme.name}`
        : query.department
          ? (catalog.unit(query.department)?.name ?? '部门')
          : query.type
            ? typeLabel(query.type)
            : '全部事项';
      const start = (query.page - 1) * PAGE_SIZE;
      sendPage(
        res,
        itemsPage({
          site,
          items: matches.slice(start, start + PAGE_SIZE),
          total: matches.length,
          page: query.page,
          pageSize: PAGE_SIZE,
          filter: { department: query.department, theme: query.theme, type: query.type },
          departments: catalog.departments(),
          themes: allThemes,
          heading,
        }),
      );
    },
  });

  const resultCounts = (itemId: string) => {
    const counts = { concluded: 0, granted: 0, denied: 0 };
    for (const v of cases.index.ofItem(itemId)) {
      if (v.status !== 'concluded' || v.trial) continue;
      counts.concluded++;
      if (v.result === 'granted') counts.granted++;
      if (v.result === 'denied') counts.denied++;
    }
    return counts;
  };

  api.route({
    method: 'get',
    path: '/portal/items/:code',
    access: 'public',
    summary: '事项页面：办事指南、网上咨询、表格下载、网上申请、结果反馈（HTML）',
    tags: ['政务服务专栏'],
    params: z.object({ code: itemCode }),
    query: z.strictObject({ asked: z.literal('1').optional() }),
    response: { description: 'HTML 页面' },
    async handler({ params, query, res }) {
      const site = await ready();
      const item = catalog.byItemCode(params.code);
      const version = item && (await catalog.version(item));
      if (!item || !version)
        return sendPage(res, notFoundPage(site, '没有这个事项，或它已取消。'), 404);
      await cases.whenReady();
      const answered = await consultations
        .find({ itemId: item.itemId, answer: { $exists: true } })
        .sort({ askedAt: -1 })
        .limit(50)
        .lean()
        .exec();
      sendPage(
        res,
        itemPage({
          site,
          code: item.code,
          content: version.content,
          process: version.process?.compiled,
          consultations: answered,
          fileUrl: (id) => `/portal/items/${item.code}/files/${id}`,
          asked: query.asked === '1',
          results: resultCounts(item.itemId),
        }),
      );
    },
  });

  api.route({
    method: 'post',
    path: '/portal/items/:code/consultations',
    access: 'public',
    summary: '网上咨询：提交一个问题（表单提交，答复后公开）',
    tags: ['政务服务专栏'],
    params: z.object({ code: itemCode }),
    body: z.strictObject({ question: z.string().trim().min(1, '请填写问题').max(1000) }),
    response: { description: '303 转回事项页面' },
    async handler({ params, body, res }) {
      await ready();
      const item = catalog.byItemCode(params.code);
      if (!item) throw new AppError(404, 'not_found', '没有这个事项');
      await consultations.create({
        _id: randomUUID(),
        itemId: item.itemId,
        departmentId: item.departmentId,
        itemName: item.name,
        question: withoutNumbers(body.question),
        askedAt: new Date(),
      });
      res.redirect(303, `/portal/items/${item.code}?asked=1#consult`);
    },
  });

  api.route({
    method: 'get',
    path: '/portal/items/:code/files/:fileId',
    access: 'public',
    summary: '下载已发布事项的服务表格或样表',
    tags: ['政务服务专栏'],
    params: z.object({ code: itemCode, fileId: objectId }),
    response: { description: '文件内容（附件）' },
    async handler({ params, res }) {
      await ready();
      const item = catalog.byItemCode(params.code);
      const version = item && (await catalog.version(item));
      const listed = version?.content.serviceForms.some(
        (f) => f.fileId === params.fileId || f.exampleFileId === params.fileId,
      );
      const file = listed ? await deps.files.info(params.fileId) : undefined;
      if (!file || file.owner.itemId !== item!.itemId) {
        throw new AppError(404, 'not_found', '文件不存在');
      }
      await sendStoredFile(res, deps.files, file);
    },
  });

  api.route({
    method: 'get',
    path: '/portal/apply/:code',
    access: 'public',
    summary: '网上申请入口（HTML）',
    tags: ['政务服务专栏'],
    params: z.object({ code: itemCode }),
    response: { description: 'HTML 页面' },
    async handler({ params, res }) {
      const site = await ready();
      const item = catalog.byItemCode(params.code);
      if (!item) return sendPage(res, notFoundPage(site, '没有这个事项，或它已取消。'), 404);
      if (item.exOfficio)
        return sendPage(res, notApplicablePage({ site, code: item.code, name: item.name }), 400);
      sendPage(res, applyPage({ site, code: item.code, name: item.name }));
    },
  });

  const unitName = (id: string) => catalog.unit(id)?.name ?? '';

  api.route({
    method: 'get',
    path: '/portal/query',
    access: 'public',
    summary: '办件结果查询（HTML 表单）',
    tags: ['政务服务专栏'],
    response: { description: 'HTML 页面' },
    async handler({ res }) {
      const site = await ready();
      sendPage(res, queryPage({ site, unitName }));
    },
  });

  api.route({
    method: 'post',
    path: '/portal/query',
    access: 'public',
    summary: '办件结果查询：凭办件编号和申请人证件号码，无需登录（表单提交）',
    tags: ['政务服务专栏'],
    body: z.strictObject({
      caseNo: z.string().trim().min(1, '请填写办件编号').max(64),
      idNumber: z.string().trim().min(1, '请填写证件号码').max(64),
    }),
    response: { description: 'HTML 页面' },
    async handler({ body, res }) {
      const site = await ready();
      await cases.whenReady();
      const answer = await queryCase(
        { attempts, cases: deps.cases, index: cases.index, cipher: deps.cipher },
        body,
        new Date(),
      );
      sendPage(res, queryPage({ site, answer, unitName }), answer.kind === 'locked' ? 429 : 200);
    },
  });

  // Whether an applicant is a person or an organisation is in the state only, and never changes:
  // read once per case, by _id (the embedded database answers only _id lookups from an index).
  const typeOfCase = new Map<string, 'person' | 'organisation'>();
  const applicantTypes = async (ids: string[]) => {
    await Promise.all(
      ids
        .filter((id) => !typeOfCase.has(id))
        .map(async (id) => {
          const stored = await deps.cases
            .findById(id)
            .select({ state: 1 })
            .lean<{ state: string }>()
            .exec();
          if (stored) typeOfCase.set(id, (JSON.parse(stored.state) as CaseState).applicant.type);
        }),
    );
    return typeOfCase;
  };

  api.route({
    method: 'get',
    path: '/portal/results',
    access: 'public',
    summary: '办件结果公示：应公开事项的办结结果，申请人脱敏（HTML）',
    tags: ['政务服务专栏'],
    query: z.strictObject({ page: pageNo }),
    response: { description: 'HTML 页面' },
    async handler({ query, res }) {
      const site = await ready();
      await cases.whenReady();
      // Only the items that publish: their cases, not every case of the county.
      const published = catalog
        .publishingItemIds()
        .flatMap((itemId) => [...cases.index.ofItem(itemId)])
        // 试运行 cases are not published (OPS-5).
        .filter((v) => v.status === 'concluded' && v.caseNo && v.endedAt && !v.trial)
        .sort((a, b) => b.endedAt!.localeCompare(a.endedAt!) || b._id.localeCompare(a._id));
      const start = (query.page - 1) * PAGE_SIZE;
      const pageViews = published.slice(start, start + PAGE_SIZE);
      const types = await applicantTypes(pageViews.map((v) => v._id));
      const rows: PublicResult[] = pageViews.map((v) => ({
        caseNo: v.caseNo!,
        itemName: v.itemName,
        itemCode: v.itemCode,
        // Unknown type: masked as a person, which hides more.
        applicant: maskApplicantName(v.applicantName, types.get(v._id) ?? 'person'),
        // 行政处罚决定 (第四十八条): what was decided, not 准予 or 不予.
        result:
          v.channel === 'exOfficio'
            ? `行政处罚决定：${v.penalty ?? '结案'}`
            : (FINAL_STATES[v.result as keyof typeof FINAL_STATES] ?? ''),
        at: new Date(new Date(v.endedAt!).getTime() + 8 * 3_600_000).toISOString(),
      }));
      sendPage(
        res,
        resultsPage({ site, rows, total: published.length, page: query.page, pageSize: PAGE_SIZE }),
      );
    },
  });

  api.route({
    method: 'get',
    path: '/portal/announcements',
    access: 'public',
    summary: '事项目录变更公告：新增、变更、取消、下放、拆分（HTML）',
    tags: ['政务服务专栏'],
    query: z.strictObject({ page: pageNo }),
    response: { description: 'HTML 页面' },
    async handler({ query, res }) {
      const site = await ready();
      const [rows, total] = await Promise.all([
        announcements
          .find({})
          .sort({ at: -1 })
          .skip((query.page - 1) * PAGE_SIZE)
          .limit(PAGE_SIZE)
          .lean()
          .exec(),
        announcements.countDocuments({}).exec(),
      ]);
      sendPage(
        res,
        announcementsPage({ site, rows, total, page: query.page, pageSize: PAGE_SIZE }),
      );
    },
  });

  api.route({
    method: 'get',
    path: '/api/items/:id/portal-preview',
    access: 'staff',
    summary: '门户预览：按草稿渲染的事项页面（HTML，仅工作人员）',
    tags: ['政务服务专栏'],
    params: z.object({ id: objectId }),
    response: { description: 'HTML 页面' },
    async handler({ params, auth, res }) {
      const site = await ready();
      const item = await visibleItem(deps.items, auth.ability, params.id);
      assertCan(auth.ability, 'read', 'Item', item, '查看该事项');
      const design = await deps.itemProcesses.findById(item._id).lean().exec();
      sendPage(
        res,
        itemPage({
          site,
          code: item.code ?? '（审核通过后赋码）',
          content: item.draft as ItemContent,
          process: design?.compiled,
          consultations: [],
          fileUrl: (id) => `/api/files/${id}`,
          preview: true,
          results: { concluded: 0, granted: 0, denied: 0 },
        }),
      );
    },
  });

  return catalog;
}
