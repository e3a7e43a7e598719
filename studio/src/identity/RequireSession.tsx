import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { loginPathFor } from './redirect';
import { useSession } from './session';

/** Renders its children for a signed-in user; everyone else is sent to the login page. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { state, retry } = useSession();
  const location = useLocation();
  switch (state.status) {
    case 'loading':
      return (
        <div style={{ height: '100vh', display: 'grid', placeItems: 'center' }}>
          <Spin size="large" tip="正在加载…">
            <div style={{ width: 200, height: 80 }} />
          </Spin>
        </div>
      );
    case 'anonymous':
      return <Navigate to={loginPathFor(location.pathname, location.search)} replace />;
    case 'failed':
      return (
        <Result
          status="error"
          title="无法获取登录状态"
          subTitle={state.error.message}
          extra={
            <Button type="primary" onClick={retry}>
              重试
            </Button>
          }
        />
      );
    case 'signed-in':
      return children;
  }
}
