import { Checkbox, Form, Input, Space, Tag } from 'antd';
import type { CaseState } from '../../../../runtime/cases/state';
import { ActionModal } from '../ActionModal';
import type { Act } from '../use-act';
import { optional, TextItem } from './fields';

interface Props {
  state: CaseState;
  workItemId: string;
  /** At acceptance every missing required material must be listed (一次性告知). */
  phase: 'acceptance' | 'handling';
  materials?: { id: string; name: string; required: boolean }[];
  act: Act;
  onClose: () => void;
}

interface Values {
  picked: string[];
  others?: string;
  reason: string;
  opinion?: string;
}

/** 补正告知 (RUN-2, RUN-4): one notice listing everything missing; the clock stops. */
export function CorrectionModal({ state, workItemId, phase, materials = [], act, onClose }: Props) {
  const onFile = new Set(state.materials.map((m) => m.materialId));
  const missing = materials.filter((m) => m.required && !onFile.has(m.id)).map((m) => m.id);
  return (
    <ActionModal<Values>
      title="一次性补正告知"
      okText="发出补正告知"
      done="已发出补正告知，计时暂停"
      act={act}
      onClose={onClose}
      width={600}
      initialValues={{
        picked: phase === 'acceptance' ? missing : [],
        reason: phase === 'acceptance' ? '未提交' : '',
      }}
      toCommand={(v) => {
        const others = (v.others ?? '')
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean);
        const reason = v.reason.trim();
        return {
          type: 'requestCorrection',
          workItemId,
          items: [
            ...v.picked.map((materialId) => ({ materialId, reason })),
            ...others.map((name) => ({ name, reason })),
          ],
          ...optional('opinion', v.opinion),
        };
      }}
    >
      {materials.length > 0 && (
        <Form.Item name="picked" label="需补正的材料">
          <Checkbox.Group style={{ width: '100%' }} data-testid="correction-materials">
            <Space direction="vertical">
              {materials.map((m) => (
                <Checkbox key={m.id} value={m.id}>
                  {m.name} {m.required && <Tag color="red">必要</Tag>}
                  {onFile.has(m.id) ? <Tag color="green">已收取</Tag> : <Tag>未收取</Tag>}
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
      )}
      <Form.Item name="others" label="其他需补正的内容（每行一项）">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
      </Form.Item>
      <TextItem name="reason" label="补正原因" required max={500} />
      <TextItem name="opinion" label="告知说明" />
    </ActionModal>
  );
}
