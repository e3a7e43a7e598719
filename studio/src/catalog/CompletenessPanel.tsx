import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Card, List, Typography } from 'antd';
import { useRemote } from '../api/use-remote';
import { showField } from './comments';
import { fieldLabel } from './labels';
import type { CatalogItem, Completeness, CompletenessProblem } from './types';

interface Props {
  itemId?: string;
  /** Raised after each save, to check again. */
  round: number;
  /** The problems the server gave when it refused a submission. */
  refused?: CompletenessProblem[];
  item?: CatalogItem;
}

/** 完整性检查 (CAT-7): the saved draft's problems by field; a click shows the field. */
export function CompletenessPanel({ itemId, round, refused, item }: Props) {
  const check = useRemote<Completeness>(
    itemId ? `/api/items/${itemId}/completeness?round=${round}` : undefined,
  );
  const problems = check.data?.problems ?? [];
  return (
    <Card size="small" title="完整性检查" data-testid="completeness">
      {!itemId ? (
        <Typography.Text type="secondary">保存草稿后检查。</Typography.Text>
      ) : check.error ? (
        <Alert type="error" message={check.error.message} />
      ) : !check.data ? (
        <Typography.Text type="secondary">检查中…</Typography.Text>
      ) : problems.length === 0 ? (
        <Typography.Text type="success" data-testid="complete">
          <CheckCircleOutlined /> 信息完整，没有须解决的问题
        </Typography.Text>
      ) : (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            按已保存的草稿检查，共 {problems.length} 个问题：
          </Typography.Paragraph>
          <List
            size="small"
            dataSource={problems}
            renderItem={(p) => (
              <List.Item
                style={{ cursor: 'pointer', paddingInline: 0 }}
                onClick={() => showField(p.field)}
                data-testid="problem"
              >
                <span>
                  <WarningOutlined style={{ color: '#faad14', marginRight: 6 }} />
                  <Typography.Text strong>{fieldLabel(p.field, item?.draft)}</Typography.Text>：
                  {p.message}
                </span>
              </List.Item>
            )}
          />
        </>
      )}
      {refused && refused.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="submit-refused"
          message="信息不完整，不能提交"
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {refused.map((p, i) => (
                <li key={i}>
                  <Typography.Link onClick={() => showField(p.field)}>
                    {fieldLabel(p.field, item?.draft)}
                  </Typography.Link>
                  ：{p.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
    </Card>
  );
}
