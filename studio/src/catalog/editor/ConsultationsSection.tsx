import { Alert, Button, Card, Input, List, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api/client';

interface Consultation {
  id: string;
  itemId: string;
  question: string;
  askedAt: string;
  answer?: string;
  answeredBy?: string;
}

/** 网上咨询 (POR-3): the questions citizens asked about this item; answers go public on the portal. */
export function ConsultationsSection({ itemId }: { itemId: string }) {
  const [items, setItems] = useState<Consultation[]>();
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [error, setError] = useState<string>();

  useEffect(() => {
    api
      .get<{ items: Consultation[] }>('/api/consultations')
      .then((r) => setItems(r.items.filter((c) => c.itemId === itemId)))
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [itemId]);

  async function answer(c: Consultation) {
    try {
      const done = await api.put<Consultation>(`/api/consultations/${c.id}/answer`, {
        answer: drafts[c.id] ?? '',
      });
      setItems((all) => all?.map((x) => (x.id === c.id ? done : x)));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }

  return (
    <Card title="网上咨询" size="small" style={{ marginBottom: 16 }}>
      {error && <Alert type="error" message={error} showIcon style={{ marginBottom: 8 }} />}
      <List
        dataSource={items ?? []}
        loading={!items && !error}
        locale={{ emptyText: '暂无咨询' }}
        renderItem={(c) => (
          <List.Item>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text strong>问：{c.question}</Typography.Text>
              {c.answer ? (
                <Typography.Text>
                  答（{c.answeredBy}）：{c.answer}
                </Typography.Text>
              ) : (
                <Space.Compact style={{ width: '100%' }}>
                  <Input.TextArea
                    aria-label="答复"
                    autoSize={{ minRows: 1, maxRows: 4 }}
                    maxLength={2000}
                    value={drafts[c.id] ?? ''}
                    onChange={(e) => setDrafts({ ...drafts, [c.id]: e.target.value })}
                  />
                  <Button type="primary" onClick={() => void answer(c)}>
                    答复
                  </Button>
                </Space.Compact>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
