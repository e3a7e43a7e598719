import { z } from 'zod';
import { Types } from 'mongoose';
import { accessibleFilter, both } from '../access/query';
import type { CaseExecutor } from '../cases/executor';
import type { Api } from '../http/api';
import { AppError, notFound } from '../http/errors';
import { objectId, page } from '../http/schemas';
import type { User, UserModel } from '../identity/user-model';
import type {
  Delivery,
  DeliveryModel,
  Message,
  MessageModel,
  NotificationTemplateModel,
  StoredTemplate,
} from './models';
import { caseDeliveriesOf } from './models';
import { CHANNEL_LABELS } from './sender';
import { DEFAULT_TEMPLATES, PLACEHOLDERS, TEMPLATE_KEYS, type TemplateKey } from './templates';

export interface NotificationRouteDeps {
  messages: MessageModel;
  deliveries: DeliveryModel;
  templates: NotificationTemplateModel;
  users: UserModel;
  executor: Pick<CaseExecutor, 'visible' | 'clock'>;
}

const messageView = (m: Message) => ({
  id: m._id,
  title: m.title,
  body: m.body,
  ...(m.link ? { link: m.link } : {}),
  ...(m.caseId ? { caseId: m.caseId } : {}),
  createdAt: m.createdAt,
  read: !!m.readAt,
});

