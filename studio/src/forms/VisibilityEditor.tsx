import { PlusOutlined } from '@ant-design/icons';
import { Button, Radio, Space, Switch, Typography } from 'antd';
import {
  orderedFields,
  type FormSchema,
  type VisibilityCondition,
  type VisibilityRule,
} from '../../../runtime/forms/schema';
import { ruleConditions } from '../../../runtime/forms/visibility';
import { ConditionRow, newCondition } from './ConditionRow';

interface Props {
  fieldKey: string;
  rule?: VisibilityRule;
  schema: FormSchema;
  onChange: (rule: VisibilityRule | undefined) => void;
}

/** 显示条件 (FORM-1): structured rules, stored as data and evaluated the same everywhere. */
export function VisibilityEditor({ fieldKey, rule, schema, onChange }: Props) {
  const candidates = orderedFields(schema.properties).filter(([k]) => k !== fieldKey);
  const conditions = rule ? ruleConditions(rule) : [];
  const mode = rule && 'any' in rule ? 'any' : 'all';
  const save = (list: VisibilityCondition[], m = mode) =>
    onChange(
      list.length === 0
        ? undefined
        : list.length === 1
          ? list[0]
          : m === 'all'
            ? { all: list }
            : { any: list },
    );
  const first = candidates[0];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Switch
          aria-label="按条件显示"
          checked={!!rule}
          disabled={!rule && !first}
          onChange={(on) => save(on && first ? [newCondition(first[0], first[1])] : [])}
        />
        <span>
          {rule
            ? '满足条件时才显示'
            : first
              ? '始终显示'
              : '始终显示（表单中还没有可作条件的字段）'}
        </span>
      </Space>
      {conditions.length > 1 && (
        <Radio.Group
          size="small"
          value={mode}
          onChange={(e) => save(conditions, e.target.value as 'all' | 'any')}
          options={[
            { value: 'all', label: '满足全部条件' },
            { value: 'any', label: '满足任一条件' },
          ]}
        />
      )}
      {conditions.map((c, i) => (
        <ConditionRow
          key={i}
          condition={c}
          candidates={candidates}
          onChange={(next) => save(conditions.map((x, j) => (j === i ? next : x)))}
          onRemove={() => save(conditions.filter((_, j) => j !== i))}
        />
      ))}
      {rule && first && (
        <Button
          size="small"
          type="dashed"
          icon={<PlusOutlined />}
          onClick={() => save([...conditions, newCondition(first[0], first[1])])}
        >
          添加条件
        </Button>
      )}
      {rule && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          隐藏时该字段不校验、不保存；多选字段“等于”表示“包含”。
        </Typography.Text>
      )}
    </Space>
  );
}
