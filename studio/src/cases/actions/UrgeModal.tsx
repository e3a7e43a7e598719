import { ActionModal } from '../ActionModal';
import type { Act } from '../use-act';
import { optional, TextItem } from './fields';

/** 催办: a supervisor presses every open step of the case. */
export function UrgeModal(props: { act: Act; onClose: () => void }) {
  return (
    <ActionModal<{ message?: string }>
      title="催办"
      okText="催办"
      done="已催办"
      act={props.act}
      onClose={props.onClose}
      toCommand={(v) => ({ type: 'urge', ...optional('message', v.message) })}
    >
      <TextItem name="message" label="催办内容" max={500} />
    </ActionModal>
  );
}
