import { Alert, Descriptions, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../api/client';
import { showField } from './comments';
import { fieldLabel } from './labels';
import { ITEM_STATUS_COLORS, type CatalogItem, type ItemComment } from './types';

/** Loads one item; `setItem` takes what a change answered with. */
export function useItem(id: string | undefined) {
  const [item, setItem] = useState<CatalogItem>();
  const [error, setError] = useState<ApiError>();
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (!id) return;
    let live = true;
    api.get<CatalogItem>(`/api/items/${id}`).then(
      (i) => live && (setItem(i), setError(undefined)),
      (e: unknown) =>
        live && setError(e instanceof ApiError ? e : new ApiError(0, 'client_error', String(e))),
    );
    return () => {
      live = false;
    };
  }, [id, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { item, setItem, error, reload };
}

/** Code, status and what the reviewer said: the top of the editor and of the review screen. */
export function ItemHeader({ item, comments }: { item: CatalogItem; comments: ItemComment[] }) {
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
      <Descriptions size="small" column={4} bordered>
        <Descriptions.Item label="事项编码">
          {item.code ? (
            <Typography.Text strong copyable data-testid="item-code">
              {item.code}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">审核通过后赋码</Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="事项类型">{item.typeLabel}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={ITEM_STATUS_COLORS[item.status]} data-testid="item-status">
            {item.statusLabel}
          </Tag>
          {item.pendingChange && item.status !== 'approved' && (
            <Tag>{item.pendingChange.label}</Tag>
          )}
          {item.trial && (
            <Tag color="orange" data-testid="item-trial">
              试运行（{item.trial.since.slice(0, 10)} 起）
            </Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="当前版本">
          {item.currentVersion ? `第 ${item.currentVersion} 版` : '尚未发布'}
        </Descriptions.Item>
      </Descriptions>
      {item.pendingChange?.reason && item.status !== 'approved' && (
        <Alert
          type="info"
          showIcon
          message={`${item.pendingChange.label}原因：${item.pendingChange.reason}`}
        />
      )}
      {item.pendingChange?.successors && item.status === 'submitted' && (
        <Alert
          type="info"
          showIcon
          data-testid="successors"
          message={`审核通过后将新设 ${item.pendingChange.successors.length} 个事项，本事项取消`}
          description={item.pendingChange.successors
            .map((s) => `「${s.name}」（办理主体：${s.subjectName}）`)
            .join('、')}
        />
      )}
      {(item.successorIds?.length || item.predecessorId) && (
        <Alert
          type="info"
          showIcon
          message={
            <Space wrap>
              {item.predecessorId && <Link to={`/catalog/${item.predecessorId}`}>查看原事项</Link>}
              {item.successorIds?.map((id, i) => (
                <Link key={id} to={`/catalog/${id}`}>
                  查看新设事项 {i + 1}
                </Link>
              ))}
            </Space>
          }
        />
      )}
      {item.returnReason && (
        <Alert
          type="error"
          showIcon
          data-testid="return-reason"
          message={`${item.status === 'approved' ? '申请被退回' : '已退回'}：${item.returnReason}`}
        />
      )}
      {comments.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message={`审核意见 ${comments.length} 条（点击定位到字段）`}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {comments.map((c) => (
                <li key={c.id}>
                  <Typography.Link onClick={() => showField(c.field)}>
                    {fieldLabel(c.field, item.draft)}
                  </Typography.Link>
                  ：{c.text}（{c.authorName}）
                </li>
              ))}
            </ul>
          }
        />
      )}
    </Space>
  );
}
