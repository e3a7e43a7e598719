import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Table,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../api/client';
import { useRemote } from '../api/use-remote';
import type { CalendarOverride } from './calendar-api';

interface Values {
  date?: Dayjs;
  dayKind: 'workday' | 'holiday';
  reason: string;
}

/** The county's own changes (台风停工、本地节日、加班日): listed, added, changed, removed. */
export function OverridesCard({ onChanged }: { onChanged: () => void }) {
  const { message } = App.useApp();
  const { data, reload, loading } = useRemote<{ items: CalendarOverride[] }>(
    '/api/calendar/overrides',
  );
  const [editing, setEditing] = useState<CalendarOverride | 'new'>();
  const [form] = Form.useForm<Values>();

  const changed = () => {
    reload();
    onChanged();
  };

  async function save() {
    const v = await form.validateFields();
    try {
      if (editing === 'new')
        await api.post('/api/calendar/overrides', {
          kind: 'day',
          date: v.date!.format('YYYY-MM-DD'),
          dayKind: v.dayKind,
          reason: v.reason,
        });
      else if (editing)
        await api.put(`/api/calendar/overrides/${editing.id}`, {
          version: editing.version,
          ...(editing.kind === 'day' ? { dayKind: v.dayKind } : {}),
          reason: v.reason,
        });
      void message.success('已保存');
      setEditing(undefined);
      changed();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  }

  async function remove(o: CalendarOverride) {
    try {
      await api.delete(`/api/calendar/overrides/${o.id}`);
      void message.success('已删除，恢复国务院安排');
      changed();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  }

  const open = (o: CalendarOverride | 'new') => {
    form.setFieldsValue(
      o === 'new'
        ? { date: undefined, dayKind: 'holiday', reason: '' }
        : {
            date: o.date ? dayjs(o.date) : undefined,
            dayKind: o.dayKind ?? 'holiday',
            reason: o.reason,
          },
    );
    setEditing(o);
  };

  return (
    <Card
      title="本县调整"
      size="small"
      extra={
        <Button icon={<PlusOutlined />} onClick={() => open('new')}>
          新增调整
        </Button>
      }
    >
      <Table
        size="small"
        rowKey="id"
        loading={loading}
        pagination={false}
        dataSource={data?.items ?? []}
        locale={{ emptyText: '本县没有调整，全部按国务院安排' }}
        columns={[
          {
            title: '日期或年份',
            render: (_, o) => (o.kind === 'day' ? o.date : `${o.year} 年（本县录入）`),
          },
          {
            title: '改为',
            render: (_, o) =>
              o.kind === 'day' ? (
                <Tag color={o.dayKind === 'holiday' ? 'red' : 'blue'}>
                  {o.dayKind === 'holiday' ? '休息日' : '工作日'}
                </Tag>
              ) : (
                <Tag>已覆盖</Tag>
              ),
          },
          { title: '原因', dataIndex: 'reason' },
          { title: '录入人', dataIndex: 'createdByName', width: 90 },
          {
            title: '操作',
            width: 120,
            render: (_, o) => (
              <>
                <Button type="link" size="small" onClick={() => open(o)}>
                  修改
                </Button>
                <Popconfirm title="删除这条调整？" onConfirm={() => void remove(o)}>
                  <Button type="link" size="small" danger>
                    删除
                  </Button>
                </Popconfirm>
              </>
            ),
          },
        ]}
      />
      <Modal
        title={editing === 'new' ? '新增本县调整' : '修改本县调整'}
        open={!!editing}
        onCancel={() => setEditing(undefined)}
        onOk={() => void save()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          {(editing === 'new' || (editing && editing.kind === 'day')) && (
            <>
              <Form.Item
                name="date"
                label="日期"
                rules={[{ required: true, message: '请选择日期' }]}
              >
                <DatePicker disabled={editing !== 'new'} />
              </Form.Item>
              <Form.Item name="dayKind" label="改为">
                <Radio.Group
                  options={[
                    { value: 'holiday', label: '休息日' },
                    { value: 'workday', label: '工作日' },
                  ]}
                />
              </Form.Item>
            </>
          )}
          <Form.Item name="reason" label="原因" rules={[{ required: true, message: '请写明原因' }]}>
            <Input maxLength={200} placeholder="如：台风停工停课" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
