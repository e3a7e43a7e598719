import type { Response } from 'express';
import { z } from 'zod';
import type { Api, AuthContext } from '../http/api';
import { AppError, notFound } from '../http/errors';
import { objectId, versionField } from '../http/schemas';
import { readUpload } from '../files/multipart';
import { sendStoredFile, servedType } from '../files/serve';
import { sniffStream } from '../files/sniff';
import { FileTooLargeError, type FileStore, type StoredFile } from '../files/store';
import { checkExtension, safeFilename, storedType } from '../files/upload-types';
import { callerMay } from './caller';
import { commandAnswer } from './routes';
import {
  CASE_ATTACHMENT_UPLOAD,
  CASE_MATERIAL_UPLOAD,
  VIEWABLE_TYPES,
  caseFiles,
  checkFileReferences,
  digesting,
  type CaseFileRecord,
} from './files';
import type { CaseService } from './service';

const ORIGINAL_OR_COPY = { original: '原件', copy: '复印件', both: '原件和复印件' } as const;
const MEDIUM = { paper: '纸质', electronic: '电子', both: '纸质和电子' } as const;

const id = z.string().regex(/^[A-Za-z0-9_:.#-]{1,80}$/, '应为编号');
/** The text fields, sent before the file (multipart.ts). */
const uploadFields = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('material'),
    materialId: id,
    version: z.coerce.number().pipe(versionField).optional(),
  }),
  z.strictObject({
    kind: z.literal('attachment'),
    workItemId: id,
    version: z.coerce.number().pipe(versionField).optional(),
  }),
]);

/**
 * Files of a case (RUN-7, FORM-2): materials at the window and attachments of a step, uploaded
 * into GridFS, typed by their content, their SHA-256 and SM3 recorded in the trail entry that adds
 * them (the `attachFile` command); listed, downloaded, and shown in the case page's viewer.
 */
