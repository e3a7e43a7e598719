import { Form, Input, InputNumber, Select, Space } from 'antd';
import { PATTERN_PRESETS, patternProblem } from '../../../runtime/forms/patterns';
import { FIELD_TYPES, fieldTypeOf, type FormField } from '../../../runtime/forms/schema';

interface Props {
  field: FormField;
  onChange: (field: FormField) => void;
}

type NumberKey = 'minLength' | 'maxLength' | 'minimum' | 'maximum' | 'minItems' | 'maxItems';

/** 校验: length, pattern, range and item counts, as the field's type allows. */
export function RulesSection({ field, onChange }: Props) {
  const type = fieldTypeOf(field);
  const rules = type ? FIELD_TYPES[type].rules : [];
  const set = (patch: Partial<FormField>) => {
    const next: Record<string, unknown> = { ...field, ...patch };
    for (const [k, v] of Object.entries(patch))
      if (v === undefined || v === null || v === '') delete next[k];
    onChange(next as unknown as FormField);
  };
  const setProp = (key: string, value: string | number | undefined | null) => {
    const props: Record<string, string | number> = { ...field['x-component-props'] };
    if (value === undefined || value === null || value === '') delete props[key];
    else props[key] = value;
    set({ 'x-component-props': Object.keys(props).length ? props : undefined });
  };
  const pair = (label: string, min: NumberKey, max: NumberKey, integer: boolean) => (
    <Form.Item label={label}>
      <Space.Compact>
        {[min, max].map((key) => (
          <InputNumber
            key={key}
            aria-label={`${label}${key === min ? '下限' : '上限'}`}
            placeholder={key === min ? '最小' : '最大'}
            precision={integer ? 0 : undefined}
            min={integer ? 0 : undefined}
            value={field[key]}
            onChange={(v) => set({ [key]: v ?? undefined })}
          />
        ))}
      </Space.Compact>
    </Form.Item>
  );
  const preset = PATTERN_PRESETS.find((p) => p.pattern === field.pattern)?.label;
  const problem = field.pattern ? patternProblem(field.pattern) : undefined;
  return (
    <>
      {rules.includes('length') && pair('长度（字）', 'minLength', 'maxLength', true)}
      {rules.includes('range') && pair('取值范围', 'minimum', 'maximum', false)}
      {rules.includes('range') && (
        <Form.Item label="小数位数">
          <InputNumber
            aria-label="小数位数"
            min={0}
            max={6}
            precision={0}
            placeholder="不限"
            value={field['x-component-props']?.precision as number | undefined}
            onChange={(v) => setProp('precision', v)}
          />
        </Form.Item>
      )}
      {rules.includes('items') &&
        pair(
          type === 'table' ? '行数' : type === 'upload' ? '文件数' : '选择项数',
          'minItems',
          'maxItems',
          true,
        )}
      {rules.includes('pattern') && (
        <Form.Item label="正则" validateStatus={problem ? 'error' : undefined} help={problem}>
          <Select
            aria-label="常用格式"
            allowClear
            placeholder="常用格式"
            style={{ marginBottom: 6 }}
            value={preset}
            options={PATTERN_PRESETS.map((p) => ({ label: p.label, value: p.label }))}
            onChange={(label?: string) =>
              set({ pattern: PATTERN_PRESETS.find((p) => p.label === label)?.pattern })
            }
          />
          <Input
            aria-label="正则表达式"
            placeholder="或填写正则表达式，如 ^\d{6}$"
            value={field.pattern}
            onChange={(e) => set({ pattern: e.target.value })}
          />
        </Form.Item>
      )}
      {type === 'upload' && (
        <Form.Item label="允许的文件类型">
          <Input
            aria-label="允许的文件类型"
            placeholder="如 .pdf,.jpg,.png"
            value={field['x-component-props']?.accept as string | undefined}
            onChange={(e) => setProp('accept', e.target.value)}
          />
        </Form.Item>
      )}
    </>
  );
}
