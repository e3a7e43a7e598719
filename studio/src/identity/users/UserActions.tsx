import { App, Popconfirm, Space } from 'antd';
import { api } from '../../api/client';
import type { StaffUser } from '../types';

interface Props {
  user: StaffUser & { locked: boolean };
  /** The signed-in user may not disable themself (the server refuses it too). */
  self: boolean;
  onEdit: () => void;
  onResetPassword: () => void;
  onChanged: () => void;
}

/** A row's actions: edit, reset password, unlock when locked, disable or enable. */
export function UserActions({ user, self, onEdit, onResetPassword, onChanged }: Props) {
  const { message } = App.useApp();

  async function run(done: string, action: () => Promise<unknown>) {
    try {
      await action();
      void message.success(done);
      onChanged();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  }

  const active = user.status === 'active';
  return (
    <Space size={8}>
      <a onClick={onEdit}>编辑</a>
      <a onClick={onResetPassword}>重置密码</a>
      {user.locked && (
        <Popconfirm
          title={`解除「${user.name}」的锁定？`}
          onConfirm={() => run('已解锁', () => api.post(`/api/users/${user.id}/unlock`))}
        >
          <a>解锁</a>
        </Popconfirm>
      )}
      {!self && (
        <Popconfirm
          title={active ? `停用「${user.name}」？停用后其登录立即失效。` : `启用「${user.name}」？`}
          onConfirm={() =>
            run(active ? '已停用' : '已启用', () =>
              api.patch(`/api/users/${user.id}`, {
                version: user.version,
                status: active ? 'disabled' : 'active',
              }),
            )
          }
        >
          <a>{active ? '停用' : '启用'}</a>
        </Popconfirm>
      )}
    </Space>
  );
}
