/**
 * Whether a form schema may be stored (FORM-1, FORM-3). Anything outside the subset we render and
 * validate is refused, above all `{{ }}` expressions: Formily compiles those with `new Function`.
 */
import {
  FIELD_TYPES,
  FORM_LIMITS,
  fieldKeyProblem,
  fieldTypeOf,
  type FieldTypeInfo,
} from './field-types';
import { MAX_DISTINCT_PATTERNS } from '../regex/safety';
import { patternProblem } from './patterns';
import type { FormFieldType, FormSchemaProblem } from './schema';
import { checkVisibility } from './check-visibility';

type Add = (path: string, message: string) => void;
type Rec = Record<string, unknown>;

const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

const COMMON_KEYS = [
  'type',
  'title',
  'x-decorator',
  'x-component',
  'x-component-props',
  'x-index',
  'description',
  'required',
];
const RULE_KEYS = {
  length: ['minLength', 'maxLength'],
  pattern: ['pattern'],
  range: ['minimum', 'maximum'],
  items: ['minItems', 'maxItems'],
} as const;

export function checkFormSchema(schema: unknown): FormSchemaProblem[] {
  const problems: FormSchemaProblem[] = [];
  const add: Add = (path, message) => problems.push({ path, message });
  if (!isRecord(schema)) return [{ path: '', message: '表单定义应为对象' }];
  let size: number;
  try {
    size = JSON.stringify(schema).length;
  } catch {
    return [{ path: '', message: '表单定义无法转为 JSON' }];
  }
  // Stop before walking something this large.
  if (size > FORM_LIMITS.schemaChars) {
    return [{ path: '', message: `表单定义过大（${size} 字符，上限 ${FORM_LIMITS.schemaChars}）` }];
  }
  findCode(schema, '', add);
  unknownKeys(schema, ['type', 'x-layout', 'properties'], '', add);
  if (schema.type !== 'object') add('type', 'type 应为 "object"');
  checkLayout(schema['x-layout'], add);
  if (!isRecord(schema.properties)) {
    add('properties', '缺少字段列表 properties');
    return problems;
  }
  const count = countFields(schema.properties);
  if (count > FORM_LIMITS.fields) {
    add('properties', `字段过多（${count} 个，上限 ${FORM_LIMITS.fields} 个，含表格的列）`);
  }
  // Each pattern costs up to RECHECK_TIMEOUT_MS to judge: stop before judging too many.
  const patterns = distinctPatterns(schema.properties);
  if (patterns > MAX_DISTINCT_PATTERNS) {
    add(
      'properties',
      `不同的正则表达式过多（${patterns} 个，上限 ${MAX_DISTINCT_PATTERNS} 个），请合并或改用字段类型`,
    );
    return problems;
  }
  checkFields(schema.properties, 'properties', false, add);
  checkVisibility(schema.properties, add);
  return problems;
}

/** `{{ … }}` is how Formily marks an expression to compile; no stored string may hold one. */
function findCode(value: unknown, path: string, add: Add): void {
  const at = (key: string | number) =>
    typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;
  if (typeof value === 'string') {
    if (value.includes('{{')) add(path, '不能包含 {{ }} 表达式：显示条件请用结构化的规则');
  } else if (Array.isArray(value)) {
    value.forEach((x, i) => findCode(x, at(i), add));
  } else if (isRecord(value)) {
    for (const [key, x] of Object.entries(value)) {
      if (key.includes('{{')) add(at(key), '属性名不能包含 {{ }} 表达式');
      findCode(x, at(key), add);
    }
  }
}

function unknownKeys(value: Rec, allowed: readonly string[], path: string, add: Add): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) add(path ? `${path}.${key}` : key, `未知的属性「${key}」`);
  }
}

function checkLayout(layout: unknown, add: Add): void {
  if (layout === undefined) return;
  if (!isRecord(layout)) return add('x-layout', '布局 x-layout 应为对象');
  unknownKeys(layout, ['columns'], 'x-layout', add);
  if (!isInt(layout.columns, 1, FORM_LIMITS.columnsOfGrid)) {
    add('x-layout.columns', `布局列数应为 1 到 ${FORM_LIMITS.columnsOfGrid} 的整数`);
  }
}

function distinctPatterns(properties: Rec): number {
  const seen = new Set<unknown>();
  for (const field of Object.values(properties)) {
    if (!isRecord(field)) continue;
    if (field.pattern !== undefined) seen.add(field.pattern);
    if (isRecord(field.items) && isRecord(field.items.properties)) {
      for (const column of Object.values(field.items.properties)) {
        if (isRecord(column) && column.pattern !== undefined) seen.add(column.pattern);
      }
    }
  }
  return seen.size;
}

