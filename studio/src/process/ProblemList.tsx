import { Badge, List, Tag, Typography } from 'antd';
import type { Problem } from './lint/ProblemMarkers';

/** A problem as the list shows it: from the last verification, or the live check while drawing. */
export interface ListedProblem extends Problem {
  source: 'server' | 'lint';
  severity: 'error' | 'warning';
}

interface Props {
  problems: ListedProblem[];
  onSelect: (elementId: string) => void;
}

/** Problems beside the canvas (each message names its element); a click selects the element. */
export function ProblemList({ problems, onSelect }: Props) {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return (
    <div className="county-problem-list" data-testid="problem-list">
      <div className="county-problem-list-title">
        <Typography.Text strong>问题</Typography.Text>
        <Badge count={errors} showZero color={errors ? '#c62f2f' : '#52c41a'} />
        {problems.length > errors && <Tag>另有 {problems.length - errors} 个提示</Tag>}
      </div>
      {problems.length === 0 ? (
        <Typography.Text type="secondary">没有发现问题</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={problems}
          renderItem={(p) => (
            <List.Item
              className={p.elementId ? 'county-problem-item clickable' : 'county-problem-item'}
              data-element-id={p.elementId}
              data-rule={p.rule}
              data-source={p.source}
              onClick={p.elementId ? () => onSelect(p.elementId!) : undefined}
            >
              <span>
                <Tag color={p.severity === 'error' ? 'error' : 'warning'}>
                  {p.source === 'server' ? '上次校验' : '实时检查'}
                </Tag>
                {p.message}
              </span>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
