import { subject as asSubject } from '@casl/ability';
import { Types } from 'mongoose';
import { z } from 'zod';
import { assertCan, assertCanAny } from '../access/query';
import type { ItemModel } from '../catalog/item-model';
import type { Api, AuthContext } from '../http/api';
import { AppError, notFound } from '../http/errors';
import { objectId, page, pageOf, versionField } from '../http/schemas';
import type { UserModel } from '../identity/user-model';
import type { PostModel } from '../organisation/post-model';
import { RULE_KINDS, type Alert, type AlertFilter, type SupervisionAlerts } from './alerts';
import type { Exemptions } from './exemptions';
import { ruleInput, ruleProblems, type Rule, type SupervisionRules } from './rules';
import type { SupervisionWatch } from './watch';

export interface SupervisionRouteDeps {
  alerts: SupervisionAlerts;
  rules: SupervisionRules;
  exemptions: Exemptions;
  watch: SupervisionWatch;
  items: ItemModel;
  users: UserModel;
  posts: PostModel;
  clock: () => Date;
}

const tags = ['电子监察'];
const HEARTBEAT_MS = 25_000;

const alertQuery = z
  .object({
    level: z.enum(['yellow', 'red']).optional(),
    state: z.enum(['open', 'cleared']).optional(),
    departmentId: objectId.optional(),
    itemId: objectId.optional(),
    ruleKind: z.enum(RULE_KINDS).optional(),
    caseId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, '办件编号格式不对')
      .optional(),
    mine: z.enum(['true', 'false']).optional(),
  })
  .strict();

const ruleView = (r: Rule) => ({ ...r, id: r._id });

