import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Space } from 'antd';
import type { FormOption } from '../../../runtime/forms/schema';

interface Props {
  value: FormOption[];
  onChange: (options: FormOption[]) => void;
}

function nextValue(options: FormOption[]): string {
  const used = new Set(options.map((o) => o.value));
  for (let n = options.length + 1; ; n++) if (!used.has(`option${n}`)) return `option${n}`;
}

/** 选项: a name people see and a value that is stored; visibility rules compare values. */
export function OptionsEditor({ value, onChange }: Props) {
  const set = (i: number, patch: Partial<FormOption>) =>
    onChange(value.map((o, j) => (j === i ? { ...o, ...patch } : o)));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={4}>
      {value.map((option, i) => (
        <Space.Compact key={i} style={{ width: '100%' }}>
          <Input
            aria-label={`选项 ${i + 1} 名称`}
            placeholder="名称"
            value={option.label}
            onChange={(e) => set(i, { label: e.target.value })}
          />
          <Input
            aria-label={`选项 ${i + 1} 值`}
            placeholder="值"
            style={{ width: '40%' }}
            value={option.value}
            onChange={(e) => set(i, { value: e.target.value.trim() })}
          />
          <Button
            icon={<DeleteOutlined />}
            aria-label={`删除选项 ${i + 1}`}
            disabled={value.length <= 1}
            onClick={() => onChange(value.filter((_, j) => j !== i))}
          />
        </Space.Compact>
      ))}
      <Button
        size="small"
        type="dashed"
        icon={<PlusOutlined />}
        onClick={() =>
          onChange([...value, { label: `选项${value.length + 1}`, value: nextValue(value) }])
        }
      >
        添加选项
      </Button>
    </Space>
  );
}
