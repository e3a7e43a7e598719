import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useMemo, useState } from 'react';
import { api } from '../api/client';
import { useUnits } from '../organisation/use-units';
import type { CatalogItem } from './types';

interface Props {
  item: CatalogItem;
  kind: 'delegate' | 'split';
  onDone: (item: CatalogItem) => void;
  onCancel: () => void;
}

interface Values {
  reason: string;
  townshipId?: string;
  officeId?: string;
  names?: string[];
}

/**
 * Asks for 下放 to a township or 拆分 into several items (CAT-5). A split copies the item's
 * content under each new name; the parts can be changed as usual once approved.
 */
export function RestructureModal({ item, kind, onDone, onCancel }: Props) {
  const [form] = Form.useForm<Values>();
  const { units } = useUnits();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const townshipId = Form.useWatch('townshipId', form);
  const townships = useMemo(() => (units ?? []).filter((u) => u.kind === 'township'), [units]);
  const offices = useMemo(
    () => (units ?? []).filter((u) => u.parentId === townshipId && townshipId),
    [units, townshipId],
  );

  async function ok() {
    const values = await form.validateFields();
    setBusy(true);
    setError(undefined);
    try {
      const body =
        kind === 'delegate'
          ? {
              version: item.version,
              reason: values.reason,
              townshipId: values.townshipId,
              officeId: values.officeId,
            }
          : {
              version: item.version,
              reason: values.reason,
              parts: (values.names ?? []).map((name) => ({ ...item.draft, name: name.trim() })),
            };
      onDone(await api.post<CatalogItem>(`/api/items/${item.id}/${kind}`, body));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      title={`${kind === 'delegate' ? '申请下放' : '申请拆分'}：${item.name}`}
      okText="提交申请"
      confirmLoading={busy}
      maskClosable={false}
      onOk={() => void ok()}
      onCancel={onCancel}
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        message={
          kind === 'delegate'
            ? '审核通过后，由乡镇（街道）作为办理主体新设事项并赋予新编码，本事项取消。'
            : '审核通过后，拆分出的各事项分别赋予新编码，本事项取消，原编码不再使用。'
        }
      />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ names: [`${item.name}（一）`, `${item.name}（二）`] }}
      >
        {kind === 'delegate' ? (
          <>
            <Form.Item
              name="townshipId"
              label="下放至乡镇（街道）"
              rules={[{ required: true, message: '请选择乡镇（街道）' }]}
            >
              <Select
                options={townships.map((u) => ({ value: u.id, label: u.name }))}
                onChange={() => form.setFieldValue('officeId', undefined)}
              />
            </Form.Item>
            <Form.Item
              name="officeId"
              label="办理科室（机构）"
              rules={[{ required: true, message: '请选择办理科室' }]}
            >
              <Select options={offices.map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
          </>
        ) : (
          <Form.List
            name="names"
            rules={[
              {
                validator: async (_, names?: string[]) => {
                  if (!names || names.length < 2) throw new Error('拆分至少得到两个事项');
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <Form.Item label="拆分后的事项名称" required>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                    <Form.Item
                      {...field}
                      rules={[{ required: true, whitespace: true, message: '请填写事项名称' }]}
                      style={{ width: 400, marginBottom: 8 }}
                    >
                      <Input maxLength={200} />
                    </Form.Item>
                    {fields.length > 2 && (
                      <MinusCircleOutlined aria-label="删除" onClick={() => remove(field.name)} />
                    )}
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')}>
                  增加一项
                </Button>
                <Form.ErrorList errors={errors} />
              </Form.Item>
            )}
          </Form.List>
        )}
        <Form.Item
          name="reason"
          label={kind === 'delegate' ? '下放原因' : '拆分原因'}
          rules={[{ required: true, whitespace: true, message: '请说明原因' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
