import type { RequestHandler } from 'express';
import { AppError } from './errors';

/**
 * Keys that reach an object's prototype when a body is merged or assigned into another object
 * (`{...a, ...body}`, lodash merge, `obj[key] = …`). No field of ours is called so; a request that
 * uses one is an attack or a bug, and refusing it is clearer than dropping it silently (FORM-3).
 */
const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

export const isUnsafeKey = (key: string) => UNSAFE.has(key);

export function unsafeKeyError(where: string, path: string): AppError {
  // A path 100,000 levels deep is named by its end.
  const shown = path.length > 200 ? `…${path.slice(-200)}` : path;
  return new AppError(400, 'unsafe_key', `${where}含有不允许的键名：${shown}`, { path: shown });
}

/**
 * The path of the first unsafe key in a parsed JSON value, e.g. `data.a[2].__proto__`. Walks with
 * its own stack, so a deeply nested body cannot overflow the call stack; the body size limit bounds
 * the work.
 */
export function findUnsafeKey(value: unknown): string | undefined {
  const stack: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  while (stack.length > 0) {
    const { value: node, path } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) {
        stack.push({ value: node[i], path: `${path}[${i}]` });
      }
      continue;
    }
    // Only what JSON.parse makes; a raw body (a Buffer) is not walked byte by byte.
    const proto = Object.getPrototypeOf(node) as unknown;
    if (proto !== Object.prototype && proto !== null) continue;
    // JSON.parse makes `__proto__` an own property, so Object.keys sees it.
    const keys = Object.keys(node);
    for (const key of keys) {
      const at = path ? `${path}.${key}` : key;
      if (isUnsafeKey(key)) return at;
      stack.push({ value: (node as Record<string, unknown>)[key], path: at });
    }
  }
  return undefined;
}

/**
 * Query keys stay plain with express's `simple` parser (`a[__proto__]` is one key), but a parser
 * further on could still read the brackets, so each part of a key is checked.
 */
export function findUnsafeQueryKey(query: Record<string, unknown>): string | undefined {
  return Object.keys(query).find((key) => key.split(/[[\].]/).some(isUnsafeKey));
}

/** Refuses unsafe keys in every JSON body and query string before any route sees them. */
export const refuseUnsafeKeys: RequestHandler = (req, _res, next) => {
  const inQuery = findUnsafeQueryKey((req.query ?? {}) as Record<string, unknown>);
  if (inQuery !== undefined) return next(unsafeKeyError('查询参数', inQuery));
  const inBody = findUnsafeKey(req.body);
  if (inBody !== undefined) return next(unsafeKeyError('请求数据', inBody));
  next();
};
