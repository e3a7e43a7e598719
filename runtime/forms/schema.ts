/**
 * The stored e-form schema (电子表单, FORM-1): a subset of Formily's JSON schema that holds data
 * fields only. Presentation nodes Formily needs (the FormGrid around the fields, ArrayTable columns,
 * add and remove buttons) and the reactions that apply visibility rules are built from it in code
 * when the form is rendered, so a stored schema carries no code and no `{{ }}` expressions.
 */
import { FIELD_TYPES, fieldTypeOf, orderedFields } from './field-types';

export type FormFieldType =
  | 'text'
  | 'textarea'
  | 'number'
  | 'date'
  | 'select'
  | 'radio'
  | 'checkbox'
  | 'upload'
  | 'table'
  | 'idNumber'
  | 'phone'
  | 'division';

export type FormComponent =
  | 'Input'
  | 'Input.TextArea'
  | 'NumberPicker'
  | 'DatePicker'
  | 'Select'
  | 'Radio.Group'
  | 'Checkbox.Group'
  | 'Upload'
  | 'ArrayTable'
  | 'IdNumber'
  | 'Phone'
  | 'DivisionPicker';

/** Option values are strings: they are compared, stored and shown, never computed with. */
export interface FormOption {
  label: string;
  value: string;
}

export type VisibilityOperator = 'eq' | 'neq' | 'in' | 'notEmpty' | 'empty';

/**
 * One test of another field's value. On a checkbox field (a list) `eq` means "includes",
 * `neq` "does not include" and `in` "includes any of".
 */
export interface VisibilityCondition {
  field: string;
  op: VisibilityOperator;
  value?: string | number | (string | number)[];
}

/** Shown only when the condition holds, or all / any of several hold. */
export type VisibilityRule =
  VisibilityCondition | { all: VisibilityCondition[] } | { any: VisibilityCondition[] };

/** A file stored elsewhere (GridFS); the form holds only a reference to it. */
export interface FileReference {
  fileId: string;
  name: string;
}

export interface FormField {
  type: 'string' | 'number' | 'array';
  title: string;
  'x-decorator': 'FormItem';
  'x-component': FormComponent;
  'x-component-props'?: Record<string, string | number>;
  /** Columns this field spans in the grid (top-level fields only). */
  'x-decorator-props'?: { gridSpan?: number };
  'x-index'?: number;
  /** Top-level fields only; absent means always shown. */
  'x-visible-when'?: VisibilityRule;
  description?: string;
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  enum?: FormOption[];
  /** The row of a repeating table: its columns. */
  items?: { type: 'object'; properties: Record<string, FormField> };
}

export interface FormSchema {
  type: 'object';
  /** Columns of the grid the fields are laid out in. */
  'x-layout'?: { columns: number };
  properties: Record<string, FormField>;
}

export interface FormSchemaProblem {
  /** Where in the schema: `properties.gender.enum[0].label`. */
  path: string;
  message: string;
}

export interface FormFieldSummary {
  /** `name` for a field, `members.name` for a column of the table `members`. */
  key: string;
  type: FormFieldType;
  label: string;
  options?: FormOption[];
}

/**
 * Every field in display order, each table followed by its columns as `table.column` (keys never
 * contain a dot, so the name is unambiguous). What flowchart permissions and conditions refer to.
 */
export function formFields(schema: FormSchema): FormFieldSummary[] {
  const out: FormFieldSummary[] = [];
  const summary = (key: string, field: FormField, label: string): FormFieldSummary => {
    const type = fieldTypeOf(field) ?? 'text';
    return FIELD_TYPES[type].options && field.enum
      ? { key, type, label, options: field.enum.map((o) => ({ label: o.label, value: o.value })) }
      : { key, type, label };
  };
  for (const [key, field] of orderedFields(schema.properties)) {
    out.push(summary(key, field, field.title));
    if (fieldTypeOf(field) !== 'table') continue;
    for (const [column, inner] of orderedFields(field.items?.properties)) {
      out.push(summary(`${key}.${column}`, inner, `${field.title}/${inner.title}`));
    }
  }
  return out;
}

export * from './field-types';
export { checkFormSchema } from './check-schema';
