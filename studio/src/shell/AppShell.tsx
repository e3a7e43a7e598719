import { UserOutlined } from '@ant-design/icons';
import { ProLayout, type MenuDataItem } from '@ant-design/pro-components';
import { Result } from 'antd';
import { useMemo } from 'react';
import { Link, Route, Routes, useLocation } from 'react-router';
import { CoverageBanner } from '../calendar/CoverageBanner';
import { useSignedIn } from '../identity/session';
import { MessagesPage } from '../notifications/MessagesPage';
import { NotificationBell } from '../notifications/NotificationBell';
import { Forbidden } from './Forbidden';
import { PAGES } from './pages';
import { PLATFORM_NAME } from './platform';
import { UserMenu } from './UserMenu';

export function AppShell() {
  const location = useLocation();
  const { me, ability } = useSignedIn();
  const menu = useMemo<MenuDataItem[]>(
    () =>
      PAGES.filter((p) => !p.hidden && p.allowed(ability)).map((p) => ({
        path: p.path,
        name: p.name,
        icon: p.icon,
      })),
    [ability],
  );

  return (
    <ProLayout
      title={PLATFORM_NAME}
      logo="/favicon.svg"
      layout="mix"
      fixSiderbar
      location={{ pathname: location.pathname }}
      route={{ path: '/', routes: menu }}
      menuItemRender={(item, dom) => (item.path ? <Link to={item.path}>{dom}</Link> : dom)}
      actionsRender={() => [<NotificationBell key="bell" />]}
      avatarProps={{
        icon: <UserOutlined />,
        size: 'small',
        title: me.user.name,
        render: (_, dom) => <UserMenu>{dom}</UserMenu>,
      }}
    >
      {ability.can('manage', 'OfficialCalendar') && <CoverageBanner />}
      <Routes>
        {PAGES.map((p) => (
          <Route
            key={p.path}
            path={p.path}
            element={p.allowed(ability) ? p.element : <Forbidden />}
          />
        ))}
        <Route path="/messages" element={<MessagesPage />} />
        <Route
          path="*"
          element={<Result status="404" title="页面不存在" subTitle="请从左侧菜单进入。" />}
        />
      </Routes>
    </ProLayout>
  );
}
