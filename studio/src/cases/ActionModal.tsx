import { Alert, Form, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import { isStale, type Act } from './use-act';

interface Props<V> {
  title: string;
  okText: string;
  /** The success message. */
  done: string;
  act: Act;
  toCommand: (values: V) => Record<string, unknown>;
  onClose: () => void;
  initialValues?: Partial<V>;
  width?: number;
  children: ReactNode;
}

/** A dialog that sends one command: the server's refusal shows inside, a stale case closes it. */
export function ActionModal<V extends object>(props: Props<V>) {
  const { title, okText, done, act, toCommand, onClose, initialValues, width, children } = props;
  const [form] = Form.useForm<V>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function ok() {
    const values = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      await act(toCommand(values), done);
      onClose();
    } catch (e) {
      if (isStale(e)) onClose();
      else setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText="取消"
      width={width}
      confirmLoading={busy}
      maskClosable={false}
      destroyOnHidden
      onOk={() => void ok().catch(() => undefined)}
      onCancel={onClose}
    >
      {error && (
        <Alert
          type="error"
          showIcon
          message={error}
          style={{ marginBottom: 12 }}
          data-testid="action-error"
        />
      )}
      <Form form={form} layout="vertical" initialValues={initialValues}>
        {children}
      </Form>
    </Modal>
  );
}
