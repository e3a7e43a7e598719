import { Alert, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client';
import { useRemote } from '../api/use-remote';

interface CaseDocument {
  id: string;
  kind: string;
  name: string;
  number: string;
  createdAt: string;
  sealed: boolean;
  sealHolder?: string;
  docxUrl: string;
  pdfUrl: string;
}

interface Documents {
  items: CaseDocument[];
  available: { kind: string; name: string }[];
}

/**
 * 文书 (RUN-10, RUN-14): the case's notices and decisions with their numbers and downloads, and
 * 生成 for the kinds its status allows ("print the 受理通知书 while the citizen waits").
 */
export function DocumentsCard({ caseId, version }: { caseId: string; version: number }) {
  const path = `/api/cases/${encodeURIComponent(caseId)}/documents`;
  const remote = useRemote<Documents>(path);
  const [busy, setBusy] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const { reload } = remote;
  // Documents follow the case's events a moment after each command (longer when the worker pool
  // is busy, e.g. a sealed decision): look again a few times when it changes.
  useEffect(() => {
    const timers = [1500, 4000, 8000, 15000].map((ms) => setTimeout(reload, ms));
    return () => timers.forEach(clearTimeout);
  }, [version, reload]);

  const make = async (kind: string) => {
    setBusy(kind);
    setProblem(undefined);
    try {
      await api.post(path, { kind });
      reload();
    } catch (err) {
      setProblem(err instanceof ApiError ? err.message : '生成失败');
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <Card
      size="small"
      title="文书"
      style={{ marginBottom: 16 }}
      loading={!remote.data && !remote.error}
      extra={
        <Space wrap size={4}>
          {remote.data?.available.map((a) => (
            <Button
              key={a.kind}
              size="small"
              loading={busy === a.kind}
              onClick={() => void make(a.kind)}
            >
              生成{a.name}
            </Button>
          ))}
        </Space>
      }
    >
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 8 }} />}
      {remote.error && <Alert type="error" showIcon message={remote.error.message} />}
      <List
        size="small"
        dataSource={remote.data?.items ?? []}
        locale={{ emptyText: '尚无文书' }}
        renderItem={(d) => (
          <List.Item
            actions={[
              <a key="pdf" href={d.pdfUrl} download>
                下载 PDF
              </a>,
              <a key="docx" href={d.docxUrl} download>
                下载 Word
              </a>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space size={4} wrap>
                  <span>《{d.name}》</span>
                  {d.sealed && <Tag color="red">电子印章</Tag>}
                </Space>
              }
              description={<Typography.Text copyable>{d.number}</Typography.Text>}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
