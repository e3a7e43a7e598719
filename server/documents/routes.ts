import { Readable } from 'node:stream';
import { subject as asSubject } from '@casl/ability';
import { z } from 'zod';
import type { CaseService } from '../cases/service';
import { readUpload } from '../files/multipart';
import { sendStoredFile } from '../files/serve';
import { safeFilename } from '../files/upload-types';
import { detectType } from '../files/sniff';
import type { Api, AuthContext } from '../http/api';
import { AppError, notFound } from '../http/errors';
import { objectId } from '../http/schemas';
import { DOCUMENT_KINDS, KINDS, exOfficioFacts, kindsFor, type DocumentKind } from './kinds';
import { templateProblems } from './render';
import type { DocumentDoc, DocumentService } from './service';

/** Largest template a county may upload. */
const TEMPLATE_MAX_BYTES = 5 * 1024 * 1024;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const listed = (caseId: string, d: DocumentDoc) => ({
  id: d._id,
  kind: d.kind,
  name: d.name,
  number: d.number,
  issuedAt: d.issuedAt,
  createdAt: d.createdAt,
  sealed: !!d.seal,
  sealHolder: d.seal?.holder,
  sm3: d.sm3,
  docxUrl: `/api/cases/${caseId}/documents/${d._id}/docx`,
  pdfUrl: `/api/cases/${caseId}/documents/${d._id}/pdf`,
});

