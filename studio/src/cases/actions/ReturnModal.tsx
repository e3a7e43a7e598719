import { Form, Select } from 'antd';
import { ActionModal } from '../ActionModal';
import type { Act } from '../use-act';
import { TextItem } from './fields';

/** 退回 (RUN-4): back to an earlier step, re-opened for its former handler. */
export function ReturnModal(props: {
  workItemId: string;
  targets: { nodeId: string; name: string }[];
  act: Act;
  onClose: () => void;
}) {
  return (
    <ActionModal<{ toNodeId: string; reason: string }>
      title="退回"
      okText="退回"
      done="已退回"
      act={props.act}
      onClose={props.onClose}
      initialValues={{ toNodeId: props.targets.at(-1)?.nodeId }}
      toCommand={(v) => ({
        type: 'returnTo',
        workItemId: props.workItemId,
        toNodeId: v.toNodeId,
        reason: v.reason.trim(),
      })}
    >
      <Form.Item
        name="toNodeId"
        label="退回到环节"
        rules={[{ required: true, message: '请选择退回到的环节' }]}
      >
        <Select options={props.targets.map((t) => ({ value: t.nodeId, label: t.name }))} />
      </Form.Item>
      <TextItem name="reason" label="退回理由" required />
    </ActionModal>
  );
}
