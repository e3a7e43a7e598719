import { Form, Radio, Select } from 'antd';
import { useAllPages } from '../../api/use-remote';
import { useSignedIn } from '../../identity/session';
import type { StaffUser } from '../../identity/types';
import { ActionModal } from '../ActionModal';
import type { Act } from '../use-act';
import { optional, TextItem } from './fields';

interface Values {
  position: 'before' | 'after';
  userId: string;
  reason?: string;
}

/** 加签 (RUN-4): another holder of the step's posts signs before or after the handler. */
export function AddSignerModal(props: {
  workItemId: string;
  departmentId: string;
  postIds: string[];
  act: Act;
  onClose: () => void;
}) {
  const { me } = useSignedIn();
  const users = useAllPages<StaffUser>(
    `/api/users?departmentId=${props.departmentId}&status=active`,
  );
  const people = (users.data ?? []).filter(
    (u) => u.id !== me.user.id && u.postIds.some((p) => props.postIds.includes(p)),
  );
  return (
    <ActionModal<Values>
      title="加签"
      okText="加签"
      done="已加签"
      act={props.act}
      onClose={props.onClose}
      initialValues={{ position: 'before' }}
      toCommand={(v) => {
        const user = people.find((u) => u.id === v.userId)!;
        return {
          type: 'addSigner',
          workItemId: props.workItemId,
          position: v.position,
          signer: { user: { userId: user.id, name: user.name } },
          ...optional('reason', v.reason),
        };
      }}
    >
      <Form.Item name="position" label="加签方式">
        <Radio.Group
          options={[
            { value: 'before', label: '前加签（加签人先办，再由我决定）' },
            { value: 'after', label: '后加签（我办完后再由加签人办理）' },
          ]}
        />
      </Form.Item>
      <Form.Item name="userId" label="加签人" rules={[{ required: true, message: '请选择加签人' }]}>
        <Select
          showSearch
          optionFilterProp="label"
          loading={users.loading}
          notFoundContent="本环节岗位上没有其他人员"
          options={people.map((u) => ({ value: u.id, label: `${u.name}（${u.staffNo}）` }))}
        />
      </Form.Item>
      <TextItem name="reason" label="加签说明" max={500} />
    </ActionModal>
  );
}