export function supervisionRoutes(api: Api, deps: SupervisionRouteDeps): void {
  const { alerts, rules, exemptions } = deps;

  /**
   * Which alerts the caller sees: supervisors the county's; everyone their own cards; the holder of
   * a leading post (负责人岗位) their department's (SUP-10).
   */
  async function visibility(auth: AuthContext, mine: boolean) {
    const { principal, ability } = auth;
    const countyWide = ability.can(
      'read',
      asSubject('SupervisionAlert', {
        countyId: principal.countyId,
        userIds: [],
        departmentId: '',
      }),
    );
    const head =
      !countyWide || mine
        ? await deps.posts.exists({
            _id: { $in: principal.postIds.filter(Types.ObjectId.isValid) },
            leading: true,
          })
        : null;
    return (a: Alert) => {
      const own = a.userIds.includes(principal.userId);
      const department = !!head && a.departmentId === principal.departmentId;
      if (mine) return own || department;
      return countyWide || own || department;
    };
  }

  api.route({
    method: 'get',
    path: '/api/supervision/alerts',
    access: 'staff',
    summary: '监察预警：黄牌预警、红牌报警，可按级别、状态、部门、事项、规则类型筛选',
    tags,
    query: alertQuery.extend(page),
    response: { description: '预警列表与各部门的黄牌、红牌数' },
    async handler({ query, auth }) {
      await alerts.whenLoaded();
      const { page: p, pageSize, mine, ...rest } = query;
      const visible = await visibility(auth, mine === 'true');
      const filter: AlertFilter = {
        countyId: auth.principal.countyId,
        ...rest,
        visible,
      };
      const all = alerts.list(filter);
      const counts = new Map<
        string,
        { departmentId: string; departmentName: string; yellow: number; red: number }
      >();
      for (const a of alerts.list({
        ...filter,
        departmentId: undefined,
        state: query.state ?? 'open',
      })) {
        let c = counts.get(a.departmentId);
        if (!c)
          counts.set(
            a.departmentId,
            (c = {
              departmentId: a.departmentId,
              departmentName: a.departmentName,
              yellow: 0,
              red: 0,
            }),
          );
        c[a.level] += 1;
      }
      return {
        ...pageOf(
          all.slice((p - 1) * pageSize, p * pageSize).map((a) => ({ ...a, id: a._id })),
          all.length,
          { page: p, pageSize },
        ),
        countsByDepartment: [...counts.values()].sort(
          (a, b) => b.red - a.red || b.yellow - a.yellow,
        ),
      };
    },
  });

  api.route({
    method: 'get',
    path: '/api/supervision/alerts/stream',
    access: 'staff',
    summary: '监察预警的实时推送（server-sent events）：新预警、升级为红牌、解除',
    tags,
    query: z.object({ mine: z.enum(['true', 'false']).optional() }).strict(),
    response: { description: 'text/event-stream' },
    async handler({ req, res, auth, query }) {
      await alerts.whenLoaded();
      const visible = await visibility(auth, query.mine === 'true');
      res.status(200);
      res.set({
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.flushHeaders();
      res.write(': 已连接\n\n');
      const stop = alerts.subscribe((change) => {
        if (change.alert.countyId !== auth.principal.countyId || !visible(change.alert)) return;
        res.write(
          `event: alert\ndata: ${JSON.stringify({ kind: change.kind, alert: { ...change.alert, id: change.alert._id } })}\n\n`,
        );
      });
      const beat = setInterval(() => res.write(': 心跳\n\n'), HEARTBEAT_MS);
      beat.unref();
      await new Promise<void>((resolve) => {
        const end = () => {
          clearInterval(beat);
          stop();
          resolve();
        };
        req.on('close', end);
        res.on('close', end);
      });
    },
  });

  api.route({
    method: 'post',
    path: '/api/supervision/scan',
    access: 'staff',
    audit: false,
    summary: '立即执行一次时效扫描（定时任务每分钟也会执行）',
    tags,
    response: { description: '扫描的办件数、时限数、新发或升级的预警数与耗时' },
    async handler({ auth }) {
      assertCan(
        auth.ability,
        'update',
        'SupervisionAlert',
        { countyId: auth.principal.countyId },
        '执行监察扫描',
      );
      return deps.watch.scan();
    },
  });

  // ---- rules --------------------------------------------------------------------------------

  api.route({
    method: 'get',
    path: '/api/supervision/rules',
    access: 'staff',
    summary: '监察规则（时效、内容、流程、收费、风险点、异常办理、自由裁量）',
    tags,
    query: z.object({ kind: z.enum(RULE_KINDS).optional(), ...page }).strict(),
    response: { description: '规则列表' },
    async handler({ query, auth }) {
      assertCan(
        auth.ability,
        'read',
        'SupervisionRule',
        { countyId: auth.principal.countyId },
        '监察规则',
      );
      const all = (await rules.of(auth.principal.countyId)).filter(
        (r) => !query.kind || r.kind === query.kind,
      );
      return pageOf(
        all.slice((query.page - 1) * query.pageSize, query.page * query.pageSize).map(ruleView),
        all.length,
        query,
      );
    },
  });

  const checked = (input: z.output<typeof ruleInput>) => {
    const problems = ruleProblems(input);
    if (problems.length)
      throw new AppError(
        400,
        'invalid_rule',
        `监察规则不合法：${problems.map((p) => `${p.field} ${p.message}`).join('；')}`,
        { problems },
      );
  };

  api.route({
    method: 'post',
    path: '/api/supervision/rules',
    access: 'staff',
    status: 201,
    summary: '新增监察规则',
    tags,
    body: ruleInput,
    response: { description: '已建规则' },
    async handler({ body, auth, audit }) {
      const countyId = auth.principal.countyId;
      assertCan(auth.ability, 'create', 'SupervisionRule', { countyId }, '监察规则');
      checked(body);
      const rule = await rules.create(
        countyId,
        body,
        auth.display.name,
        deps.clock().toISOString(),
      );
      audit({
        action: 'create',
        resource: 'supervisionRule',
        resourceId: rule._id,
        summary: `新增监察规则「${rule.name}」`,
      });
      return ruleView(rule);
    },
  });

  const ruleOf = async (auth: AuthContext, id: string) => {
    const rule = await rules.get(auth.principal.countyId, id);
    if (!rule) throw notFound('监察规则不存在');
    assertCan(auth.ability, 'read', 'SupervisionRule', rule, '监察规则');
    return rule;
  };
  const ruleId = z.object({ id: z.string().regex(/^[A-Za-z0-9:_-]{1,80}$/, '规则编号格式不对') });

  api.route({
    method: 'get',
    path: '/api/supervision/rules/:id',
    access: 'staff',
    summary: '一条监察规则',
    tags,
    params: ruleId,
    response: { description: '规则' },
    async handler({ params, auth }) {
      return ruleView(await ruleOf(auth, params.id));
    },
  });

  api.route({
    method: 'put',
    path: '/api/supervision/rules/:id',
    access: 'staff',
    summary: '修改监察规则（保存为新版本，旧版本仍可查）',
    tags,
    params: ruleId,
    body: ruleInput.extend({ version: versionField }),
    response: { description: '新版本' },
    async handler({ params, body, auth, audit }) {
      const old = await ruleOf(auth, params.id);
      assertCan(auth.ability, 'update', 'SupervisionRule', old, '监察规则');
      const { version, ...input } = body;
      if (input.kind !== old.kind)
        throw new AppError(400, 'kind_fixed', '规则类型不能修改，请新建规则');
      checked(input);
      const next = await rules.update(
        old,
        input,
        version,
        auth.display.name,
        deps.clock().toISOString(),
      );
      if (!next)
        throw new AppError(409, 'version_conflict', '规则已被他人修改，请刷新后重试', {
          expectedVersion: version,
          version: old.version,
        });
      audit({
        action: 'update',
        resource: 'supervisionRule',
        resourceId: next._id,
        summary: `修改监察规则「${next.name}」为第 ${next.version} 版`,
      });
      return ruleView(next);
    },
  });

  api.route({
    method: 'get',
    path: '/api/supervision/rules/:id/versions',
    access: 'staff',
    summary: '监察规则的历次版本，新的在前',
    tags,
    params: ruleId,
    response: { description: '版本列表' },
    async handler({ params, auth }) {
      const rule = await ruleOf(auth, params.id);
      const versions = await rules.history(rule._id);
      return pageOf(versions.map(ruleView), versions.length, {
        page: 1,
        pageSize: versions.length,
      });
    },
  });

  // ---- exemptions and coverage (SUP-9) ------------------------------------------------------

  api.route({
    method: 'get',
    path: '/api/supervision/exemptions',
    access: 'staff',
    summary: '免于监察的申请与批准记录',
    tags,
    query: z
      .object({ status: z.enum(['pending', 'approved', 'rejected']).optional(), ...page })
      .strict(),
    response: { description: '列表' },
    async handler({ query, auth }) {
      assertCan(
        auth.ability,
        'read',
        'SupervisionExemption',
        { countyId: auth.principal.countyId },
        '免监察记录',
      );
      const all = (await exemptions.list(auth.principal.countyId)).filter(
        (e) => !query.status || e.status === query.status,
      );
      return pageOf(
        all
          .slice((query.page - 1) * query.pageSize, query.page * query.pageSize)
          .map((e) => ({ ...e, id: e._id })),
        all.length,
        query,
      );
    },
  });

  api.route({
    method: 'post',
    path: '/api/supervision/exemptions',
    access: 'staff',
    status: 201,
    summary: '申请某事项免于监察（须写明理由，另一名监察人员批准后生效）',
    tags,
    body: z
      .object({ itemId: objectId, reason: z.string().trim().min(5, '理由至少 5 个字').max(500) })
      .strict(),
    response: { description: '待批准的申请' },
    async handler({ body, auth, audit }) {
      const countyId = auth.principal.countyId;
      assertCan(auth.ability, 'create', 'SupervisionExemption', { countyId }, '申请免监察');
      const item = await deps.items
        .findOne({ _id: body.itemId, countyId }, { name: 1, code: 1 })
        .lean()
        .exec();
      if (!item) throw notFound('事项不存在');
      const pending = (await exemptions.list(countyId)).find(
        (e) => e.itemId === body.itemId && (e.status === 'pending' || e.status === 'approved'),
      );
      if (pending)
        throw new AppError(
          409,
          'exemption_exists',
          `该事项已有${pending.status === 'pending' ? '待批准的申请' : '生效的免监察'}`,
        );
      const row = await exemptions.request({
        countyId,
        itemId: body.itemId,
        itemCode: item.code ?? '',
        itemName: item.name,
        reason: body.reason,
        requestedBy: { userId: auth.principal.userId, name: auth.display.name },
        requestedAt: deps.clock().toISOString(),
      });
      audit({
        action: 'create',
        resource: 'supervisionExemption',
        resourceId: row._id,
        summary: `申请事项「${item.name}」免于监察`,
      });
      return { ...row, id: row._id };
    },
  });

  const decide = (status: 'approved' | 'rejected') =>
    api.route({
      method: 'post',
      path: `/api/supervision/exemptions/:id/${status === 'approved' ? 'approve' : 'reject'}`,
      access: 'staff',
      summary: status === 'approved' ? '批准免监察（不能由申请人本人批准）' : '驳回免监察申请',
      tags,
      params: z.object({ id: z.uuid('申请编号格式不对') }),
      body: z
        .object({ note: z.string().trim().max(500).optional() })
        .strict()
        .default({}),
      response: { description: '已决定的申请' },
      async handler({ params, body, auth, audit }) {
        const row = await exemptions.get(params.id);
        if (!row || row.countyId !== auth.principal.countyId) throw notFound('免监察申请不存在');
        assertCan(auth.ability, 'approve', 'SupervisionExemption', row, '审批免监察');
        if (row.status !== 'pending')
          throw new AppError(409, 'already_decided', '该申请已经处理过');
        if (row.requestedBy.userId === auth.principal.userId)
          throw new AppError(
            409,
            'same_person',
            '免监察须由另一名监察人员批准，申请人不能审批自己的申请',
          );
        const at = deps.clock().toISOString();
        const done = await exemptions.decide(
          row,
          status,
          { userId: auth.principal.userId, name: auth.display.name },
          at,
          body.note,
        );
        if (!done) throw new AppError(409, 'already_decided', '该申请已经处理过');
        if (status === 'approved')
          await alerts.clear(
            (a) => a.itemId === row.itemId && a.countyId === row.countyId,
            at,
            '事项已批准免于监察',
          );
        audit({
          action: status === 'approved' ? 'approve' : 'return',
          resource: 'supervisionExemption',
          resourceId: row._id,
          summary: `${status === 'approved' ? '批准' : '驳回'}事项「${row.itemName}」免于监察`,
        });
        return { ...done, id: done._id };
      },
    });
  decide('approved');
  decide('rejected');

  api.route({
    method: 'get',
    path: '/api/supervision/coverage',
    access: 'staff',
    summary: '事项监察覆盖：每个事项适用的规则与免监察情况',
    tags,
    query: z.object({ q: z.string().trim().max(60).optional(), ...page }).strict(),
    response: { description: '覆盖列表' },
    async handler({ query, auth }) {
      const countyId = auth.principal.countyId;
      assertCanAny(auth.ability, 'read', 'SupervisionRule', '监察覆盖');
      const [all, items, rows] = await Promise.all([
        rules.of(countyId),
        deps.items
          .find(
            { countyId: new Types.ObjectId(countyId), status: { $ne: 'cancelled' } },
            { name: 1, code: 1, departmentId: 1, status: 1 },
          )
          .lean()
          .exec(),
        exemptions.list(countyId),
      ]);
      const q = query.q?.toLowerCase();
      const listed = items
        .filter(
          (i) => !q || i.name.toLowerCase().includes(q) || (i.code ?? '').toLowerCase().includes(q),
        )
        .sort(
          (a, b) => (a.code ?? '~').localeCompare(b.code ?? '~') || a.name.localeCompare(b.name),
        );
      const view = listed
        .slice((query.page - 1) * query.pageSize, query.page * query.pageSize)
        .map((i) => {
          const id = String(i._id);
          const exemption = rows.find((e) => e.itemId === id && e.status !== 'rejected');
          const exempted = exemption?.status === 'approved';
          return {
            itemId: id,
            itemCode: i.code ?? '',
            itemName: i.name,
            departmentId: String(i.departmentId),
            rules: exempted
              ? []
              : all
                  .filter((r) => r.enabled && (!r.itemIds.length || r.itemIds.includes(id)))
                  .map((r) => ({ ruleId: r._id, name: r.name, kind: r.kind })),
            exempted,
            ...(exemption ? { exemption: { ...exemption, id: exemption._id } } : {}),
          };
        });
      return pageOf(view, listed.length, query);
    },
  });
}
