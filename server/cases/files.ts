import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import type { CaseCommandType } from '../../runtime/cases';
import { readTrailData } from '../../runtime/trail';
import type { CaseDoc } from './case-model';
import { AppError } from '../http/errors';
import { MATERIAL_UPLOAD, SERVICE_FORM_UPLOAD, type UploadKind } from '../files/upload-types';
import type { CaseExecutor, CommandPass } from './executor';

/** 申请材料: scans and photos of papers (JPEG, PNG, TIFF) and PDF; never SVG or HTML. */
export const CASE_MATERIAL_UPLOAD: UploadKind = MATERIAL_UPLOAD;

/** 办理附件 of a step: what a material may be, and the office formats officers write in. */
export const CASE_ATTACHMENT_UPLOAD: UploadKind = {
  label: '办理附件',
  accepts: {
    ...MATERIAL_UPLOAD.accepts,
    '.doc': SERVICE_FORM_UPLOAD.accepts['.doc']!,
    '.docx': SERVICE_FORM_UPLOAD.accepts['.docx']!,
    '.xls': SERVICE_FORM_UPLOAD.accepts['.xls']!,
    '.xlsx': SERVICE_FORM_UPLOAD.accepts['.xlsx']!,
    '.ofd': SERVICE_FORM_UPLOAD.accepts['.ofd']!,
  },
};

/** Types the in-page viewer shows inline; everything else is only downloaded. */
export const VIEWABLE_TYPES = new Set(['image/jpeg', 'image/png', 'application/pdf']);

export interface Digests {
  sha256: string;
  sm3: string;
}

/**
 * Passes a file through unchanged while computing its SHA-256 and SM3 (RUN-7), so the digests
 * are known once the file is stored without reading it twice.
 */
export function digesting(source: Readable): { stream: Readable; digests(): Digests } {
  const sha256 = createHash('sha256');
  const sm3 = createHash('sm3');
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      sha256.update(chunk);
      sm3.update(chunk);
      done(null, chunk);
    },
  });
  source.once('error', (err) => stream.destroy(err));
  source.pipe(stream);
  let result: Digests | undefined;
  return {
    stream,
    digests: () => (result ??= { sha256: sha256.digest('hex'), sm3: sm3.digest('hex') }),
  };
}

/** A file of a case as its trail recorded it (the trail is the record: nothing kept beside). */
export interface CaseFileRecord {
  id: string;
  name: string;
  kind: 'material' | 'attachment';
  materialId?: string;
  /** Page of its material, 1, 2 … in the order uploaded. */
  page?: number;
  workItemId?: string;
  step?: string;
  size: number;
  contentType: string;
  sha256: string;
  sm3: string;
  uploadedBy: string;
  uploadedAt: string;
  /** The trail entry that added it. */
  trailSeq: number;
  viewable: boolean;
}

interface AttachData {
  kind: 'material' | 'attachment';
  materialId?: string;
  page?: number;
  workItemId?: string;
  sha256: string;
  contentType: string;
}

export function caseFiles(doc: CaseDoc): CaseFileRecord[] {
  const out: CaseFileRecord[] = [];
  for (const entry of doc.trail) {
    if (entry.action !== 'attach') continue;
    const ref = entry.process?.attachments?.[0];
    const data = readTrailData(entry) as AttachData | undefined;
    if (!ref || !data) continue;
    out.push({
      id: ref.fileId,
      name: ref.name,
      kind: data.kind,
      ...(data.materialId ? { materialId: data.materialId } : {}),
      ...(data.page ? { page: data.page } : {}),
      ...(data.workItemId ? { workItemId: data.workItemId } : {}),
      ...(entry.process?.step ? { step: entry.process.step.name } : {}),
      size: ref.size ?? 0,
      contentType: data.contentType,
      sha256: data.sha256,
      sm3: ref.sm3 ?? '',
      uploadedBy: entry.actor.name,
      uploadedAt: entry.at,
      trailSeq: entry.seq,
      viewable: VIEWABLE_TYPES.has(data.contentType),
    });
  }
  return out;
}

/** Every file id a command refers to, wherever it sits (form data, attachments, materials). */
function fileIdsIn(value: unknown, found: Set<string>, depth = 0): Set<string> {
  if (depth > 20 || !value || typeof value !== 'object') return found;
  if (Array.isArray(value)) {
    for (const v of value) fileIdsIn(v, found, depth + 1);
    return found;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.fileId === 'string') found.add(record.fileId);
  for (const v of Object.values(record)) fileIdsIn(v, found, depth + 1);
  return found;
}

/** Commands of people that may carry file references: form data, attachments, materials. */
const REFERRING: CaseCommandType[] = [
  'accept',
  'refuse',
  'saveDraft',
  'complete',
  'conclude',
  'supplyCorrection',
  'submitApplication',
];

/**
 * FORM-2: a file field of a step form (and any attachment of a command) may name only files
 * uploaded to this case; an unknown id is a 400 naming it, before the engine runs.
 */
export function checkFileReferences(executor: CaseExecutor): void {
  const check = async (pass: CommandPass) => {
    if (pass.caller.kind === 'system' || pass.caller.kind === 'scheduler') return;
    const { type: _type, ...rest } = pass.command;
    const referred = fileIdsIn(rest, new Set());
    if (!referred.size) return;
    const known = new Set(caseFiles(pass.doc).map((f) => f.id));
    for (const m of pass.doc.state.materials) for (const f of m.files) known.add(f.fileId);
    const unknown = [...referred].filter((id) => !known.has(id));
    if (unknown.length) {
      throw new AppError(
        400,
        'unknown_file',
        `文件 ${unknown.join('、')} 不是本办件上传的文件，请先上传到本办件`,
        { fileIds: unknown },
      );
    }
  };
  for (const type of REFERRING) executor.addPreStep(type, check);
}
