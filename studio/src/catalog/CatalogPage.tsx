import { PlusOutlined } from '@ant-design/icons';
import {
  PageContainer,
  ProTable,
  type ActionType,
  type ProColumns,
} from '@ant-design/pro-components';
import { App, Badge, Button, Space, Tag, Typography } from 'antd';
import { useMemo, useRef } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, type Page } from '../api/client';
import { canOn } from '../identity/ability';
import { useSignedIn } from '../identity/session';
import { useUnits } from '../organisation/use-units';
import {
  ITEM_STATUS_COLORS,
  ITEM_STATUS_LABELS,
  ITEM_TYPES,
  scopeOf,
  type CatalogRow,
  type ItemStatus,
  type ItemType,
} from './types';

interface Filters {
  q?: string;
  type?: ItemType;
  status?: ItemStatus;
  departmentId?: string;
  current?: number;
  pageSize?: number;
}

/** 事项目录: the items the user may read, searchable by name or code (CAT-1). */
export function CatalogPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { ability } = useSignedIn();
  const { units, byId } = useUnits();
  const table = useRef<ActionType>(undefined);

  const departments = useMemo(
    () =>
      Object.fromEntries(
        (units ?? [])
          .filter((u) => u.kind === 'department' || u.kind === 'township')
          .map((u) => [u.id, { text: u.name }]),
      ),
    [units],
  );

  const columns: ProColumns<CatalogRow>[] = [
    {
      title: '关键词',
      dataIndex: 'q',
      hideInTable: true,
      fieldProps: { placeholder: '事项名称或编码' },
    },
    {
      title: '事项编码',
      dataIndex: 'code',
      search: false,
      width: 170,
      render: (_, r) =>
        r.code ? (
          <Typography.Text code>{r.code}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">未赋码</Typography.Text>
        ),
    },
    {
      title: '事项名称',
      dataIndex: 'name',
      search: false,
      render: (_, r) => <Link to={`/catalog/${r.id}`}>{r.name || '未命名事项'}</Link>,
    },
    {
      title: '事项类型',
      dataIndex: 'type',
      valueType: 'select',
      width: 100,
      valueEnum: Object.fromEntries(Object.entries(ITEM_TYPES).map(([k, v]) => [k, { text: v }])),
      render: (_, r) => r.typeLabel,
    },
    {
      title: '办理部门',
      dataIndex: 'departmentId',
      valueType: 'select',
      valueEnum: departments,
      width: 170,
      fieldProps: { showSearch: true },
      render: (_, r) => byId.get(r.departmentId)?.name ?? '—',
    },
    {
      title: '状态',
      dataIndex: 'status',
      valueType: 'select',
      width: 130,
      valueEnum: Object.fromEntries(
        Object.entries(ITEM_STATUS_LABELS).map(([k, v]) => [k, { text: v }]),
      ),
      render: (_, r) => (
        <Space size={4}>
          <Tag color={ITEM_STATUS_COLORS[r.status]}>{r.statusLabel}</Tag>
          {r.pendingChange && r.status !== 'approved' && r.pendingChange.kind !== 'new' && (
            <Tag>{r.pendingChange.label}</Tag>
          )}
        </Space>
      ),
    },
    {
      title: '当前版本',
      dataIndex: 'currentVersion',
      search: false,
      width: 80,
      render: (_, r) => (r.currentVersion ? `第 ${r.currentVersion} 版` : '—'),
    },
    {
      title: '待处理意见',
      dataIndex: 'openComments',
      search: false,
      width: 90,
      render: (_, r) =>
        r.openComments ? <Badge count={r.openComments} color="orange" /> : <span>0</span>,
    },
    {
      title: '操作',
      valueType: 'option',
      width: 150,
      fixed: 'right',
      render: (_, r) => [
        <Link key="open" to={`/catalog/${r.id}`}>
          {canOn(ability, 'update', 'Item', scopeOf(r)) ? '编辑' : '查看'}
        </Link>,
        r.status === 'submitted' && canOn(ability, 'approve', 'Item', scopeOf(r)) && (
          <Link key="review" to={`/catalog/${r.id}/review`}>
            审核
          </Link>
        ),
        <Link key="versions" to={`/catalog/${r.id}/versions`}>
          版本
        </Link>,
      ],
    },
  ];

  return (
    <PageContainer title="事项目录" subTitle="权力事项与公共服务事项的清单、审核与版本">
      <ProTable<CatalogRow, Filters>
        rowKey="id"
        actionRef={table}
        columns={columns}
        search={{ labelWidth: 'auto' }}
        scroll={{ x: 1100 }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        options={{ density: false, setting: false }}
        request={async ({ current, pageSize, q, type, status, departmentId }) => {
          const result = await api.get<Page<CatalogRow>>('/api/items', {
            page: current,
            pageSize,
            q,
            type,
            status,
            departmentId,
          });
          return { data: result.items, total: result.total, success: true };
        }}
        onRequestError={(e) => void message.error(e.message)}
        toolBarRender={() =>
          ability.can('create', 'Item')
            ? [
                <Button
                  key="create"
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => navigate('/catalog/new')}
                >
                  新增事项
                </Button>,
              ]
            : []
        }
      />
    </PageContainer>
  );
}
