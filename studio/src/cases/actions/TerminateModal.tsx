import { Checkbox, Form } from 'antd';
import { ActionModal } from '../ActionModal';
import type { Act } from '../use-act';
import { TextItem } from './fields';

/** 终止 (RUN-4): an administrator ends a case that cannot go on; it cannot be undone. */
export function TerminateModal(props: { act: Act; onClose: () => void }) {
  return (
    <ActionModal<{ reason: string; sure: boolean }>
      title="终止办件"
      okText="终止"
      done="办件已终止"
      act={props.act}
      onClose={props.onClose}
      toCommand={(v) => ({ type: 'terminate', reason: v.reason.trim() })}
    >
      <TextItem name="reason" label="终止理由" required />
      <Form.Item
        name="sure"
        valuePropName="checked"
        rules={[
          {
            validator: (_, v) =>
              v ? Promise.resolve() : Promise.reject(new Error('请确认终止后不能恢复')),
          },
        ]}
      >
        <Checkbox>我已核实：终止后办件结束，不能恢复办理</Checkbox>
      </Form.Item>
    </ActionModal>
  );
}