export function notificationRoutes(api: Api, deps: NotificationRouteDeps): void {
  const { messages } = deps;
  const tags = ['通知'];

  /** The caller's own messages: CASL's rule for Message matches on their user id. */
  const own = (
    auth: { ability: Parameters<typeof accessibleFilter>[0] },
    action: 'read' | 'update',
  ) => accessibleFilter<Message>(auth.ability, action, 'Message');

  api.route({
    method: 'get',
    path: '/api/messages',
    access: 'staff',
    summary: '我的站内消息（新的在前，分页）',
    tags,
    query: z.object({ ...page, unread: z.enum(['true', 'false']).optional() }),
    response: { description: '{items,total,page,pageSize}' },
    async handler({ auth, query }) {
      const filter = own(auth, 'read');
      if (!filter) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
      const where = query.unread === 'true' ? both(filter, { readAt: null }) : filter;
      const [rows, total] = await Promise.all([
        messages
          .find(where)
          .sort({ createdAt: -1, _id: -1 })
          .skip((query.page - 1) * query.pageSize)
          .limit(query.pageSize)
          .lean<Message[]>()
          .exec(),
        messages.countDocuments(where).exec(),
      ]);
      return { items: rows.map(messageView), total, page: query.page, pageSize: query.pageSize };
    },
  });

  api.route({
    method: 'get',
    path: '/api/messages/unread-count',
    access: 'staff',
    summary: '我的未读站内消息数（工作台右上角的铃铛）',
    tags,
    response: {
      description: '未读数',
      schema: z.object({ count: z.number().int() }).meta({ id: 'UnreadCount' }),
    },
    async handler({ auth }) {
      const filter = own(auth, 'read');
      if (!filter) return { count: 0 };
      return { count: await messages.countDocuments(both(filter, { readAt: null })).exec() };
    },
  });

  // Reading one's own messages is not an operation worth the operation log.
  api.route({
    method: 'post',
    path: '/api/messages/:id/read',
    access: 'staff',
    audit: false,
    summary: '把一条站内消息标为已读',
    tags,
    params: z.object({ id: objectId }),
    response: { description: '已读的消息' },
    async handler({ auth, params }) {
      const filter = own(auth, 'update');
      const found = filter
        ? await messages
            .findOne(both(filter, { _id: params.id }))
            .lean<Message>()
            .exec()
        : null;
      // Another person's message is answered as missing: its existence is not ours to tell.
      if (!found) throw notFound('消息不存在');
      if (!found.readAt) {
        found.readAt = deps.executor.clock();
        await messages.updateOne({ _id: params.id, readAt: null }, { readAt: found.readAt }).exec();
      }
      return messageView(found);
    },
  });

  api.route({
    method: 'post',
    path: '/api/messages/read-all',
    access: 'staff',
    audit: false,
    summary: '把我的全部站内消息标为已读',
    tags,
    response: { description: '标为已读的条数' },
    async handler({ auth }) {
      const filter = own(auth, 'update');
      if (!filter) return { updated: 0 };
      const res = await messages
        .updateMany(both(filter, { readAt: null }), { readAt: deps.executor.clock() })
        .exec();
      return { updated: res.modifiedCount };
    },
  });

  api.route({
    method: 'get',
    path: '/api/cases/:id/notifications',
    access: 'staff',
    summary: '办件的通知记录：每条通知的通道、收件人（脱敏）、状态和每次发送尝试',
    tags,
    params: z.object({ id: objectId }),
    response: { description: '通知记录，按生成时间' },
    async handler({ auth, params }) {
      // The same access as the case page: 404 for a case the caller may not see.
      await deps.executor.visible({ kind: 'staff', auth }, params.id, false);
      const listed = await caseDeliveriesOf(deps.deliveries).findOne({ _id: params.id });
      const found = await Promise.all(
        (listed?.ids ?? []).map((id) => deps.deliveries.findById(id).lean<Delivery>().exec()),
      );
      const rows = found
        .filter((r): r is Delivery => r !== null)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a._id < b._id ? -1 : 1));
      const userIds = rows.flatMap((r) =>
        r.recipient.kind === 'user' && Types.ObjectId.isValid(r.recipient.userId)
          ? [r.recipient.userId]
          : [],
      );
      const users = userIds.length
        ? await deps.users
            .find({ _id: { $in: [...new Set(userIds)] } }, { name: 1 })
            .lean<Pick<User, '_id' | 'name'>[]>()
            .exec()
        : [];
      const names = new Map(users.map((u) => [String(u._id), u.name]));
      return {
        items: rows.map((r) => ({
          id: r._id,
          eventType: r.eventType,
          template: r.template,
          templateLabel: DEFAULT_TEMPLATES[r.template as TemplateKey]?.label ?? r.template,
          channel: r.channel,
          channelLabel: CHANNEL_LABELS[r.channel],
          recipient:
            r.recipient.kind === 'applicant'
              ? `申请人${r.address ? ` ${r.address}` : ''}`
              : (names.get(r.recipient.userId) ?? '工作人员'),
          subject: r.subject,
          text: r.text,
          status: r.status,
          attempts: r.attempts,
          nextAttemptAt: r.nextAttemptAt,
          createdAt: r.createdAt,
          ...(r.sentAt ? { sentAt: r.sentAt } : {}),
        })),
      };
    },
  });

  api.route({
    method: 'get',
    path: '/api/notification-templates',
    access: 'staff',
    summary: '通知模板：每种事件的标题和正文（本县改过的或默认的）',
    tags,
    response: { description: '模板列表和可用的占位符' },
    async handler({ auth }) {
      const countyId = auth.principal.countyId;
      if (!auth.ability.can('read', 'NotificationTemplate'))
        throw new AppError(403, 'forbidden', '无权查看通知模板');
      const stored = await deps.templates.find({ countyId }).lean<StoredTemplate[]>().exec();
      const byKey = new Map(stored.map((t) => [t.key, t]));
      return {
        placeholders: PLACEHOLDERS,
        items: TEMPLATE_KEYS.map((key) => {
          const d = DEFAULT_TEMPLATES[key];
          const s = byKey.get(key);
          return {
            key,
            label: d.label,
            audience: d.audience,
            subject: s?.subject ?? d.subject,
            text: s?.text ?? d.text,
            custom: !!s,
          };
        }),
      };
    },
  });

  const placeholderProblem = (text: string) =>
    [...text.matchAll(/\{\{\s*([A-Za-z]+)\s*\}\}/g)]
      .map((m) => m[1]!)
      .find((name) => !(PLACEHOLDERS as readonly string[]).includes(name));

  api.route({
    method: 'put',
    path: '/api/notification-templates/:key',
    access: 'staff',
    summary: '改写本县的一种通知模板（系统管理员）',
    tags,
    params: z.object({ key: z.enum(TEMPLATE_KEYS) }),
    body: z.strictObject({
      subject: z.string().trim().min(1, '标题不能为空').max(200),
      text: z.string().trim().min(1, '正文不能为空').max(2000),
    }),
    response: { description: '保存后的模板' },
    async handler({ auth, params, body, audit }) {
      const countyId = auth.principal.countyId;
      if (!auth.ability.can('manage', 'NotificationTemplate'))
        throw new AppError(403, 'forbidden', '只有系统管理员可以修改通知模板');
      for (const [field, value] of Object.entries(body)) {
        const unknown = placeholderProblem(value);
        if (unknown)
          throw new AppError(400, 'validation_failed', `模板里的占位符 {{${unknown}}} 不存在`, {
            field,
            placeholders: PLACEHOLDERS,
          });
      }
      const row = {
        countyId,
        key: params.key,
        ...body,
        updatedAt: deps.executor.clock(),
        updatedBy: auth.principal.userId,
      };
      await deps.templates
        .updateOne({ _id: `${countyId}:${params.key}` }, row, { upsert: true })
        .exec();
      audit({
        action: 'update',
        resource: 'NotificationTemplate',
        resourceId: params.key,
        summary: `修改通知模板「${DEFAULT_TEMPLATES[params.key].label}」`,
      });
      return { key: params.key, label: DEFAULT_TEMPLATES[params.key].label, ...body, custom: true };
    },
  });
}
