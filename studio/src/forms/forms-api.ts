import { api, ApiError } from '../api/client';
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
  api.put<ItemForm>(
    `/api/items/${encodeURIComponent(itemId)}/forms/${encodeURIComponent(form.key)}`,
    {
      name: form.name,
      schema: form.schema,
      version: form.version,
    },
  );

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
