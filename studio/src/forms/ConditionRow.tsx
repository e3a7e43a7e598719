import { DeleteOutlined } from '@ant-design/icons';
import { Button, Input, InputNumber, Select, Space } from 'antd';
import {
  FIELD_TYPES,
  fieldTypeOf,
  type FormField,
  type VisibilityCondition,
  type VisibilityOperator,
} from '../../../runtime/forms/schema';
import { VISIBILITY_OPERATORS } from '../../../runtime/forms/visibility';

interface Props {
  condition: VisibilityCondition;
  /** The fields a condition may read: every other top-level field. */
  candidates: [string, FormField][];
  onChange: (condition: VisibilityCondition) => void;
  onRemove: () => void;
}

const ALL_OPS = Object.keys(VISIBILITY_OPERATORS) as VisibilityOperator[];

function opsFor(field: FormField | undefined): VisibilityOperator[] {
  const type = field && fieldTypeOf(field);
  return type === 'table' || type === 'upload' ? ['notEmpty', 'empty'] : ALL_OPS;
}

/** A sensible first value, so a new condition is valid as soon as it is made. */
function firstValue(
  field: FormField | undefined,
  op: VisibilityOperator,
): VisibilityCondition['value'] {
  if (op === 'empty' || op === 'notEmpty' || !field) return undefined;
  const type = fieldTypeOf(field);
  const scalar = field.enum?.[0]?.value ?? (type === 'number' ? 0 : '');
  return op === 'in' ? [scalar] : scalar;
}

export function newCondition(key: string, field: FormField | undefined): VisibilityCondition {
  const op = opsFor(field)[0]!;
  const value = firstValue(field, op);
  return value === undefined ? { field: key, op } : { field: key, op, value };
}

/** One condition: field, operator, value — all picked, nothing typed as code. */
export function ConditionRow({ condition, candidates, onChange, onRemove }: Props) {
  const target = candidates.find(([k]) => k === condition.field)?.[1];
  const type = target && fieldTypeOf(target);
  const set = (op: VisibilityOperator, value: VisibilityCondition['value']) =>
    onChange(
      value === undefined ? { field: condition.field, op } : { field: condition.field, op, value },
    );
  const asNumbers = (list: string[]) => list.map(Number).filter(Number.isFinite);
  const valueEditor = () => {
    const { op, value } = condition;
    if (op === 'empty' || op === 'notEmpty' || !target) return null;
    if (target.enum) {
      return (
        <Select
          aria-label="比较值"
          style={{ minWidth: 120 }}
          mode={op === 'in' ? 'multiple' : undefined}
          value={value as string | string[]}
          options={target.enum}
          onChange={(v: string | string[]) => set(op, v)}
        />
      );
    }
    if (op === 'in') {
      return (
        <Select
          aria-label="比较值"
          mode="tags"
          style={{ minWidth: 120 }}
          placeholder="输入后回车"
          value={(Array.isArray(value) ? value : []).map(String)}
          onChange={(v: string[]) => set(op, type === 'number' ? asNumbers(v) : v)}
        />
      );
    }
    return type === 'number' ? (
      <InputNumber aria-label="比较值" value={value as number} onChange={(v) => set(op, v ?? 0)} />
    ) : (
      <Input
        aria-label="比较值"
        style={{ width: 120 }}
        value={value as string}
        onChange={(e) => set(op, e.target.value)}
      />
    );
  };
  return (
    <Space wrap size={4} data-testid="visibility-condition">
      <Select
        aria-label="条件字段"
        style={{ minWidth: 120 }}
        value={condition.field}
        options={candidates.map(([key, f]) => ({
          value: key,
          label: `${f.title}（${FIELD_TYPES[fieldTypeOf(f) ?? 'text'].label}）`,
        }))}
        onChange={(key: string) =>
          onChange(newCondition(key, candidates.find(([k]) => k === key)?.[1]))
        }
      />
      <Select
        aria-label="比较方式"
        style={{ minWidth: 110 }}
        value={condition.op}
        options={opsFor(target).map((op) => ({ value: op, label: VISIBILITY_OPERATORS[op] }))}
        onChange={(op: VisibilityOperator) => set(op, firstValue(target, op))}
      />
      {valueEditor()}
      <Button
        size="small"
        type="text"
        danger
        icon={<DeleteOutlined />}
        aria-label="删除条件"
        onClick={onRemove}
      />
    </Space>
  );
}
