import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { useRemote } from '../api/use-remote';

interface Synonym {
  id: string;
  term: string;
  expansions: string[];
  version: number;
}

interface Values {
  term: string;
  expansions: string[];
}

/**
 * 搜索同义词 (POR-9): the words citizens type (开店, 办证, 上户口) and the catalog's words the
 * portal's search also looks for. Admins and the 审管 reviewers keep the list; the server checks.
 */
export function SynonymsPage() {
  const { message } = App.useApp();
  const { data, reload, loading } = useRemote<{ items: Synonym[] }>('/api/search/synonyms');
  const [editing, setEditing] = useState<Synonym | 'new'>();
  const [form] = Form.useForm<Values>();

  const fail = (e: unknown) => void message.error(e instanceof Error ? e.message : String(e));

  async function save() {
    const v = await form.validateFields();
    try {
      if (editing === 'new') await api.post('/api/search/synonyms', v);
      else if (editing)
        await api.put(`/api/search/synonyms/${editing.id}`, { version: editing.version, ...v });
      void message.success('已保存，门户搜索即时生效');
      setEditing(undefined);
      reload();
    } catch (e) {
      fail(e);
    }
  }

  async function remove(s: Synonym) {
    try {
      await api.delete(`/api/search/synonyms/${s.id}`);
      void message.success(`已删除“${s.term}”`);
      reload();
    } catch (e) {
      fail(e);
    }
  }

  const open = (s: Synonym | 'new') => {
    form.setFieldsValue(s === 'new' ? { term: '', expansions: [] } : s);
    setEditing(s);
  };

  return (
    <Card
      title="搜索同义词"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
          新增同义词
        </Button>
      }
    >
      <p>
        群众常用的说法（如“开店”“上户口”）在门户搜索时会一并按对应的事项用语查找。搜索词中含有左列的词语即适用。
      </p>
      <Table
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        columns={[
          { title: '群众的说法', dataIndex: 'term', width: 180 },
          {
            title: '对应的事项用语',
            render: (_, s) => s.expansions.map((e) => <Tag key={e}>{e}</Tag>),
          },
          {
            title: '操作',
            width: 140,
            render: (_, s) => (
              <Space>
                <Button size="small" onClick={() => open(s)}>
                  修改
                </Button>
                <Popconfirm title={`删除“${s.term}”？`} onConfirm={() => remove(s)}>
                  <Button size="small" danger>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        title={editing === 'new' ? '新增同义词' : '修改同义词'}
        open={editing !== undefined}
        onOk={save}
        onCancel={() => setEditing(undefined)}
        okText="保存"
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="term"
            label="群众的说法"
            rules={[{ required: true, whitespace: true, max: 20, message: '请填写 1–20 个字' }]}
          >
            <Input maxLength={20} placeholder="如：开店" />
          </Form.Item>
          <Form.Item
            name="expansions"
            label="对应的事项用语（输入后按回车，可填多个）"
            rules={[{ required: true, type: 'array', min: 1, max: 10, message: '填写 1–10 个' }]}
          >
            <Select mode="tags" open={false} placeholder="如：个体工商户、营业执照" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
