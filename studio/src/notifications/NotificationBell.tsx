import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import {
  formatTime,
  listMessages,
  markRead,
  MESSAGES_CHANGED,
  messagesChanged,
  unreadCount,
  type StaffMessage,
} from './messages';

/** How often the bell asks for the unread count while the studio is open. */
const POLL_MS = 60_000;

/** The bell in the header (RUN-15): unread count, the latest unread messages, a link to all. */
export function NotificationBell() {
  const navigate = useNavigate();
  const [count, setCount] = useState(0);
  const [open, setOpen] = useState(false);
  const [latest, setLatest] = useState<StaffMessage[]>();

  const refresh = useCallback(() => {
    unreadCount().then(
      (r) => setCount(r.count),
      () => undefined,
    );
  }, []);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, POLL_MS);
    window.addEventListener(MESSAGES_CHANGED, refresh);
    return () => {
      clearInterval(timer);
      window.removeEventListener(MESSAGES_CHANGED, refresh);
    };
  }, [refresh]);
  useEffect(() => {
    if (!open) return;
    listMessages(1, 5, true).then(
      (p) => setLatest(p.items),
      () => setLatest([]),
    );
  }, [open]);

  const openMessage = async (m: StaffMessage) => {
    setOpen(false);
    await markRead(m.id).catch(() => undefined);
    messagesChanged();
    if (m.link) void navigate(m.link);
  };

  const content = (
    <div style={{ width: 340 }}>
      {latest?.length ? (
        <List
          size="small"
          dataSource={latest}
          renderItem={(m) => (
            <List.Item
              style={{ cursor: 'pointer' }}
              onClick={() => void openMessage(m)}
              onKeyDown={(e) => e.key === 'Enter' && void openMessage(m)}
              tabIndex={0}
            >
              <List.Item.Meta
                title={m.title}
                description={
                  <>
                    <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                      {m.body}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary">{formatTime(m.createdAt)}</Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有未读消息" />
      )}
      <Button
        type="link"
        block
        onClick={() => {
          setOpen(false);
          void navigate('/messages');
        }}
      >
        查看全部消息
      </Button>
    </div>
  );

  return (
    <Popover
      content={content}
      title="站内消息"
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomRight"
    >
      <Button
        type="text"
        aria-label={count ? `站内消息，${count} 条未读` : '站内消息'}
        icon={
          <Badge count={count} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 16 }} />
          </Badge>
        }
      />
    </Popover>
  );
}
