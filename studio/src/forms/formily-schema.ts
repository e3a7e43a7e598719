/**
 * The stored schema as Formily renders it. Presentation nodes (the grid, table columns, add and
 * remove buttons) are added here, and visibility rules become reactions written in TypeScript:
 * no stored string is ever compiled.
 */
import type { Form, GeneralField } from '@formily/core';
import type { ISchema } from '@formily/react';
import dayjs from 'dayjs';
import {
  fieldTypeOf,
  orderedFields,
  type FormField,
  type FormSchema,
} from '../../../runtime/forms/schema';
import {
  permissionOf,
  type FieldPermission,
  type SubmissionOptions,
} from '../../../runtime/forms/validate';
import { ruleProblem, shapeProblem } from '../../../runtime/forms/values';
import { isEmptyValue, ruleHolds } from '../../../runtime/forms/visibility';

// The local date: an ID number's birth date may be today in China before UTC has caught up.
const today = () => dayjs().format('YYYY-MM-DD');

/** A step's field permissions, as `validateSubmission` takes them. */
export type RenderOptions = Pick<SubmissionOptions, 'permissions' | 'defaultPermission'>;

/** The same checks the server makes (runtime/forms), shown under the field as it is filled in. */
function validator(field: FormField) {
  return (value: unknown) => {
    // An empty required field is Formily's own `required` check.
    if (isEmptyValue(value)) return undefined;
    const problem = shapeProblem(field, value) ?? ruleProblem(field, value, today());
    return problem ? `「${field.title}」${problem}` : undefined;
  };
}

function node(field: FormField, permission: FieldPermission, nested: boolean): ISchema {
  const type = fieldTypeOf(field);
  const props: Record<string, unknown> = { ...field['x-component-props'] };
  if (type === 'upload' && field.maxItems) props.maxCount = field.maxItems;
  if (type === 'select') props.allowClear = true;
  const schema: ISchema = {
    type: field.type,
    title: nested ? undefined : field.title,
    description: nested ? undefined : field.description,
    required: field.required,
    'x-decorator': 'FormItem',
    // A cell has no room below it for a message: it pops over instead.
    'x-decorator-props': nested
      ? { feedbackLayout: 'popover' }
      : { gridSpan: field['x-decorator-props']?.gridSpan ?? 1 },
    'x-component': field['x-component'],
    'x-component-props': props,
    'x-validator': validator(field),
    // Read-only fields show their value as text; hidden ones are not there at all.
    'x-pattern': permission === 'read' ? 'readPretty' : undefined,
    'x-display': permission === 'hidden' ? 'none' : undefined,
  };
  if (field.enum) schema.enum = field.enum.map((o) => ({ label: o.label, value: o.value }));
  const rule = field['x-visible-when'];
  if (rule && permission !== 'hidden') {
    // Runs inside Formily's autorun, so it re-runs when a field it reads changes; a field hidden
    // by its own rule has no value in the form, which is how runtime/forms treats it too.
    schema['x-reactions'] = (self: GeneralField) => {
      self.visible = ruleHolds(rule, (key) => (self.form.values as Record<string, unknown>)[key]);
    };
  }
  return schema;
}

function tableParts(key: string, field: FormField, options: RenderOptions): ISchema {
  const row: Record<string, ISchema> = {};
  // Column nodes are void: their names only address them. `_` cannot start a field key.
  for (const [name, column] of orderedFields(field.items?.properties)) {
    const permission = permissionOf(options, key, name);
    row[`_col_${name}`] = {
      type: 'void',
      'x-component': 'ArrayTable.Column',
      'x-component-props': { title: column.required ? `* ${column.title}` : column.title },
      'x-display': permission === 'hidden' ? 'none' : undefined,
      properties: { [name]: node(column, permission, true) },
    };
  }
  row._ops = {
    type: 'void',
    'x-component': 'ArrayTable.Column',
    'x-component-props': { title: '操作', width: 70, align: 'center' },
    properties: { remove: { type: 'void', 'x-component': 'ArrayTable.Remove' } },
  };
  const writable = permissionOf(options, key) === 'write';
  if (!writable) delete row._ops;
  return {
    items: { type: 'object', properties: row },
    properties: writable
      ? { add: { type: 'void', title: '添加一行', 'x-component': 'ArrayTable.Addition' } }
      : {},
  };
}

/** Formily's schema for a stored form, with a step's permissions when it is filled in a step. */
export function toFormilySchema(schema: FormSchema, options: RenderOptions = {}): ISchema {
  const columns = schema['x-layout']?.columns ?? 1;
  const properties: Record<string, ISchema> = {};
  for (const [key, field] of orderedFields(schema.properties)) {
    properties[key] = node(field, permissionOf(options, key), false);
    if (fieldTypeOf(field) === 'table')
      Object.assign(properties[key], tableParts(key, field, options));
  }
  return {
    type: 'object',
    properties: {
      // Narrow screens (a phone on the portal) fall back to one column.
      _grid: {
        type: 'void',
        'x-component': 'FormGrid',
        'x-component-props': { maxColumns: columns, minColumns: 1, minWidth: 240, columnGap: 24 },
        properties,
      },
    },
  };
}

/**
 * The form's values as plain JSON for submission. ArrayTable marks rows with an index property of
 * its own for sorting; the server refuses keys the form does not have, so it is left out here.
 */
export function submittedValues(form: Form): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(form.values, (key, value: unknown) =>
      key.startsWith('__DO_NOT_USE') ? undefined : value,
    ),
  ) as Record<string, unknown>;
}
