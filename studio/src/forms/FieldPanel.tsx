import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Divider, Form, Input, Segmented, Switch, Tag } from 'antd';
import { useState } from 'react';
import {
  FIELD_TYPES,
  fieldTypeOf,
  type FormField,
  type FormSchema,
} from '../../../runtime/forms/schema';
import { ColumnsEditor } from './ColumnsEditor';
import { keyFromLabel } from './field-keys';
import { KeyInput } from './KeyInput';
import { OptionsEditor } from './OptionsEditor';
import { RulesSection } from './RulesSection';
import { columnsOf, replaceColumn, withRule } from './schema-edit';
import { VisibilityEditor } from './VisibilityEditor';

interface Props {
  fieldKey: string;
  field: FormField;
  /** Keys of the fields beside this one (other fields, or other columns of its table). */
  siblings: string[];
  /** The whole form, for visibility conditions; absent for a table's column. */
  schema?: FormSchema;
  onChange: (field: FormField, newKey?: string) => void;
  onBack?: () => void;
}

/** Whether the key is still the one made for the field, so it may follow the title. */
function autoKey(key: string, field: FormField, siblings: string[]): boolean {
  const type = fieldTypeOf(field);
  return new RegExp(`^${type}\\d+$`).test(key) || key === keyFromLabel(field.title, siblings, type);
}

/** 属性: everything about one field, edited in place; the designer rechecks the form live. */
export function FieldPanel({ fieldKey, field, siblings, schema, onChange, onBack }: Props) {
  const [column, setColumn] = useState<string>();
  const type = fieldTypeOf(field);
  const info = type && FIELD_TYPES[type];
  const columns = schema?.['x-layout']?.columns ?? 1;
  const props = field['x-component-props'] ?? {};
  const set = (patch: Partial<FormField>) => onChange({ ...field, ...patch });
  const editing = column ? field.items?.properties[column] : undefined;

  if (column && editing) {
    return (
      <FieldPanel
        key={column}
        fieldKey={column}
        field={editing}
        siblings={columnsOf(field)
          .map(([k]) => k)
          .filter((k) => k !== column)}
        onBack={() => setColumn(undefined)}
        onChange={(next, newKey) => {
          onChange(replaceColumn(field, column, next, newKey));
          if (newKey) setColumn(newKey);
        }}
      />
    );
  }

  const setTitle = (title: string) => {
    const follow = autoKey(fieldKey, field, siblings) && title.trim();
    const newKey = follow ? keyFromLabel(title, siblings, type) : undefined;
    onChange({ ...field, title }, newKey && newKey !== fieldKey ? newKey : undefined);
  };

  return (
    <Form layout="vertical" size="small" data-testid="field-panel">
      {onBack && (
        <Button type="link" icon={<ArrowLeftOutlined />} onClick={onBack} style={{ padding: 0 }}>
          返回表格
        </Button>
      )}
      <Form.Item label="类型">
        <Tag>{info?.label ?? '未知控件'}</Tag>
      </Form.Item>
      <Form.Item label="标题" required>
        <Input
          aria-label="标题"
          value={field.title}
          maxLength={100}
          onChange={(e) => setTitle(e.target.value)}
        />
      </Form.Item>
      <Form.Item label="字段标识" required>
        <KeyInput
          key={fieldKey}
          value={fieldKey}
          taken={siblings}
          onChange={(k) => onChange(field, k)}
        />
      </Form.Item>
      <Form.Item label="必填">
        <Switch
          aria-label="必填"
          checked={!!field.required}
          onChange={(required) => set({ required: required || undefined })}
        />
      </Form.Item>
      {info?.props.includes('placeholder') && (
        <Form.Item label="占位提示">
          <Input
            aria-label="占位提示"
            value={props.placeholder as string | undefined}
            onChange={(e) => {
              const next: Record<string, string | number> = { ...props };
              if (e.target.value) next.placeholder = e.target.value;
              else delete next.placeholder;
              set({ 'x-component-props': Object.keys(next).length ? next : undefined });
            }}
          />
        </Form.Item>
      )}
      {!onBack && (
        <Form.Item label="说明">
          <Input.TextArea
            aria-label="说明"
            rows={2}
            maxLength={500}
            value={field.description}
            onChange={(e) => set({ description: e.target.value || undefined })}
          />
        </Form.Item>
      )}
      {schema && columns > 1 && (
        <Form.Item label="占列">
          <Segmented
            aria-label="占列"
            value={Math.min(field['x-decorator-props']?.gridSpan ?? 1, columns)}
            options={Array.from({ length: columns }, (_, i) => ({
              value: i + 1,
              label: `${i + 1} 列`,
            }))}
            onChange={(span) =>
              set({ 'x-decorator-props': span === 1 ? undefined : { gridSpan: span } })
            }
          />
        </Form.Item>
      )}
      <RulesSection field={field} onChange={onChange} />
      {info?.options && (
        <Form.Item label="选项">
          <OptionsEditor value={field.enum ?? []} onChange={(options) => set({ enum: options })} />
        </Form.Item>
      )}
      {type === 'table' && (
        <Form.Item label="表格的列">
          <ColumnsEditor table={field} onChange={onChange} onEdit={setColumn} />
        </Form.Item>
      )}
      {schema && (
        <>
          <Divider plain orientation="left" style={{ margin: '8px 0' }}>
            显示条件
          </Divider>
          <VisibilityEditor
            fieldKey={fieldKey}
            rule={field['x-visible-when']}
            schema={schema}
            onChange={(rule) => onChange(withRule(field, rule))}
          />
        </>
      )}
    </Form>
  );
}
