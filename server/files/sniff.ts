import { PassThrough, type Readable } from 'node:stream';
// ESM-only: `tsx` (and Node ≥ 20.19) load it through require(esm); jest turns it into CommonJS
// (it and its ESM dependencies are listed in jest.config.js).
import { fileTypeFromBuffer } from 'file-type';

/** What the bytes of a file say it is, whatever its name or the client claims. */
export interface DetectedType {
  ext: string;
  mime: string;
}

/** Enough for every format we accept, and for the entries of a small OOXML archive. */
export const SNIFF_BYTES = 64 * 1024;

/** The type read from a file's first bytes; `undefined` when no known signature matches. */
export async function detectType(head: Uint8Array): Promise<DetectedType | undefined> {
  if (head.length === 0) return undefined;
  const found = await fileTypeFromBuffer(head);
  return found ? { ext: found.ext, mime: found.mime } : undefined;
}

export interface SniffedStream {
  head: Buffer;
  detected: DetectedType | undefined;
  /** The whole file again, head included; call it or `discard()`, once. */
  replay(): Readable;
  /** Drains the rest unread, so the multipart parser can finish and the request end. */
  discard(): void;
}

/** Reads up to `bytes` from `source`, detects their type and hands back the file as a stream. */
export async function sniffStream(source: Readable, bytes = SNIFF_BYTES): Promise<SniffedStream> {
  const { head, ended } = await readHead(source, bytes);
  const detected = await detectType(head);
  return {
    head,
    detected,
    replay() {
      const stream = new PassThrough();
      stream.write(head);
      if (ended) stream.end();
      else {
        source.once('error', (err) => stream.destroy(err));
        source.pipe(stream);
      }
      return stream;
    },
    discard() {
      if (!ended) source.resume();
    },
  };
}

function readHead(source: Readable, bytes: number): Promise<{ head: Buffer; ended: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const finish = (ended: boolean) => {
      source.off('data', onData);
      source.off('end', onEnd);
      source.off('error', onError);
      resolve({ head: Buffer.concat(chunks), ended });
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= bytes) {
        source.pause();
        finish(false);
      }
    };
    const onEnd = () => finish(true);
    const onError = (err: Error) => {
      source.off('data', onData);
      source.off('end', onEnd);
      reject(err);
    };
    source.on('data', onData);
    source.once('end', onEnd);
    source.once('error', onError);
  });
}
