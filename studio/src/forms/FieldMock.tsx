import { UploadOutlined } from '@ant-design/icons';
import { Button, Checkbox, DatePicker, Input, InputNumber, Radio, Select, Table } from 'antd';
import {
  FIELD_TYPES,
  fieldTypeOf,
  orderedFields,
  type FormField,
} from '../../../runtime/forms/schema';

/** What a field looks like on the canvas: the control, inert, so clicks select the field. */
export function FieldMock({ field }: { field: FormField }) {
  const type = fieldTypeOf(field);
  const placeholder = field['x-component-props']?.placeholder as string | undefined;
  const options = field.enum ?? [];
  const common = { disabled: true, style: { width: '100%' } };
  switch (type) {
    case 'textarea':
      return <Input.TextArea {...common} rows={2} placeholder={placeholder} />;
    case 'number':
      return <InputNumber {...common} placeholder={placeholder} />;
    case 'date':
      return <DatePicker {...common} placeholder={placeholder ?? '选择日期'} />;
    case 'select':
      return <Select {...common} placeholder={placeholder ?? '请选择'} options={options} />;
    case 'radio':
      return <Radio.Group disabled options={options} />;
    case 'checkbox':
      return <Checkbox.Group disabled options={options} />;
    case 'upload':
      return (
        <Button disabled icon={<UploadOutlined />}>
          选择文件
        </Button>
      );
    case 'table':
      return (
        <Table
          size="small"
          pagination={false}
          dataSource={[]}
          locale={{ emptyText: '（申请人逐行填写）' }}
          columns={orderedFields(field.items?.properties).map(([key, column]) => ({
            key,
            title: `${column.title}（${FIELD_TYPES[fieldTypeOf(column) ?? 'text'].label}）`,
          }))}
        />
      );
    case 'idNumber':
      return <Input {...common} placeholder={placeholder ?? '18 位公民身份号码'} />;
    case 'phone':
      return <Input {...common} placeholder={placeholder ?? '手机号或固定电话'} />;
    case 'division':
      return <Select {...common} placeholder={placeholder ?? '选择省 / 市 / 区县'} />;
    default:
      return <Input {...common} placeholder={placeholder} />;
  }
}
