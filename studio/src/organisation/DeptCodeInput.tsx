import { Input, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../api/client';

interface Props {
  /** The department name the suggestions are made from. */
  name?: string;
  value?: string;
  onChange?: (value: string) => void;
  id?: string;
}

/** Two-letter department code, with suggestions from the name's pinyin initials. */
export function DeptCodeInput({ name, value, onChange, id }: Props) {
  const [suggested, setSuggested] = useState<{ for: string; codes: string[] }>();
  const wanted = name?.trim() ?? '';

  useEffect(() => {
    if (!wanted) return;
    let live = true;
    const timer = setTimeout(() => {
      api
        .get<{ codes: string[] }>('/api/units/dept-code-suggestions', { name: wanted })
        .then((r) => live && setSuggested({ for: wanted, codes: r.codes }))
        .catch(() => live && setSuggested({ for: wanted, codes: [] }));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [wanted]);

  const codes = suggested?.for === wanted ? suggested.codes : [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={4}>
      <Input
        id={id}
        value={value}
        maxLength={2}
        placeholder="两个大写字母，如 AJ"
        style={{ width: 200 }}
        onChange={(e) => onChange?.(e.target.value.toUpperCase())}
      />
      {wanted && (
        <Space size={4} wrap data-testid="dept-code-suggestions">
          <Typography.Text type="secondary">按名称拼音首字母建议（本县未用）：</Typography.Text>
          {codes.length === 0 && <Typography.Text type="secondary">无</Typography.Text>}
          {codes.map((code) => (
            <Tag.CheckableTag key={code} checked={code === value} onChange={() => onChange?.(code)}>
              {code}
            </Tag.CheckableTag>
          ))}
        </Space>
      )}
    </Space>
  );
}
