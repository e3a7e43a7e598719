import { Checkbox, Form, Space } from 'antd';
import type { CorrectionRequest } from '../../../../runtime/cases/state';
import { ActionModal } from '../ActionModal';
import type { Act } from '../use-act';
import { optional, TextItem } from './fields';

/** 补正材料: the window hands in what the applicant brought; the clock runs again. */
export function SupplyModal(props: {
  correction: CorrectionRequest;
  act: Act;
  onClose: () => void;
}) {
  const listed = props.correction.items.filter((i) => i.materialId);
  return (
    <ActionModal<{ supplied: string[]; note?: string }>
      title="补正材料"
      okText="确认已补正"
      done="补正材料已收取，计时恢复"
      act={props.act}
      onClose={props.onClose}
      initialValues={{ supplied: listed.map((i) => i.materialId!) }}
      toCommand={(v) => ({
        type: 'supplyCorrection',
        materials: v.supplied.map((materialId) => ({ materialId })),
        ...optional('note', v.note),
      })}
    >
      <Form.Item name="supplied" label="已补交的材料">
        <Checkbox.Group>
          <Space direction="vertical">
            {listed.map((i) => (
              <Checkbox key={i.materialId} value={i.materialId}>
                {i.name}（{i.reason}）
              </Checkbox>
            ))}
          </Space>
        </Checkbox.Group>
      </Form.Item>
      <TextItem name="note" label="说明" />
    </ActionModal>
  );
}
