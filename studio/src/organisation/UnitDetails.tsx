import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Descriptions, Space, Tag, type DescriptionsProps } from 'antd';
import { canOn } from '../identity/ability';
import { useAbility } from '../identity/session';
import { CHILD_KINDS, STATUS_LABELS, UNIT_KIND_COLORS, type Unit } from './types';
import { pathOf } from './unit-tree';

interface Props {
  unit: Unit;
  byId: Map<string, Unit>;
  onAddChild: () => void;
  onEdit: () => void;
}

export function UnitDetails({ unit, byId, onAddChild, onEdit }: Props) {
  const ability = useAbility();
  const parent = unit.parentId ? byId.get(unit.parentId) : undefined;
  const childCount = [...byId.values()].filter((u) => u.parentId === unit.id).length;
  // A new child belongs to the same county; the server decides, this only hides the button.
  const mayAdd =
    CHILD_KINDS[unit.kind].length > 0 &&
    canOn(ability, 'create', 'Unit', { countyId: unit.countyId });
  const mayEdit = canOn(ability, 'update', 'Unit', { ...unit });

  const items: DescriptionsProps['items'] = [
    { key: 'name', label: '名称', children: unit.name },
    {
      key: 'kind',
      label: '类型',
      children: <Tag color={UNIT_KIND_COLORS[unit.kind]}>{unit.kindLabel}</Tag>,
    },
    { key: 'parent', label: '上级单位', children: parent?.name ?? '—' },
    { key: 'path', label: '所在位置', children: pathOf(unit, byId) },
  ];
  if (unit.kind === 'department')
    items.push({ key: 'deptCode', label: '部门编码', children: unit.deptCode ?? '—' });
  if (unit.kind === 'township')
    items.push({ key: 'townshipCode', label: '乡镇编码', children: unit.townshipCode ?? '—' });
  if (unit.divisionCode)
    items.push({ key: 'divisionCode', label: '行政区划代码', children: unit.divisionCode });
  items.push(
    { key: 'phone', label: '电话', children: unit.phone || '—' },
    { key: 'address', label: '地址', children: unit.address || '—' },
    { key: 'children', label: '下级单位', children: `${childCount} 个` },
    {
      key: 'status',
      label: '状态',
      children: (
        <Tag color={unit.status === 'active' ? 'success' : 'default'}>
          {STATUS_LABELS[unit.status]}
        </Tag>
      ),
    },
  );

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions column={1} bordered size="small" items={items} data-testid="unit-details" />
      {(mayAdd || mayEdit) && (
        <Space>
          {mayAdd && (
            <Button type="primary" icon={<PlusOutlined />} onClick={onAddChild}>
              新增下级单位
            </Button>
          )}
          {mayEdit && (
            <Button icon={<EditOutlined />} onClick={onEdit}>
              编辑
            </Button>
          )}
        </Space>
      )}
    </Space>
  );
}
