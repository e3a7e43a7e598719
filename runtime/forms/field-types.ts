import type { FormComponent, FormField, FormFieldType } from './schema';

export interface FieldTypeInfo {
  /** The palette's name for it. */
  label: string;
  component: FormComponent;
  jsonType: FormField['type'];
  /** Validation keywords it takes besides `required`. */
  rules: readonly ('length' | 'pattern' | 'range' | 'items')[];
  /** Whether it carries `enum` options. */
  options: boolean;
  /** Keys allowed in `x-component-props`. */
  props: readonly string[];
  /** Whether it may be a column of a repeating table. */
  column: boolean;
}

export const FIELD_TYPES: Record<FormFieldType, FieldTypeInfo> = {
  text: {
    label: '单行文本',
    component: 'Input',
    jsonType: 'string',
    rules: ['length', 'pattern'],
    options: false,
    props: ['placeholder'],
    column: true,
  },
  textarea: {
    label: '多行文本',
    component: 'Input.TextArea',
    jsonType: 'string',
    rules: ['length', 'pattern'],
    options: false,
    props: ['placeholder', 'rows'],
    column: true,
  },
  number: {
    label: '数字',
    component: 'NumberPicker',
    jsonType: 'number',
    rules: ['range'],
    options: false,
    props: ['placeholder', 'precision'],
    column: true,
  },
  date: {
    label: '日期',
    component: 'DatePicker',
    jsonType: 'string',
    rules: [],
    options: false,
    props: ['placeholder'],
    column: true,
  },
  select: {
    label: '下拉选择',
    component: 'Select',
    jsonType: 'string',
    rules: [],
    options: true,
    props: ['placeholder'],
    column: true,
  },
  radio: {
    label: '单选',
    component: 'Radio.Group',
    jsonType: 'string',
    rules: [],
    options: true,
    props: [],
    column: true,
  },
  checkbox: {
    label: '多选',
    component: 'Checkbox.Group',
    jsonType: 'array',
    rules: ['items'],
    options: true,
    props: [],
    column: false,
  },
  upload: {
    label: '附件上传',
    component: 'Upload',
    jsonType: 'array',
    rules: ['items'],
    options: false,
    props: ['accept'],
    column: false,
  },
  table: {
    label: '明细表格',
    component: 'ArrayTable',
    jsonType: 'array',
    rules: ['items'],
    options: false,
    props: [],
    column: false,
  },
  idNumber: {
    label: '身份证号',
    component: 'IdNumber',
    jsonType: 'string',
    rules: [],
    options: false,
    props: ['placeholder'],
    column: true,
  },
  phone: {
    label: '电话号码',
    component: 'Phone',
    jsonType: 'string',
    rules: [],
    options: false,
    props: ['placeholder'],
    column: true,
  },
  division: {
    label: '行政区划',
    component: 'DivisionPicker',
    jsonType: 'string',
    rules: [],
    options: false,
    props: ['placeholder'],
    column: true,
  },
};

export const FIELD_TYPE_LIST = Object.keys(FIELD_TYPES) as FormFieldType[];

const BY_COMPONENT = new Map(FIELD_TYPE_LIST.map((t) => [FIELD_TYPES[t].component, t]));

/** The palette type of a field, from its component; undefined for a component we do not know. */
export function fieldTypeOf(field: { 'x-component'?: unknown }): FormFieldType | undefined {
  return BY_COMPONENT.get(field['x-component'] as FormComponent);
}

/** Limits that keep a stored form, and what is submitted through it, small. */
export const FORM_LIMITS = {
  fields: 200,
  columns: 30,
  options: 200,
  conditions: 10,
  schemaChars: 200_000,
  keyLength: 64,
  title: 100,
  description: 500,
  optionLabel: 100,
  optionValue: 64,
  placeholder: 100,
  accept: 200,
  pattern: 200,
  /** Longest string any field accepts, whatever its maxLength says. */
  text: 10_000,
  /** Most rows of a table, files of an upload, choices of a checkbox list. */
  items: 500,
  columnsOfGrid: 3,
  precision: 6,
} as const;

/**
 * A field key: a letter, then letters, digits or `_`. Keys become property names in MongoDB
 * documents (FerretDB refuses `.` and a leading `$`) and Formily paths (a `.` would nest).
 */
export const FIELD_KEY = /^[A-Za-z][A-Za-z0-9_]*$/;

export function fieldKeyProblem(key: string): string | undefined {
  if (key.length === 0) return '字段标识不能为空';
  if (key.length > FORM_LIMITS.keyLength) return `字段标识不能超过 ${FORM_LIMITS.keyLength} 个字符`;
  if (!FIELD_KEY.test(key)) return '字段标识应以英文字母开头，只含英文字母、数字和下划线';
  // `constructor`, `toString` …: such names shadow what every object has.
  if (key in Object.prototype) return `「${key}」是保留字，不能作字段标识`;
  return undefined;
}

/** Fields in display order: by `x-index`, then as stored. */
export function orderedFields(
  properties: Record<string, FormField> | undefined,
): [string, FormField][] {
  if (!properties || typeof properties !== 'object') return [];
  return Object.entries(properties)
    .map((entry, i) => ({ entry, i }))
    .sort((a, b) => {
      const x = a.entry[1]?.['x-index'] ?? Number.MAX_SAFE_INTEGER;
      const y = b.entry[1]?.['x-index'] ?? Number.MAX_SAFE_INTEGER;
      return x - y || a.i - b.i;
    })
    .map(({ entry }) => entry);
}
