import { Alert, Checkbox, Form, Space, Tag } from 'antd';
import type { CaseState } from '../../../../runtime/cases/state';
import { ActionModal } from '../ActionModal';
import type { Act } from '../use-act';
import { optional, TextItem } from './fields';

interface Props {
  state: CaseState;
  workItemId: string;
  materials?: { id: string; name: string; required: boolean }[];
  act: Act;
  onClose: () => void;
}

interface Values {
  received: string[];
  opinion?: string;
}

/** 受理 (RUN-2): the window ticks the materials handed in against the item's list, and accepts. */
export function AcceptModal({ state, workItemId, materials, act, onClose }: Props) {
  const onFile = new Set(state.materials.map((m) => m.materialId));
  return (
    <ActionModal<Values>
      title="受理"
      okText="受理"
      done="已受理，办件编号已生成"
      act={act}
      onClose={onClose}
      width={600}
      initialValues={{ received: [...onFile] }}
      toCommand={(v) => ({
        type: 'accept',
        workItemId,
        materials: v.received.filter((id) => !onFile.has(id)).map((materialId) => ({ materialId })),
        ...optional('opinion', v.opinion),
      })}
    >
      {materials ? (
        <Form.Item name="received" label="材料核对（勾选已收取的材料）">
          <Checkbox.Group style={{ width: '100%' }} data-testid="materials-checklist">
            <Space direction="vertical">
              {materials.map((m) => (
                <Checkbox key={m.id} value={m.id} disabled={onFile.has(m.id)}>
                  {m.name} {m.required ? <Tag color="red">必要</Tag> : <Tag>非必要</Tag>}
                  {onFile.has(m.id) && <Tag color="green">已收取</Tag>}
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
      ) : (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message="无权读取本事项的材料清单，按已登记的材料受理"
          description={state.materials.map((m) => m.name).join('、') || '未登记材料'}
        />
      )}
      <TextItem name="opinion" label="受理意见" />
    </ActionModal>
  );
}
