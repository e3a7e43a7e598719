import { PlusOutlined } from '@ant-design/icons';
import {
  PageContainer,
  ProTable,
  type ActionType,
  type ProColumns,
} from '@ant-design/pro-components';
import { App, Button, Card, Col, Popconfirm, Row, Skeleton, Tag } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { api, type Page } from '../api/client';
import { canOn } from '../identity/ability';
import { useAbility } from '../identity/session';
import { PostFormModal } from './PostFormModal';
import type { Post } from './types';
import { UnitTree } from './UnitTree';
import { pathOf } from './unit-tree';
import { useUnits } from './use-units';

type Dialog = { post?: Post };

export function PostsPage() {
  const { message } = App.useApp();
  const ability = useAbility();
  const { units, byId } = useUnits();
  const [selected, setSelected] = useState<string>();
  const [expanded, setExpanded] = useState<string[]>();
  const [dialog, setDialog] = useState<Dialog>();
  const table = useRef<ActionType>(undefined);
  const unit = selected ? byId.get(selected) : undefined;

  // A department or township shows the posts of its whole branch; an office only its own.
  const filter = useMemo(
    () =>
      unit?.kind === 'department' || unit?.kind === 'township'
        ? { departmentId: unit.id }
        : unit?.kind === 'office'
          ? { unitId: unit.id }
          : {},
    [unit],
  );

  const mayUpdate = (p: Post) =>
    canOn(ability, 'update', 'Post', { ...p, countyId: byId.get(p.unitId)?.countyId });

  async function toggle(p: Post) {
    try {
      await api.patch(`/api/posts/${p.id}`, {
        version: p.version,
        status: p.status === 'active' ? 'inactive' : 'active',
      });
      void message.success(p.status === 'active' ? `已停用「${p.name}」` : `已启用「${p.name}」`);
      await table.current?.reload();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  }

  const columns: ProColumns<Post>[] = [
    { title: '岗位名称', dataIndex: 'name', width: 120 },
    {
      title: '所属单位',
      dataIndex: 'unitId',
      width: 200,
      render: (_, p) => {
        const u = byId.get(p.unitId);
        return u ? pathOf(u, byId).split(' / ').slice(1).join(' / ') : '—';
      },
    },
    { title: '说明', dataIndex: 'description', ellipsis: true },
    {
      title: '状态',
      dataIndex: 'status',
      width: 70,
      render: (_, p) => (p.status === 'active' ? <Tag color="success">启用</Tag> : <Tag>停用</Tag>),
    },
    {
      title: '操作',
      valueType: 'option',
      width: 110,
      hideInTable: !ability.can('update', 'Post'),
      render: (_, p) =>
        mayUpdate(p)
          ? [
              <a key="edit" onClick={() => setDialog({ post: p })}>
                修改
              </a>,
              <Popconfirm
                key="status"
                title={
                  p.status === 'active'
                    ? `停用岗位「${p.name}」？已在其上的人员保留该岗位，但不能再被选用。`
                    : `启用岗位「${p.name}」？`
                }
                onConfirm={() => toggle(p)}
              >
                <a>{p.status === 'active' ? '停用' : '启用'}</a>
              </Popconfirm>,
            ]
          : null,
    },
  ];

  return (
    <PageContainer title="岗位管理" subTitle="各部门、科室与乡镇（街道）的岗位；流程环节按岗位派件">
      <Row gutter={16}>
        <Col xs={24} lg={9}>
          <Card title="按单位查看" styles={{ body: { maxHeight: 640, overflow: 'auto' } }}>
            {units ? (
              <UnitTree
                units={units}
                selected={selected}
                onSelect={setSelected}
                expanded={expanded}
                onExpand={setExpanded}
                compact
              />
            ) : (
              <Skeleton active paragraph={{ rows: 8 }} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15}>
          <ProTable<Post, { unitId?: string; departmentId?: string }>
            rowKey="id"
            actionRef={table}
            headerTitle={unit ? `${unit.name}的岗位` : '全部岗位'}
            columns={columns}
            search={false}
            params={filter}
            pagination={{ defaultPageSize: 20 }}
            options={{ density: false, setting: false }}
            request={async ({ current, pageSize, unitId, departmentId }) => {
              const result = await api.get<Page<Post>>('/api/posts', {
                page: current,
                pageSize,
                unitId,
                departmentId,
              });
              return { data: result.items, total: result.total, success: true };
            }}
            onRequestError={(e) => void message.error(e.message)}
            toolBarRender={() =>
              ability.can('create', 'Post')
                ? [
                    <Button
                      key="create"
                      type="primary"
                      icon={<PlusOutlined />}
                      disabled={!units}
                      onClick={() => setDialog({})}
                    >
                      新建岗位
                    </Button>,
                  ]
                : []
            }
          />
        </Col>
      </Row>
      {dialog && units && (
        <PostFormModal
          post={dialog.post}
          unitId={selected}
          units={units}
          onDone={(saved) => {
            setDialog(undefined);
            if (!saved) return;
            void message.success(`已保存岗位「${saved.name}」`);
            void table.current?.reload();
          }}
        />
      )}
    </PageContainer>
  );
}
