import { z } from 'zod';
import { checkFormSchema, type FormSchema } from '../../runtime/forms/schema';
import { civilDateOf } from '../../runtime/calendar';
import { validateSubmission } from '../../runtime/forms/validate';
import { assertCanAny } from '../access/query';
import type { ItemModel } from '../catalog/item-model';
import { visibleItem } from '../catalog/item-view';
import { editableItem } from '../catalog/editable';
import { updateVersioned } from '../database/versioned';
import type { Api } from '../http/api';
import { AppError } from '../http/errors';
import { objectId, versionField } from '../http/schemas';
import { formId, type ItemForm, type ItemFormModel } from './form-model';
import { isDuplicateKey } from '../database/unique';

export const formKey = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, '表单标识应以字母开头，由 1–40 位字母、数字或 _- 组成');

const permissions = z.record(z.string().max(100), z.enum(['read', 'write', 'hidden']));

/** 400 naming every problem of a schema; nothing is stored. */
function refuseBadSchema(schema: unknown): FormSchema {
  const problems = checkFormSchema(schema);
  if (problems.length) {
    throw new AppError(
      400,
      'invalid_form_schema',
      `表单定义有误：${problems
        .slice(0, 5)
        .map((p) => p.message)
        .join('；')}${problems.length > 5 ? ` 等 ${problems.length} 处` : ''}`,
      { problems },
    );
  }
  return schema as FormSchema;
}

export const formView = (f: ItemForm) => ({
  key: f.key,
  name: f.name,
  schema: f.schema,
  version: f.version,
  updatedAt: f.updatedAt,
});

/** The e-forms of an item (FORM-1) and validation of data against them (FORM-3). */
export function formRoutes(api: Api, deps: { items: ItemModel; itemForms: ItemFormModel }): void {
  const { items, itemForms } = deps;

  api.route({
    method: 'get',
    path: '/api/items/:id/forms',
    access: 'staff',
    summary: '事项的电子表单',
    tags: ['电子表单'],
    params: z.object({ id: objectId }),
    response: { description: '表单列表' },
    async handler({ params, auth }) {
      const item = await visibleItem(items, auth.ability, params.id);
      const forms = await itemForms.find({ itemId: item._id }).sort({ key: 1 }).lean().exec();
      return forms.map(formView);
    },
  });

  api.route({
    method: 'put',
    path: '/api/items/:id/forms/:key',
    access: 'staff',
    summary: '保存事项的电子表单（新建时 version 为 0）；定义有误时列出全部问题，不保存',
    tags: ['电子表单'],
    params: z.object({ id: objectId, key: formKey }),
    body: z.strictObject({
      name: z.string().trim().min(1, '请填写表单名称').max(100),
      schema: z.unknown(),
      version: versionField,
    }),
    response: { description: '保存后的表单' },
    async handler({ params, body, auth, audit }) {
      const item = await editableItem(items, auth, params.id, '修改表单');
      const schema = refuseBadSchema(body.schema);
      const _id = formId(item._id, params.key);
      const saved =
        body.version === 0
          ? await itemForms
              .create({
                _id,
                itemId: item._id,
                countyId: item.countyId,
                departmentId: item.departmentId,
                key: params.key,
                name: body.name,
                schema,
                // 0 asks for a new form, so a stored one starts at 1.
                version: 1,
                updatedBy: auth.principal.userId,
              })
              .then(
                (doc) => doc.toObject(),
                (err: unknown) => {
                  if (!isDuplicateKey(err)) throw err;
                  throw new AppError(
                    409,
                    'version_conflict',
                    `表单「${params.key}」已存在，请刷新后修改`,
                  );
                },
              )
          : await updateVersioned(
              itemForms,
              _id,
              body.version,
              { $set: { name: body.name, schema, updatedBy: auth.principal.userId } },
              '表单',
            );
      audit({
        action: body.version === 0 ? 'create' : 'update',
        resource: 'form',
        resourceId: _id,
        summary: `${body.version === 0 ? '新建' : '修改'}事项「${item.name}」的表单「${body.name}」`,
      });
      return formView(saved);
    },
  });

  api.route({
    method: 'delete',
    path: '/api/items/:id/forms/:key',
    access: 'staff',
    summary: '删除事项的电子表单',
    tags: ['电子表单'],
    params: z.object({ id: objectId, key: formKey }),
    query: z.strictObject({ version: z.coerce.number().pipe(versionField) }),
    response: { description: '已删除' },
    async handler({ params, query, auth, audit }) {
      const item = await editableItem(items, auth, params.id, '删除表单');
      const _id = formId(item._id, params.key);
      const gone = await itemForms.deleteOne({ _id, version: query.version }).exec();
      if (!gone.deletedCount) {
        throw new AppError(409, 'version_conflict', '表单不存在或已被他人修改，请刷新');
      }
      audit({
        action: 'delete',
        resource: 'form',
        resourceId: _id,
        summary: `删除事项「${item.name}」的表单 ${params.key}`,
      });
      return { deleted: true };
    },
  });

  api.route({
    method: 'post',
    path: '/api/forms/validate',
    access: 'staff',
    summary: '按表单定义与字段权限校验数据（设计器预览用；与办件时的校验相同）',
    tags: ['电子表单'],
    body: z.strictObject({
      schema: z.unknown(),
      values: z.unknown(),
      permissions: permissions.optional(),
      previous: z.record(z.string(), z.unknown()).optional(),
    }),
    response: { description: '问题列表，空表示通过' },
    handler({ body, auth }) {
      assertCanAny(auth.ability, 'read', 'Item', '事项');
      const schema = refuseBadSchema(body.schema);
      return {
        problems: validateSubmission(schema, body.values, {
          permissions: body.permissions,
          previous: body.previous,
          // Birth dates in ID numbers must not lie in the future (GB 11643).
          today: civilDateOf(new Date()),
        }),
      };
    },
  });
}
