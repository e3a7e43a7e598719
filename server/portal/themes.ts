import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { accessibleFilter, assertCan } from '../access/query';
import type { ItemModel } from '../catalog/item-model';
import { visibleItem } from '../catalog/item-view';
import type { Api } from '../http/api';
import { notFound } from '../http/errors';
import { objectId } from '../http/schemas';
import { DEFAULT_THEMES, type Consultation, consultationModel, themeModel } from './models';

export type ThemeModel = ReturnType<typeof themeModel>;
export type ConsultationModel = ReturnType<typeof consultationModel>;

/** Creates the default themes that are missing (idempotent: keyed by slug). */
export async function ensureThemes(themes: ThemeModel): Promise<void> {
  for (const t of DEFAULT_THEMES) {
    await themes.updateOne(
      { _id: t._id },
      { $setOnInsert: { ...t, itemIds: [] } },
      { upsert: true },
    );
  }
}

export const newConsultationId = () => randomUUID();

/**
 * Studio side of the portal (CAT-11, POR-2, POR-3): themes a clerk assigns their items to, and the
 * questions citizens asked about their department's items, with the answer.
 */
export function portalStudioRoutes(
  api: Api,
  deps: { items: ItemModel; themes: ThemeModel; consultations: ConsultationModel },
): void {
  api.route({
    method: 'get',
    path: '/api/themes',
    access: 'staff',
    summary: '门户主题（生育、就业、开办企业……）及其事项',
    tags: ['政务服务专栏'],
    response: { description: '主题列表' },
    async handler() {
      await ensureThemes(deps.themes);
      const themes = await deps.themes.find({}).sort({ sortOrder: 1 }).lean().exec();
      return {
        items: themes.map((t) => ({
          id: t._id,
          name: t.name,
          audience: t.audience,
          itemIds: t.itemIds ?? [],
        })),
      };
    },
  });

  api.route({
    method: 'put',
    path: '/api/themes/:id/items/:itemId',
    access: 'staff',
    summary: '把事项归入主题，或移出（assigned=false）',
    tags: ['政务服务专栏'],
    params: z.object({ id: z.string().regex(/^[a-z-]{1,40}$/), itemId: objectId }),
    body: z.strictObject({ assigned: z.boolean() }),
    response: { description: '主题' },
    async handler({ params, body, auth, audit }) {
      const item = await visibleItem(deps.items, auth.ability, params.itemId);
      assertCan(auth.ability, 'update', 'Item', item, '修改该事项的主题');
      await ensureThemes(deps.themes);
      const theme = await deps.themes
        .findOneAndUpdate(
          { _id: params.id },
          body.assigned
            ? { $addToSet: { itemIds: params.itemId } }
            : { $pull: { itemIds: params.itemId } },
          { returnDocument: 'after', lean: true },
        )
        .exec();
      if (!theme) throw notFound('没有这个主题');
      audit({
        action: 'update',
        resource: 'item',
        resourceId: params.itemId,
        summary: `${body.assigned ? '归入' : '移出'}主题「${theme.name}」：${item.name}`,
      });
      return { id: theme._id, name: theme.name, itemIds: theme.itemIds };
    },
  });

  api.route({
    method: 'get',
    path: '/api/consultations',
    access: 'staff',
    summary: '网上咨询：本人可查看事项收到的提问',
    tags: ['政务服务专栏'],
    query: z.strictObject({ unanswered: z.enum(['true', 'false']).optional() }),
    response: { description: '咨询列表，最新在前' },
    async handler({ auth, query }) {
      const filter = accessibleFilter(auth.ability, 'read', 'Item');
      if (!filter) return { items: [] };
      const visible = await deps.items.find(filter).select({ _id: 1 }).lean().exec();
      const ids = visible.map((i) => String(i._id));
      const found = await deps.consultations
        .find({
          itemId: { $in: ids },
          ...(query.unanswered === 'true' ? { answer: { $exists: false } } : {}),
        })
        .sort({ askedAt: -1 })
        .limit(500)
        .lean<Consultation[]>()
        .exec();
      return { items: found.map(({ _id, ...c }) => ({ id: _id, ...c })) };
    },
  });

  api.route({
    method: 'put',
    path: '/api/consultations/:id/answer',
    access: 'staff',
    summary: '答复网上咨询（答复公开显示在事项页面）',
    tags: ['政务服务专栏'],
    params: z.object({ id: z.uuid() }),
    body: z.strictObject({ answer: z.string().trim().min(1, '请填写答复').max(2000) }),
    response: { description: '已答复的咨询' },
    async handler({ params, body, auth, audit }) {
      const found = await deps.consultations.findById(params.id).lean<Consultation>().exec();
      if (!found) throw notFound('没有这条咨询');
      const item = await visibleItem(deps.items, auth.ability, found.itemId);
      assertCan(auth.ability, 'update', 'Item', item, '答复该事项的咨询');
      const answered = await deps.consultations
        .findOneAndUpdate(
          { _id: params.id },
          {
            $set: {
              answer: body.answer,
              answeredBy: auth.display.name,
              answeredAt: new Date(),
            },
          },
          { returnDocument: 'after', lean: true },
        )
        .exec();
      audit({
        action: 'update',
        resource: 'consultation',
        resourceId: params.id,
        summary: `答复「${found.itemName}」的网上咨询`,
      });
      const { _id, ...rest } = answered as Consultation;
      return { id: _id, ...rest };
    },
  });
}
