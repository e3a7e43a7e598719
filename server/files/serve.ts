import type { Response } from 'express';
import type { FileStore, StoredFile } from './store';
import { MATERIAL_UPLOAD, SERVICE_FORM_UPLOAD } from './upload-types';

/** Types we store after checking content; anything else (older uploads kept the client's claim). */
const SERVED_TYPES = new Set(
  [SERVICE_FORM_UPLOAD, MATERIAL_UPLOAD].flatMap((kind) =>
    Object.values(kind.accepts).flatMap((a) => [...a.detected, ...(a.store ? [a.store] : [])]),
  ),
);

/** The type a download is sent with: only checked types; never HTML or SVG a browser would run. */
export const servedType = (stored: string) =>
  SERVED_TYPES.has(stored) ? stored : 'application/octet-stream';

/** RFC 5987 `filename*`: attr-char leaves out ' ( ) *, which encodeURIComponent keeps. */
const rfc5987 = (name: string) =>
  encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/** Streams a stored file as an attachment under its own (often Chinese) name. */
export async function sendStoredFile(
  res: Response,
  files: FileStore,
  file: StoredFile,
): Promise<void> {
  const extension = /\.([A-Za-z0-9]{1,10})$/.exec(file.filename)?.[1]?.toLowerCase();
  res.setHeader('Content-Type', servedType(file.contentType));
  res.setHeader('Content-Length', String(file.length));
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="download${extension ? `.${extension}` : ''}"; filename*=UTF-8''${rfc5987(file.filename)}`,
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // Should a browser open it anyway, it runs nothing and reaches nothing.
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  await new Promise<void>((resolve, reject) => {
    files.open(file.id).on('error', reject).pipe(res).on('finish', resolve).on('error', reject);
  });
}