function countFields(properties: Rec): number {
  let n = 0;
  for (const field of Object.values(properties)) {
    n++;
    if (isRecord(field) && isRecord(field.items) && isRecord(field.items.properties)) {
      n += Object.keys(field.items.properties).length;
    }
  }
  return n;
}

const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

const isText = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.trim().length > 0 && v.length <= max;

function checkFields(properties: Rec, path: string, nested: boolean, add: Add): void {
  const byKey = new Map<string, string>();
  const byTitle = new Map<string, string>();
  for (const [key, field] of Object.entries(properties)) {
    const at = `${path}.${key}`;
    const keyProblem = fieldKeyProblem(key);
    if (keyProblem) add(at, `「${key}」：${keyProblem}`);
    const lower = key.toLowerCase();
    if (byKey.has(lower)) add(at, `字段标识「${key}」与「${byKey.get(lower)}」仅大小写不同`);
    byKey.set(lower, key);
    if (!isRecord(field)) {
      add(at, `字段「${key}」应为对象`);
      continue;
    }
    if (typeof field.title === 'string' && byTitle.has(field.title)) {
      add(`${at}.title`, `标题「${field.title}」与字段「${byTitle.get(field.title)}」重复`);
    }
    if (typeof field.title === 'string') byTitle.set(field.title, key);
    checkField(field, at, nested, add);
  }
}

function checkField(field: Rec, at: string, nested: boolean, add: Add): void {
  const type = fieldTypeOf(field);
  if (!type) {
    add(`${at}.x-component`, `未知的控件「${String(field['x-component'])}」`);
    return;
  }
  const info = FIELD_TYPES[type];
  const name = `「${typeof field.title === 'string' ? field.title : at}」`;
  if (nested && !info.column) add(`${at}.x-component`, `表格的列不能是「${info.label}」`);
  unknownKeys(field, allowedKeys(type, info, nested), at, add);
  if (field.type !== info.jsonType) add(`${at}.type`, `${name}的 type 应为 "${info.jsonType}"`);
  if (field['x-decorator'] !== 'FormItem')
    add(`${at}.x-decorator`, `${name}的 x-decorator 应为 "FormItem"`);
  if (!isText(field.title, FORM_LIMITS.title)) {
    add(`${at}.title`, `标题不能为空，且不能超过 ${FORM_LIMITS.title} 个字`);
  }
  if (
    field.description !== undefined &&
    !(typeof field.description === 'string' && field.description.length <= FORM_LIMITS.description)
  ) {
    add(`${at}.description`, `${name}的说明应为不超过 ${FORM_LIMITS.description} 字的文本`);
  }
  if (field.required !== undefined && typeof field.required !== 'boolean') {
    add(`${at}.required`, `${name}的必填应为 true 或 false`);
  }
  if (field['x-index'] !== undefined && !isInt(field['x-index'], 0, 100_000)) {
    add(`${at}.x-index`, `${name}的顺序 x-index 应为非负整数`);
  }
  checkProps(field['x-component-props'], info, `${at}.x-component-props`, name, add);
  if (!nested) checkSpan(field['x-decorator-props'], `${at}.x-decorator-props`, name, add);
  checkBounds(field, 'minLength', 'maxLength', 0, FORM_LIMITS.text, '长度', at, name, add);
  checkBounds(field, 'minItems', 'maxItems', 0, FORM_LIMITS.items, '项数', at, name, add);
  checkRange(field, at, name, add);
  if (field.pattern !== undefined) {
    const problem =
      typeof field.pattern === 'string' ? patternProblem(field.pattern) : '正则表达式应为文本';
    if (problem) add(`${at}.pattern`, `${name}：${problem}`);
  }
  if (info.options) checkOptions(field.enum, `${at}.enum`, name, add);
  if (type === 'table') checkColumns(field.items, `${at}.items`, name, add);
}

function allowedKeys(type: FormFieldType, info: FieldTypeInfo, nested: boolean): string[] {
  return [
    ...COMMON_KEYS,
    ...info.rules.flatMap((r) => RULE_KEYS[r]),
    ...(info.options ? ['enum'] : []),
    ...(type === 'table' ? ['items'] : []),
    ...(nested ? [] : ['x-decorator-props', 'x-visible-when']),
  ];
}

