import { PageContainer } from '@ant-design/pro-components';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  Radio,
  Result,
  Select,
  Space,
  Steps,
  Tag,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { useUnits } from '../../organisation/use-units';
import { runCommand } from '../cases-api';
import type { CommandAnswer } from '../types';
import { optional } from '../actions/fields';
import { uploadCaseFile } from '../case-files';
import {
  applicantBody,
  receivedText,
  type ApplicantValues,
  type ChosenItem,
  type MaterialCheck,
} from './intake';
import {
  ApplicantStep,
  ApplicationStep,
  ItemStep,
  ItemSummary,
  MaterialsStep,
  useFocusFirst,
} from './steps';
import './register.css';

type Decision = 'accept' | 'correction' | 'refuse';

interface DecisionValues {
  decision: Decision;
  /** The unit a 督办 or complaint is about, where its flowchart sends steps there. */
  targetUnitId?: string;
  opinion?: string;
  reason?: string;
  missing?: string[];
  reasons?: Record<string, string>;
}

const DONE: Record<Decision, string> = {
  accept: '已受理',
  correction: '已登记并发出一次性补正告知',
  refuse: '已登记并作出不予受理决定',
};

/** The case once 登记 succeeded, and which picked files reached it (a retry skips both). */
export interface Registered {
  caseId: string;
  version: number;
  uploaded: File[];
}

interface Finished {
  decision: Decision;
  caseId: string;
  caseNo?: string;
  /** The case was registered but the decision was refused by the server. */
  problem?: string;
}

/**
 * 窗口登记 (RUN-1, RUN-2): a walk-in application from item to 受理 / 不予受理 / 一次性补正告知,
 * step by step, usable with the keyboard alone: each step opens on its first field, Enter goes on.
 */
export function RegisterPage() {
  const [params] = useSearchParams();
  // 发起督办 from an alert: the 督办单 and the unit come filled in (`data.<field>`, `target`).
  const prefill = Object.fromEntries(
    [...params.entries()].filter(([k]) => k.startsWith('data.')).map(([k, v]) => [k.slice(5), v]),
  );
  const target = params.get('target') ?? undefined;
  const [step, setStep] = useState(0);
  const [item, setItem] = useState<ChosenItem>();
  const [applicant, setApplicant] = useState<ApplicantValues>();
  const [data, setData] = useState<Record<string, unknown> | undefined>(() =>
    Object.keys(prefill).length ? prefill : undefined,
  );
  const [checks, setChecks] = useState<MaterialCheck[]>();
  const [finished, setFinished] = useState<Finished>();
  const [registered, setRegistered] = useState<Registered>();

  const restart = () => {
    setItem(undefined);
    setApplicant(undefined);
    setData(undefined);
    setChecks(undefined);
    setFinished(undefined);
    setRegistered(undefined);
    setStep(0);
  };

  return (
    <PageContainer title="窗口登记" subTitle="登记申请，核对材料，当场受理、补正告知或不予受理">
      <Card className="window-intake">
        <Steps
          current={finished ? 5 : step}
          size="small"
          style={{ marginBottom: 24 }}
          items={[
            { title: '选择事项' },
            { title: '申请人' },
            { title: '申请表' },
            { title: '材料核对' },
            { title: '受理决定' },
          ]}
        />
        {finished ? (
          <Done finished={finished} onAgain={restart} />
        ) : (
          <>
            {item && step > 0 && <ItemSummary item={item} applicant={applicant} />}
            {step === 0 && (
              <ItemStep
                query={params.get('item') ?? undefined}
                chosen={item}
                onNext={(chosen) => {
                  // Another item than before: what was entered for it no longer fits.
                  if (item && chosen.row.id !== item.row.id) {
                    setData(undefined);
                    setChecks(undefined);
                    setRegistered(undefined);
                  }
                  setItem(chosen);
                  setStep(1);
                }}
              />
            )}
            {step === 1 && (
              <ApplicantStep
                value={applicant}
                onBack={() => setStep(0)}
                onNext={(v) => {
                  setApplicant(v);
                  setStep(2);
                }}
              />
            )}
            {step === 2 && item && applicant && (
              <ApplicationStep
                item={item}
                applicant={applicant}
                data={data}
                onBack={() => setStep(1)}
                onNext={(d) => {
                  setData(d);
                  setStep(3);
                }}
              />
            )}
            {step === 3 && item && (
              <MaterialsStep
                item={item}
                checks={checks}
                onBack={() => setStep(2)}
                onNext={(c) => {
                  setChecks(c);
                  setStep(4);
                }}
              />
            )}
            {step === 4 && item && applicant && checks && (
              <DecisionStep
                {...(target ? { target } : {})}
                item={item}
                applicant={applicant}
                data={data}
                checks={checks}
                registered={registered}
                onRegistered={setRegistered}
                onBack={() => setStep(3)}
                onDone={setFinished}
              />
            )}
          </>
        )}
      </Card>
    </PageContainer>
  );
}

