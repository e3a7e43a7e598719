import { LogoutOutlined } from '@ant-design/icons';
import { App, Dropdown } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { useSession, useSignedIn } from '../identity/session';

/** The avatar's menu in the header: who is signed in, and 退出登录. */
export function UserMenu({ children }: { children: ReactNode }) {
  const { me } = useSignedIn();
  const { logout } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();

  async function signOut() {
    try {
      await logout();
      navigate('/login', { replace: true });
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  }

  const roles = me.user.roleLabels.join('、') || '无角色';
  return (
    <Dropdown
      menu={{
        items: [
          {
            key: 'who',
            disabled: true,
            label: `${me.user.unitName} · ${roles}`,
          },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
        ],
        onClick: ({ key }) => key === 'logout' && void signOut(),
      }}
    >
      <span data-testid="user-menu">{children}</span>
    </Dropdown>
  );
}
