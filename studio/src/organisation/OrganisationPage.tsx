import { PageContainer } from '@ant-design/pro-components';
import { Alert, App, Card, Col, Empty, Row, Skeleton } from 'antd';
import { useState } from 'react';
import type { Unit } from './types';
import { UnitDetails } from './UnitDetails';
import { UnitFormModal } from './UnitFormModal';
import { UnitTree } from './UnitTree';
import { firstLevels, unitTree } from './unit-tree';
import { useUnits } from './use-units';

type Dialog = { mode: 'create'; parent: Unit } | { mode: 'edit'; unit: Unit };

export function OrganisationPage() {
  const { message } = App.useApp();
  const { units, byId, error, reload } = useUnits();
  const [selected, setSelected] = useState<string>();
  const [expanded, setExpanded] = useState<string[]>();
  const [dialog, setDialog] = useState<Dialog>();
  const unit = selected ? byId.get(selected) : undefined;

  function saved(result?: Unit) {
    const wasCreate = dialog?.mode === 'create';
    setDialog(undefined);
    if (!result) return;
    void message.success(wasCreate ? `已新增「${result.name}」` : `已保存「${result.name}」`);
    if (wasCreate && result.parentId) {
      // Open the branch the new unit went into, and show it.
      const open = expanded ?? firstLevels(unitTree(units ?? []));
      setExpanded([...new Set([...open, result.parentId])]);
    }
    setSelected(result.id);
    reload();
  }

  return (
    <PageContainer title="组织机构" subTitle="县（区）、部门、科室、乡镇（街道）与社区（村）">
      {error && (
        <Alert type="error" showIcon message="组织机构加载失败" description={error.message} />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title="组织机构树" styles={{ body: { maxHeight: 640, overflow: 'auto' } }}>
            {units ? (
              <UnitTree
                units={units}
                selected={selected}
                onSelect={setSelected}
                expanded={expanded}
                onExpand={setExpanded}
              />
            ) : (
              !error && <Skeleton active paragraph={{ rows: 8 }} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={unit ? unit.name : '单位详情'}>
            {unit ? (
              <UnitDetails
                unit={unit}
                byId={byId}
                onAddChild={() => setDialog({ mode: 'create', parent: unit })}
                onEdit={() => setDialog({ mode: 'edit', unit })}
              />
            ) : (
              <Empty description="在左侧选择一个单位查看详情" />
            )}
          </Card>
        </Col>
      </Row>
      {dialog && units && <UnitFormModal target={dialog} units={units} onDone={saved} />}
    </PageContainer>
  );
}
