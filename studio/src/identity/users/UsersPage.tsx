import { PlusOutlined } from '@ant-design/icons';
import {
  PageContainer,
  ProTable,
  type ActionType,
  type ProColumns,
} from '@ant-design/pro-components';
import { App, Button, Space, Tag, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { api, type Page } from '../../api/client';
import { useAllPages } from '../../api/use-remote';
import type { Post } from '../../organisation/types';
import { pathOf } from '../../organisation/unit-tree';
import { useUnits } from '../../organisation/use-units';
import { canOn } from '../ability';
import { ROLE_LABELS } from '../roles';
import { useSignedIn } from '../session';
import { ROLES, type Role, type StaffUser } from '../types';
import { ResetPasswordModal } from './ResetPasswordModal';
import { UserActions } from './UserActions';
import { UserFormModal } from './UserFormModal';

type Row = StaffUser & { locked: boolean };

interface Filters {
  q?: string;
  departmentId?: string;
  role?: Role;
  status?: 'active' | 'disabled';
  current?: number;
  pageSize?: number;
}

type Dialog = { kind: 'edit'; user?: StaffUser } | { kind: 'password'; user: StaffUser };

export function UsersPage() {
  const { message } = App.useApp();
  const { me, ability } = useSignedIn();
  const { units, byId } = useUnits();
  const posts = useAllPages<Post>('/api/posts');
  const postNames = useMemo(
    () => new Map((posts.data ?? []).map((p) => [p.id, p.name])),
    [posts.data],
  );
  const table = useRef<ActionType>(undefined);
  const [dialog, setDialog] = useState<Dialog>();

  const departments = useMemo(
    () =>
      Object.fromEntries(
        (units ?? [])
          .filter((u) => u.kind === 'department' || u.kind === 'township')
          .map((u) => [u.id, { text: u.name }]),
      ),
    [units],
  );

  // Records carry no county; their unit does, and the rules match on it.
  const mayUpdate = (u: StaffUser) =>
    canOn(ability, 'update', 'User', { ...u, countyId: byId.get(u.unitId)?.countyId });
  const mayCreate = ability.can('create', 'User');

  const columns: ProColumns<Row>[] = [
    {
      title: '关键词',
      dataIndex: 'q',
      hideInTable: true,
      fieldProps: { placeholder: '姓名、用户名或工号' },
    },
    { title: '工号', dataIndex: 'staffNo', search: false, width: 80 },
    {
      title: '姓名',
      dataIndex: 'name',
      search: false,
      width: 120,
      render: (_, u) => (
        <div>
          <div>{u.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {u.username}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: '部门',
      dataIndex: 'departmentId',
      valueType: 'select',
      valueEnum: departments,
      hideInTable: true,
      fieldProps: { showSearch: true },
    },
    {
      title: '所属单位',
      dataIndex: 'unitId',
      search: false,
      width: 220,
      render: (_, u) => {
        const unit = byId.get(u.unitId);
        return unit ? pathOf(unit, byId).split(' / ').slice(1).join(' / ') : '—';
      },
    },
    {
      title: '岗位',
      dataIndex: 'postIds',
      search: false,
      width: 110,
      render: (_, u) =>
        u.postIds.length ? u.postIds.map((id) => postNames.get(id) ?? '…').join('、') : '—',
    },
    {
      title: '角色',
      dataIndex: 'role',
      valueType: 'select',
      width: 150,
      valueEnum: Object.fromEntries(ROLES.map((r) => [r, { text: ROLE_LABELS[r] }])),
      render: (_, u) =>
        u.roles.length ? (
          <Space size={[0, 4]} wrap>
            {u.roles.map((r) => (
              <Tag key={r} color={r === 'admin' ? 'red' : 'blue'}>
                {ROLE_LABELS[r]}
              </Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">无</Typography.Text>
        ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      valueType: 'select',
      valueEnum: { active: { text: '正常' }, disabled: { text: '停用' } },
      width: 80,
      render: (_, u) => (
        <Space size={[0, 4]} wrap>
          {u.status === 'active' ? <Tag color="success">正常</Tag> : <Tag>停用</Tag>}
          {u.locked && <Tag color="warning">已锁定</Tag>}
        </Space>
      ),
    },
    {
      title: '最近登录',
      dataIndex: 'lastLoginAt',
      valueType: 'dateTime',
      search: false,
      width: 150,
    },
    {
      title: '操作',
      valueType: 'option',
      width: 220,
      fixed: 'right',
      // Readers (a supervisor, a clerk) get no empty column of actions.
      hideInTable: !ability.can('update', 'User'),
      render: (_, u) =>
        mayUpdate(u) && (
          <UserActions
            user={u}
            self={u.id === me.user.id}
            onEdit={() => setDialog({ kind: 'edit', user: u })}
            onResetPassword={() => setDialog({ kind: 'password', user: u })}
            onChanged={() => void table.current?.reload()}
          />
        ),
    },
  ];

  return (
    <PageContainer title="用户管理" subTitle="工作人员账号、所属单位、岗位与角色">
      <ProTable<Row, Filters>
        rowKey="id"
        actionRef={table}
        columns={columns}
        search={{ labelWidth: 'auto' }}
        // Chinese text breaks anywhere, so an unsized column would shrink to one character.
        scroll={{ x: 1130 }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        options={{ density: false, setting: false }}
        request={async ({ current, pageSize, q, departmentId, role, status }) => {
          const result = await api.get<Page<StaffUser>>('/api/users', {
            page: current,
            pageSize,
            q,
            departmentId,
            role,
            status,
          });
          const now = Date.now();
          return {
            data: result.items.map((u) => ({
              ...u,
              locked: Boolean(u.lockedUntil && Date.parse(u.lockedUntil) > now),
            })),
            total: result.total,
            success: true,
          };
        }}
        onRequestError={(e) => void message.error(e.message)}
        toolBarRender={() =>
          mayCreate
            ? [
                <Button
                  key="create"
                  type="primary"
                  icon={<PlusOutlined />}
                  disabled={!units}
                  onClick={() => setDialog({ kind: 'edit' })}
                >
                  新建用户
                </Button>,
              ]
            : []
        }
      />
      {dialog?.kind === 'edit' && units && (
        <UserFormModal
          user={dialog.user}
          units={units}
          byId={byId}
          onDone={(saved) => {
            setDialog(undefined);
            if (!saved) return;
            void message.success(
              dialog.user ? `已保存「${saved.name}」` : `已新建用户「${saved.name}」`,
            );
            void table.current?.reload();
          }}
        />
      )}
      {dialog?.kind === 'password' && (
        <ResetPasswordModal
          user={dialog.user}
          onDone={(ok) => {
            setDialog(undefined);
            if (ok) void message.success(`已重置「${dialog.user.name}」的密码`);
            void table.current?.reload();
          }}
        />
      )}
    </PageContainer>
  );
}
