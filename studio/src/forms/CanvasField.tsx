import {
  CopyOutlined,
  DeleteOutlined,
  EyeInvisibleOutlined,
  HolderOutlined,
} from '@ant-design/icons';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { Button, Tag, Tooltip, Typography } from 'antd';
import { FIELD_TYPES, fieldTypeOf, type FormField } from '../../../runtime/forms/schema';
import { FieldMock } from './FieldMock';

interface Props {
  fieldKey: string;
  field: FormField;
  span: number;
  selected: boolean;
  problems: string[];
  onSelect: () => void;
  onDuplicate: () => void;
  onRemove: () => void;
}

/** One field on the canvas: drag by its handle to reorder, click to edit it in the panel. */
export function CanvasField(props: Props) {
  const { fieldKey, field, span, selected, problems } = props;
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: fieldKey,
  });
  const type = fieldTypeOf(field);
  const border = problems.length ? '#ff4d4f' : selected ? '#c62f2f' : '#e5e5e5';
  return (
    <div
      ref={setNodeRef}
      data-testid={`canvas-field-${fieldKey}`}
      onClick={props.onSelect}
      style={{
        gridColumn: `span ${span}`,
        transform: CSS.Translate.toString(transform),
        transition,
        opacity: isDragging ? 0.5 : 1,
        border: `1px ${selected ? 'solid' : 'dashed'} ${border}`,
        background: selected ? '#fff7f6' : '#fff',
        borderRadius: 6,
        padding: '8px 10px',
        cursor: 'pointer',
        position: 'relative',
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 6, marginBottom: 6 }}>
        <span
          {...attributes}
          {...listeners}
          aria-label={`拖动以调整「${field.title}」的位置`}
          style={{ cursor: 'grab', color: '#999' }}
        >
          <HolderOutlined />
        </span>
        <Typography.Text strong ellipsis style={{ flex: 1 }}>
          {field.required && <span style={{ color: '#ff4d4f' }}>* </span>}
          {field.title}
        </Typography.Text>
        {field['x-visible-when'] && (
          <Tooltip title="按条件显示">
            <EyeInvisibleOutlined style={{ color: '#999' }} />
          </Tooltip>
        )}
        <Tag style={{ marginInlineEnd: 0 }}>{type ? FIELD_TYPES[type].label : '未知控件'}</Tag>
        <Tooltip title="复制">
          <Button
            size="small"
            type="text"
            icon={<CopyOutlined />}
            aria-label="复制字段"
            onClick={(e) => (e.stopPropagation(), props.onDuplicate())}
          />
        </Tooltip>
        <Tooltip title="删除">
          <Button
            size="small"
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label="删除字段"
            onClick={(e) => (e.stopPropagation(), props.onRemove())}
          />
        </Tooltip>
      </div>
      <div style={{ pointerEvents: 'none' }}>
        <FieldMock field={field} />
      </div>
      {problems.length > 0 && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {problems.join('；')}
        </Typography.Text>
      )}
    </div>
  );
}
