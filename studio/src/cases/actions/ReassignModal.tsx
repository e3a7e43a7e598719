import { Form, Radio, Select } from 'antd';
import { useAllPages } from '../../api/use-remote';
import { useSignedIn } from '../../identity/session';
import type { StaffUser } from '../../identity/types';
import type { Post } from '../../organisation/types';
import { ActionModal } from '../ActionModal';
import type { Act } from '../use-act';
import { TextItem } from './fields';

interface Values {
  to: 'posts' | 'user';
  postIds?: string[];
  userId?: string;
  reason: string;
}

/** 转办 (RUN-4): to posts (open again for their holders) or to one person. */
export function ReassignModal(props: {
  workItemId: string;
  /** The unit whose posts and people the step may go to: the step's own department. */
  departmentId: string;
  act: Act;
  onClose: () => void;
}) {
  const { me } = useSignedIn();
  const posts = useAllPages<Post>(`/api/posts?departmentId=${props.departmentId}`);
  const users = useAllPages<StaffUser>(
    `/api/users?departmentId=${props.departmentId}&status=active`,
  );
  const people = (users.data ?? []).filter((u) => u.id !== me.user.id);
  return (
    <ActionModal<Values>
      title="转办"
      okText="转办"
      done="已转办"
      act={props.act}
      onClose={props.onClose}
      initialValues={{ to: 'posts' }}
      toCommand={(v) => {
        const user = people.find((u) => u.id === v.userId);
        return {
          type: 'reassign',
          workItemId: props.workItemId,
          to:
            v.to === 'user' && user
              ? { user: { userId: user.id, name: user.name } }
              : { postIds: v.postIds ?? [] },
          reason: v.reason.trim(),
        };
      }}
    >
      <Form.Item name="to" label="转给">
        <Radio.Group
          options={[
            { value: 'posts', label: '岗位' },
            { value: 'user', label: '指定人员' },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['to']}>
        {({ getFieldValue }) =>
          getFieldValue('to') === 'user' ? (
            <Form.Item
              name="userId"
              label="人员"
              rules={[{ required: true, message: '请选择人员' }]}
            >
              <Select
                showSearch
                optionFilterProp="label"
                loading={users.loading}
                options={people.map((u) => ({ value: u.id, label: `${u.name}（${u.staffNo}）` }))}
              />
            </Form.Item>
          ) : (
            <Form.Item
              name="postIds"
              label="岗位"
              rules={[{ required: true, message: '请选择岗位' }]}
            >
              <Select
                mode="multiple"
                loading={posts.loading}
                options={(posts.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              />
            </Form.Item>
          )
        }
      </Form.Item>
      <TextItem name="reason" label="转办理由" required max={500} />
    </ActionModal>
  );
}
