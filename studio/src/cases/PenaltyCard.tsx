import { Alert, Card, Descriptions, Tag } from 'antd';
import type { DiscretionBenchmark } from '../../../runtime/catalog/item';
import type { PenaltyDecision } from '../../../runtime/cases/state';
import { fineRangeText, MITIGATIONS, timeText } from './labels';

/**
 * 处罚决定 (CAT-2, SUP-2): the penalty decided at the discretion step, with the benchmark row it
 * was decided by; a fine outside the row's range is flagged with the reason given for it.
 */
export function PenaltyCard({
  penalty: p,
  benchmarks,
}: {
  penalty: PenaltyDecision;
  benchmarks: DiscretionBenchmark[];
}) {
  const row = benchmarks.find((b) => b.id === p.benchmarkId);
  return (
    <Card
      size="small"
      title="处罚决定"
      style={{ marginBottom: 16 }}
      data-testid="penalty"
      extra={
        p.outside ? (
          <Tag color="red" data-testid="penalty-outside">
            超出裁量基准
          </Tag>
        ) : (
          <Tag color="green">在裁量基准内</Tag>
        )
      }
    >
      {p.outside && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message="罚款超出所选裁量基准的幅度，已报送电子监察"
          description={`理由：${p.reason ?? '—'}`}
        />
      )}
      <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label="裁量情节" span={{ xs: 1, md: 2, xl: 3 }}>
          {p.circumstance}
        </Descriptions.Item>
        <Descriptions.Item label="处罚种类">
          <span data-testid="penalty-kind">{p.kind}</span>
        </Descriptions.Item>
        <Descriptions.Item label="罚款金额">
          <span data-testid="penalty-fine">
            {p.fineYuan === undefined ? '—' : `${p.fineYuan.toLocaleString('zh-CN')} 元`}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label="裁量幅度">{fineRangeText(row?.fineRange)}</Descriptions.Item>
        <Descriptions.Item label="从轻减轻">
          {MITIGATIONS[p.mitigation] ?? p.mitigation}
        </Descriptions.Item>
        <Descriptions.Item label="依据条款">{p.article ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="决定时间">{timeText(p.decidedAt)}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
