import { PageContainer } from '@ant-design/pro-components';
import { Alert, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useRemote } from '../api/use-remote';
import { useItem } from './item-header';
import { FIELD_LABELS, fieldLabel } from './labels';
import type { FieldChange, ItemContent, ItemVersion } from './types';

const KIND_TAGS = {
  added: <Tag color="success">新增</Tag>,
  removed: <Tag color="error">删除</Tag>,
  changed: <Tag color="warning">修改</Tag>,
};

/** A value of a diff as text: an entry of a list as its fields, one per line, named in Chinese. */
function valueText(v: unknown, path = ''): string {
  if (v === undefined) return '';
  if (v === null) return '空';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return v.map((x) => valueText(x, path)).join('、');
  const plain = path.replace(/\[[^\]]*\]|#order/g, '');
  return Object.entries(v as Record<string, unknown>)
    .filter(([k]) => k !== 'id')
    .map(([k, x]) => {
      const key = plain ? `${plain}.${k}` : k;
      return `${FIELD_LABELS[key] ?? k}：${valueText(x, key)}`;
    })
    .join('\n');
}

/** 版本历史 (CAT-6): every approved version, and the differences of any two (or one and 草稿). */
export function ItemVersionsPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { item, error } = useItem(id);
  const versions = useRemote<{ items: ItemVersion[] }>(`/api/items/${id}/versions`);
  const list = useMemo(() => versions.data?.items ?? [], [versions.data]);
  const [from, setFrom] = useState<number>();
  const [to, setTo] = useState<number | 'draft'>();
  const fromN = from ?? list.at(-1)?.n;
  const toN = to ?? 'draft';
  const diff = useRemote<{ changes: FieldChange[] }>(
    fromN && fromN !== toN ? `/api/items/${id}/diff?from=${fromN}&to=${toN}` : undefined,
  );
  const fromContent = useRemote<{ content: ItemContent }>(
    fromN ? `/api/items/${id}/versions/${fromN}` : undefined,
  );

  const options = [
    ...list.map((v) => ({
      value: v.n,
      label: `第 ${v.n} 版（${dayjs(v.approvedAt).format('YYYY-MM-DD')}）`,
    })),
  ];

  return (
    <PageContainer
      title={`版本历史：${item?.name ?? ''}`}
      onBack={() => navigate(`/catalog/${id}`)}
      extra={
        <Link to={`/catalog/${id}`}>
          <Button>返回事项</Button>
        </Link>
      }
    >
      {(error ?? versions.error) && (
        <Alert type="error" showIcon message={(error ?? versions.error)!.message} />
      )}
      <Card size="small" title="已发布的版本" style={{ marginBottom: 16 }}>
        <Table<ItemVersion>
          size="small"
          rowKey="n"
          loading={versions.loading}
          pagination={false}
          dataSource={list}
          locale={{ emptyText: '尚无发布的版本（审核通过后形成第 1 版）' }}
          columns={[
            { title: '版本', dataIndex: 'n', width: 90, render: (n: number) => `第 ${n} 版` },
            { title: '事项编码', dataIndex: 'code', width: 200 },
            { title: '审核人', dataIndex: 'approvedByName', width: 120 },
            {
              title: '审核通过时间',
              dataIndex: 'approvedAt',
              render: (t: string) => dayjs(t).format('YYYY-MM-DD HH:mm'),
            },
          ]}
        />
      </Card>
      {list.length > 0 && (
        <Card
          size="small"
          title="版本比对"
          extra={
            <Space>
              <Select
                aria-label="原版本"
                style={{ width: 200 }}
                value={fromN}
                options={options}
                onChange={setFrom}
              />
              <span>→</span>
              <Select
                aria-label="新版本"
                style={{ width: 200 }}
                value={toN}
                options={[...options, { value: 'draft', label: '当前草稿' }]}
                onChange={setTo}
              />
            </Space>
          }
        >
          {fromN === toN ? (
            <Typography.Text type="secondary">请选择两个不同的版本。</Typography.Text>
          ) : (
            <Table<FieldChange>
              size="small"
              data-testid="diff"
              rowKey={(c) => `${c.path}:${c.kind}`}
              loading={diff.loading && !diff.data}
              pagination={false}
              dataSource={diff.data?.changes ?? []}
              locale={{ emptyText: '两个版本内容相同' }}
              columns={[
                {
                  title: '字段',
                  dataIndex: 'path',
                  width: 260,
                  render: (p: string) => (
                    <div>
                      <div>{fieldLabel(p, fromContent.data?.content, item?.draft)}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {p}
                      </Typography.Text>
                    </div>
                  ),
                },
                {
                  title: '变化',
                  dataIndex: 'kind',
                  width: 80,
                  render: (k: FieldChange['kind']) => KIND_TAGS[k],
                },
                {
                  title: `原内容（第 ${fromN} 版）`,
                  dataIndex: 'before',
                  render: (v: unknown, c) => (
                    <div
                      style={{
                        whiteSpace: 'pre-wrap',
                        background: c.kind === 'added' ? undefined : '#fff1f0',
                        textDecoration: c.kind === 'removed' ? 'line-through' : undefined,
                        padding: '2px 6px',
                      }}
                    >
                      {valueText(v, c.path)}
                    </div>
                  ),
                },
                {
                  title: `新内容（${toN === 'draft' ? '当前草稿' : `第 ${toN} 版`}）`,
                  dataIndex: 'after',
                  render: (v: unknown, c) => (
                    <div
                      style={{
                        whiteSpace: 'pre-wrap',
                        background: c.kind === 'removed' ? undefined : '#f6ffed',
                        padding: '2px 6px',
                      }}
                    >
                      {valueText(v, c.path)}
                    </div>
                  ),
                },
              ]}
            />
          )}
        </Card>
      )}
    </PageContainer>
  );
}
