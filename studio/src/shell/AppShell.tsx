import { DashboardOutlined } from '@ant-design/icons';
import { ProLayout, type MenuDataItem } from '@ant-design/pro-components';
import { Result } from 'antd';
import { Link, Route, Routes, useLocation } from 'react-router';
import { HomePage } from '../home/HomePage';
import { PLATFORM_NAME } from './platform';

const menu: MenuDataItem[] = [{ path: '/', name: '首页', icon: <DashboardOutlined /> }];

export function AppShell() {
  const location = useLocation();
  return (
    <ProLayout
      title={PLATFORM_NAME}
      logo="/favicon.svg"
      layout="mix"
      fixSiderbar
      location={{ pathname: location.pathname }}
      route={{ path: '/', routes: menu }}
      menuItemRender={(item, dom) => (item.path ? <Link to={item.path}>{dom}</Link> : dom)}
    >
      <Routes>
        <Route path="/" element={<HomePage />} />
        <Route
          path="*"
          element={<Result status="404" title="页面不存在" subTitle="请从左侧菜单进入。" />}
        />
      </Routes>
    </ProLayout>
  );
}
