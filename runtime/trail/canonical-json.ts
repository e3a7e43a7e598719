/**
 * Canonical JSON: one byte sequence per value, so that anyone can recompute a trail hash.
 * It is RFC 8785 (JSON Canonicalization Scheme) with three additions:
 * - object members whose value is `undefined` are left out (as JSON.stringify does);
 * - a Date is written as the string its `toISOString()` gives (UTC, milliseconds, `Z`);
 * - a lone UTF-16 surrogate is written `\udxxx` (ECMAScript JSON.stringify) where RFC 8785
 *   would refuse the input.
 * Members are sorted by their names' UTF-16 code units; no whitespace; strings and numbers as
 * ECMAScript's JSON.stringify writes them (-0 as 0). Anything JSON cannot say without loss —
 * undefined in an array, NaN, Infinity, bigint, functions, symbols, Map, Set, class instances
 * (a database ObjectId among them), cycles — is refused, naming where it was found.
 */

export type JsonValue =
  | null
  | boolean
  | number
  | string
  | Date
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined };

export class CanonicalJsonError extends Error {
  constructor(
    readonly path: string,
    what: string,
  ) {
    super(`${path || '（根）'}：${what}，无法写成规范 JSON`);
    this.name = 'CanonicalJsonError';
  }
}

const MAX_DEPTH = 64;

function describe(value: unknown): string {
  if (value === undefined) return 'undefined 不能表示';
  if (typeof value === 'number') return `数值 ${String(value)} 不是有限数`;
  if (typeof value === 'bigint') return 'bigint 不能表示';
  if (typeof value === 'function') return '函数不能表示';
  if (typeof value === 'symbol') return 'symbol 不能表示';
  const name = (value as object).constructor?.name ?? '未知类型';
  return `${name} 对象不是普通对象`;
}

const isPlainObject = (value: object): boolean => {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

function write(value: unknown, path: string, stack: object[], out: string[]): void {
  if (value === null) return void out.push('null');
  switch (typeof value) {
    case 'boolean':
      return void out.push(value ? 'true' : 'false');
    case 'string':
      return void out.push(JSON.stringify(value));
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, describe(value));
      return void out.push(value === 0 ? '0' : String(value));
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(path, describe(value));
  }
  const obj = value as object;
  if (obj instanceof Date) {
    if (Number.isNaN(obj.getTime())) throw new CanonicalJsonError(path, '无效的日期');
    return void out.push(JSON.stringify(obj.toISOString()));
  }
  if (stack.includes(obj)) throw new CanonicalJsonError(path, '循环引用');
  if (stack.length >= MAX_DEPTH) throw new CanonicalJsonError(path, `嵌套超过 ${MAX_DEPTH} 层`);
  stack.push(obj);
  if (Array.isArray(obj)) {
    out.push('[');
    obj.forEach((item: unknown, i) => {
      if (i) out.push(',');
      const at = `${path}[${i}]`;
      if (item === undefined) throw new CanonicalJsonError(at, describe(item));
      write(item, at, stack, out);
    });
    out.push(']');
  } else {
    if (!isPlainObject(obj)) throw new CanonicalJsonError(path, describe(obj));
    const record = obj as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    out.push('{');
    keys.forEach((k, i) => {
      if (i) out.push(',');
      out.push(JSON.stringify(k), ':');
      write(record[k], path ? `${path}.${k}` : k, stack, out);
    });
    out.push('}');
  }
  stack.pop();
}

/** The canonical JSON text of a value; throws CanonicalJsonError for what JSON cannot hold. */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  write(value, '', [], out);
  return out.join('');
}
