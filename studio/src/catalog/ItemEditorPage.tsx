import { PageContainer } from '@ant-design/pro-components';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../api/client';
import { placeServerError } from '../api/form-errors';
import { canOn } from '../identity/ability';
import { useSignedIn } from '../identity/session';
import { useUnits } from '../organisation/use-units';
import { CommentsContext, FieldBox } from './comments';
import { CompletenessPanel } from './CompletenessPanel';
import { options } from './editor/fields';
import { toPayload, toValues, type FormValues } from './item-form';
import { ItemHeader, useItem } from './item-header';
import { ReasonModal } from './ReasonModal';
import { RestructureModal } from './RestructureModal';
import { LegalBasisSection } from './editor/LegalBasisSection';
import { PortalSection } from './editor/PortalSection';
import { ServiceFormsSection } from './editor/ServiceFormsSection';
import { ConsultationsSection } from './editor/ConsultationsSection';
import { MaterialsSection } from './editor/MaterialsSection';
import { TypeSections } from './editor/TypeSections';
import {
  EX_OFFICIO_PROCEDURES,
  HANDLING_KINDS,
  INITIATIONS,
  ITEM_TYPES,
  initiationOf,
  LIMIT_UNIT_LABELS,
  SUBJECT_NATURES,
  scopeOf,
  type CatalogItem,
  type CompletenessProblem,
} from './types';

const TYPE_OPTIONS = Object.entries(ITEM_TYPES).map(([value, label]) => ({
  value,
  label: `${label}（${value}）`,
}));
const UNIT_OPTIONS = options(LIMIT_UNIT_LABELS);

function LimitInput({ name, label }: { name: 'legalLimit' | 'promisedLimit'; label: string }) {
  return (
    <FieldBox path={name}>
      <Form.Item label={label} style={{ marginBottom: 12 }}>
        <Space.Compact>
          <Form.Item name={[name, 'value']} noStyle>
            <InputNumber min={1} max={3650} precision={0} placeholder="天数" aria-label={label} />
          </Form.Item>
          <Form.Item name={[name, 'unit']} noStyle>
            <Select options={UNIT_OPTIONS} style={{ width: 120 }} aria-label={`${label}单位`} />
          </Form.Item>
        </Space.Compact>
      </Form.Item>
    </FieldBox>
  );
}

type Dialog = 'change' | 'cancel' | 'delegate' | 'split';

