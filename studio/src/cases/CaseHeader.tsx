import { Alert, Descriptions, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import {
  APPLICATION_CHANNELS,
  CASE_SOURCES,
  dueText,
  EX_OFFICIO_PROCEDURES,
  ID_TYPES,
  STATUS_COLORS,
  timeText,
} from './labels';
import { RemainingTag } from './RemainingTag';
import type { CaseDetail, Remaining } from './types';

const FINAL_STATES: Record<string, { text: string; color: string }> = {
  granted: { text: '准予', color: 'green' },
  denied: { text: '不予', color: 'red' },
  withdrawn: { text: '撤回', color: 'default' },
  terminated: { text: '终止', color: 'red' },
};

function limitCell(limit: { dueAt: string | null } | undefined, time: Remaining | undefined) {
  if (!limit) return '—';
  return (
    <>
      {limit.dueAt ? dueText(limit.dueAt) : '计时暂停'}
      {time && (
        <span style={{ marginLeft: 8 }}>
          <RemainingTag
            remaining={time.remaining}
            unit={time.unit}
            state={time.state}
            stopped={time.stopped}
            due={time.due}
          />
        </span>
      )}
    </>
  );
}

/** The case at a glance: number, item, status, applicant, units, limits, remaining days. */
export function CaseHeader({
  detail,
  internal,
}: {
  detail: CaseDetail;
  /** 督办 and complaints close with a word, not a grant or denial. */
  internal?: boolean;
}) {
  const s = detail.state;
  const t = detail.timeliness;
  const paused = s.pauses.find((p) => !p.to);
  // 依职权 (RUN-17): a party, not an applicant; 立案, not application and acceptance.
  const ex = s.exOfficio;
  // 准予 or 不予 says more than 已办结; after 不予受理 or 撤回 the status says it all. An ex
  // officio case grants nothing: its penalty says how it ended.
  const ended =
    s.status === 'concluded' && s.result && !internal && !ex && FINAL_STATES[s.result.finalState];
  const party = (
    <>
      {s.applicant.name}
      <div>
        <Typography.Text type="secondary">
          {ID_TYPES[s.applicant.idType]} {s.applicant.idNumber}
          {s.applicant.phone ? ` · ${s.applicant.phone}` : ''}
        </Typography.Text>
      </div>
    </>
  );
  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        bordered
        className="case-header"
        data-testid="case-header"
      >
        <Descriptions.Item label={ex ? '立案号' : '办件编号'}>
          {s.caseNo ? (
            <Typography.Text strong copyable data-testid="case-no">
              {s.caseNo}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">受理后生成</Typography.Text>
          )}
          {s.applicationNo && <div>申请编号 {s.applicationNo}</div>}
        </Descriptions.Item>
        <Descriptions.Item label="事项">
          {s.itemName}
          <div>
            <Typography.Text type="secondary">
              {s.itemCode} · 第 {s.itemVersion} 版
            </Typography.Text>
          </div>
        </Descriptions.Item>
        <Descriptions.Item label="状态">
          <Tag color={STATUS_COLORS[s.status]} data-testid="case-status">
            {detail.statusLabel}
          </Tag>
          {ended && <Tag color={ended.color}>{ended.text}</Tag>}
        </Descriptions.Item>
        {ex ? (
          <>
            <Descriptions.Item label="当事人">
              <span data-testid="case-party">{party}</span>
            </Descriptions.Item>
            <Descriptions.Item label="立案单位">{s.acceptingUnit.name}</Descriptions.Item>
            <Descriptions.Item label="办理单位">{s.handlingUnit.name}</Descriptions.Item>
            <Descriptions.Item label="立案时间">{timeText(ex.openedAt)}</Descriptions.Item>
            <Descriptions.Item label="案件来源">
              <span data-testid="case-source">{CASE_SOURCES[ex.source] ?? ex.source}</span>
              {ex.procedure && (
                <div>
                  <Typography.Text type="secondary">
                    {APPLICATION_CHANNELS.exOfficio} ·{' '}
                    {EX_OFFICIO_PROCEDURES[ex.procedure as keyof typeof EX_OFFICIO_PROCEDURES] ??
                      ex.procedure}
                  </Typography.Text>
                </div>
              )}
              {ex.fromCaseId && (
                <div>
                  <Link to={`/cases/${encodeURIComponent(ex.fromCaseId)}`}>查看来源办件</Link>
                </div>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="案由">
              <Typography.Paragraph
                ellipsis={{ rows: 2, tooltip: ex.sourceNote }}
                style={{ margin: 0 }}
                data-testid="case-cause"
              >
                {ex.sourceNote ?? '—'}
              </Typography.Paragraph>
            </Descriptions.Item>
          </>
        ) : (
          <>
            <Descriptions.Item label="申请人">{party}</Descriptions.Item>
            <Descriptions.Item label="受理单位">{s.acceptingUnit.name}</Descriptions.Item>
            <Descriptions.Item label="办理单位">{s.handlingUnit.name}</Descriptions.Item>
            <Descriptions.Item label="申请时间">{timeText(s.appliedAt)}</Descriptions.Item>
            <Descriptions.Item label="受理时间">{timeText(s.acceptedAt)}</Descriptions.Item>
          </>
        )}
        <Descriptions.Item label="办结时间">{timeText(s.endedAt)}</Descriptions.Item>
        <Descriptions.Item label="法定期限">
          {limitCell(s.deadlines.legal, t?.legal)}
        </Descriptions.Item>
        {!ex && (
          <Descriptions.Item label="承诺期限">
            {limitCell(s.deadlines.promised, t?.promised)}
          </Descriptions.Item>
        )}
        <Descriptions.Item label="计时">
          {paused ? (
            // A long 补正 reason wraps under the tag: in a tag it would not wrap and squeezed
            // every other column to one character (issue 13).
            <div data-testid="clock" className="case-clock-paused">
              <Tag>已暂停</Tag>
              <Typography.Paragraph
                ellipsis={{ rows: 2, tooltip: paused.reason }}
                style={{ margin: '4px 0 0' }}
              >
                {paused.reason}
              </Typography.Paragraph>
            </div>
          ) : s.endedAt ? (
            <Tag data-testid="clock">已结束</Tag>
          ) : (
            <Tag color="green" data-testid="clock">
              正常计时
            </Tag>
          )}
        </Descriptions.Item>
      </Descriptions>
      {s.decision && (
        <Alert
          style={{ marginTop: 12 }}
          type={s.decision.result === 'granted' || ex ? 'success' : 'warning'}
          showIcon
          data-testid="decision"
          message={`${internal || ex ? '办结意见' : s.decision.result === 'granted' ? '准予决定' : '不予决定'}（${s.decision.by.name}，${timeText(s.decision.at)}）`}
          description={s.decision.text}
        />
      )}
      {detail.timelinessProblem && (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          message={detail.timelinessProblem}
        />
      )}
    </>
  );
}
