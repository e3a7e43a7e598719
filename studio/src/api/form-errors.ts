import type { FormInstance } from 'antd';
import { ApiError } from './client';

/** Server field names (in `details`) → the form's field names; `null` leaves a field unmarked. */
export type FieldMap = Record<string, string | null>;

interface Issue {
  path?: string;
  message?: string;
}

/** The fields a server error names: validation issues, a `field`, or duplicate-key `fields`. */
function namedFields(error: ApiError): { field: string; message: string }[] {
  const details = error.details as
    Issue[] | { field?: string; fields?: string[] } | undefined | null;
  if (Array.isArray(details)) {
    return details
      .filter((i) => i.path)
      .map((i) => ({ field: i.path!.split('.')[0]!, message: i.message ?? error.message }));
  }
  if (details?.field) return [{ field: details.field, message: error.message }];
  if (details?.fields && error.code === 'duplicate_key') {
    // The server's own text for a clash names internal keys; the field itself says enough.
    return details.fields.map((field) => ({ field, message: '已被占用，请换一个' }));
  }
  return [];
}

/**
 * Marks the form fields a server error names. Returns the message still to show above the form,
 * or undefined when every part of the error landed on a field.
 */
export function placeServerError(
  form: FormInstance,
  error: unknown,
  fields: FieldMap = {},
): string | undefined {
  if (!(error instanceof ApiError)) return String(error);
  const formFields = new Set(Object.keys(form.getFieldsValue(true) as object));
  const marks = new Map<string, string[]>();
  let unplaced = false;
  for (const { field, message } of namedFields(error)) {
    const target = field in fields ? fields[field] : formFields.has(field) ? field : undefined;
    if (target === null) continue;
    if (!target) {
      unplaced = true;
      continue;
    }
    marks.set(target, [...(marks.get(target) ?? []), message]);
  }
  form.setFields([...marks].map(([name, errors]) => ({ name, errors })));
  return marks.size === 0 || unplaced ? error.message : undefined;
}
