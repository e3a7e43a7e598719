import { useDraggable } from '@dnd-kit/core';
import { Button, Card, Space, Typography } from 'antd';
import { FIELD_TYPE_LIST, FIELD_TYPES, type FormFieldType } from '../../../runtime/forms/schema';

export const PALETTE_PREFIX = 'palette:';

function PaletteItem({ type, onAdd }: { type: FormFieldType; onAdd: (t: FormFieldType) => void }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: `${PALETTE_PREFIX}${type}`,
    data: { type },
  });
  return (
    <Button
      ref={setNodeRef}
      autoInsertSpace={false}
      block
      style={{ opacity: isDragging ? 0.4 : 1, cursor: 'grab', textAlign: 'left' }}
      data-testid={`palette-${type}`}
      onClick={() => onAdd(type)}
      {...attributes}
      {...listeners}
    >
      {FIELD_TYPES[type].label}
    </Button>
  );
}

/** The twelve field types: drag one onto the form, or click to add it at the end. */
export function Palette({ onAdd }: { onAdd: (type: FormFieldType) => void }) {
  return (
    <Card size="small" title="控件">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        拖到右侧表单中放置，或点击添加到末尾
      </Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }} size={6}>
        {FIELD_TYPE_LIST.map((type) => (
          <PaletteItem key={type} type={type} onAdd={onAdd} />
        ))}
      </Space>
    </Card>
  );
}
