import { ActionModal } from '../ActionModal';
import type { Act } from '../use-act';
import { TextItem } from './fields';

/** 不予受理 (RUN-2): with the reason the applicant is told. */
export function RefuseModal(props: { workItemId: string; act: Act; onClose: () => void }) {
  return (
    <ActionModal<{ reason: string }>
      title="不予受理"
      okText="不予受理"
      done="已作出不予受理决定"
      act={props.act}
      onClose={props.onClose}
      toCommand={(v) => ({ type: 'refuse', workItemId: props.workItemId, reason: v.reason.trim() })}
    >
      <TextItem name="reason" label="不予受理理由" required />
    </ActionModal>
  );
}
