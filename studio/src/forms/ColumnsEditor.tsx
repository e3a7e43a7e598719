import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  EditOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, List, Tag } from 'antd';
import {
  FIELD_TYPE_LIST,
  FIELD_TYPES,
  fieldTypeOf,
  type FormField,
} from '../../../runtime/forms/schema';
import { addColumn, columnsOf, moveColumn, removeColumn } from './schema-edit';

interface Props {
  table: FormField;
  onChange: (table: FormField) => void;
  onEdit: (columnKey: string) => void;
}

const COLUMN_TYPES = FIELD_TYPE_LIST.filter((t) => FIELD_TYPES[t].column);

/** 表格的列: each column is a field of its own, edited in the same panel. */
export function ColumnsEditor({ table, onChange, onEdit }: Props) {
  const columns = columnsOf(table);
  return (
    <>
      <List
        size="small"
        bordered
        dataSource={columns}
        renderItem={([key, column], i) => (
          <List.Item
            actions={[
              <Button
                key="up"
                size="small"
                type="text"
                icon={<ArrowUpOutlined />}
                aria-label="上移"
                disabled={i === 0}
                onClick={() => onChange(moveColumn(table, i, i - 1))}
              />,
              <Button
                key="down"
                size="small"
                type="text"
                icon={<ArrowDownOutlined />}
                aria-label="下移"
                disabled={i === columns.length - 1}
                onClick={() => onChange(moveColumn(table, i, i + 1))}
              />,
              <Button
                key="edit"
                size="small"
                type="text"
                icon={<EditOutlined />}
                aria-label={`编辑列「${column.title}」`}
                onClick={() => onEdit(key)}
              />,
              <Button
                key="del"
                size="small"
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={`删除列「${column.title}」`}
                disabled={columns.length <= 1}
                onClick={() => onChange(removeColumn(table, key))}
              />,
            ]}
          >
            <span>
              {column.required && <span style={{ color: '#ff4d4f' }}>* </span>}
              {column.title} <Tag>{FIELD_TYPES[fieldTypeOf(column) ?? 'text'].label}</Tag>
            </span>
          </List.Item>
        )}
      />
      <Dropdown
        menu={{
          items: COLUMN_TYPES.map((t) => ({ key: t, label: FIELD_TYPES[t].label })),
          onClick: ({ key }) => {
            const added = addColumn(table, key as (typeof COLUMN_TYPES)[number]);
            onChange(added.table);
            onEdit(added.key);
          },
        }}
      >
        <Button size="small" type="dashed" icon={<PlusOutlined />} style={{ marginTop: 8 }}>
          添加列
        </Button>
      </Dropdown>
    </>
  );
}
