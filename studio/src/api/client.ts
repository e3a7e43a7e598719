/** The error every failing API call answers with (see server/http/errors.ts). */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
  }
}

/** One page of a list, as every list route answers. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type Query = Record<string, string | number | undefined | null>;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

// The server checks this token on every change; it comes with the login and with /api/auth/me.
let csrfToken: string | undefined;
let onUnauthenticated: (() => void) | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when a request finds the session gone (expired, or ended on another tab). */
export function whenUnauthenticated(listener: (() => void) | undefined): void {
  onUnauthenticated = listener;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  if (!text) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${text}`;
}

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network_error', '无法连接服务器，请检查网络');
  }
  const parsed = (await response.json().catch(() => undefined)) as unknown;
  if (!response.ok) {
    const error = (parsed as ApiErrorBody | undefined)?.error;
    // The login routes answer 401 as part of their normal work; elsewhere it means the session ended.
    if (response.status === 401 && !path.startsWith('/api/auth/')) onUnauthenticated?.();
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `请求失败（HTTP ${response.status}）`,
      error?.details,
    );
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string, query?: Query) => request<T>('DELETE', withQuery(path, query)),
};

/** Sends a multipart form (an upload): text fields first, then the file, as the server reads them. */
export async function postForm<T>(
  path: string,
  fields: Record<string, string>,
  file: File,
): Promise<T> {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  body.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { Accept: 'application/json', ...(csrfToken ? { 'X-CSRF-Token': csrfToken } : {}) },
      body,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network_error', '无法连接服务器，请检查网络');
  }
  const parsed = (await response.json().catch(() => undefined)) as unknown;
  if (!response.ok) {
    const error = (parsed as ApiErrorBody | undefined)?.error;
    if (response.status === 401) onUnauthenticated?.();
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `上传失败（HTTP ${response.status}）`,
      error?.details,
    );
  }
  return parsed as T;
}

/** Every page of a list route, for the small lists a form needs whole (units, posts of a county). */
export async function getAll<T>(path: string, query: Query = {}): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const result = await api.get<Page<T>>(path, { ...query, page, pageSize: 200 });
    items.push(...result.items);
    if (items.length >= result.total || result.items.length === 0) return items;
  }
}