/** 5 — register the case and decide at once: 受理, 一次性补正告知 or 不予受理 (reason required). */
function DecisionStep({
  target,
  item,
  applicant,
  data,
  checks,
  registered,
  onRegistered,
  onBack,
  onDone,
}: {
  target?: string;
  item: ChosenItem;
  applicant: ApplicantValues;
  data?: Record<string, unknown>;
  checks: MaterialCheck[];
  registered?: Registered;
  onRegistered: (r: Registered) => void;
  onBack: () => void;
  onDone: (f: Finished) => void;
}) {
  const ref = useFocusFirst();
  const list = item.version.content.materials;
  const received = new Set(checks.filter((c) => c.received).map((c) => c.materialId));
  const missing = list.filter((m) => m.required && !received.has(m.id));
  const [form] = Form.useForm<DecisionValues>();
  const { units } = useUnits();
  // PROC-6: a 督办 or complaint names the unit its steps go to.
  const needsTarget = !!item.version.process.compiled?.nodes.some(
    (n) => n.kind === 'userTask' && n.step.handledBy === 'target',
  );
  const decision = Form.useWatch('decision', form) ?? (missing.length ? 'correction' : 'accept');
  const picked = Form.useWatch('missing', form) ?? missing.map((m) => m.id);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [progress, setProgress] = useState<string>();
  const [refused, setRefused] = useState<string>();
  const scans = checks.flatMap((c) =>
    (c.files ?? []).map((file) => ({ materialId: c.materialId, file })),
  );

  async function submit(v: DecisionValues) {
    setBusy(true);
    setError(undefined);
    setRefused(undefined);
    let at = registered;
    if (!at) {
      try {
        const started = await api.post<CommandAnswer>('/api/cases', {
          itemId: item.row.id,
          ...applicantBody(applicant),
          ...(data ? { data } : {}),
          materials: [...received].map((materialId) => ({ materialId })),
          ...(needsTarget && v.targetUnitId ? { target: { unitId: v.targetUnitId } } : {}),
        });
        at = { caseId: started.id, version: started.version, uploaded: [] };
        onRegistered(at);
      } catch (e) {
        setError(e instanceof ApiError ? e.message : String(e));
        setBusy(false);
        return;
      }
    }
    // RUN-7: the picked scans, one by one, before the decision; a refusal stops here.
    const uploaded = at.uploaded;
    const pending = scans.filter((p) => !uploaded.includes(p.file));
    for (const [i, p] of pending.entries()) {
      const material = list.find((m) => m.id === p.materialId)?.name ?? p.materialId;
      setProgress(`正在上传 ${i + 1}/${pending.length}：${material}「${p.file.name}」`);
      try {
        const answer = await uploadCaseFile(
          at.caseId,
          { kind: 'material', materialId: p.materialId },
          p.file,
        );
        at = { ...at, version: answer.case.version, uploaded: [...at.uploaded, p.file] };
        onRegistered(at);
      } catch (e) {
        setProgress(undefined);
        setRefused(
          `${material}「${p.file.name}」未能上传：${e instanceof ApiError ? e.message : String(e)}`,
        );
        setBusy(false);
        return;
      }
    }
    setProgress(undefined);
    const started = { id: at.caseId, version: at.version };
    const note = receivedText(list, checks);
    const command =
      v.decision === 'accept'
        ? {
            type: 'accept',
            ...optional(
              'opinion',
              [v.opinion?.trim(), note && `收取材料：${note}`].filter(Boolean).join('；'),
            ),
          }
        : v.decision === 'refuse'
          ? { type: 'refuse', reason: v.reason!.trim() }
          : {
              type: 'requestCorrection',
              items: (v.missing ?? []).map((materialId) => ({
                materialId,
                reason: v.reasons?.[materialId]?.trim() || '未提交',
              })),
              ...optional('opinion', v.opinion),
            };
    try {
      const answer = await runCommand(started.id, started.version, command);
      onDone({
        decision: v.decision,
        caseId: answer.id,
        caseNo: answer.caseNo,
      });
    } catch (e) {
      onDone({
        decision: v.decision,
        caseId: started.id,
        problem: e instanceof ApiError ? e.message : String(e),
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div ref={ref}>
      <Form<DecisionValues>
        form={form}
        layout="vertical"
        style={{ maxWidth: 720 }}
        initialValues={{
          decision: missing.length ? 'correction' : 'accept',
          missing: missing.map((m) => m.id),
          reasons: Object.fromEntries(list.map((m) => [m.id, '未提交'])),
          ...(needsTarget && target ? { targetUnitId: target } : {}),
        }}
        onFinish={(v) => void submit(v)}
      >
        {error && (
          <Alert
            type="error"
            showIcon
            message={error}
            style={{ marginBottom: 12 }}
            data-testid="intake-error"
          />
        )}
        {refused && (
          <Alert
            type="error"
            showIcon
            message={refused}
            description="申请已登记，尚未作出处理。请返回「材料核对」移除或更换该文件，再提交；已上传的文件不会重复上传。"
            action={<Button onClick={onBack}>返回材料核对</Button>}
            style={{ marginBottom: 12 }}
            data-testid="intake-upload-error"
          />
        )}
        {registered && !refused && (
          <Alert
            type="info"
            showIcon
            message="申请已登记，再次提交只上传尚未上传的文件并作出处理，不会重复登记"
            style={{ marginBottom: 12 }}
          />
        )}
        {progress && (
          <Alert
            type="info"
            showIcon
            message={progress}
            style={{ marginBottom: 12 }}
            data-testid="intake-upload-progress"
          />
        )}
        {scans.length > 0 && (
          <Alert
            type="info"
            style={{ marginBottom: 12 }}
            data-testid="intake-files"
            message={`登记后上传电子件 ${scans.length} 个：${scans
              .map(
                (p) =>
                  `${list.find((m) => m.id === p.materialId)?.name ?? ''}「${p.file.name}」${registered?.uploaded.includes(p.file) ? '（已上传）' : ''}`,
              )
              .join('、')}`}
          />
        )}
        <Alert
          type={missing.length ? 'warning' : 'success'}
          showIcon
          style={{ marginBottom: 16 }}
          message={
            missing.length
              ? `尚缺必要材料：${missing.map((m) => m.name).join('、')}，不能受理`
              : `材料齐全：${receivedText(list, checks) || '本事项无材料要求'}`
          }
        />
        {needsTarget && (
          <Form.Item
            name="targetUnitId"
            label="被督办（被投诉）单位"
            rules={[{ required: true, message: '请选择被督办（被投诉）单位' }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              placeholder="选择部门或乡镇（街道）"
              disabled={!!registered}
              options={(units ?? [])
                .filter((u) => u.kind === 'department' || u.kind === 'township')
                .map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        )}
        <Form.Item name="decision" label="处理">
          <Radio.Group
            data-testid="intake-decision"
            options={[
              { value: 'accept', label: '受理', disabled: missing.length > 0 },
              { value: 'correction', label: '一次性补正告知' },
              { value: 'refuse', label: '不予受理' },
            ]}
          />
        </Form.Item>
        {decision === 'accept' && (
          <Form.Item name="opinion" label="受理意见">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
          </Form.Item>
        )}
        {decision === 'refuse' && (
          <Form.Item
            name="reason"
            label="不予受理理由"
            rules={[{ required: true, whitespace: true, message: '请填写不予受理理由' }]}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} showCount />
          </Form.Item>
        )}
        {decision === 'correction' && (
          <>
            <Form.Item
              name="missing"
              label="需补正的材料（一次告知全部）"
              rules={[{ required: true, type: 'array', min: 1, message: '请选择需补正的材料' }]}
            >
              <Checkbox.Group style={{ width: '100%' }}>
                <Space direction="vertical" style={{ width: '100%' }}>
                  {list.map((m) => (
                    <Checkbox key={m.id} value={m.id}>
                      {m.name} {m.required && <Tag color="red">必要</Tag>}
                      {received.has(m.id) ? <Tag color="green">已收取</Tag> : <Tag>未收取</Tag>}
                    </Checkbox>
                  ))}
                </Space>
              </Checkbox.Group>
            </Form.Item>
            {list
              .filter((m) => picked.includes(m.id))
              .map((m) => (
                <Form.Item
                  key={m.id}
                  name={['reasons', m.id]}
                  label={`「${m.name}」补正原因`}
                  rules={[{ required: true, whitespace: true, message: '请填写补正原因' }]}
                >
                  <Input maxLength={500} />
                </Form.Item>
              ))}
            <Form.Item name="opinion" label="告知说明">
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
            </Form.Item>
          </>
        )}
        <Space style={{ marginTop: 16 }}>
          <Button onClick={onBack}>上一步</Button>
          <Button
            type="primary"
            danger={decision === 'refuse'}
            htmlType="submit"
            loading={busy}
            data-testid="intake-submit"
          >
            {decision === 'accept'
              ? '登记并受理'
              : decision === 'refuse'
                ? '登记并不予受理'
                : '登记并发出补正告知'}
          </Button>
        </Space>
      </Form>
    </div>
  );
}

function Done({ finished, onAgain }: { finished: Finished; onAgain: () => void }) {
  const link = useRef<HTMLAnchorElement>(null);
  useEffect(() => link.current?.focus(), []);
  const caseLink = (
    <Link ref={link} to={`/cases/${finished.caseId}`} data-testid="intake-case-link">
      打开办件
    </Link>
  );
  if (finished.problem) {
    return (
      <Result
        status="warning"
        title="申请已登记，但处理未完成"
        subTitle={`${finished.problem}。办件在「待受理」中，可在办件页继续处理。`}
        extra={<Space>{caseLink}</Space>}
      />
    );
  }
  return (
    <Result
      status={finished.decision === 'accept' ? 'success' : 'info'}
      title={DONE[finished.decision]}
      subTitle={
        finished.caseNo ? (
          <span>
            办件编号 <b data-testid="intake-case-no">{finished.caseNo}</b>
          </span>
        ) : (
          '已告知申请人，办件留在窗口待补正或已办结'
        )
      }
      extra={
        <Space>
          {caseLink}
          <Button onClick={onAgain}>继续登记</Button>
        </Space>
      }
    />
  );
}
