import { Form, Select } from 'antd';
import type { ExcludedTimeKind } from '../../../../runtime/process/vocabulary';
import { ActionModal } from '../ActionModal';
import { EXCLUDED_TIME_KINDS } from '../labels';
import type { Act } from '../use-act';
import { TextItem } from './fields';

/** 暂停 (RUN-4): only for a procedure the step declares as excluded time; the clock stops. */
export function SuspendModal(props: {
  workItemId: string;
  procedures: ExcludedTimeKind[];
  act: Act;
  onClose: () => void;
}) {
  return (
    <ActionModal<{ procedure: ExcludedTimeKind; reason: string }>
      title="暂停办理"
      okText="暂停"
      done="已暂停，计时停止"
      act={props.act}
      onClose={props.onClose}
      initialValues={{ procedure: props.procedures[0] }}
      toCommand={(v) => ({
        type: 'suspend',
        workItemId: props.workItemId,
        procedure: v.procedure,
        reason: v.reason.trim(),
      })}
    >
      <Form.Item name="procedure" label="不计时的程序" rules={[{ required: true }]}>
        <Select
          options={props.procedures.map((p) => ({ value: p, label: EXCLUDED_TIME_KINDS[p] }))}
        />
      </Form.Item>
      <TextItem name="reason" label="暂停理由" required max={500} />
    </ActionModal>
  );
}
