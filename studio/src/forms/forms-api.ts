import { api, ApiError, type ApiErrorBody } from '../api/client';
import type { FormSchema, FormSchemaProblem } from '../../../runtime/forms/schema';
import type { FieldPermission, SubmissionProblem } from '../../../runtime/forms/validate';

/** One e-form of an item, as `GET /api/items/:id/forms` lists it. */
export interface ItemForm {
  key: string;
  name: string;
  schema: FormSchema;
  /** For optimistic concurrency: a save names the version it started from (0 for a new form). */
  version: number;
  /** Not relied on: the designer checks the schema itself, live. */
  problems?: FormSchemaProblem[];
}

export const listForms = (itemId: string) =>
  api.get<ItemForm[]>(`/api/items/${encodeURIComponent(itemId)}/forms`);

export const saveForm = (
  itemId: string,
  form: Pick<ItemForm, 'key' | 'name' | 'schema' | 'version'>,
) =>
  put<ItemForm>(`/api/items/${encodeURIComponent(itemId)}/forms/${encodeURIComponent(form.key)}`, {
    name: form.name,
    schema: form.schema,
    version: form.version,
  });

export const validateOnServer = (
  schema: FormSchema,
  values: unknown,
  permissions?: Record<string, FieldPermission>,
) =>
  api.post<{ problems: SubmissionProblem[] }>('/api/forms/validate', {
    schema,
    values,
    permissions,
  });

/** The schema problems a refused save carries in `error.details.problems`. */
export function problemsOf(error: unknown): FormSchemaProblem[] {
  const details =
    error instanceof ApiError ? (error.details as { problems?: unknown } | undefined) : undefined;
  return Array.isArray(details?.problems) ? (details.problems as FormSchemaProblem[]) : [];
}

/**
 * PUT with the session's CSRF token. The shared client (api/client.ts) has no PUT yet; once it
 * does, this should become `api.put`. Until then the token is read from /api/auth/me.
 */
async function put<T>(path: string, body: unknown): Promise<T> {
  const withPut = api as unknown as { put?: (p: string, b: unknown) => Promise<T> };
  if (withPut.put) return withPut.put(path, body);
  const { csrfToken } = await api.get<{ csrfToken: string }>('/api/auth/me');
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'PUT',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'X-CSRF-Token': csrfToken,
      },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network_error', '无法连接服务器，请检查网络');
  }
  const parsed = (await response.json().catch(() => undefined)) as unknown;
  if (!response.ok) {
    const error = (parsed as ApiErrorBody | undefined)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `请求失败（HTTP ${response.status}）`,
      error?.details,
    );
  }
  return parsed as T;
}
