import { ModalForm, ProFormText } from '@ant-design/pro-components';
import { Alert, App } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import { PASSWORD_HINT, passwordRule } from './password';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** 修改密码: this session stays; the server ends the user's other sessions. */
export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [error, setError] = useState<string>();

  async function submit(values: Values) {
    setError(undefined);
    try {
      await api.post('/api/auth/password', {
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      void message.success('密码已修改，其他设备上的登录已退出');
      onClose();
      return true;
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      return false;
    }
  }

  return (
    <ModalForm<Values>
      title="修改密码"
      open={open}
      width={420}
      modalProps={{ destroyOnHidden: true, onCancel: onClose, maskClosable: false }}
      onFinish={submit}
      submitter={{ searchConfig: { submitText: '保存' } }}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <ProFormText.Password
        name="currentPassword"
        label="当前密码"
        fieldProps={{ autoComplete: 'current-password' }}
        rules={[{ required: true, message: '请输入当前密码' }]}
      />
      <ProFormText.Password
        name="newPassword"
        label="新密码"
        extra={PASSWORD_HINT}
        fieldProps={{ autoComplete: 'new-password' }}
        rules={[{ required: true, message: '请输入新密码' }, passwordRule]}
      />
      <ProFormText.Password
        name="confirm"
        label="确认新密码"
        dependencies={['newPassword']}
        fieldProps={{ autoComplete: 'new-password' }}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error('两次输入的密码不一致')),
          }),
        ]}
      />
    </ModalForm>
  );
}
