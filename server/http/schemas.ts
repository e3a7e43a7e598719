import { z } from 'zod';

/** A MongoDB id in a path, query or body; anything else (an operator object, say) is a 400. */
export const objectId = z.string().regex(/^[0-9a-f]{24}$/, '应为 24 位十六进制编号');

/** The version a client last saw; updates against another version answer 409. */
export const versionField = z.number().int().min(0);

/** Paging parameters of every list; query strings arrive as text. */
export const page = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export function pageOf<T>(items: T[], total: number, query: { page: number; pageSize: number }) {
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/** Escapes text for use inside a RegExp, so a search for "a.b" finds "a.b" only. */
export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
