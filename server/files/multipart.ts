import busboy from 'busboy';
import type { Request } from 'express';
import type { Readable } from 'node:stream';
import { AppError } from '../http/errors';
import { isUnsafeKey, unsafeKeyError } from '../http/unsafe-keys';

export interface UploadedPart {
  fields: Record<string, string>;
  /** `mimeType` is what the client claims; only the content decides what is stored. */
  file: { stream: Readable; filename: string; mimeType: string };
}

/**
 * Reads a multipart form whose text fields come before its one file, and hands over the file as a
 * stream. Fields after the file would arrive too late to check, so the form must send them first.
 */
export function readUpload(req: Request): Promise<UploadedPart> {
  if (!req.is('multipart/form-data')) {
    return Promise.reject(
      new AppError(415, 'unsupported_media_type', '请以 multipart/form-data 上传文件'),
    );
  }
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    let parser: busboy.Busboy;
    try {
      // Browsers send file names as UTF-8; busboy would read them as Latin-1 by default.
      parser = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { files: 1, fields: 20, fieldSize: 2000 },
      });
    } catch {
      return reject(new AppError(400, 'invalid_multipart', '上传的表单格式不正确'));
    }
    let got = false;
    let unsafe: string | undefined;
    parser.on('field', (name, value) => {
      if (isUnsafeKey(name)) unsafe ??= name;
      else fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      got = true;
      if (isUnsafeKey(name)) unsafe ??= name;
      if (unsafe !== undefined) {
        stream.resume();
        return reject(unsafeKeyError('上传的表单', unsafe));
      }
      resolve({ fields, file: { stream, filename: info.filename ?? '', mimeType: info.mimeType } });
    });
    parser.on('error', () =>
      reject(new AppError(400, 'invalid_multipart', '上传的表单格式不正确')),
    );
    parser.on('close', () => {
      if (unsafe !== undefined) reject(unsafeKeyError('上传的表单', unsafe));
      if (!got) reject(new AppError(400, 'file_missing', '没有收到文件'));
    });
    req.pipe(parser);
  });
}
