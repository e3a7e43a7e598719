import { Input } from 'antd';
import type { ChangeEvent } from 'react';

interface Props {
  value?: string;
  onChange?: (value: string) => void;
  placeholder?: string;
  disabled?: boolean;
}

/** A mobile or landline number; spaces people type between digit groups are dropped. */
export function PhoneInput({ value, onChange, placeholder, disabled }: Props) {
  return (
    <Input
      value={value}
      disabled={disabled}
      inputMode="tel"
      maxLength={20}
      autoComplete="tel"
      placeholder={placeholder ?? '手机号或固定电话，如 0577-86688888'}
      onChange={(e: ChangeEvent<HTMLInputElement>) => onChange?.(e.target.value.replace(/\s/g, ''))}
    />
  );
}
