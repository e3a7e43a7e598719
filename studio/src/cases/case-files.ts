import { createContext } from 'react';
import { postForm } from '../api/client';

/** A file of a case as `GET /api/cases/:id/files` lists it (RUN-7). */
export interface CaseFile {
  id: string;
  name: string;
  kind: 'material' | 'attachment';
  materialId?: string;
  page?: number;
  workItemId?: string;
  step?: string;
  size: number;
  contentType: string;
  sha256: string;
  sm3: string;
  uploadedBy: string;
  uploadedAt: string;
  viewable: boolean;
}

export interface CaseMaterial {
  id: string;
  name: string;
  required: boolean;
  format: string;
  count: number;
  originalOrCopyLabel: string;
  mediumLabel: string;
  storage: string;
  received: boolean;
  deferred: boolean;
  pages: CaseFile[];
}

export interface CaseFiles {
  materials: CaseMaterial[];
  files: CaseFile[];
  maxBytes: number;
  accepts: { material: string[]; attachment: string[] };
}

export type UploadTarget =
  { kind: 'material'; materialId: string } | { kind: 'attachment'; workItemId: string };

export const filesPath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/files`;
export const fileUrl = (caseId: string, fileId: string, view = false) =>
  `${filesPath(caseId)}/${encodeURIComponent(fileId)}${view ? '/view' : ''}`;

/** Uploads one file to the case; the case gets a new version (a trail entry with its digests). */
export function uploadCaseFile(caseId: string, target: UploadTarget, file: File) {
  const fields: Record<string, string> =
    target.kind === 'material'
      ? { kind: 'material', materialId: target.materialId }
      : { kind: 'attachment', workItemId: target.workItemId };
  // `case` answers like a command: its new version, for the next command.
  return postForm<{ file: CaseFile; case: { id: string; version: number } }>(
    filesPath(caseId),
    fields,
    file,
  );
}

/** The case page's files: which case, and what to do once one is stored (reload the case). */
export const CaseFilesContext = createContext<{ caseId: string; uploaded(): void } | undefined>(
  undefined,
);
