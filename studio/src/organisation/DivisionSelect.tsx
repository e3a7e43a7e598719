import { Select } from 'antd';
import { useMemo } from 'react';
import { useRemote } from '../api/use-remote';
import type { Division } from './types';

interface Props {
  /** Division code of the parent unit: a county (6 digits) or a township (9 digits). */
  parentCode: string;
  /** Codes already used by other units, shown but not selectable. */
  taken: Set<string>;
  value?: string;
  onChange?: (code: string, division?: Division) => void;
  id?: string;
}

/** Picks a division from the official list under the parent's division; codes are never typed. */
export function DivisionSelect({ parentCode, taken, value, onChange, id }: Props) {
  const remote = useRemote<{ items: Division[] }>(
    `/api/divisions?parent=${encodeURIComponent(parentCode)}`,
  );
  const divisions = remote.data?.items;
  const options = useMemo(
    () =>
      (divisions ?? []).map((d) => ({
        value: d.code,
        label: `${d.name}（${d.code}）`,
        disabled: taken.has(d.code) && d.code !== value,
      })),
    [divisions, taken, value],
  );
  return (
    <Select
      id={id}
      showSearch
      optionFilterProp="label"
      loading={remote.loading}
      placeholder={remote.error ? remote.error.message : '从国家统计局区划代码中选择'}
      options={options}
      value={value}
      onChange={(code: string) =>
        onChange?.(
          code,
          divisions?.find((d) => d.code === code),
        )
      }
      notFoundContent={remote.loading ? '加载中…' : '没有下级区划'}
    />
  );
}
