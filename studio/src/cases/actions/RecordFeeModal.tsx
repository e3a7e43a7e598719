import { Form, Input, InputNumber, Typography } from 'antd';
import { ActionModal } from '../ActionModal';
import type { Act } from '../use-act';
import { optional, TextItem } from './fields';

interface Values {
  amountYuan: number;
  receipt?: string;
  note?: string;
}

/** 登记收费 (RUN-16): what was actually charged, compared by supervision with the standard. */
export function RecordFeeModal(props: { act: Act; onClose: () => void; standardFen?: number }) {
  const { standardFen } = props;
  return (
    <ActionModal<Values>
      title="登记收费"
      okText="登记"
      done="已登记收费"
      act={props.act}
      onClose={props.onClose}
      initialValues={standardFen === undefined ? {} : { amountYuan: standardFen / 100 }}
      toCommand={(v) => ({
        type: 'recordFee',
        // Yuan typed with two decimals; the engine counts fen so no rounding creeps into sums.
        amountFen: Math.round(v.amountYuan * 100),
        ...optional('receipt', v.receipt),
        ...optional('note', v.note),
      })}
    >
      {standardFen !== undefined && (
        <Typography.Paragraph type="secondary">
          本事项收费标准 {(standardFen / 100).toFixed(2)} 元；与标准不符的收费将由电子监察预警。
        </Typography.Paragraph>
      )}
      <Form.Item
        name="amountYuan"
        label="实收金额（元）"
        rules={[{ required: true, message: '请填写实收金额' }]}
      >
        <InputNumber min={0.01} max={100_000_000} precision={2} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="receipt" label="票据号">
        <Input maxLength={100} />
      </Form.Item>
      <TextItem name="note" label="说明" max={500} />
    </ActionModal>
  );
}
