import { TreeSelect, type TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import type { Unit } from './types';
import { firstLevels, unitTree, type UnitNode } from './unit-tree';

interface Option {
  value: string;
  title: string;
  disabled: boolean;
  children: Option[];
}

interface Props extends Omit<TreeSelectProps<string>, 'treeData'> {
  units: Unit[];
  /** Units that may be chosen; the others stay visible, greyed, to keep the tree readable. */
  selectable?: (unit: Unit) => boolean;
}

const anyUnit = () => true;

/** Picks one unit from the organisation tree, searchable by name. */
export function UnitTreeSelect({ units, selectable = anyUnit, ...props }: Props) {
  const { treeData, expanded } = useMemo(() => {
    const roots = unitTree(units);
    const toOption = (n: UnitNode): Option => ({
      value: n.unit.id,
      title: n.unit.name,
      disabled: !selectable(n.unit),
      children: n.children.map(toOption),
    });
    return { treeData: roots.map(toOption), expanded: firstLevels(roots) };
  }, [units, selectable]);

  return (
    <TreeSelect<string>
      showSearch
      allowClear
      treeNodeFilterProp="title"
      treeDefaultExpandedKeys={expanded}
      placeholder="请选择单位"
      popupMatchSelectWidth={false}
      listHeight={360}
      {...props}
      treeData={treeData}
    />
  );
}
