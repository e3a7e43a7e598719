import { Form, Input } from 'antd';

/** A text a command carries: a reason (required) or an opinion (optional). */
export function TextItem({
  name,
  label,
  required = false,
  max = 2000,
}: {
  name: string;
  label: string;
  required?: boolean;
  max?: number;
}) {
  return (
    <Form.Item
      name={name}
      label={label}
      rules={required ? [{ required: true, whitespace: true, message: `请填写${label}` }] : []}
    >
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={max} showCount />
    </Form.Item>
  );
}

/** Leaves out an empty optional text: the server refuses an empty string where text belongs. */
export const optional = (key: string, value: string | undefined) =>
  value?.trim() ? { [key]: value.trim() } : {};
