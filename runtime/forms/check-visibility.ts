/** Whether the visibility rules of a form's fields are well-formed and free of cycles (FORM-1). */
import { FIELD_TYPES, FORM_LIMITS, fieldTypeOf } from './field-types';
import type { VisibilityOperator } from './schema';
import { VISIBILITY_OPERATORS, visibilityCycle } from './visibility';

type Add = (path: string, message: string) => void;
type Rec = Record<string, unknown>;

const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

const titleOf = (properties: Rec, key: string) => {
  const field = properties[key];
  return isRecord(field) && typeof field.title === 'string' ? field.title : key;
};

export function checkVisibility(properties: Rec, add: Add): void {
  const dependsOn = new Map<string, string[]>();
  for (const [key, field] of Object.entries(properties)) {
    if (!isRecord(field) || field['x-visible-when'] === undefined) continue;
    const at = `properties.${key}.x-visible-when`;
    const conditions = ruleConditions(field['x-visible-when'], at, add);
    const name = `「${titleOf(properties, key)}」`;
    const targets: string[] = [];
    conditions.forEach(([condition, here]) => {
      const target = checkCondition(condition, properties, here, name, add);
      if (target === key) add(`${here}.field`, `${name}的显示条件不能以自身为依据`);
      else if (target) targets.push(target);
    });
    dependsOn.set(key, targets);
  }
  const cycle = visibilityCycle(dependsOn);
  if (cycle) {
    add(
      `properties.${cycle[0]}.x-visible-when`,
      `显示条件循环依赖：${cycle.map((k) => `「${titleOf(properties, k)}」`).join(' → ')}`,
    );
  }
}

/** The conditions of a rule with their paths; problems with its outer shape are reported. */
function ruleConditions(rule: unknown, at: string, add: Add): [unknown, string][] {
  if (!isRecord(rule)) {
    add(at, '显示条件应为对象');
    return [];
  }
  const group = 'all' in rule ? 'all' : 'any' in rule ? 'any' : undefined;
  if (!group) return [[rule, at]];
  if (Object.keys(rule).length !== 1) add(at, '显示条件只能有 all 或 any 之一');
  const list = rule[group];
  if (!Array.isArray(list) || list.length === 0) {
    add(`${at}.${group}`, '条件组至少要有一个条件');
    return [];
  }
  if (list.length > FORM_LIMITS.conditions) {
    add(`${at}.${group}`, `条件组不能超过 ${FORM_LIMITS.conditions} 个条件`);
  }
  return list.map((c, i) => [c, `${at}.${group}[${i}]`]);
}

/** Checks one condition; returns the key of the field it reads when that field exists. */
function checkCondition(
  condition: unknown,
  properties: Rec,
  at: string,
  name: string,
  add: Add,
): string | undefined {
  if (!isRecord(condition)) {
    add(at, `${name}的显示条件应为 {field, op, value}`);
    return undefined;
  }
  for (const key of Object.keys(condition)) {
    if (!['field', 'op', 'value'].includes(key)) add(`${at}.${key}`, `未知的属性「${key}」`);
  }
  const { field: key, op, value } = condition;
  const target =
    typeof key === 'string' && Object.hasOwn(properties, key) ? properties[key] : undefined;
  if (!isRecord(target)) {
    add(`${at}.field`, `${name}的显示条件引用了不存在的字段「${String(key)}」`);
    return undefined;
  }
  if (typeof op !== 'string' || !Object.hasOwn(VISIBILITY_OPERATORS, op)) {
    add(`${at}.op`, `${name}的显示条件的比较方式「${String(op)}」无效`);
    return key as string;
  }
  const type = fieldTypeOf(target);
  const targetName = `「${titleOf(properties, key as string)}」`;
  if (op === 'empty' || op === 'notEmpty') {
    if (value !== undefined) add(`${at}.value`, `「${VISIBILITY_OPERATORS[op]}」不需要比较值`);
    return key as string;
  }
  if (!type || type === 'table' || type === 'upload') {
    add(`${at}.op`, `${targetName}只能按「已填写」或「未填写」作条件`);
    return key as string;
  }
  const values = op === 'in' ? value : [value];
  if (!Array.isArray(values) || values.length === 0 || values.length > FORM_LIMITS.options) {
    add(`${at}.value`, `「${VISIBILITY_OPERATORS[op as VisibilityOperator]}」需要一组比较值`);
    return key as string;
  }
  const options = FIELD_TYPES[type].options
    ? new Set(
        (Array.isArray(target.enum) ? (target.enum as unknown[]) : []).map((o) =>
          isRecord(o) ? o.value : undefined,
        ),
      )
    : undefined;
  for (const v of values) {
    const ok = options
      ? options.has(v)
      : type === 'number'
        ? typeof v === 'number' && Number.isFinite(v)
        : typeof v === 'string' && v.length <= FORM_LIMITS.optionValue;
    if (!ok) {
      const wanted = options ? `${targetName}的选项之一` : type === 'number' ? '数字' : '文本';
      add(`${at}.value`, `${name}的显示条件的比较值「${String(v)}」应为${wanted}`);
    }
  }
  return key as string;
}