function checkProps(props: unknown, info: FieldTypeInfo, at: string, name: string, add: Add): void {
  if (props === undefined) return;
  if (!isRecord(props)) return add(at, `${name}的 x-component-props 应为对象`);
  unknownKeys(props, info.props, at, add);
  const ok: Record<string, (v: unknown) => boolean> = {
    placeholder: (v) => typeof v === 'string' && v.length <= FORM_LIMITS.placeholder,
    rows: (v) => isInt(v, 1, 20),
    precision: (v) => isInt(v, 0, FORM_LIMITS.precision),
    accept: (v) => typeof v === 'string' && v.length <= FORM_LIMITS.accept,
  };
  for (const [key, value] of Object.entries(props)) {
    if (info.props.includes(key) && !ok[key]!(value))
      add(`${at}.${key}`, `${name}的「${key}」取值无效`);
  }
}

function checkSpan(props: unknown, at: string, name: string, add: Add): void {
  if (props === undefined) return;
  if (!isRecord(props)) return add(at, `${name}的 x-decorator-props 应为对象`);
  unknownKeys(props, ['gridSpan'], at, add);
  if (props.gridSpan !== undefined && !isInt(props.gridSpan, 1, FORM_LIMITS.columnsOfGrid)) {
    add(`${at}.gridSpan`, `${name}占的列数应为 1 到 ${FORM_LIMITS.columnsOfGrid}`);
  }
}

function checkBounds(
  field: Rec,
  minKey: string,
  maxKey: string,
  low: number,
  high: number,
  what: string,
  at: string,
  name: string,
  add: Add,
): void {
  const [min, max] = [field[minKey], field[maxKey]];
  for (const [key, v] of [
    [minKey, min],
    [maxKey, max],
  ] as const) {
    if (v !== undefined && !isInt(v, low, high))
      add(`${at}.${key}`, `${name}的${what}限制应为 ${low} 到 ${high} 的整数`);
  }
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    add(`${at}.${minKey}`, `${name}的最小${what}（${min}）大于最大${what}（${max}）`);
  }
}

function checkRange(field: Rec, at: string, name: string, add: Add): void {
  const { minimum: min, maximum: max } = field;
  for (const [key, v] of [
    ['minimum', min],
    ['maximum', max],
  ] as const) {
    if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v)))
      add(`${at}.${key}`, `${name}的取值范围应为数字`);
  }
  if (typeof min === 'number' && typeof max === 'number' && min > max) {
    add(`${at}.minimum`, `${name}的最小值（${min}）大于最大值（${max}）`);
  }
}

function checkOptions(options: unknown, at: string, name: string, add: Add): void {
  if (!Array.isArray(options) || options.length === 0) return add(at, `${name}至少要有一个选项`);
  if (options.length > FORM_LIMITS.options)
    add(at, `${name}的选项不能超过 ${FORM_LIMITS.options} 个`);
  const values = new Set<unknown>();
  const labels = new Set<unknown>();
  options.forEach((option, i) => {
    const here = `${at}[${i}]`;
    if (!isRecord(option)) return add(here, `${name}的第 ${i + 1} 个选项应为 {label, value}`);
    unknownKeys(option, ['label', 'value'], here, add);
    if (!isText(option.label, FORM_LIMITS.optionLabel))
      add(`${here}.label`, `${name}的第 ${i + 1} 个选项缺少名称`);
    if (!isText(option.value, FORM_LIMITS.optionValue))
      add(
        `${here}.value`,
        `${name}的第 ${i + 1} 个选项的值应为不超过 ${FORM_LIMITS.optionValue} 字的文本`,
      );
    if (values.has(option.value))
      add(`${here}.value`, `${name}的选项值「${String(option.value)}」重复`);
    if (labels.has(option.label))
      add(`${here}.label`, `${name}的选项「${String(option.label)}」重复`);
    values.add(option.value);
    labels.add(option.label);
  });
}

function checkColumns(items: unknown, at: string, name: string, add: Add): void {
  if (!isRecord(items) || !isRecord(items.properties)) return add(at, `${name}缺少表格的列`);
  unknownKeys(items, ['type', 'properties'], at, add);
  if (items.type !== 'object') add(`${at}.type`, `${name}的行 type 应为 "object"`);
  const n = Object.keys(items.properties).length;
  if (n === 0) add(`${at}.properties`, `${name}至少要有一列`);
  if (n > FORM_LIMITS.columns)
    add(`${at}.properties`, `${name}的列不能超过 ${FORM_LIMITS.columns} 个`);
  checkFields(items.properties, `${at}.properties`, true, add);
}
