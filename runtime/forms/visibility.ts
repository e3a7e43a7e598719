/**
 * Conditional visibility (FORM-1) as data: rules name a field, an operator and a value. They are
 * evaluated here, the same way in the studio preview, the portal and the server (FORM-3).
 */
import { orderedFields } from './field-types';
import type { FormSchema, VisibilityCondition, VisibilityOperator, VisibilityRule } from './schema';

export const VISIBILITY_OPERATORS: Record<VisibilityOperator, string> = {
  eq: '等于',
  neq: '不等于',
  in: '属于其中之一',
  notEmpty: '已填写',
  empty: '未填写',
};

export function isEmptyValue(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  );
}

/** The conditions of a rule, whether it is one condition or all/any of several. */
export function ruleConditions(rule: VisibilityRule): VisibilityCondition[] {
  if ('all' in rule) return rule.all;
  if ('any' in rule) return rule.any;
  return [rule];
}

function holds(condition: VisibilityCondition, value: unknown): boolean {
  const wanted = condition.value;
  const list = Array.isArray(wanted) ? wanted : [wanted];
  // A checkbox field holds a list: a condition on it asks what the list includes.
  const has = (x: unknown) => (Array.isArray(value) ? value.includes(x) : value === x);
  switch (condition.op) {
    case 'empty':
      return isEmptyValue(value);
    case 'notEmpty':
      return !isEmptyValue(value);
    case 'eq':
      return has(wanted);
    case 'neq':
      return !has(wanted);
    case 'in':
      return list.some(has);
    default:
      return false;
  }
}

export function ruleHolds(rule: VisibilityRule, valueOf: (field: string) => unknown): boolean {
  if ('all' in rule) return rule.all.every((c) => holds(c, valueOf(c.field)));
  if ('any' in rule) return rule.any.some((c) => holds(c, valueOf(c.field)));
  return holds(rule, valueOf(rule.field));
}

/**
 * The top-level fields shown for these values. A field hidden by its rule counts as empty for the
 * rules of others, as in the rendered form, where a hidden field's value is dropped.
 */
export function visibleFields(schema: FormSchema, values: Record<string, unknown>): Set<string> {
  const fields = new Map(orderedFields(schema.properties));
  const known = new Map<string, boolean>();
  const visiting = new Set<string>();
  const visible = (key: string): boolean => {
    const cached = known.get(key);
    if (cached !== undefined) return cached;
    const rule = fields.get(key)?.['x-visible-when'];
    // A cycle is refused when the schema is saved; should one slip through, hide its fields.
    if (visiting.has(key)) return false;
    visiting.add(key);
    const result =
      !rule || ruleHolds(rule, (other) => (visible(other) ? values[other] : undefined));
    visiting.delete(key);
    known.set(key, result);
    return result;
  };
  return new Set([...fields.keys()].filter(visible));
}

/**
 * A chain of visibility rules that leads back to where it started, as field keys
 * (`['a', 'b', 'a']`), or undefined when there is none.
 */
export function visibilityCycle(dependsOn: Map<string, string[]>): string[] | undefined {
  const done = new Set<string>();
  const path: string[] = [];
  const walk = (key: string): string[] | undefined => {
    const at = path.indexOf(key);
    if (at >= 0) return [...path.slice(at), key];
    if (done.has(key)) return undefined;
    path.push(key);
    for (const next of dependsOn.get(key) ?? []) {
      const cycle = walk(next);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(key);
    return undefined;
  };
  for (const key of dependsOn.keys()) {
    const cycle = walk(key);
    if (cycle) return cycle;
  }
  return undefined;
}