/** Edits an item's draft like table A1, beside its completeness check (CAT-1, CAT-7, CAT-8). */
export function ItemEditorPage() {
  const { id = 'new' } = useParams();
  const isNew = id === 'new';
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { me, ability } = useSignedIn();
  const { units } = useUnits();
  const { item, setItem, error: loadError, reload } = useItem(isNew ? undefined : id);
  const [form] = Form.useForm<FormValues>();
  const [formError, setFormError] = useState<string>();
  const [conflict, setConflict] = useState(false);
  const [refused, setRefused] = useState<CompletenessProblem[]>();
  const [busy, setBusy] = useState(false);
  const [checkRound, setCheckRound] = useState(0);
  const [dialog, setDialog] = useState<Dialog>();

  const type = Form.useWatch('type', form);
  const nature = Form.useWatch(['subject', 'nature'], form);
  const subjectId = Form.useWatch(['subject', 'unitId'], form);
  const charged = Form.useWatch(['fee', 'charged'], form);
  const initiation = Form.useWatch('initiation', form);
  // 依申请 or 依职权 (RUN-17): as chosen, else by the type.
  const byType = initiationOf({ type: type ?? 'XK' });
  const exOfficio = (initiation ?? byType) === 'exOfficio';

  const mayEdit = item
    ? canOn(ability, 'update', 'Item', scopeOf(item)) && ['draft', 'returned'].includes(item.status)
    : ability.can('create', 'Item');
  const record = scopeOf(item ?? {});
  const maySubmit = item && canOn(ability, 'submit', 'Item', record);
  const mayChange = item?.status === 'approved' && canOn(ability, 'update', 'Item', record);
  const mayCancel = item?.status === 'approved' && canOn(ability, 'cancel', 'Item', record);
  const mayReview = item?.status === 'submitted' && canOn(ability, 'approve', 'Item', record);

  const subjects = useMemo(
    () =>
      (units ?? [])
        .filter(
          (u) =>
            (u.kind === 'department' || u.kind === 'township') &&
            (canOn(ability, 'create', 'Item', { countyId: u.countyId, departmentId: u.id }) ||
              u.id === item?.departmentId),
        )
        .map((u) => ({ value: u.id, label: u.name })),
    [units, ability, item?.departmentId],
  );
  const offices = useMemo(
    () =>
      (units ?? [])
        .filter((u) => u.kind === 'office' && u.parentId === subjectId)
        .map((u) => ({ value: u.id, label: u.name })),
    [units, subjectId],
  );

  const initialValues = useMemo(
    () => toValues(item?.draft, me.user.departmentId),
    [item, me.user.departmentId],
  );

  // The form keeps its store across loads, so a loaded or saved item is put into it explicitly.
  useEffect(() => {
    if (item) form.setFieldsValue(initialValues);
  }, [form, item, initialValues]);

  const save = useCallback(async (): Promise<CatalogItem | undefined> => {
    setFormError(undefined);
    setConflict(false);
    const values = form.getFieldsValue(true) as FormValues;
    const body = toPayload(values);
    try {
      const saved = item
        ? await api.patch<CatalogItem>(`/api/items/${item.id}`, { ...body, version: item.version })
        : await api.post<CatalogItem>('/api/items', body);
      setItem(saved);
      setCheckRound((r) => r + 1);
      if (!item) navigate(`/catalog/${saved.id}`, { replace: true });
      return saved;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setConflict(true);
        setFormError(e.message);
      } else {
        setFormError(placeServerError(form, e));
      }
      return undefined;
    }
  }, [form, item, navigate, setItem]);

  async function onSave() {
    setBusy(true);
    const saved = await save();
    setBusy(false);
    if (saved) void message.success('已保存');
  }

  async function onSubmit() {
    setBusy(true);
    setRefused(undefined);
    const saved = await save();
    if (saved) {
      try {
        const submitted = await api.post<CatalogItem>(`/api/items/${saved.id}/submit`, {
          version: saved.version,
        });
        setItem(submitted);
        void message.success('已提交审核');
      } catch (e) {
        const problems = (e as ApiError).details as { problems?: CompletenessProblem[] };
        if (e instanceof ApiError && problems?.problems) setRefused(problems.problems);
        else setFormError(String((e as Error).message));
      }
      setCheckRound((r) => r + 1);
    }
    setBusy(false);
  }

  async function onReason(reason: string): Promise<void> {
    if (!item) return;
    const changed =
      dialog === 'change'
        ? await api.patch<CatalogItem>(`/api/items/${item.id}`, { version: item.version, reason })
        : await api.post<CatalogItem>(`/api/items/${item.id}/cancel`, {
            version: item.version,
            reason,
          });
    setDialog(undefined);
    setItem(changed);
    void message.success(dialog === 'change' ? '已开始变更，请修改后提交审核' : '已提交取消申请');
  }

  useEffect(() => {
    if (item) document.title = `${item.name || '未命名事项'} - 事项目录`;
  }, [item]);

  if (loadError) return <Alert type="error" showIcon message={loadError.message} />;
  if (!isNew && !item) return <Card loading />;

  const openComments = (item?.comments ?? []).filter((c) => !c.resolved);

  return (
    <PageContainer
      title={item ? item.name || '未命名事项' : '新增事项'}
      onBack={() => navigate('/catalog')}
      extra={[
        item && (
          <Link key="flowchart" to={`/catalog/${item.id}/flowchart`}>
            <Button>流程图</Button>
          </Link>
        ),
        item && (
          <Link key="forms" to={`/catalog/${item.id}/forms`}>
            <Button>电子表单</Button>
          </Link>
        ),
        item && (
          <Link key="versions" to={`/catalog/${item.id}/versions`}>
            <Button>版本历史</Button>
          </Link>
        ),
        mayReview && (
          <Link key="review" to={`/catalog/${item.id}/review`}>
            <Button>审核</Button>
          </Link>
        ),
        mayChange && (
          <Button key="change" onClick={() => setDialog('change')}>
            变更
          </Button>
        ),
        mayCancel && (
          <Button key="delegate" onClick={() => setDialog('delegate')}>
            下放
          </Button>
        ),
        mayCancel && (
          <Button key="split" onClick={() => setDialog('split')}>
            拆分
          </Button>
        ),
        mayCancel && (
          <Button key="cancel" danger onClick={() => setDialog('cancel')}>
            申请取消
          </Button>
        ),
        mayEdit && (
          <Button key="save" loading={busy} onClick={() => void onSave()}>
            保存
          </Button>
        ),
        mayEdit && maySubmit && (
          <Button key="submit" type="primary" loading={busy} onClick={() => void onSubmit()}>
            提交审核
          </Button>
        ),
      ]}
    >
      {item && <ItemHeader item={item} comments={openComments} />}
      {formError && (
        <Alert
          type="error"
          showIcon
          data-testid="save-error"
          style={{ marginBottom: 16 }}
          message={conflict ? `保存冲突：${formError}` : formError}
          description={
            conflict
              ? '该事项已被他人修改。请刷新载入最新内容后再修改（未保存的修改将丢失）。'
              : undefined
          }
          action={
            conflict ? (
              <Button
                size="small"
                onClick={() => {
                  setFormError(undefined);
                  setConflict(false);
                  reload();
                }}
              >
                刷新
              </Button>
            ) : undefined
          }
        />
      )}
      <Row gutter={16} align="top">
        <Col xs={24} xl={17}>
          <CommentsContext.Provider value={openComments}>
            <Form<FormValues>
              form={form}
              layout="vertical"
              initialValues={initialValues}
              disabled={!mayEdit}
            >
              <Card title="基本信息" size="small" style={{ marginBottom: 16 }}>
                <Row gutter={16}>
                  <Col span={12}>
                    <FieldBox path="name">
                      <Form.Item name="name" label="事项名称" required>
                        <Input maxLength={200} placeholder="如：危险化学品经营许可" />
                      </Form.Item>
                    </FieldBox>
                  </Col>
                  <Col span={6}>
                    <FieldBox path="type">
                      <Form.Item name="type" label="事项类型" required>
                        <Select options={TYPE_OPTIONS} disabled={!mayEdit || Boolean(item?.code)} />
                      </Form.Item>
                    </FieldBox>
                  </Col>
                  <Col span={6}>
                    <FieldBox path="handlingKind">
                      <Form.Item name="handlingKind" label="办件类型" required>
                        <Select options={options(HANDLING_KINDS)} />
                      </Form.Item>
                    </FieldBox>
                  </Col>
                </Row>
                <Row gutter={16}>
                  <Col span={8}>
                    <FieldBox path="initiation">
                      <Form.Item
                        name="initiation"
                        label="办理方式"
                        tooltip="依申请事项由申请人申请、窗口受理；依职权事项（处罚、强制、检查、征收等）由执法人员立案"
                        extra={
                          initiation ? undefined : `未选择时按事项类型：${INITIATIONS[byType]}`
                        }
                      >
                        <Select
                          options={options(INITIATIONS)}
                          placeholder={`${INITIATIONS[byType]}（按事项类型）`}
                          data-testid="item-initiation"
                        />
                      </Form.Item>
                    </FieldBox>
                  </Col>
                  {exOfficio && (
                    <Col span={10}>
                      <FieldBox path="procedure">
                        <Form.Item
                          name="procedure"
                          label="法定程序"
                          tooltip="依职权办件所遵循的法定程序，流程图按其模板设计"
                        >
                          <Select
                            options={options(EX_OFFICIO_PROCEDURES)}
                            placeholder="请选择法定程序"
                            data-testid="item-procedure"
                          />
                        </Form.Item>
                      </FieldBox>
                    </Col>
                  )}
                </Row>
              </Card>

              <Card title="办理主体" size="small" style={{ marginBottom: 16 }}>
                <Row gutter={16}>
                  <Col span={10}>
                    <FieldBox path="subject.unitId">
                      <Form.Item name={['subject', 'unitId']} label="主体" required>
                        <Select
                          options={subjects}
                          showSearch
                          optionFilterProp="label"
                          disabled={!mayEdit || Boolean(item?.code)}
                          onChange={() => form.setFieldsValue({ office: undefined })}
                        />
                      </Form.Item>
                    </FieldBox>
                  </Col>
                  <Col span={6}>
                    <FieldBox path="subject.nature">
                      <Form.Item name={['subject', 'nature']} label="主体性质" required>
                        <Select options={options(SUBJECT_NATURES)} />
                      </Form.Item>
                    </FieldBox>
                  </Col>
                  {nature === 'entrusted' && (
                    <Col span={8}>
                      <FieldBox path="subject.entrustingUnit">
                        <Form.Item name={['subject', 'entrustingUnit']} label="委托单位" required>
                          <Input maxLength={60} />
                        </Form.Item>
                      </FieldBox>
                    </Col>
                  )}
                </Row>
              </Card>

              <LegalBasisSection mayEdit={mayEdit} />

              <MaterialsSection mayEdit={mayEdit} />

              <Card title="收费与期限" size="small" style={{ marginBottom: 16 }}>
                <Row gutter={16}>
                  <Col span={4}>
                    <FieldBox path="fee.charged">
                      <Form.Item name={['fee', 'charged']} label="是否收费" valuePropName="checked">
                        <Switch checkedChildren="收费" unCheckedChildren="不收费" />
                      </Form.Item>
                    </FieldBox>
                  </Col>
                  {charged && (
                    <>
                      <Col span={10}>
                        <FieldBox path="fee.basis">
                          <Form.Item name={['fee', 'basis']} label="收费依据">
                            <Input />
                          </Form.Item>
                        </FieldBox>
                      </Col>
                      <Col span={6}>
                        <FieldBox path="fee.standard">
                          <Form.Item name={['fee', 'standard']} label="收费标准">
                            <Input />
                          </Form.Item>
                        </FieldBox>
                      </Col>
                      <Col span={4}>
                        <FieldBox path="fee.amountFen">
                          <Form.Item
                            name={['fee', 'amountYuan']}
                            label="标准金额（元）"
                            tooltip="每件收费的标准金额；登记的收费与之不符时监察预警"
                          >
                            <InputNumber
                              min={0}
                              max={100_000_000}
                              precision={2}
                              style={{ width: '100%' }}
                            />
                          </Form.Item>
                        </FieldBox>
                      </Col>
                    </>
                  )}
                </Row>
                <Row gutter={16}>
                  <Col span={12}>
                    <LimitInput name="legalLimit" label="法定期限" />
                  </Col>
                  <Col span={12}>
                    <LimitInput name="promisedLimit" label="承诺期限" />
                  </Col>
                </Row>
              </Card>

              <Card title="办理信息" size="small" style={{ marginBottom: 16 }}>
                <Row gutter={16}>
                  <Col span={12}>
                    <FieldBox path="office">
                      <Form.Item name={['office', 'unitId']} label="办理科室" required>
                        <Select options={offices} allowClear placeholder="主体下属的科室" />
                      </Form.Item>
                    </FieldBox>
                  </Col>
                  <Col span={12}>
                    <FieldBox path="address">
                      <Form.Item name="address" label="办理地点">
                        <Input maxLength={200} />
                      </Form.Item>
                    </FieldBox>
                  </Col>
                  <Col span={12}>
                    <FieldBox path="phone">
                      <Form.Item name="phone" label="联系电话" required>
                        <Input maxLength={30} placeholder="0577-86900000" />
                      </Form.Item>
                    </FieldBox>
                  </Col>
                  <Col span={12}>
                    <FieldBox path="supervisionPhone">
                      <Form.Item name="supervisionPhone" label="监督电话" required>
                        <Input maxLength={30} placeholder="0577-86900000 或 12345" />
                      </Form.Item>
                    </FieldBox>
                  </Col>
                </Row>
              </Card>

              <TypeSections type={type} mayEdit={mayEdit} />

              <PortalSection mayEdit={mayEdit} itemId={item?.id} />

              {item && (
                <ServiceFormsSection item={item} mayEdit={mayEdit} save={save} onItem={setItem} />
              )}
              {item?.code && <ConsultationsSection itemId={item.id} />}
            </Form>
          </CommentsContext.Provider>
        </Col>
        <Col xs={24} xl={7}>
          <div style={{ position: 'sticky', top: 72 }}>
            <CompletenessPanel itemId={item?.id} round={checkRound} refused={refused} item={item} />
            {item && (
              <Card size="small" title="状态" style={{ marginTop: 16 }}>
                <Space direction="vertical">
                  <span>
                    状态：<Tag>{item.statusLabel}</Tag>
                  </span>
                  {!mayEdit && item.status === 'approved' && mayChange && (
                    <Typography.Text type="secondary">
                      已发布。如需修改，请点击「变更」并说明原因。
                    </Typography.Text>
                  )}
                  {item.status === 'submitted' && (
                    <Typography.Text type="secondary">待审核，审核完成前不能修改。</Typography.Text>
                  )}
                </Space>
              </Card>
            )}
          </div>
        </Col>
      </Row>
      {(dialog === 'delegate' || dialog === 'split') && item && (
        <RestructureModal
          item={item}
          kind={dialog}
          onCancel={() => setDialog(undefined)}
          onDone={(changed) => {
            setDialog(undefined);
            setItem(changed);
            void message.success(`已提交${dialog === 'delegate' ? '下放' : '拆分'}申请`);
          }}
        />
      )}
      {(dialog === 'change' || dialog === 'cancel') && item && (
        <ReasonModal
          title={dialog === 'change' ? `变更事项：${item.name}` : `申请取消事项：${item.name}`}
          label={dialog === 'change' ? '变更原因' : '取消原因'}
          okText={dialog === 'change' ? '开始变更' : '提交取消申请'}
          onOk={onReason}
          onCancel={() => setDialog(undefined)}
        />
      )}
    </PageContainer>
  );
}
