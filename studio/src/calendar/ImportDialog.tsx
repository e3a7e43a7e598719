import { InboxOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Space,
  Table,
  Tabs,
  Tag,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ApiError } from '../api/client';
import { COVERAGE_CHANGED, type Festival, type ImportBody, type Preview } from './calendar-api';

const FESTIVALS = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节'];
const noticeTitle = (year: number | undefined) =>
  year ? `国务院办公厅关于${year}年部分节假日安排的通知` : '';
const ymd = (d: Dayjs) => d.format('YYYY-MM-DD');

interface FestivalRow {
  name: string;
  off?: [Dayjs, Dayjs];
  workdays?: Dayjs[];
}

interface FormValues {
  year?: number;
  festivals: FestivalRow[];
  title: string;
  issuedOn?: Dayjs;
  number?: string;
}

/**
 * Imports a year of the State Council's notice (RUN-6): a holiday-cn file uploaded or pasted, or
 * the notice typed in festival by festival. Nothing is saved before the preview has been seen;
 * replacing a year already there needs a tick.
 */
export function ImportDialog({
  open,
  initialYear,
  onClose,
  onImported,
}: {
  open: boolean;
  initialYear: number;
  onClose: () => void;
  onImported: (year: number) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [tab, setTab] = useState<'file' | 'form'>('file');
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<Preview>();
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setPreview(undefined);
    setConfirmed(false);
    setError(undefined);
  };

  /** The request body from what is on screen, or a message saying what is missing. */
  function body(): ImportBody | string {
    const v = form.getFieldsValue(true) as FormValues;
    let file: { year?: unknown } | undefined;
    if (tab === 'file') {
      if (!text.trim()) return '请上传或粘贴 holiday-cn 格式的 JSON 文件';
      try {
        file = JSON.parse(text) as { year?: unknown };
      } catch (e) {
        return `文件不是合法的 JSON：${e instanceof Error ? e.message : String(e)}`;
      }
    }
    const year = file ? (typeof file.year === 'number' ? file.year : undefined) : v.year;
    const source = {
      // Left empty, the title is the usual wording of the notice for that year.
      title: (v.title ?? '').trim() || noticeTitle(year),
      issuedOn: v.issuedOn ? ymd(v.issuedOn) : '',
      ...(v.number?.trim() ? { number: v.number.trim() } : {}),
    };
    if (!source.issuedOn) return '请填写通知的发布日期';
    if (file) return { format: 'holiday-cn', file, source };
    const festivals: Festival[] = (v.festivals ?? [])
      .filter((f) => f.off || f.workdays?.length)
      .map((f) => ({
        name: (f.name ?? '').trim(),
        offFrom: f.off ? ymd(f.off[0]) : '',
        offTo: f.off ? ymd(f.off[1]) : '',
        workdays: (f.workdays ?? []).map(ymd),
      }));
    if (!v.year) return '请填写年份';
    if (!festivals.length) return '请至少填写一个节日的放假日期';
    return { format: 'festivals', year: v.year, festivals, source };
  }

  async function send(path: string, extra: object = {}) {
    const b = body();
    if (typeof b === 'string') {
      setError(b);
      return undefined;
    }
    setBusy(true);
    setError(undefined);
    try {
      return await api.post<Preview>(path, { ...b, ...extra });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  async function doPreview() {
    reset();
    const p = await send('/api/calendar/official-years/preview');
    if (p) setPreview(p);
  }

  async function doImport() {
    if (!preview) return;
    const replacing = !!preview.existing || preview.inPackage;
    const done = await send('/api/calendar/official-years', replacing ? { replace: true } : {});
    if (!done) return;
    void message.success(`已导入 ${preview.year} 年节假日安排`);
    window.dispatchEvent(new Event(COVERAGE_CHANGED));
    reset();
    setText('');
    onImported(preview.year);
  }

  const replacing = preview && (preview.existing || preview.inPackage);
  const rows = preview
    ? [
        ...preview.holidays.map((d) => ({ ...d, kind: '放假' })),
        ...preview.workdays.map((d) => ({ ...d, kind: '调休上班' })),
      ].sort((a, b) => a.date.localeCompare(b.date))
    : [];

  return (
    <Modal
      title="导入国务院节假日安排"
      open={open}
      width={820}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="preview" onClick={() => void doPreview()} loading={busy && !preview}>
          预览
        </Button>,
        <Button
          key="import"
          type="primary"
          disabled={!preview || (!!replacing && !confirmed)}
          loading={busy && !!preview}
          onClick={() => void doImport()}
        >
          {replacing ? '确认替换并导入' : '导入'}
        </Button>,
      ]}
    >
      <Form
        form={form}
        layout="vertical"
        onValuesChange={reset}
        initialValues={{
          year: initialYear,
          title: '',
          festivals: FESTIVALS.map((name) => ({ name })),
        }}
      >
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            setTab(k as 'file' | 'form');
            reset();
          }}
          items={[
            {
              key: 'file',
              label: '上传或粘贴文件',
              children: (
                <>
                  <Upload.Dragger
                    accept=".json,application/json"
                    maxCount={1}
                    showUploadList={false}
                    beforeUpload={async (file) => {
                      const content = await file.text();
                      setText(content);
                      reset();
                      return false;
                    }}
                  >
                    <p className="ant-upload-drag-icon">
                      <InboxOutlined />
                    </p>
                    <p>点击或拖入 holiday-cn 格式的年度文件（如 2027.json）</p>
                  </Upload.Dragger>
                  <Input.TextArea
                    aria-label="文件内容"
                    style={{ marginTop: 12, fontFamily: 'monospace' }}
                    rows={6}
                    placeholder='或在此粘贴：{"year":2027,"papers":[...],"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true}, ...]}'
                    value={text}
                    onChange={(e) => {
                      setText(e.target.value);
                      reset();
                    }}
                  />
                </>
              ),
            },
            {
              key: 'form',
              label: '逐项填写',
              children: (
                <>
                  <Form.Item name="year" label="年份">
                    <InputNumber min={2004} max={2200} precision={0} />
                  </Form.Item>
                  <Form.List name="festivals">
                    {(fields, { add, remove }) => (
                      <>
                        {fields.map((f) => (
                          <Space key={f.key} align="baseline" wrap>
                            <Form.Item name={[f.name, 'name']} label="节日">
                              <Input style={{ width: 100 }} />
                            </Form.Item>
                            <Form.Item name={[f.name, 'off']} label="放假日期">
                              <DatePicker.RangePicker />
                            </Form.Item>
                            <Form.Item name={[f.name, 'workdays']} label="调休上班日">
                              <DatePicker multiple style={{ minWidth: 200 }} />
                            </Form.Item>
                            <MinusCircleOutlined aria-label="删除" onClick={() => remove(f.name)} />
                          </Space>
                        ))}
                        <Button icon={<PlusOutlined />} onClick={() => add({ name: '' })}>
                          增加节日
                        </Button>
                      </>
                    )}
                  </Form.List>
                </>
              ),
            },
          ]}
        />
        <Space wrap style={{ marginTop: 12 }}>
          <Form.Item name="title" label="通知标题" style={{ minWidth: 420 }}>
            <Input placeholder="国务院办公厅关于××××年部分节假日安排的通知（空着即用此标题）" />
          </Form.Item>
          <Form.Item name="issuedOn" label="发布日期">
            <DatePicker />
          </Form.Item>
          <Form.Item name="number" label="文号（可不填）">
            <Input style={{ width: 180 }} />
          </Form.Item>
        </Space>
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="import-error" />}
      {preview && (
        <div data-testid="import-preview">
          <Descriptions size="small" column={2} style={{ marginBottom: 8 }}>
            <Descriptions.Item label="年份">{preview.year}</Descriptions.Item>
            <Descriptions.Item label="天数">
              放假 {preview.holidays.length} 天，调休上班 {preview.workdays.length} 天
            </Descriptions.Item>
            <Descriptions.Item label="依据" span={2}>
              {preview.source.title}（{preview.source.issuedOn}）
            </Descriptions.Item>
          </Descriptions>
          {replacing && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 8 }}
              message={
                preview.existing
                  ? `${preview.year} 年已于 ${preview.existing.at.slice(0, 10)} 由${preview.existing.enteredByName}导入（${preview.existing.source.title}），导入将替换它`
                  : `chinese-days 已有 ${preview.year} 年的安排，导入的安排将取代它`
              }
              action={
                <Checkbox checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)}>
                  确认替换
                </Checkbox>
              }
            />
          )}
          <Table
            style={{ maxHeight: 280, overflowY: 'auto' }}
            size="small"
            rowKey="date"
            pagination={false}
            dataSource={rows}
            columns={[
              { title: '日期', dataIndex: 'date', width: 140 },
              {
                title: '安排',
                dataIndex: 'kind',
                width: 100,
                render: (k: string) => <Tag color={k === '放假' ? 'red' : 'blue'}>{k}</Tag>,
              },
              { title: '节日', dataIndex: 'name' },
            ]}
          />
        </div>
      )}
    </Modal>
  );
}
