/**
 * Every change the designer makes to a form schema, as pure functions: the one path through which
 * fields are added, moved, changed and removed, keeping `x-index` and visibility rules consistent.
 */
import {
  FIELD_TYPES,
  orderedFields,
  type FormField,
  type FormFieldType,
  type FormSchema,
  type VisibilityCondition,
  type VisibilityRule,
} from '../../../runtime/forms/schema';

export const emptySchema = (): FormSchema => ({
  type: 'object',
  'x-layout': { columns: 2 },
  properties: {},
});

const options = () => [
  { label: '选项一', value: 'option1' },
  { label: '选项二', value: 'option2' },
];

/** A new field of `type` as the palette places it. */
export function newField(type: FormFieldType, title = FIELD_TYPES[type].label): FormField {
  const info = FIELD_TYPES[type];
  const field: FormField = {
    type: info.jsonType,
    title,
    'x-decorator': 'FormItem',
    'x-component': info.component,
  };
  if (info.options) field.enum = options();
  if (type === 'table') {
    field.items = { type: 'object', properties: { name: newField('text', '名称') } };
    field['x-decorator-props'] = { gridSpan: 3 };
  }
  if (type === 'textarea') field['x-decorator-props'] = { gridSpan: 3 };
  return field;
}

/** The key a new field of `type` gets before it is named: `text1`, `text2` … */
export function defaultKey(type: FormFieldType, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = 1; ; n++) if (!used.has(`${type}${n}`)) return `${type}${n}`;
}

/** The fields in this order, numbered by `x-index`. */
export function withFields(schema: FormSchema, list: [string, FormField][]): FormSchema {
  const properties: Record<string, FormField> = {};
  list.forEach(([key, field], i) => (properties[key] = { ...field, 'x-index': i }));
  return { ...schema, properties };
}

export function insertField(
  schema: FormSchema,
  type: FormFieldType,
  at?: number,
): { schema: FormSchema; key: string } {
  const list = orderedFields(schema.properties);
  const key = defaultKey(type, Object.keys(schema.properties));
  list.splice(at ?? list.length, 0, [key, newField(type)]);
  return { schema: withFields(schema, list), key };
}

export function moveField(schema: FormSchema, from: number, to: number): FormSchema {
  const list = orderedFields(schema.properties);
  const [moved] = list.splice(from, 1);
  if (moved) list.splice(to, 0, moved);
  return withFields(schema, list);
}

export function duplicateField(
  schema: FormSchema,
  key: string,
): { schema: FormSchema; key: string } {
  const list = orderedFields(schema.properties);
  const at = list.findIndex(([k]) => k === key);
  const original = list[at]?.[1];
  if (!original) return { schema, key };
  const titles = new Set(list.map(([, f]) => f.title));
  let title = `${original.title}（副本）`;
  for (let n = 2; titles.has(title); n++) title = `${original.title}（副本${n}）`;
  let copyKey = `${key}Copy`;
  for (let n = 2; copyKey in schema.properties; n++) copyKey = `${key}Copy${n}`;
  const copy = JSON.parse(JSON.stringify(original)) as FormField;
  list.splice(at + 1, 0, [copyKey, { ...copy, title }]);
  return { schema: withFields(schema, list), key: copyKey };
}

/** Removes a field and the conditions of others that read it. */
export function removeField(schema: FormSchema, key: string): FormSchema {
  const list = orderedFields(schema.properties)
    .filter(([k]) => k !== key)
    .map(([k, f]): [string, FormField] => [
      k,
      withRule(
        f,
        mapRule(f['x-visible-when'], (c) => (c.field === key ? undefined : c)),
      ),
    ]);
  return withFields(schema, list);
}

/** Replaces a field, renaming its key (and the conditions that read it) when `newKey` differs. */
export function replaceField(
  schema: FormSchema,
  key: string,
  field: FormField,
  newKey = key,
): FormSchema {
  const list = orderedFields(schema.properties).map(([k, f]): [string, FormField] => {
    const current = k === key ? field : f;
    if (newKey === key) return [k, current];
    const renamed = mapRule(current['x-visible-when'], (c) =>
      c.field === key ? { ...c, field: newKey } : c,
    );
    return [k === key ? newKey : k, withRule(current, renamed)];
  });
  return withFields(schema, list);
}

export function withRule(field: FormField, rule: VisibilityRule | undefined): FormField {
  const next = { ...field };
  if (rule) next['x-visible-when'] = rule;
  else delete next['x-visible-when'];
  return next;
}

/** Maps each condition of a rule; conditions mapped to undefined are dropped, and so is an empty rule. */
export function mapRule(
  rule: VisibilityRule | undefined,
  f: (c: VisibilityCondition) => VisibilityCondition | undefined,
): VisibilityRule | undefined {
  if (!rule) return undefined;
  if ('all' in rule || 'any' in rule) {
    const group = 'all' in rule ? 'all' : 'any';
    const list = ('all' in rule ? rule.all : rule.any).map(f).filter((c) => c !== undefined);
    if (list.length === 0) return undefined;
    return group === 'all' ? { all: list } : { any: list };
  }
  return f(rule);
}

/** The table with its columns in this order, numbered by `x-index`. */
function withColumns(table: FormField, list: [string, FormField][]): FormField {
  const properties: Record<string, FormField> = {};
  list.forEach(([key, field], i) => (properties[key] = { ...field, 'x-index': i }));
  return { ...table, items: { type: 'object', properties } };
}

export const columnsOf = (table: FormField) => orderedFields(table.items?.properties);

export function addColumn(
  table: FormField,
  type: FormFieldType,
): { table: FormField; key: string } {
  const list = columnsOf(table);
  const key = defaultKey(
    type,
    list.map(([k]) => k),
  );
  const titles = new Set(list.map(([, f]) => f.title));
  let title = FIELD_TYPES[type].label;
  for (let n = 2; titles.has(title); n++) title = `${FIELD_TYPES[type].label}${n}`;
  return { table: withColumns(table, [...list, [key, newField(type, title)]]), key };
}

export function replaceColumn(
  table: FormField,
  key: string,
  column: FormField,
  newKey = key,
): FormField {
  return withColumns(
    table,
    columnsOf(table).map(([k, f]): [string, FormField] => (k === key ? [newKey, column] : [k, f])),
  );
}

export function removeColumn(table: FormField, key: string): FormField {
  return withColumns(
    table,
    columnsOf(table).filter(([k]) => k !== key),
  );
}

export function moveColumn(table: FormField, from: number, to: number): FormField {
  const list = columnsOf(table);
  const [moved] = list.splice(from, 1);
  if (moved && to >= 0 && to <= list.length) list.splice(to, 0, moved);
  else if (moved) list.splice(from, 0, moved);
  return withColumns(table, list);
}
