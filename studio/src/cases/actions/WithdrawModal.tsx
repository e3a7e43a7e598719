import { AutoComplete, Form } from 'antd';
import { ActionModal } from '../ActionModal';
import type { Act } from '../use-act';
import { optional, TextItem } from './fields';

const WAYS = ['书面申请', '窗口当面口头申请', '电话申请', '政务服务网留言'];

/** 撤回 at the applicant's request (RUN-4): recorded as theirs, with how they asked. */
export function WithdrawModal(props: { act: Act; onClose: () => void }) {
  return (
    <ActionModal<{ request: string; reason?: string }>
      title="应申请人请求撤回"
      okText="撤回"
      done="已按申请人请求撤回"
      act={props.act}
      onClose={props.onClose}
      toCommand={(v) => ({
        type: 'withdraw',
        request: v.request.trim(),
        ...optional('reason', v.reason),
      })}
    >
      <Form.Item
        name="request"
        label="申请人提出撤回的方式"
        rules={[{ required: true, whitespace: true, message: '请填写申请人提出撤回的方式' }]}
      >
        <AutoComplete
          options={WAYS.map((value) => ({ value }))}
          placeholder="如：书面申请"
          maxLength={200}
        />
      </Form.Item>
      <TextItem name="reason" label="撤回原因（申请人所述）" max={500} />
    </ActionModal>
  );
}
