import {
  ModalForm,
  ProFormCheckbox,
  ProFormText,
  ProFormTextArea,
} from '@ant-design/pro-components';
import { Alert, Form } from 'antd';
import { useCallback, useState } from 'react';
import { api } from '../api/client';
import { placeServerError } from '../api/form-errors';
import { canOn } from '../identity/ability';
import { useAbility } from '../identity/session';
import type { Post, Unit } from './types';
import { UnitTreeSelect } from './UnitTreeSelect';

interface Values {
  unitId: string;
  name: string;
  description?: string;
  leading?: boolean;
}

interface Props {
  /** The post to rename; none to create one. */
  post?: Post;
  /** Where a new post goes unless the user picks another unit. */
  unitId?: string;
  units: Unit[];
  onDone: (saved?: Post) => void;
}

export function PostFormModal({ post, unitId, units, onDone }: Props) {
  const ability = useAbility();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string>();

  // Posts sit in a department, office or township the caller may manage.
  const selectable = useCallback(
    (u: Unit) =>
      Boolean(u.departmentId) &&
      u.kind !== 'community' &&
      canOn(ability, 'create', 'Post', { countyId: u.countyId, departmentId: u.departmentId }),
    [ability],
  );
  const initialUnit =
    unitId && units.some((u) => u.id === unitId && selectable(u)) ? unitId : undefined;

  async function submit(values: Values): Promise<boolean> {
    setFormError(undefined);
    const description = values.description?.trim() ?? '';
    try {
      const saved = post
        ? await api.patch<Post>(`/api/posts/${post.id}`, {
            version: post.version,
            name: values.name.trim(),
            description,
            leading: !!values.leading,
          })
        : await api.post<Post>('/api/posts', {
            unitId: values.unitId,
            name: values.name.trim(),
            description: description || undefined,
            leading: !!values.leading,
          });
      onDone(saved);
      return true;
    } catch (e) {
      // The unique key is (unitId, name): a clash means the name is taken in that unit.
      setFormError(placeServerError(form, e, { unitId: post ? 'name' : 'unitId' }));
      return false;
    }
  }

  return (
    <ModalForm<Values>
      title={post ? `修改岗位：${post.name}` : '新建岗位'}
      open
      form={form}
      width={560}
      layout="horizontal"
      labelCol={{ span: 5 }}
      wrapperCol={{ span: 18 }}
      modalProps={{ maskClosable: false, onCancel: () => onDone() }}
      initialValues={
        post
          ? { name: post.name, description: post.description, leading: !!post.leading }
          : { unitId: initialUnit }
      }
      onFinish={submit}
      submitter={{ searchConfig: { submitText: '保存' } }}
    >
      {formError && (
        <Alert type="error" showIcon message={formError} style={{ marginBottom: 16 }} />
      )}
      {!post && (
        <Form.Item
          name="unitId"
          label="所属单位"
          rules={[{ required: true, message: '请选择单位' }]}
        >
          <UnitTreeSelect units={units} selectable={selectable} />
        </Form.Item>
      )}
      <ProFormText
        name="name"
        label="岗位名称"
        fieldProps={{ maxLength: 40 }}
        rules={[{ required: true, whitespace: true, message: '请输入岗位名称' }]}
      />
      <ProFormCheckbox name="leading" label="负责人岗位">
        持有者为本部门负责人，可看到本部门的监察预警
      </ProFormCheckbox>
      <ProFormTextArea
        name="description"
        label="说明"
        fieldProps={{ maxLength: 200, showCount: true, rows: 3 }}
      />
    </ModalForm>
  );
}
