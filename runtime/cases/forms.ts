import { civilDateOf } from '../calendar/civil-date';
import type { FormSchema } from '../forms/schema';
import {
  cleanSubmission,
  permissionOf,
  sameValue,
  validateSubmission,
  type FieldPermission,
  type SubmissionOptions,
} from '../forms/validate';
import type { UserTaskNode } from '../process/compiled';
import { storageProblem } from '../trail/chain';
import type { JsonValue } from '../trail/canonical-json';
import { stepFormKey } from './definition';
import { CaseError } from './errors';
import type { Tx } from './tx';

/**
 * Form data on a case (FORM-3): every submission is checked against the stored form and the
 * step's field permissions — a field the step does not list is read-only — and only what the
 * step may write is stored.
 */

export interface FormChange {
  form: string;
  changed: { field: string; before?: unknown; after?: unknown }[];
}

function valuesOf(tx: Tx, key: string): Record<string, unknown> {
  return tx.state.forms.find((f) => f.key === key)?.values ?? {};
}

function store(tx: Tx, key: string, values: Record<string, unknown>): void {
  const entry = tx.state.forms.find((f) => f.key === key);
  if (entry) entry.values = values;
  else tx.state.forms.push({ key, values });
}

function permissionsOf(task: UserTaskNode): SubmissionOptions['permissions'] {
  const out: Record<string, FieldPermission> = {};
  for (const p of task.step.fieldPermissions) out[p.field] = p.access;
  return out;
}

function refuse(problems: { field: string; message: string }[], options: SubmissionOptions): never {
  const forbidden = problems.some(
    (p) => p.field && permissionOf(options, p.field.split('.')[0]!) !== 'write',
  );
  throw new CaseError(
    forbidden ? 'forbidden_field' : 'invalid_data',
    `表单数据未通过检查：${problems.map((p) => p.message).join('；')}`,
    { problems },
  );
}

function schemaFor(tx: Tx, key: string | undefined): FormSchema | undefined {
  return tx.def.form(key);
}

/** Checks and stores a form submission; returns what changed, for the trail. */
function submit(
  tx: Tx,
  key: string,
  schema: FormSchema,
  data: unknown,
  options: SubmissionOptions,
): FormChange | undefined {
  const previous = valuesOf(tx, key);
  const full: SubmissionOptions = { ...options, previous, today: civilDateOf(tx.now) };
  const problems = validateSubmission(schema, data, full);
  if (problems.length) refuse(problems, full);
  const cleaned = cleanSubmission(schema, data as Record<string, unknown>, full);
  const storage = storageProblem(cleaned);
  if (storage) throw new CaseError('invalid_data', `表单数据无法保存：${storage}`);
  const changed: FormChange['changed'] = [];
  for (const field of new Set([...Object.keys(previous), ...Object.keys(cleaned)])) {
    if (!sameValue(previous[field], cleaned[field])) {
      changed.push({ field, before: previous[field], after: cleaned[field] });
    }
  }
  store(tx, key, cleaned);
  return changed.length ? { form: key, changed } : undefined;
}

/** The application form as the applicant (or the window on their behalf) fills it in. */
export function submitApplicationForm(tx: Tx, data: unknown): FormChange | undefined {
  const key = tx.def.def.process.applicationForm;
  const schema = schemaFor(tx, key);
  if (!schema || !key) {
    if (data !== undefined && data !== null && Object.keys(data as object).length) {
      throw new CaseError('invalid_data', '本事项没有申请表，不能提交表单数据');
    }
    return undefined;
  }
  return submit(tx, key, schema, data ?? {}, { defaultPermission: 'write' });
}

/** A step's form data, within the step's write permissions. */
export function submitStepForm(tx: Tx, task: UserTaskNode, data: unknown): FormChange | undefined {
  const key = stepFormKey(tx.def, task);
  const schema = schemaFor(tx, key);
  if (!schema || !key) {
    if (data !== undefined && data !== null && Object.keys(data as object).length) {
      throw new CaseError('invalid_data', `环节「${task.name}」没有表单，不能提交表单数据`);
    }
    return undefined;
  }
  // Nothing to check when nothing is sent and the step may write no field: it changes nothing.
  if (data === undefined && !task.step.fieldPermissions.some((p) => p.access === 'write')) {
    return undefined;
  }
  return submit(tx, key, schema, data ?? {}, {
    permissions: permissionsOf(task),
    defaultPermission: 'read',
  });
}

/**
 * A draft is not checked for completeness, only for what no submission may ever do: write a
 * field the step may not write, name fields the form lacks, or hold what cannot be stored.
 */
export function checkDraft(tx: Tx, task: UserTaskNode, data: unknown): void {
  if (data === undefined) return;
  const key = stepFormKey(tx.def, task);
  const schema = schemaFor(tx, key);
  if (!schema || !key)
    throw new CaseError('invalid_data', `环节「${task.name}」没有表单，不能暂存表单数据`);
  const options: SubmissionOptions = {
    permissions: permissionsOf(task),
    defaultPermission: 'read',
    previous: valuesOf(tx, key),
  };
  const problems = validateSubmission(schema, data, options).filter((p) => {
    const root = p.field.split('.')[0]!;
    return !p.field || !(root in schema.properties) || permissionOf(options, root) !== 'write';
  });
  if (problems.length) refuse(problems, options);
  const storage = storageProblem(data);
  if (storage) throw new CaseError('invalid_data', `暂存数据无法保存：${storage}`);
}

export const changeData = (change: FormChange | undefined): JsonValue | undefined =>
  change ? (JSON.parse(JSON.stringify(change)) as JsonValue) : undefined;
