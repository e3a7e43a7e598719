import { PageContainer } from '@ant-design/pro-components';
import { Alert, Badge, Button, List, Segmented, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Page } from '../api/client';
import {
  formatTime,
  listMessages,
  markAllRead,
  markRead,
  messagesChanged,
  type StaffMessage,
} from './messages';

const PAGE_SIZE = 20;

/** All of one's in-app messages (RUN-15), newest first; opening one marks it read. */
export function MessagesPage() {
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [data, setData] = useState<Page<StaffMessage>>();
  const [error, setError] = useState<string>();

  const load = useCallback(() => {
    listMessages(page, PAGE_SIZE, unreadOnly).then(
      (p) => {
        setData(p);
        setError(undefined);
      },
      (e: Error) => setError(e.message),
    );
  }, [page, unreadOnly]);
  useEffect(load, [load]);

  const open = async (m: StaffMessage) => {
    if (!m.read) {
      await markRead(m.id).catch(() => undefined);
      messagesChanged();
    }
    if (m.link) void navigate(m.link);
    else load();
  };

  return (
    <PageContainer
      title="站内消息"
      extra={
        <Space>
          <Segmented
            options={[
              { label: '全部', value: 'all' },
              { label: '未读', value: 'unread' },
            ]}
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(v) => {
              setUnreadOnly(v === 'unread');
              setPage(1);
            }}
          />
          <Button
            onClick={() =>
              void markAllRead().then(() => {
                messagesChanged();
                load();
              })
            }
          >
            全部标为已读
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      <List
        bordered
        loading={!data && !error}
        dataSource={data?.items ?? []}
        locale={{ emptyText: '没有消息' }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          onChange: setPage,
          showTotal: (n) => `共 ${n} 条`,
        }}
        renderItem={(m) => (
          <List.Item
            actions={[
              <Button key="open" type="link" onClick={() => void open(m)}>
                {m.link ? '查看办件' : m.read ? '已读' : '标为已读'}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space>
                  {!m.read && <Badge status="processing" />}
                  <Typography.Text strong={!m.read}>{m.title}</Typography.Text>
                </Space>
              }
              description={
                <>
                  <div>{m.body}</div>
                  <Typography.Text type="secondary">{formatTime(m.createdAt)}</Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
    </PageContainer>
  );
}
