import {
  DndContext,
  DragOverlay,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { Button, Card, Col, Empty, Row, Segmented, Space, Tabs, Typography } from 'antd';
import { useMemo, useState } from 'react';
import {
  checkFormSchema,
  FIELD_TYPES,
  orderedFields,
  type FormFieldType,
  type FormSchema,
  type FormSchemaProblem,
} from '../../../runtime/forms/schema';
import { Canvas, CANVAS_ID } from './Canvas';
import { FieldPanel } from './FieldPanel';
import { FormPreview } from './FormPreview';
import { Palette, PALETTE_PREFIX } from './Palette';
import { duplicateField, insertField, moveField, removeField, replaceField } from './schema-edit';
import { problemField, SchemaProblems } from './SchemaProblems';

interface Props {
  value: FormSchema;
  onChange: (schema: FormSchema) => void;
  /** Problems the server found when saving, shown beside the live ones. */
  serverProblems?: FormSchemaProblem[];
}

/** 表单设计器 (FORM-1): palette, canvas in a 1–3 column grid, property panel, live preview. */
export function FormDesigner({ value, onChange, serverProblems = [] }: Props) {
  const [selected, setSelected] = useState<string>();
  const [dragging, setDragging] = useState<FormFieldType>();
  const [tab, setTab] = useState('design');
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }));
  const problems = useMemo(() => checkFormSchema(value), [value]);
  const byField = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const p of problems) {
      const key = problemField(p.path);
      if (key) map.set(key, [...(map.get(key) ?? []), p.message]);
    }
    return map;
  }, [problems]);
  const keys = orderedFields(value.properties).map(([k]) => k);
  const field = selected ? value.properties[selected] : undefined;

  const add = (type: FormFieldType, at?: number) => {
    const result = insertField(value, type, at);
    onChange(result.schema);
    setSelected(result.key);
  };

  const onDragStart = ({ active }: DragStartEvent) =>
    setDragging(active.data.current?.type as FormFieldType | undefined);

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragging(undefined);
    if (!over) return;
    const type = active.data.current?.type as FormFieldType | undefined;
    const to = over.id === CANVAS_ID ? keys.length : keys.indexOf(String(over.id));
    if (String(active.id).startsWith(PALETTE_PREFIX) && type) return add(type, to);
    const from = keys.indexOf(String(active.id));
    if (from >= 0 && to >= 0 && from !== to)
      onChange(moveField(value, from, Math.min(to, keys.length - 1)));
  };

  const design = (
    <DndContext
      sensors={sensors}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDragging(undefined)}
    >
      <Row gutter={12} wrap={false}>
        <Col flex="150px">
          <Palette onAdd={(t) => add(t)} />
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <SchemaProblems
            title="保存时服务端发现的问题"
            problems={serverProblems}
            onSelect={setSelected}
          />
          <SchemaProblems title="表单定义有问题" problems={problems} onSelect={setSelected} />
          <Canvas
            schema={value}
            selected={selected}
            problems={byField}
            onSelect={setSelected}
            onDuplicate={(key) => {
              const result = duplicateField(value, key);
              onChange(result.schema);
              setSelected(result.key);
            }}
            onRemove={(key) => {
              onChange(removeField(value, key));
              if (selected === key) setSelected(undefined);
            }}
          />
        </Col>
        <Col flex="340px">
          <Card
            size="small"
            title={field ? `属性：${field.title}` : '属性'}
            styles={{ body: { maxHeight: '70vh', overflow: 'auto' } }}
          >
            {field && selected ? (
              <FieldPanel
                key={selected}
                fieldKey={selected}
                field={field}
                siblings={keys.filter((k) => k !== selected)}
                schema={value}
                onChange={(next, newKey) => {
                  onChange(replaceField(value, selected, next, newKey));
                  if (newKey) setSelected(newKey);
                }}
              />
            ) : (
              <Empty description="点击表单中的字段以编辑其属性" />
            )}
          </Card>
        </Col>
      </Row>
      <DragOverlay dropAnimation={null}>
        {dragging && <Button style={{ cursor: 'grabbing' }}>{FIELD_TYPES[dragging].label}</Button>}
      </DragOverlay>
    </DndContext>
  );

  return (
    <Tabs
      activeKey={tab}
      onChange={setTab}
      destroyOnHidden
      tabBarExtraContent={
        <Space>
          <Typography.Text type="secondary">布局</Typography.Text>
          <Segmented
            aria-label="布局列数"
            value={value['x-layout']?.columns ?? 1}
            options={[1, 2, 3].map((n) => ({ value: n, label: `${n} 列` }))}
            onChange={(columns) => onChange({ ...value, 'x-layout': { columns } })}
          />
        </Space>
      }
      items={[
        { key: 'design', label: '设计', children: design },
        {
          key: 'preview',
          label: '预览',
          children:
            problems.length > 0 ? (
              <SchemaProblems
                title="请先修正表单定义的问题再预览"
                problems={problems}
                onSelect={(k) => (setTab('design'), setSelected(k))}
              />
            ) : (
              <FormPreview schema={value} />
            ),
        },
        {
          key: 'json',
          label: 'JSON',
          children: (
            <pre style={{ fontSize: 12, maxHeight: '70vh', overflow: 'auto' }}>
              {JSON.stringify(value, null, 2)}
            </pre>
          ),
        },
      ]}
    />
  );
}
