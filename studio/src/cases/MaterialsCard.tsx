import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { useRemote } from '../api/use-remote';
import {
  fileUrl,
  filesPath,
  uploadCaseFile,
  type CaseFile,
  type CaseFiles,
  type CaseMaterial,
} from './case-files';

const sizeText = (n: number) =>
  n >= 1024 * 1024
    ? `${(n / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(n / 1024))} KB`;

/**
 * 材料 (RUN-7): the item's material list with 原件/复印件 and 存储要求, the pages uploaded for
 * each (several per material), an upload button per material, attachments of the steps, and a
 * viewer in the page for images and PDF.
 */
export function MaterialsCard({
  caseId,
  version,
  canUpload,
  onUploaded,
}: {
  caseId: string;
  version: number;
  canUpload: boolean;
  onUploaded(): void;
}) {
  const remote = useRemote<CaseFiles>(filesPath(caseId));
  const { reload } = remote;
  const [busy, setBusy] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [viewing, setViewing] = useState<CaseFile>();
  // Focus moves into the viewer, so Escape and Tab work there at once.
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => reload(), [version, reload]);

  const upload = async (material: CaseMaterial, file: File) => {
    setBusy(material.id);
    setProblem(undefined);
    try {
      await uploadCaseFile(caseId, { kind: 'material', materialId: material.id }, file);
      onUploaded();
    } catch (err) {
      setProblem(
        `「${file.name}」未能上传：${err instanceof ApiError ? err.message : String(err)}`,
      );
    } finally {
      setBusy(undefined);
    }
  };

  const fileLinks = (files: CaseFile[]) => (
    <Space direction="vertical" size={0}>
      {files.map((f) => (
        <Space key={f.id} size={4} wrap>
          {f.page && <Tag>第 {f.page} 页</Tag>}
          {f.viewable ? (
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setViewing(f)}>
              {f.name}
            </Button>
          ) : (
            <Typography.Text>{f.name}</Typography.Text>
          )}
          <Typography.Text type="secondary">{sizeText(f.size)}</Typography.Text>
          <a href={fileUrl(caseId, f.id)} aria-label={`下载${f.name}`}>
            下载
          </a>
          <Typography.Text type="secondary" copyable={{ text: f.sm3 }} title={`SM3 ${f.sm3}`}>
            SM3 {f.sm3.slice(0, 8)}…
          </Typography.Text>
        </Space>
      ))}
    </Space>
  );

  const attachments = remote.data?.files.filter((f) => f.kind === 'attachment') ?? [];
  const accept = remote.data?.accepts.material.join(',');
  return (
    <Card
      size="small"
      title="材料"
      style={{ marginBottom: 16 }}
      loading={!remote.data && !remote.error}
      data-testid="materials-card"
    >
      {problem && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setProblem(undefined)}
          message={problem}
          style={{ marginBottom: 8 }}
        />
      )}
      {remote.error && <Alert type="error" showIcon message={remote.error.message} />}
      <Table<CaseMaterial>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={remote.data?.materials ?? []}
        locale={{ emptyText: '本事项没有材料清单' }}
        scroll={{ x: true }}
        columns={[
          {
            title: '材料',
            dataIndex: 'name',
            render: (name: string, m) => (
              <Space size={4} wrap>
                {name}
                {m.required ? <Tag color="red">必要</Tag> : <Tag>非必要</Tag>}
                {m.deferred && <Tag color="orange">容缺</Tag>}
              </Space>
            ),
          },
          { title: '原件/复印件', dataIndex: 'originalOrCopyLabel', width: 100 },
          { title: '份数', dataIndex: 'count', width: 60 },
          { title: '存储要求', dataIndex: 'storage', render: (s: string) => s || '—' },
          {
            title: '已上传',
            key: 'pages',
            render: (_, m) =>
              m.pages.length ? (
                fileLinks(m.pages)
              ) : (
                <Typography.Text type="secondary">未上传</Typography.Text>
              ),
          },
          ...(canUpload
            ? [
                {
                  title: '上传',
                  key: 'upload',
                  width: 110,
                  render: (_: unknown, m: CaseMaterial) => (
                    <Upload
                      accept={accept}
                      showUploadList={false}
                      beforeUpload={(file) => {
                        void upload(m, file);
                        return false;
                      }}
                    >
                      <Button
                        size="small"
                        icon={<UploadOutlined />}
                        loading={busy === m.id}
                        aria-label={`上传${m.name}`}
                      >
                        {m.pages.length ? '加一页' : '上传'}
                      </Button>
                    </Upload>
                  ),
                },
              ]
            : []),
        ]}
      />
      {attachments.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 12 }}>
            办理附件
          </Typography.Title>
          {fileLinks(attachments)}
        </>
      )}
      <Modal
        open={!!viewing}
        title={viewing?.name}
        width={900}
        footer={
          viewing && (
            <Space>
              <a href={fileUrl(caseId, viewing.id)} aria-label={`下载${viewing.name}`}>
                下载
              </a>
              <Button ref={closeRef} onClick={() => setViewing(undefined)}>
                关闭
              </Button>
            </Space>
          )
        }
        afterOpenChange={(open) => open && closeRef.current?.focus()}
        onCancel={() => setViewing(undefined)}
        destroyOnHidden
      >
        {viewing &&
          (viewing.contentType === 'application/pdf' ? (
            <iframe
              title={viewing.name}
              src={fileUrl(caseId, viewing.id, true)}
              style={{ width: '100%', height: '70vh', border: 0 }}
              data-testid="file-viewer"
            />
          ) : (
            <img
              alt={viewing.name}
              src={fileUrl(caseId, viewing.id, true)}
              style={{ maxWidth: '100%' }}
              data-testid="file-viewer"
            />
          ))}
      </Modal>
    </Card>
  );
}
