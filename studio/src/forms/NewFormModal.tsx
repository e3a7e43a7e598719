import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { fieldKeyProblem } from '../../../runtime/forms/schema';
import { keyFromLabel } from './field-keys';

interface Props {
  open: boolean;
  /** Keys of the item's forms already there. */
  taken: string[];
  onCancel: () => void;
  onCreate: (form: { name: string; key: string }) => void;
}

/** 新建表单: a name, and a key made from it (the key names the form in URLs and flowcharts). */
export function NewFormModal({ open, taken, onCancel, onCreate }: Props) {
  const [name, setName] = useState('');
  const [key, setKey] = useState<string>();
  const effectiveKey = key ?? (name.trim() ? keyFromLabel(name, taken, 'form') : '');
  const keyProblem =
    fieldKeyProblem(effectiveKey) ??
    (taken.some((k) => k.toLowerCase() === effectiveKey.toLowerCase())
      ? '该事项已有同标识的表单'
      : undefined);
  const nameProblem = name.trim() ? undefined : '请填写表单名称';
  return (
    <Modal
      title="新建表单"
      open={open}
      okText="创建"
      okButtonProps={{ disabled: !!(nameProblem || keyProblem), autoInsertSpace: false }}
      cancelButtonProps={{ autoInsertSpace: false }}
      onCancel={onCancel}
      afterClose={() => (setName(''), setKey(undefined))}
      onOk={() => onCreate({ name: name.trim(), key: effectiveKey })}
    >
      <Form layout="vertical">
        <Form.Item label="表单名称" required>
          <Input
            aria-label="表单名称"
            value={name}
            maxLength={100}
            placeholder="如：申请表"
            onChange={(e) => setName(e.target.value)}
          />
        </Form.Item>
        <Form.Item
          label="表单标识"
          required
          validateStatus={name && keyProblem ? 'error' : undefined}
          help={name ? keyProblem : undefined}
        >
          <Input
            aria-label="表单标识"
            value={effectiveKey}
            onChange={(e) => setKey(e.target.value.trim())}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
