import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { assertCan } from '../access/query';
import { updateVersioned } from '../database/versioned';
import { FileTooLargeError, type FileStore } from '../files/store';
import { readUpload, type UploadedPart } from '../files/multipart';
import { sendStoredFile } from '../files/serve';
import { sniffStream } from '../files/sniff';
import {
  SERVICE_FORM_UPLOAD,
  checkExtension,
  safeFilename,
  storedType,
} from '../files/upload-types';
import type { Api } from '../http/api';
import { AppError, conflict, notFound } from '../http/errors';
import { objectId, versionField } from '../http/schemas';
import { ITEM_STATUS_LABELS, type ItemModel } from './item-model';
import { itemView, visibleItem } from './item-view';

const formFields = z
  .strictObject({
    version: z.coerce.number().pipe(versionField),
    name: z.string().trim().max(200).optional(),
    description: z.string().trim().max(1000).optional(),
    number: z.string().trim().max(30).optional(),
    instructions: z.string().trim().max(2000).optional(),
    /** The id of a form already listed: the file is its filled-in example (样表, POR-4). */
    exampleFor: z.string().trim().min(1).max(40).optional(),
  })
  .refine((f) => f.exampleFor || f.name, { message: '请填写表格名称', path: ['name'] });

/** The text fields and the file's name; on a refusal the file is drained unread. */
function checkedBeforeReading(upload: UploadedPart) {
  try {
    const fields = formFields.parse(upload.fields);
    const filename = safeFilename(upload.file.filename);
    checkExtension(SERVICE_FORM_UPLOAD, filename);
    return { fields, filename };
  } catch (err) {
    upload.file.stream.resume();
    throw err;
  }
}

/** 服务表格 (CAT-1): files an applicant downloads, uploaded by the clerk into GridFS. */
export function serviceFormRoutes(
  api: Api,
  deps: { items: ItemModel; files: FileStore; maxBytes: number },
): void {
  const { items, files, maxBytes } = deps;

  api.route({
    method: 'post',
    path: '/api/items/:id/service-forms',
    access: 'staff',
    status: 201,
    summary: '上传服务表格（multipart：先 version、name、description，后 file）',
    tags: ['事项目录'],
    params: z.object({ id: objectId }),
    response: { description: '加入服务表格后的事项' },
    async handler({ req, params, auth, audit }) {
      const item = await visibleItem(items, auth.ability, params.id);
      assertCan(auth.ability, 'update', 'Item', item, '修改该事项');
      if (!['draft', 'returned'].includes(item.status)) {
        throw conflict(`事项${ITEM_STATUS_LABELS[item.status]}，请先发起变更再上传表格`);
      }
      const upload = await readUpload(req);
      const { fields, filename } = checkedBeforeReading(upload);
      const exampleOf = fields.exampleFor
        ? (item.draft.serviceForms ?? []).find((f) => f.id === fields.exampleFor)
        : undefined;
      if (fields.exampleFor && !exampleOf) {
        upload.file.stream.resume();
        throw notFound('没有这张服务表格');
      }
      // The content decides the type, before anything is stored; the client's claim is ignored.
      const sniffed = await sniffStream(upload.file.stream);
      let contentType: string;
      try {
        contentType = storedType(SERVICE_FORM_UPLOAD, filename, sniffed.detected);
      } catch (err) {
        sniffed.discard();
        throw err;
      }
      let stored;
      try {
        stored = await files.save(
          sniffed.replay(),
          {
            filename,
            contentType,
            owner: {
              itemId: params.id,
              countyId: String(item.countyId),
              departmentId: String(item.departmentId),
            },
          },
          maxBytes,
        );
      } catch (err) {
        if (err instanceof FileTooLargeError) {
          throw new AppError(
            413,
            'file_too_large',
            `文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 上限`,
            {
              limit: maxBytes,
            },
          );
        }
        throw err;
      }
      if (exampleOf) {
        // The list is written whole under the version guard: no positional update needed.
        const forms = item.draft.serviceForms.map((f) =>
          f.id === exampleOf.id ? { ...f, exampleFileId: stored.id } : f,
        );
        const updated = await updateVersioned(
          items,
          item._id,
          fields.version,
          { $set: { 'draft.serviceForms': forms } },
          '事项',
        ).catch(async (err: unknown) => {
          await files.remove(stored.id);
          throw err;
        });
        audit({
          action: 'upload',
          resource: 'item',
          resourceId: params.id,
          summary: `为「${item.name}」的服务表格「${exampleOf.name}」上传样表（${stored.filename}）`,
        });
        return itemView(updated);
      }
      const entry = {
        id: randomUUID().slice(0, 8),
        name: fields.name!,
        // Absent, not undefined: the driver would store undefined as null.
        ...(fields.description ? { description: fields.description } : {}),
        ...(fields.number ? { number: fields.number } : {}),
        ...(fields.instructions ? { instructions: fields.instructions } : {}),
        fileId: stored.id,
      };
      const updated = await updateVersioned(
        items,
        item._id,
        fields.version,
        { $push: { 'draft.serviceForms': entry } },
        '事项',
      ).catch(async (err: unknown) => {
        await files.remove(stored.id);
        throw err;
      });
      audit({
        action: 'upload',
        resource: 'item',
        resourceId: params.id,
        summary: `为「${item.name}」上传服务表格「${entry.name}」（${stored.filename}，${stored.length} 字节）`,
      });
      return itemView(updated);
    },
  });

  api.route({
    method: 'get',
    path: '/api/files/:id',
    access: 'staff',
    summary: '下载文件（须能查看其所属事项）',
    tags: ['事项目录'],
    params: z.object({ id: objectId }),
    response: { description: '文件内容' },
    async handler({ params, res, auth }) {
      const file = await files.info(params.id);
      if (!file?.owner.itemId) throw notFound('文件不存在');
      await visibleItem(items, auth.ability, file.owner.itemId);
      await sendStoredFile(res, files, file);
    },
  });
}
