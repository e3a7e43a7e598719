import { Input, Typography } from 'antd';
import { useState } from 'react';
import { fieldKeyProblem } from '../../../runtime/forms/schema';

interface Props {
  value: string;
  /** Keys of the other fields beside this one. */
  taken: string[];
  onChange: (key: string) => void;
}

/** 字段标识: applied when it is valid and free, since a clash would overwrite another field. */
export function KeyInput({ value, taken, onChange }: Props) {
  const [draft, setDraft] = useState<string>();
  const text = draft ?? value;
  const clash = taken.some((k) => k.toLowerCase() === text.toLowerCase());
  const problem = fieldKeyProblem(text) ?? (clash ? '已有同名的字段标识' : undefined);
  const apply = () => {
    if (!problem && text !== value) onChange(text);
    setDraft(undefined);
  };
  return (
    <>
      <Input
        aria-label="字段标识"
        value={text}
        status={problem ? 'error' : undefined}
        onChange={(e) => setDraft(e.target.value.trim())}
        onBlur={apply}
        onPressEnter={apply}
      />
      <Typography.Text type={problem ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
        {problem ?? '保存数据时的字段名，由标题自动生成；流程中的权限和条件按它引用'}
      </Typography.Text>
    </>
  );
}
