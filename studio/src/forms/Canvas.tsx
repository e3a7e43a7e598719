import { useDroppable } from '@dnd-kit/core';
import { rectSortingStrategy, SortableContext } from '@dnd-kit/sortable';
import { Empty } from 'antd';
import { orderedFields, type FormSchema } from '../../../runtime/forms/schema';
import { CanvasField } from './CanvasField';

export const CANVAS_ID = 'canvas';

interface Props {
  schema: FormSchema;
  selected?: string;
  /** checkFormSchema problems by field key. */
  problems: Map<string, string[]>;
  onSelect: (key: string) => void;
  onDuplicate: (key: string) => void;
  onRemove: (key: string) => void;
}

/** The form as laid out in its grid; fields are sortable, and the whole area takes drops. */
export function Canvas({ schema, selected, problems, ...on }: Props) {
  const { setNodeRef, isOver } = useDroppable({ id: CANVAS_ID });
  const columns = schema['x-layout']?.columns ?? 1;
  const fields = orderedFields(schema.properties);
  return (
    <div
      ref={setNodeRef}
      data-testid="form-canvas"
      style={{
        display: 'grid',
        gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
        gap: 12,
        minHeight: 320,
        padding: 12,
        borderRadius: 8,
        alignContent: 'start',
        background: isOver ? '#fff1f0' : '#fafafa',
        border: '1px dashed #d9d9d9',
      }}
    >
      {fields.length === 0 && (
        <div style={{ gridColumn: `span ${columns}`, paddingTop: 80 }}>
          <Empty description="从左侧拖入控件开始设计表单" />
        </div>
      )}
      <SortableContext items={fields.map(([key]) => key)} strategy={rectSortingStrategy}>
        {fields.map(([key, field]) => (
          <CanvasField
            key={key}
            fieldKey={key}
            field={field}
            span={Math.min(field['x-decorator-props']?.gridSpan ?? 1, columns)}
            selected={key === selected}
            problems={problems.get(key) ?? []}
            onSelect={() => on.onSelect(key)}
            onDuplicate={() => on.onDuplicate(key)}
            onRemove={() => on.onRemove(key)}
          />
        ))}
      </SortableContext>
    </div>
  );
}
