import { ModalForm, ProFormText } from '@ant-design/pro-components';
import { Alert, Checkbox, Form, Select } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { api } from '../../api/client';
import { placeServerError } from '../../api/form-errors';
import { useAllPages, useRemote } from '../../api/use-remote';
import type { Post, Unit } from '../../organisation/types';
import { UnitTreeSelect } from '../../organisation/UnitTreeSelect';
import { canOn } from '../ability';
import { PASSWORD_HINT, passwordRule } from '../password';
import { useAbility } from '../session';
import type { Role, RoleInfo, StaffUser } from '../types';

interface Values {
  username: string;
  staffNo: string;
  name: string;
  phone?: string;
  unitId: string;
  postIds: string[];
  roles: Role[];
  password: string;
}

interface Props {
  /** The user to edit; none to create one. */
  user?: StaffUser;
  units: Unit[];
  byId: Map<string, Unit>;
  onDone: (saved?: StaffUser) => void;
}

/** Creates a staff account or edits one: identity, unit, posts of that unit's department, roles. */
export function UserFormModal({ user, units, byId, onDone }: Props) {
  const ability = useAbility();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string>();
  const roles = useRemote<{ items: RoleInfo[] }>('/api/roles').data?.items;
  const unitId = Form.useWatch('unitId', form) ?? user?.unitId;
  const departmentId = unitId ? byId.get(unitId)?.departmentId : undefined;
  const posts = useAllPages<Post>(
    departmentId ? `/api/posts?departmentId=${departmentId}` : undefined,
  );

  // Users belong to a department, office, township or community the caller may manage.
  const selectable = useCallback(
    (unit: Unit) =>
      Boolean(unit.departmentId) &&
      canOn(ability, user ? 'update' : 'create', 'User', {
        countyId: unit.countyId,
        departmentId: unit.departmentId,
      }),
    [ability, user],
  );

  const postOptions = useMemo(
    () =>
      (posts.data ?? [])
        .filter((p) => p.status === 'active' || user?.postIds.includes(p.id))
        .map((p) => ({
          value: p.id,
          label: `${p.name}（${byId.get(p.unitId)?.name ?? '未知单位'}）`,
        })),
    [posts.data, byId, user],
  );

  async function submit(values: Values): Promise<boolean> {
    setFormError(undefined);
    const common = {
      staffNo: values.staffNo.trim(),
      name: values.name.trim(),
      phone: values.phone?.trim() || undefined,
      unitId: values.unitId,
      postIds: values.postIds ?? [],
      roles: values.roles ?? [],
    };
    try {
      const saved = user
        ? await api.patch<StaffUser>(`/api/users/${user.id}`, { version: user.version, ...common })
        : await api.post<StaffUser>('/api/users', {
            username: values.username.trim().toLowerCase(),
            ...common,
            password: values.password,
          });
      onDone(saved);
      return true;
    } catch (e) {
      setFormError(placeServerError(form, e, { countyId: null }));
      return false;
    }
  }

  // One object for the modal's life: a new one on every render can reset what the user ticked.
  const initialValues = useMemo(
    () =>
      user
        ? {
            staffNo: user.staffNo,
            name: user.name,
            phone: user.phone,
            unitId: user.unitId,
            postIds: user.postIds,
            roles: user.roles,
          }
        : { postIds: [], roles: [] },
    [user],
  );

  return (
    <ModalForm<Values>
      title={user ? `编辑用户：${user.name}` : '新建用户'}
      open
      form={form}
      width={640}
      layout="horizontal"
      labelCol={{ span: 5 }}
      wrapperCol={{ span: 18 }}
      modalProps={{ maskClosable: false, onCancel: () => onDone() }}
      initialValues={initialValues}
      onFinish={submit}
      submitter={{ searchConfig: { submitText: '保存' } }}
    >
      {formError && (
        <Alert type="error" showIcon message={formError} style={{ marginBottom: 16 }} />
      )}
      {user ? (
        <Form.Item label="用户名">{user.username}</Form.Item>
      ) : (
        <ProFormText
          name="username"
          label="用户名"
          placeholder="登录用，如 zhang.san"
          fieldProps={{ autoComplete: 'off', maxLength: 32 }}
          rules={[
            { required: true, message: '请输入用户名' },
            {
              pattern: /^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/,
              message: '用户名应以字母开头，3–32 位字母、数字或 _.-',
            },
          ]}
        />
      )}
      <ProFormText
        name="staffNo"
        label="工号"
        fieldProps={{ maxLength: 20 }}
        rules={[
          { required: true, message: '请输入工号' },
          { pattern: /^[A-Za-z0-9-]{1,20}$/, message: '工号应为 1–20 位字母、数字或 -' },
        ]}
      />
      <ProFormText
        name="name"
        label="姓名"
        fieldProps={{ maxLength: 30 }}
        rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}
      />
      <ProFormText
        name="phone"
        label="电话"
        placeholder="手机号或带区号的座机号"
        rules={[
          { pattern: /^(1\d{10}|0\d{2,3}-?\d{7,8})$/, message: '电话应为手机号或带区号的座机号' },
        ]}
      />
      <Form.Item name="unitId" label="所属单位" rules={[{ required: true, message: '请选择单位' }]}>
        <UnitTreeSelect
          units={units}
          selectable={selectable}
          // setFieldsValue: setFieldValue trips a false circular-reference warning in rc-field-form.
          onChange={() => form.setFieldsValue({ postIds: [] })}
        />
      </Form.Item>
      <Form.Item
        name="postIds"
        label="岗位"
        extra={departmentId ? '所在部门（或乡镇）的岗位' : '请先选择所属单位'}
      >
        <Select
          mode="multiple"
          allowClear
          disabled={!departmentId}
          loading={posts.loading}
          options={postOptions}
          optionFilterProp="label"
          placeholder="选择岗位"
        />
      </Form.Item>
      <Form.Item name="roles" label="角色">
        <Checkbox.Group options={(roles ?? []).map((r) => ({ value: r.id, label: r.label }))} />
      </Form.Item>
      {!user && (
        <ProFormText.Password
          name="password"
          label="初始密码"
          fieldProps={{ autoComplete: 'new-password' }}
          extra={PASSWORD_HINT}
          rules={[passwordRule]}
        />
      )}
    </ModalForm>
  );
}
