import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { GridFSBucket, ObjectId, type Db } from 'mongodb';

export interface StoredFile {
  id: string;
  filename: string;
  contentType: string;
  length: number;
}

export class FileTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`file larger than ${limit} bytes`);
  }
}

/**
 * Uploaded materials and forms live in GridFS (architecture.md), never on the web server's disk.
 * Writes stream in chunks, so a large upload never sits in memory whole.
 */
export class FileStore {
  private readonly bucket: GridFSBucket;

  constructor(db: Db) {
    this.bucket = new GridFSBucket(db, { bucketName: 'files' });
  }

  /** Streams `source` in; past `limit` bytes the partial file is removed and the save refused. */
  async save(
    source: Readable,
    meta: { filename: string; contentType: string; owner: Record<string, string> },
    limit: number,
  ): Promise<StoredFile> {
    const id = new ObjectId();
    const upload = this.bucket.openUploadStreamWithId(id, meta.filename, {
      metadata: {
        contentType: meta.contentType,
        owner: meta.owner,
        nonce: randomBytes(4).toString('hex'),
      },
    });
    let length = 0;
    try {
      await new Promise<void>((resolve, reject) => {
        source.on('data', (chunk: Buffer) => {
          length += chunk.length;
          if (length > limit) {
            source.unpipe(upload);
            source.resume();
            reject(new FileTooLargeError(limit));
          }
        });
        source.on('error', reject);
        upload.on('error', reject);
        upload.on('finish', () => resolve());
        source.pipe(upload);
      });
    } catch (err) {
      await upload.abort().catch(() => undefined);
      await this.bucket.delete(id).catch(() => undefined);
      throw err;
    }
    return { id: String(id), filename: meta.filename, contentType: meta.contentType, length };
  }

  async info(id: string): Promise<(StoredFile & { owner: Record<string, string> }) | undefined> {
    if (!ObjectId.isValid(id)) return undefined;
    const [file] = await this.bucket.find({ _id: new ObjectId(id) }).toArray();
    if (!file) return undefined;
    const metadata = (file.metadata ?? {}) as {
      contentType?: string;
      owner?: Record<string, string>;
    };
    return {
      id,
      filename: file.filename,
      contentType: metadata.contentType ?? 'application/octet-stream',
      length: file.length,
      owner: metadata.owner ?? {},
    };
  }

  async remove(id: string): Promise<void> {
    await this.bucket.delete(new ObjectId(id)).catch(() => undefined);
  }

  open(id: string): Readable {
    return this.bucket.openDownloadStream(new ObjectId(id));
  }
}
