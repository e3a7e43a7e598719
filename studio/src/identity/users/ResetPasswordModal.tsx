import { ModalForm, ProFormText } from '@ant-design/pro-components';
import { Alert, Form } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { placeServerError } from '../../api/form-errors';
import { PASSWORD_HINT, passwordRule } from '../password';
import type { StaffUser } from '../types';

interface Values {
  password: string;
  confirm: string;
}

/** Sets a new password; the server ends all of the user's sessions and lifts any lock. */
export function ResetPasswordModal({
  user,
  onDone,
}: {
  user: StaffUser;
  onDone: (ok: boolean) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string>();

  async function submit(values: Values): Promise<boolean> {
    setFormError(undefined);
    try {
      await api.post(`/api/users/${user.id}/password`, { password: values.password });
      onDone(true);
      return true;
    } catch (e) {
      setFormError(placeServerError(form, e));
      return false;
    }
  }

  return (
    <ModalForm<Values>
      title={`重置密码：${user.name}（${user.username}）`}
      open
      form={form}
      width={480}
      modalProps={{ maskClosable: false, onCancel: () => onDone(false) }}
      onFinish={submit}
      submitter={{ searchConfig: { submitText: '重置' } }}
    >
      {formError && (
        <Alert type="error" showIcon message={formError} style={{ marginBottom: 16 }} />
      )}
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        message="重置后该用户在所有设备上的登录都将退出，并解除锁定。"
      />
      <ProFormText.Password
        name="password"
        label="新密码"
        extra={PASSWORD_HINT}
        fieldProps={{ autoComplete: 'new-password' }}
        rules={[passwordRule]}
      />
      <ProFormText.Password
        name="confirm"
        label="再次输入"
        dependencies={['password']}
        fieldProps={{ autoComplete: 'new-password' }}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: async (_, value?: string) => {
              if (value && value !== getFieldValue('password'))
                throw new Error('两次输入的密码不一致');
            },
          }),
        ]}
      />
    </ModalForm>
  );
}
