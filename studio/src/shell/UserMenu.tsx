import { DisconnectOutlined, KeyOutlined, LogoutOutlined } from '@ant-design/icons';
import { App, Dropdown } from 'antd';
import { useState, type ReactNode } from 'react';
import { api } from '../api/client';
import { ChangePasswordModal } from '../identity/ChangePasswordModal';
import { useNavigate } from 'react-router';
import { useSession, useSignedIn } from '../identity/session';

/** The avatar's menu in the header: who is signed in, 修改密码, and the two ways to sign out. */
export function UserMenu({ children }: { children: ReactNode }) {
  const { me } = useSignedIn();
  const { logout } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [changingPassword, setChangingPassword] = useState(false);

  async function signOut(everywhere: boolean) {
    try {
      if (everywhere) await api.post('/api/auth/logout-all');
      await logout();
      navigate('/login', { replace: true });
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  }

  const roles = me.user.roleLabels.join('、') || '无角色';
  return (
    <>
      <Dropdown
        menu={{
          items: [
            {
              key: 'who',
              disabled: true,
              label: `${me.user.unitName} · ${roles}`,
            },
            { type: 'divider' },
            { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
            { key: 'logout-all', icon: <DisconnectOutlined />, label: '退出所有设备' },
            { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
          ],
          onClick: ({ key }) => {
            if (key === 'password') setChangingPassword(true);
            else if (key === 'logout-all') void signOut(true);
            else if (key === 'logout') void signOut(false);
          },
        }}
      >
        <span data-testid="user-menu">{children}</span>
      </Dropdown>
      <ChangePasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
    </>
  );
}
