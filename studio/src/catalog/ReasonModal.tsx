import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';

interface Props {
  title: string;
  label: string;
  okText: string;
  /** Throws to keep the dialog open with the message. */
  onOk: (text: string) => Promise<void>;
  onCancel: () => void;
}

/** Asks for a reason (or a comment) and sends it. */
export function ReasonModal({ title, label, okText, onOk, onCancel }: Props) {
  const [form] = Form.useForm<{ text: string }>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function ok() {
    const { text } = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      await onOk(text.trim());
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open
      title={title}
      okText={okText}
      confirmLoading={busy}
      maskClosable={false}
      onOk={() => void ok()}
      onCancel={onCancel}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item
          name="text"
          label={label}
          rules={[{ required: true, whitespace: true, message: `请填写${label}` }]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
