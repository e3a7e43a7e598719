import { Input } from 'antd';
import type { ChangeEvent } from 'react';

interface Props {
  value?: string;
  onChange?: (value: string) => void;
  placeholder?: string;
  disabled?: boolean;
}

/** 公民身份号码: 18 characters, the check character X always upper case (GB 11643). */
export function IdNumberInput({ value, onChange, placeholder, disabled }: Props) {
  return (
    <Input
      value={value}
      disabled={disabled}
      maxLength={18}
      autoComplete="off"
      placeholder={placeholder ?? '18 位公民身份号码'}
      onChange={(e: ChangeEvent<HTMLInputElement>) =>
        onChange?.(e.target.value.replace(/\s/g, '').toUpperCase())
      }
    />
  );
}
