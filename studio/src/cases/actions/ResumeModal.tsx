import { ActionModal } from '../ActionModal';
import type { Act } from '../use-act';
import { optional, TextItem } from './fields';

/** 恢复 (RUN-4): the procedure is over and the clock runs again. */
export function ResumeModal(props: { act: Act; onClose: () => void }) {
  return (
    <ActionModal<{ opinion?: string }>
      title="恢复办理"
      okText="恢复"
      done="已恢复办理，计时继续"
      act={props.act}
      onClose={props.onClose}
      toCommand={(v) => ({ type: 'resume', ...optional('opinion', v.opinion) })}
    >
      <TextItem name="opinion" label="说明（如检验结论）" />
    </ActionModal>
  );
}
