/**
 * Server-side validation of a submission against the stored form and the step's field permissions
 * (FORM-3): the client is never trusted. Written directly rather than through @formily/core, whose
 * validation is asynchronous and checks neither types nor unknown keys.
 */
import { fieldTypeOf, orderedFields } from './field-types';
import type { FormField, FormSchema } from './schema';
import { ruleProblem, shapeProblem, tableColumns } from './values';
import { isEmptyValue, visibleFields } from './visibility';

export type FieldPermission = 'read' | 'write' | 'hidden';

export interface SubmissionOptions {
  /** By field key, or `table.column` for a column; a column also obeys its table's permission. */
  permissions?: Record<string, FieldPermission>;
  /** For fields the permissions leave out; `write` unless said otherwise. */
  defaultPermission?: FieldPermission;
  /** The values stored before this step: what read and hidden fields must keep. */
  previous?: Record<string, unknown>;
  /** YYYY-MM-DD: no one is born after today (ID numbers). */
  today?: string;
}

export interface SubmissionProblem {
  /** Formily path of the field: `name`, or `members.0.name` for a cell of a table. */
  field: string;
  message: string;
}

/** Reports a problem: the field's path, its name as shown (「姓名」), what is wrong. */
type Say = (field: string, name: string, text: string) => void;

const RANK: Record<FieldPermission, number> = { write: 0, read: 1, hidden: 2 };

const stricter = (a: FieldPermission, b: FieldPermission | undefined) =>
  b && RANK[b] > RANK[a] ? b : a;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The effective permission of a field, or of a column when `column` is given. */
export function permissionOf(
  options: SubmissionOptions,
  key: string,
  column?: string,
): FieldPermission {
  const own = options.permissions?.[key] ?? options.defaultPermission ?? 'write';
  return column ? stricter(own, options.permissions?.[`${key}.${column}`]) : own;
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (isEmptyValue(a) && isEmptyValue(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameValue(a[k], b[k]));
  }
  return a === b;
}

const lockedText = (p: FieldPermission) =>
  p === 'hidden' ? '在此环节不可见，不能填写' : '在此环节只读，不能修改';

/**
 * Every problem with `values` as a submission of `schema`, each naming the field by its label.
 * Keys the form does not have, values of the wrong type and changes to fields this step may not
 * write are refused always; required, length, range and format rules apply to the fields that are
 * shown (by the visibility rules, over the values) and writable.
 */
export function validateSubmission(
  schema: FormSchema,
  values: unknown,
  options: SubmissionOptions = {},
): SubmissionProblem[] {
  if (!isRecord(values)) return [{ field: '', message: '提交的表单数据应为对象' }];
  const problems: SubmissionProblem[] = [];
  const say: Say = (field, name, text) => problems.push({ field, message: `${name}${text}` });
  const fields = new Map(orderedFields(schema.properties));
  for (const key of Object.keys(values)) {
    if (!fields.has(key)) problems.push({ field: key, message: `表单中没有字段「${key}」` });
  }
  const previous = options.previous ?? {};
  const effective = effectiveValues(schema, values, options);
  const shown = visibleFields(schema, effective);
  for (const [key, field] of fields) {
    const value = values[key];
    const permission = permissionOf(options, key);
    if (value !== undefined && value !== null) {
      const shape = shapeProblem(field, value);
      if (shape) {
        say(key, `「${field.title}」`, shape);
        continue;
      }
    }
    if (permission !== 'write') {
      if (value !== undefined && !sameValue(value, previous[key])) {
        say(key, `「${field.title}」`, lockedText(permission));
      }
      continue;
    }
    if (!shown.has(key)) continue;
    const rule = ruleProblem(field, value, options.today);
    if (rule) say(key, `「${field.title}」`, rule);
    if (fieldTypeOf(field) === 'table' && Array.isArray(value)) {
      checkRows(key, field, value, previous[key], options, say);
    }
  }
  return problems;
}

function checkRows(
  key: string,
  table: FormField,
  rows: unknown[],
  previousRows: unknown,
  options: SubmissionOptions,
  say: Say,
): void {
  const columns = new Map(tableColumns(table));
  rows.forEach((row, i) => {
    const cells = row as Record<string, unknown>;
    const before = Array.isArray(previousRows) && isRecord(previousRows[i]) ? previousRows[i] : {};
    const label = (title: string) => `「${table.title}」第 ${i + 1} 行「${title}」`;
    for (const column of Object.keys(cells)) {
      if (!columns.has(column)) say(`${key}.${i}.${column}`, label(column), '不是表格中的列');
    }
    for (const [column, field] of columns) {
      const path = `${key}.${i}.${column}`;
      const value = cells[column];
      const shape = value === undefined || value === null ? undefined : shapeProblem(field, value);
      if (shape) {
        say(path, label(field.title), shape);
        continue;
      }
      const permission = permissionOf(options, key, column);
      if (permission !== 'write') {
        if (value !== undefined && !sameValue(value, before[column])) {
          say(path, label(field.title), lockedText(permission));
        }
        continue;
      }
      const rule = ruleProblem(field, value, options.today);
      if (rule) say(path, label(field.title), rule);
    }
  });
}

/**
 * The values as this step sees them: what it may write from the submission, the rest as stored
 * before. Visibility rules are evaluated over these.
 */
function effectiveValues(
  schema: FormSchema,
  values: Record<string, unknown>,
  options: SubmissionOptions,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key] of orderedFields(schema.properties)) {
    out[key] = permissionOf(options, key) === 'write' ? values[key] : options.previous?.[key];
  }
  return out;
}

/**
 * What to store after a submission passed `validateSubmission`: only the form's fields, fields this
 * step may not write kept as they were, fields hidden by their rules dropped (as the rendered form
 * drops them), empty values ('', [], null) left out.
 */
export function cleanSubmission(
  schema: FormSchema,
  values: Record<string, unknown>,
  options: SubmissionOptions = {},
): Record<string, unknown> {
  const previous = options.previous ?? {};
  const effective = effectiveValues(schema, values, options);
  const shown = visibleFields(schema, effective);
  const out: Record<string, unknown> = {};
  for (const [key, field] of orderedFields(schema.properties)) {
    const writable = permissionOf(options, key) === 'write';
    let value = writable ? values[key] : previous[key];
    if (writable && !shown.has(key)) continue;
    if (writable && fieldTypeOf(field) === 'table' && Array.isArray(value)) {
      value = cleanRows(key, field, value, previous[key], options);
    }
    if (!isEmptyValue(value)) out[key] = value;
  }
  return out;
}

function cleanRows(
  key: string,
  table: FormField,
  rows: unknown[],
  previousRows: unknown,
  options: SubmissionOptions,
): Record<string, unknown>[] {
  return rows.map((row, i) => {
    const cells = isRecord(row) ? row : {};
    const before = Array.isArray(previousRows) && isRecord(previousRows[i]) ? previousRows[i] : {};
    const out: Record<string, unknown> = {};
    for (const [column] of tableColumns(table)) {
      const writable = permissionOf(options, key, column) === 'write';
      const value = writable ? cells[column] : before[column];
      if (!isEmptyValue(value)) out[column] = value;
    }
    return out;
  });
}