async function readAll(stream: NodeJS.ReadableStream, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const c of stream) {
    length += (c as Buffer).length;
    if (length > limit) {
      (stream as unknown as { resume(): void }).resume();
      throw new AppError(413, 'file_too_large', `文件超过 ${Math.round(limit / 1048576)} MB`, {
        limit,
      });
    }
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

/** 文书 (RUN-10): a case's documents, made on demand, downloaded; counties' own templates. */
export function documentRoutes(api: Api, documents: DocumentService, cases: CaseService): void {
  const { executor } = cases;
  const caseOf = (auth: AuthContext, id: string) => executor.visible({ kind: 'staff', auth }, id);

  api.route({
    method: 'get',
    path: '/api/cases/:id/documents',
    access: 'staff',
    summary:
      '办件的文书：受理通知书、补正材料通知书、决定书，依职权办件的立案审批表、笔录、告知书、处罚决定书等，各有编号和 DOCX、PDF 下载地址',
    tags: ['文书'],
    params: z.object({ id: objectId }),
    response: { description: '文书列表与可生成的种类' },
    async handler({ params, auth }) {
      const doc = await caseOf(auth, params.id);
      const rows = await documents.ofCase(doc);
      return {
        items: rows.map((d) => listed(doc._id, d)),
        available: kindsFor(
          doc.state.status,
          doc.state.decision?.result,
          exOfficioFacts(doc.state),
        ).map((kind) => ({
          kind,
          name: DOCUMENT_KINDS[kind].name,
        })),
      };
    },
  });

  api.route({
    method: 'post',
    path: '/api/cases/:id/documents',
    access: 'staff',
    status: 201,
    summary: '当场生成一份文书（如申请人在窗口等候时打印受理通知书）',
    tags: ['文书'],
    params: z.object({ id: objectId }),
    body: z.strictObject({ kind: z.enum(KINDS) }),
    response: { description: '生成的文书' },
    async handler({ params, body, auth, audit }) {
      const doc = await caseOf(auth, params.id);
      if (
        !auth.ability.can(
          'update',
          asSubject('Case', { countyId: doc.countyId, departmentIds: doc.departmentIds }),
        )
      )
        throw new AppError(403, 'forbidden', '无权为本办件制作文书');
      const kind = body.kind as DocumentKind;
      const allowed = kindsFor(
        doc.state.status,
        doc.state.decision?.result,
        exOfficioFacts(doc.state),
      );
      if (!allowed.includes(kind))
        throw new AppError(
          409,
          'document_not_applicable',
          `办件当前状态不能制作《${DOCUMENT_KINDS[kind].name}》`,
          { status: doc.state.status, available: allowed },
        );
      const made = await documents.make(doc._id, kind, { by: auth.principal.userId });
      audit({
        action: 'makeDocument',
        resource: 'document',
        resourceId: made._id,
        summary: `办件「${doc.state.caseName}」制作《${made.name}》${made.number}`,
      });
      return listed(doc._id, made);
    },
  });

  for (const format of ['docx', 'pdf'] as const) {
    api.route({
      method: 'get',
      path: `/api/cases/:id/documents/:documentId/${format}`,
      access: 'staff',
      summary: `下载文书的 ${format.toUpperCase()} 文件（附件形式）`,
      tags: ['文书'],
      params: z.object({ id: objectId, documentId: z.string().regex(/^[0-9a-f]{24}$/) }),
      response: { description: format.toUpperCase() },
      async handler({ params, auth, res }) {
        const doc = await caseOf(auth, params.id);
        const d = await documents.documents.findOne({ _id: params.documentId, caseId: doc._id });
        if (!d) throw notFound('文书不存在');
        const info = await documents.files.info(format === 'pdf' ? d.pdfFileId : d.docxFileId);
        if (!info) throw notFound('文书文件不存在');
        await sendStoredFile(res, documents.files, info);
      },
    });
  }

  api.route({
    method: 'get',
    path: '/api/document-templates',
    access: 'staff',
    summary: '文书模板：每种文书现用的模板（部门、全县或默认）及版本',
    tags: ['文书'],
    response: { description: '模板' },
    async handler({ auth }) {
      const p = auth.principal;
      const items = [];
      for (const kind of KINDS) {
        const own = p.departmentId
          ? await documents.templates.findOne({ _id: `${p.departmentId}:${kind}` })
          : null;
        const county = await documents.templates.findOne({ _id: `${p.countyId}:${kind}` });
        const t = own ?? county;
        items.push({
          kind,
          name: DOCUMENT_KINDS[kind].name,
          scope: own ? 'department' : county ? 'county' : 'default',
          version: t?.version ?? 0,
          filename: t?.filename,
          history: (t?.history ?? []).map(({ version, filename, by, at }) => ({
            version,
            filename,
            by,
            at,
          })),
        });
      }
      return { items };
    },
  });

  api.route({
    method: 'post',
    path: '/api/document-templates/:kind',
    access: 'staff',
    status: 201,
    summary:
      '上传本县（管理员）或本部门（部门事项管理员）的文书模板（multipart，file 为 DOCX，只可用已知占位符）',
    tags: ['文书'],
    params: z.object({ kind: z.enum(KINDS) }),
    response: { description: '新的模板版本' },
    async handler({ req, params, auth, audit }) {
      const p = auth.principal;
      // The county's template for an administrator, else the department's (CASL decides).
      const may = (scopeId: string | undefined) =>
        !!scopeId && auth.ability.can('update', asSubject('DocumentTemplate', { scopeId }));
      const scope = may(p.countyId)
        ? { id: p.countyId, label: '全县' }
        : may(p.departmentId)
          ? { id: p.departmentId!, label: '本部门' }
          : null;
      if (!scope)
        throw new AppError(403, 'forbidden', '只有系统管理员或部门事项管理员可以上传文书模板');
      const upload = await readUpload(req);
      let filename: string;
      try {
        filename = safeFilename(upload.file.filename);
      } catch (err) {
        upload.file.stream.resume();
        throw err;
      }
      const bytes = await readAll(upload.file.stream, TEMPLATE_MAX_BYTES);
      const detected = await detectType(bytes.subarray(0, 64 * 1024));
      if (detected?.mime !== DOCX && detected?.mime !== 'application/zip')
        throw new AppError(415, 'file_type_mismatch', '文书模板只接受 Word 文档（.docx）', {
          filename,
          detected: detected?.mime ?? null,
        });
      const problems = templateProblems(bytes);
      if (problems.length)
        throw new AppError(400, 'invalid_template', `模板不能使用：${problems.join('；')}`, {
          problems,
        });
      const kind = params.kind as DocumentKind;
      const id = `${scope.id}:${kind}`;
      const before = await documents.templates.findOne({ _id: id });
      const version = (before?.version ?? 0) + 1;
      const stored = await documents.files.save(
        Readable.from([bytes]),
        { filename, contentType: DOCX, owner: { template: id } },
        TEMPLATE_MAX_BYTES,
      );
      const entry = { version, fileId: stored.id, filename, by: p.userId, at: new Date() };
      // Versions only grow: a template in use by earlier documents is kept in GridFS.
      const res = await documents.templates.updateOne(
        { _id: id, version: before?.version ?? 0 },
        {
          $set: { scopeId: scope.id, kind, version, fileId: stored.id, filename },
          $push: { history: entry },
        },
        { upsert: !before },
      );
      if (!res.matchedCount && !res.upsertedCount)
        throw new AppError(409, 'version_conflict', '模板刚被他人更新，请刷新后重试');
      audit({
        action: 'uploadDocumentTemplate',
        resource: 'documentTemplate',
        resourceId: id,
        summary: `${scope.label}《${DOCUMENT_KINDS[kind].name}》模板第 ${version} 版：${filename}`,
      });
      return { kind, scope: scope.label, version, filename };
    },
  });
}
