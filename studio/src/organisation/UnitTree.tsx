import { Space, Tag, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo } from 'react';
import { UNIT_KIND_COLORS, type Unit } from './types';
import { codeOf, firstLevels, unitTree, type UnitNode } from './unit-tree';

function UnitTitle({ unit, compact }: { unit: Unit; compact?: boolean }) {
  const code = compact ? undefined : codeOf(unit);
  return (
    <Space size={6} data-testid="unit-node">
      <span>{unit.name}</span>
      <Tag color={UNIT_KIND_COLORS[unit.kind]} bordered={false} style={{ marginInlineEnd: 0 }}>
        {unit.kindLabel}
      </Tag>
      {code && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {code}
        </Typography.Text>
      )}
      {unit.status === 'inactive' && <Tag>已停用</Tag>}
    </Space>
  );
}

interface Props {
  units: Unit[];
  selected?: string;
  onSelect: (id: string) => void;
  /** Open nodes; undefined opens the first two levels. */
  expanded?: string[];
  onExpand: (ids: string[]) => void;
  /** Names and kinds only, for narrow columns. */
  compact?: boolean;
}

/** The organisation tree with each unit's kind and code. */
export function UnitTree({ units, selected, onSelect, expanded, onExpand, compact }: Props) {
  const { treeData, firstOpen } = useMemo(() => {
    const roots = unitTree(units);
    const toNode = (n: UnitNode): DataNode => ({
      key: n.unit.id,
      title: <UnitTitle unit={n.unit} compact={compact} />,
      children: n.children.map(toNode),
    });
    return { treeData: roots.map(toNode), firstOpen: firstLevels(roots) };
  }, [units, compact]);

  return (
    <Tree
      showLine
      blockNode
      expandedKeys={expanded ?? firstOpen}
      onExpand={(keys) => onExpand(keys.map(String))}
      selectedKeys={selected ? [selected] : []}
      onSelect={(keys) => keys[0] !== undefined && onSelect(String(keys[0]))}
      treeData={treeData}
    />
  );
}