export function caseFileRoutes(
  api: Api,
  service: CaseService,
  deps: { files: FileStore; maxBytes: number },
): void {
  const { executor } = service;
  const { files, maxBytes } = deps;
  checkFileReferences(executor);

  /** The case's file if the caller may see the case; another department's is "not found". */
  async function caseFile(auth: AuthContext, caseId: string, fileId: string) {
    const doc = await executor.visible({ kind: 'staff', auth }, caseId);
    const record = caseFiles(doc).find((f) => f.id === fileId);
    const stored = record ? await files.info(fileId) : undefined;
    if (!record || !stored || stored.owner.caseId !== caseId) throw notFound('文件不存在');
    return { record, stored };
  }

  api.route({
    method: 'post',
    path: '/api/cases/:id/files',
    access: 'staff',
    status: 201,
    summary:
      '上传办件的材料或办理附件（multipart：先 kind=material 与 materialId，或 kind=attachment 与 workItemId，可带 version，后 file）',
    tags: ['办件'],
    params: z.object({ id: objectId }),
    response: { description: '文件记录（含 SHA-256、SM3 摘要）与办件的新版本' },
    async handler({ req, params, auth, audit }) {
      await service.whenReady();
      const caller = { kind: 'staff' as const, auth };
      // Who may, before a byte is read: another department's case is a 404 and stores nothing.
      const doc = await executor.visible(caller, params.id);
      if (!callerMay(caller, doc, 'update')) throw new AppError(403, 'forbidden', '无权办理本办件');
      const upload = await readUpload(req);
      let fields: z.output<typeof uploadFields>;
      let filename: string;
      const kind = () =>
        fields.kind === 'material' ? CASE_MATERIAL_UPLOAD : CASE_ATTACHMENT_UPLOAD;
      try {
        const parsed = uploadFields.safeParse(upload.fields);
        if (!parsed.success) {
          throw new AppError(
            400,
            'validation_failed',
            '上传表单的字段不正确：kind 为 material（带 materialId）或 attachment（带 workItemId）',
            {
              issues: parsed.error.issues.map((i) => ({
                path: i.path.join('.'),
                message: i.message,
              })),
            },
          );
        }
        fields = parsed.data;
        filename = safeFilename(upload.file.filename);
        checkExtension(kind(), filename);
      } catch (err) {
        upload.file.stream.resume();
        throw err;
      }
      const sniffed = await sniffStream(upload.file.stream);
      let contentType: string;
      try {
        contentType = storedType(kind(), filename, sniffed.detected);
      } catch (err) {
        sniffed.discard();
        throw err;
      }
      const digest = digesting(sniffed.replay());
      let stored: StoredFile;
      try {
        stored = await files.save(
          digest.stream,
          {
            filename,
            contentType,
            owner: { caseId: doc._id, countyId: doc.countyId, kind: fields.kind },
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
      const { sha256, sm3 } = digest.digests();
      let ran;
      try {
        ran = await executor.run(
          caller,
          doc._id,
          {
            type: 'attachFile',
            kind: fields.kind,
            ...(fields.kind === 'material'
              ? { materialId: fields.materialId }
              : { workItemId: fields.workItemId }),
            file: {
              fileId: stored.id,
              name: filename,
              size: stored.length,
              contentType,
              sha256,
              sm3,
            },
          },
          fields.version,
        );
      } catch (err) {
        // Not recorded (a version conflict, a concluded case …): not kept either.
        await files.remove(stored.id);
        throw err;
      }
      const record = caseFiles(ran.doc).find((f) => f.id === stored.id)!;
      audit({
        action: 'attachFile',
        resource: 'case',
        resourceId: doc._id,
        summary: `办件「${ran.doc.state.caseName}」上传${fields.kind === 'material' ? '材料' : '附件'}「${filename}」（${stored.length} 字节，SM3 ${sm3.slice(0, 12)}…）`,
      });
      return { file: record, case: commandAnswer(ran.doc, ran.result) };
    },
  });

  api.route({
    method: 'get',
    path: '/api/cases/:id/files',
    access: 'staff',
    summary: '办件的材料清单（含存储要求、原件/复印件）与已上传的文件（含摘要）',
    tags: ['办件'],
    params: z.object({ id: objectId }),
    response: { description: '材料清单与文件' },
    async handler({ params, auth }) {
      const doc = await executor.visible({ kind: 'staff', auth }, params.id);
      const loaded = await service.definitions.get(doc.itemId, doc.itemVersion);
      const all = caseFiles(doc);
      const received = new Map(doc.state.materials.map((m) => [m.materialId, m]));
      const pagesOf = (materialId: string): CaseFileRecord[] =>
        all.filter((f) => f.kind === 'material' && f.materialId === materialId);
      return {
        materials: loaded.materials.map((m) => ({
          id: m.id,
          name: m.name,
          required: m.required,
          format: m.format,
          count: m.count,
          originalOrCopy: m.originalOrCopy,
          originalOrCopyLabel: ORIGINAL_OR_COPY[m.originalOrCopy],
          medium: m.medium,
          mediumLabel: MEDIUM[m.medium],
          storage: m.storage ?? '',
          received: received.has(m.id),
          deferred: !!received.get(m.id)?.deferred,
          pages: pagesOf(m.id),
        })),
        files: all,
        maxBytes,
        accepts: {
          material: Object.keys(CASE_MATERIAL_UPLOAD.accepts),
          attachment: Object.keys(CASE_ATTACHMENT_UPLOAD.accepts),
        },
      };
    },
  });

  api.route({
    method: 'get',
    path: '/api/cases/:id/files/:fileId',
    access: 'staff',
    summary: '下载办件的文件（作为附件下载）',
    tags: ['办件'],
    params: z.object({ id: objectId, fileId: objectId }),
    response: { description: '文件内容' },
    async handler({ params, res, auth }) {
      const { stored } = await caseFile(auth, params.id, params.fileId);
      await sendStoredFile(res, files, stored);
    },
  });

  api.route({
    method: 'get',
    path: '/api/cases/:id/files/:fileId/view',
    access: 'staff',
    summary: '在页面内查看办件的图片或 PDF（其他类型只能下载）',
    tags: ['办件'],
    params: z.object({ id: objectId, fileId: objectId }),
    response: { description: '文件内容（内嵌显示）' },
    async handler({ params, res, auth }) {
      const { stored } = await caseFile(auth, params.id, params.fileId);
      const type = servedType(stored.contentType);
      if (!VIEWABLE_TYPES.has(type)) {
        throw new AppError(415, 'not_viewable', '该文件不能在页面内查看，请下载后打开', {
          contentType: type,
        });
      }
      await sendInline(res, files, stored, type);
    },
  });
}

/** Inline for the viewer, only images and PDF (checked above): sandboxed, never sniffed. */
async function sendInline(res: Response, files: FileStore, file: StoredFile, type: string) {
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', String(file.length));
  res.setHeader('Content-Disposition', 'inline');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; img-src 'self'; sandbox");
  res.setHeader('Cache-Control', 'private, no-store');
  // The studio shows it in an iframe of its own origin; other sites may not frame it.
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  await new Promise<void>((resolve, reject) => {
    files.open(file.id).on('error', reject).pipe(res).on('finish', resolve).on('error', reject);
  });
}
