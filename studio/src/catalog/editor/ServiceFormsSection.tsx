import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Form, Input, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError, postForm } from '../../api/client';
import type { CatalogItem } from '../types';

interface Theme {
  id: string;
  name: string;
  audience: 'person' | 'business';
  itemIds: string[];
}

/**
 * 服务表格 uploads with their numbers and 填写说明, and the item's themes (CAT-1, CAT-11, POR-2,
 * POR-4). An upload saves the draft first, so nothing typed is lost when the item comes back.
 */
export function ServiceFormsSection({
  item,
  mayEdit,
  save,
  onItem,
}: {
  item: CatalogItem;
  mayEdit: boolean;
  save: () => Promise<CatalogItem | undefined>;
  onItem: (item: CatalogItem) => void;
}) {
  const [file, setFile] = useState<File>();
  const [fields, setFields] = useState({ number: '', name: '', description: '', instructions: '' });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [themes, setThemes] = useState<Theme[]>();

  useEffect(() => {
    api
      .get<{ items: Theme[] }>('/api/themes')
      .then((r) => setThemes(r.items))
      .catch(() => setThemes([]));
  }, []);

  async function upload() {
    if (!file) return setError('请选择文件');
    if (!fields.name.trim()) return setError('请填写表格名称');
    setBusy(true);
    setError(undefined);
    try {
      const saved = await save();
      if (!saved) return;
      const text = Object.fromEntries(
        Object.entries(fields).filter(([, v]) => v.trim() !== ''),
      ) as Record<string, string>;
      const updated = await postForm<CatalogItem>(
        `/api/items/${item.id}/service-forms`,
        { version: String(saved.version), ...text },
        file,
      );
      onItem(updated);
      setFile(undefined);
      setFields({ number: '', name: '', description: '', instructions: '' });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  /** A filled-in example (样表) of a listed form. */
  async function uploadExample(formId: string, chosen: File) {
    setBusy(true);
    setError(undefined);
    try {
      const saved = await save();
      if (!saved) return;
      onItem(
        await postForm<CatalogItem>(
          `/api/items/${item.id}/service-forms`,
          { version: String(saved.version), exampleFor: formId },
          chosen,
        ),
      );
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  async function toggleTheme(theme: Theme, assigned: boolean) {
    try {
      const changed = await api.put<{ itemIds: string[] }>(
        `/api/themes/${theme.id}/items/${item.id}`,
        { assigned },
      );
      setThemes((all) =>
        all?.map((t) => (t.id === theme.id ? { ...t, itemIds: changed.itemIds } : t)),
      );
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }

  return (
    <Card title="服务表格与主题" size="small" style={{ marginBottom: 16 }}>
      {error && <Alert type="error" message={error} showIcon style={{ marginBottom: 8 }} />}
      {mayEdit && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
          上传表格前会先保存草稿。
        </Typography.Paragraph>
      )}
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={item.draft.serviceForms}
        locale={{ emptyText: '尚无服务表格' }}
        columns={[
          { title: '编号', dataIndex: 'number', width: 100 },
          { title: '名称', dataIndex: 'name' },
          { title: '填写说明', dataIndex: 'instructions' },
          {
            title: '文件',
            dataIndex: 'fileId',
            width: 80,
            render: (id?: string) => (id ? <a href={`/api/files/${id}`}>下载</a> : '—'),
          },
          {
            title: '样表',
            key: 'example',
            render: (_: unknown, f: { id: string; name: string; exampleFileId?: string }) => (
              <Space direction="vertical" size={0}>
                {f.exampleFileId && <a href={`/api/files/${f.exampleFileId}`}>下载样表</a>}
                {mayEdit && (
                  <input
                    type="file"
                    aria-label={`上传「${f.name}」的样表`}
                    onChange={(e) => {
                      const chosen = e.target.files?.[0];
                      if (chosen) void uploadExample(f.id, chosen);
                    }}
                  />
                )}
              </Space>
            ),
          },
        ]}
      />
      {mayEdit && (
        <Form layout="vertical" component="div" style={{ marginTop: 12 }}>
          <Space wrap align="end">
            <Form.Item label="表格编号" style={{ marginBottom: 0 }}>
              <Input
                maxLength={30}
                value={fields.number}
                onChange={(e) => setFields({ ...fields, number: e.target.value })}
              />
            </Form.Item>
            <Form.Item label="表格名称" required style={{ marginBottom: 0 }}>
              <Input
                maxLength={200}
                value={fields.name}
                onChange={(e) => setFields({ ...fields, name: e.target.value })}
              />
            </Form.Item>
            <Form.Item label="说明" style={{ marginBottom: 0 }}>
              <Input
                maxLength={1000}
                value={fields.description}
                onChange={(e) => setFields({ ...fields, description: e.target.value })}
              />
            </Form.Item>
            <Form.Item label="填写说明" style={{ marginBottom: 0 }}>
              <Input
                maxLength={2000}
                value={fields.instructions}
                onChange={(e) => setFields({ ...fields, instructions: e.target.value })}
              />
            </Form.Item>
            <Form.Item label="文件" style={{ marginBottom: 0 }}>
              <input
                type="file"
                aria-label="表格文件"
                onChange={(e) => setFile(e.target.files?.[0] ?? undefined)}
              />
            </Form.Item>
            <Button icon={<UploadOutlined />} loading={busy} onClick={() => void upload()}>
              上传表格
            </Button>
          </Space>
        </Form>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        门户主题
      </Typography.Title>
      <Space wrap>
        {(themes ?? []).map((t) => (
          <Checkbox
            key={t.id}
            checked={(t.itemIds ?? []).includes(item.id)}
            disabled={!mayEdit && item.status !== 'approved'}
            onChange={(e) => void toggleTheme(t, e.target.checked)}
          >
            {t.name}
          </Checkbox>
        ))}
      </Space>
    </Card>
  );
}
