import { PageContainer } from '@ant-design/pro-components';
import { Alert, Button, Card, Col, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { initiationOf } from '../../../../runtime/catalog/item';
import type { IdType } from '../../../../runtime/trail/entry';
import { api, ApiError } from '../../api/client';
import { loadItemVersion } from '../cases-api';
import { CASE_SOURCES, EX_OFFICIO_PROCEDURES } from '../labels';
import { isExOfficioType, searchItems, type ItemRow } from '../register/intake';
import { idRule, PERSON_ID_TYPES } from '../register/steps';
import type { CaseDetail, CommandAnswer, ItemVersionInfo } from '../types';

interface Values {
  itemId: string;
  partyType: 'person' | 'organisation';
  name: string;
  idType: IdType;
  idNumber: string;
  phone?: string;
  source: keyof typeof CASE_SOURCES;
  sourceNote: string;
  caseName?: string;
}

const SOURCE_OPTIONS = Object.entries(CASE_SOURCES).map(([value, label]) => ({ value, label }));

/** The 案由 an inspection's findings give: what it found, else what it recorded. */
function findingsOf(from: CaseDetail): string | undefined {
  for (const f of from.state.forms) {
    const v = f.values;
    const text = [v.findings, v.record].find((x) => typeof x === 'string' && x.trim());
    if (typeof text === 'string') return text.trim();
  }
  return undefined;
}

/**
 * 立案 (RUN-17): an officer opens an ex officio case — 处罚, 强制, 检查, 征收 — on an item of
 * their department against a party, with its source and 案由. Opened from an inspection
 * (`?from=<caseId>`), the party and the findings come filled in; `?item=<itemId>` picks the item.
 */
export function OpenCasePage() {
  const [params] = useSearchParams();
  const fromId = params.get('from') ?? undefined;
  const itemParam = params.get('item') ?? undefined;
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [rows, setRows] = useState<ItemRow[]>([]);
  const [searching, setSearching] = useState(false);
  const [version, setVersion] = useState<ItemVersionInfo>();
  const [from, setFrom] = useState<CaseDetail>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const asked = useRef(0);
  const partyType = Form.useWatch('partyType', form) ?? 'organisation';

  /** Published ex officio items the user may read (their department's). */
  const search = async (q: string) => {
    const n = ++asked.current;
    setSearching(true);
    try {
      const page = await searchItems(q);
      if (n === asked.current)
        setRows(
          page.items.filter((r) => r.currentVersion >= 1 && isExOfficioType(r.type, r.initiation)),
        );
    } catch (e) {
      setError((e as Error).message);
    } finally {
      if (n === asked.current) setSearching(false);
    }
  };

  // ?item=: the item chosen already (from an inspection, the penalty item it leads to).
  useEffect(() => {
    if (!itemParam) return;
    let live = true;
    api.get<ItemRow>(`/api/items/${encodeURIComponent(itemParam)}`).then(
      (row) => {
        if (!live) return;
        setRows((rs) => (rs.some((r) => r.id === row.id) ? rs : [row, ...rs]));
        form.setFieldsValue({ itemId: row.id });
        void choose(row);
      },
      (e: unknown) => live && setError((e as Error).message),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, for the address given
  }, [itemParam]);

  // ?from=: the inspection case; its party and findings fill the form.
  useEffect(() => {
    if (!fromId) return;
    let live = true;
    api.get<CaseDetail>(`/api/cases/${encodeURIComponent(fromId)}`).then(
      (c) => {
        if (!live) return;
        setFrom(c);
        const a = c.state.applicant;
        form.setFieldsValue({
          partyType: a.idType === 'creditCode' ? 'organisation' : 'person',
          name: a.name,
          idType: a.idType,
          idNumber: a.idNumber,
          ...(a.phone ? { phone: a.phone } : {}),
          source: 'inspection',
          sourceNote: findingsOf(c) ?? c.state.exOfficio?.sourceNote ?? '',
        });
      },
      (e: unknown) => live && setError(`来源办件无法读取：${(e as Error).message}`),
    );
    return () => {
      live = false;
    };
  }, [fromId, form]);

  async function choose(row: ItemRow | undefined) {
    setVersion(undefined);
    setError(undefined);
    if (!row) return;
    try {
      const v = await loadItemVersion(row.id, row.currentVersion);
      if (!v) return setError('无权读取本事项的定义，不能立案');
      if (initiationOf(v.content) !== 'exOfficio')
        return setError(`「${row.name}」是依申请事项，由申请人申请、窗口受理，不能立案`);
      setVersion(v);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }

  async function submit(v: Values) {
    if (!version) return;
    setBusy(true);
    setError(undefined);
    // The case form's 案由, where it has one, is what was typed here.
    const key = version.process.compiled?.applicationForm;
    const schema = version.forms.find((f) => f.key === key)?.schema;
    const data = schema?.properties.caseCause ? { caseCause: v.sourceNote.trim() } : undefined;
    try {
      const answer = await api.post<CommandAnswer>('/api/cases/open', {
        itemId: v.itemId,
        party: {
          type: v.partyType,
          name: v.name.trim(),
          idType: v.idType,
          idNumber: v.idNumber.trim().toUpperCase(),
          ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
        },
        source: v.source,
        sourceNote: v.sourceNote.trim(),
        ...(fromId ? { fromCaseId: fromId } : {}),
        ...(v.caseName?.trim() ? { caseName: v.caseName.trim() } : {}),
        ...(data ? { data } : {}),
      });
      navigate(`/cases/${encodeURIComponent(answer.id)}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      setBusy(false);
    }
  }

  const procedure = version?.content.procedure;

  return (
    <PageContainer
      title="立案"
      subTitle="依职权事项（处罚、强制、检查、征收）由执法人员对当事人立案"
      onBack={() => history.back()}
    >
      <Card data-testid="open-case-form">
        {from && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="open-from"
            message={
              <>
                来源办件：
                <Link to={`/cases/${encodeURIComponent(from.id)}`}>
                  {from.state.caseNo ?? from.state.caseName}
                </Link>{' '}
                {from.state.caseName}
              </>
            }
          />
        )}
        {error && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            message={error}
            data-testid="open-error"
          />
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          style={{ maxWidth: 820 }}
          initialValues={{
            partyType: 'organisation',
            idType: 'creditCode',
            source: 'inspection',
          }}
          onValuesChange={(changed: Partial<Values>) => {
            if (changed.partyType === 'organisation') form.setFieldsValue({ idType: 'creditCode' });
            if (changed.partyType === 'person') form.setFieldsValue({ idType: 'residentId' });
          }}
          onFinish={(v) => void submit(v)}
        >
          <Form.Item
            name="itemId"
            label="依职权事项"
            rules={[{ required: true, message: '请选择立案的事项' }]}
            extra={
              procedure
                ? `法定程序：${EX_OFFICIO_PROCEDURES[procedure]}`
                : '本部门已发布的依职权事项'
            }
          >
            <Select
              showSearch
              filterOption={false}
              onSearch={(q) => void search(q)}
              onFocus={() => {
                if (!rows.length) void search('');
              }}
              loading={searching}
              notFoundContent={searching ? '正在查找…' : '没有找到可立案的依职权事项'}
              placeholder="输入事项名称、编码或拼音首字母"
              data-testid="open-item"
              options={rows.map((r) => ({
                value: r.id,
                label: `${r.name}${r.code ? `（${r.code}）` : ''}`,
              }))}
              onChange={(id: string) => void choose(rows.find((r) => r.id === id))}
            />
          </Form.Item>
          <Typography.Title level={5}>当事人</Typography.Title>
          <Form.Item name="partyType" label="当事人类型">
            <Radio.Group
              options={[
                { value: 'organisation', label: '法人或其他组织' },
                { value: 'person', label: '个人' },
              ]}
            />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="name"
                label={partyType === 'person' ? '当事人姓名' : '单位名称'}
                rules={[{ required: true, whitespace: true, message: '请填写当事人名称' }]}
              >
                <Input maxLength={100} autoComplete="off" />
              </Form.Item>
            </Col>
            {partyType === 'person' ? (
              <Col xs={24} md={12}>
                <Form.Item name="idType" label="证件类型">
                  <Select options={PERSON_ID_TYPES} />
                </Form.Item>
              </Col>
            ) : (
              <Form.Item name="idType" hidden>
                <Input />
              </Form.Item>
            )}
            <Col xs={24} md={12}>
              <Form.Item
                name="idNumber"
                label={partyType === 'person' ? '证件号码' : '统一社会信用代码'}
                rules={[idRule(() => form.getFieldValue('idType') as string)]}
                validateTrigger="onBlur"
              >
                <Input maxLength={40} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="phone"
                label="联系电话"
                rules={[
                  {
                    pattern: /^(1\d{10}|0\d{2,3}-?\d{7,8})$/,
                    message: '电话号码格式不正确（手机 11 位，或区号-号码）',
                  },
                ]}
              >
                <Input maxLength={20} autoComplete="off" />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Title level={5}>案件</Typography.Title>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="source" label="案件来源" rules={[{ required: true }]}>
                <Select options={SOURCE_OPTIONS} data-testid="open-source" />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item
                name="caseName"
                label="案件名称"
                extra="不填则为「当事人 + 事项名称 + 案」"
              >
                <Input maxLength={200} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="sourceNote"
            label="案由"
            rules={[
              { required: true, whitespace: true, message: '请填写案由（发现或受理的违法事实）' },
            ]}
          >
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 8 }}
              maxLength={2000}
              showCount
              placeholder="检查发现、投诉举报或移送、交办的违法事实"
            />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} disabled={!version}>
              立案
            </Button>
            <Link to="/work">
              <Button tabIndex={-1}>取消</Button>
            </Link>
          </Space>
        </Form>
      </Card>
    </PageContainer>
  );
}
