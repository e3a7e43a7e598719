import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { LoginForm, ProFormText } from '@ant-design/pro-components';
import { Alert, Button, Divider } from 'antd';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { useRemote } from '../api/use-remote';
import { PLATFORM_NAME } from '../shell/platform';
import { safeRedirect } from './redirect';
import { useSession } from './session';

interface Credentials {
  username: string;
  password: string;
}

export function LoginPage() {
  const { state, login } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<string>();
  const target = safeRedirect(params.get('redirect'));
  const providers = useRemote<{ oidc: boolean }>('/api/auth/providers').data;

  useEffect(() => {
    document.title = `登录 - ${PLATFORM_NAME}`;
  }, []);

  if (state.status === 'signed-in') return <Navigate to={target} replace />;

  async function submit(values: Credentials) {
    setError(undefined);
    try {
      await login(values.username.trim(), values.password);
      navigate(target, { replace: true });
    } catch (e) {
      // The server's own words: wrong password, locked for N minutes, or disabled.
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(180deg, #fbeaea 0%, #f5f5f5 60%)',
      }}
    >
      <LoginForm<Credentials>
        logo="/favicon.svg"
        title={PLATFORM_NAME}
        subTitle="政务服务 · 政务公开 · 电子监察 工作人员登录"
        // Its default background repeats the page's gradient inside its own box.
        containerStyle={{ background: 'transparent' }}
        onFinish={submit}
        message={
          error && (
            <Alert
              type="error"
              showIcon
              message={error}
              style={{ marginBottom: 24 }}
              data-testid="login-error"
            />
          )
        }
      >
        <ProFormText
          name="username"
          fieldProps={{ size: 'large', prefix: <UserOutlined />, autoComplete: 'username' }}
          placeholder="用户名"
          rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
        />
        <ProFormText.Password
          name="password"
          fieldProps={{ size: 'large', prefix: <LockOutlined />, autoComplete: 'current-password' }}
          placeholder="密码"
          rules={[{ required: true, message: '请输入密码' }]}
        />
        {providers?.oidc && (
          <>
            <Divider plain>或</Divider>
            <Button block size="large" href="/api/auth/oidc/login" style={{ marginBottom: 24 }}>
              统一身份认证登录
            </Button>
          </>
        )}
      </LoginForm>
    </div>
  );
}
