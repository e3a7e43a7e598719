import { MessageOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { FieldBox, FieldComments } from './comments';
import {
  DISCRETION_LEVELS,
  EX_OFFICIO_PROCEDURES,
  HANDLING_KINDS,
  INITIATIONS,
  ITEM_TYPES,
  initiationOf,
  LIMIT_UNIT_LABELS,
  MATERIAL_MEDIUM_LABELS,
  MATERIAL_ORIGINAL_LABELS,
  SUBJECT_NATURES,
  type ItemContent,
} from './types';

interface Props {
  content: ItemContent;
  /** Offers 批注 beside each field when given. */
  onComment?: (field: string, label: string) => void;
}

const none = <Typography.Text type="secondary">未填写</Typography.Text>;
const show = (v: ReactNode) => (v === undefined || v === null || v === '' ? none : v);
const limitText = (l?: { value: number; unit: keyof typeof LIMIT_UNIT_LABELS }) =>
  l ? `${l.value} ${LIMIT_UNIT_LABELS[l.unit]}` : undefined;

/** The draft read-only, grouped like the editor (table A1), with comments beside each field. */
export function ItemContentView({ content: c, onComment }: Props) {
  const commentButton = (field: string, label: string) =>
    onComment && (
      <Button
        size="small"
        type="link"
        icon={<MessageOutlined />}
        data-testid={`comment-${field}`}
        onClick={() => onComment(field, label)}
      >
        批注
      </Button>
    );

  const row = (field: string, label: string, value: ReactNode) => (
    <FieldBox key={field} path={field}>
      <div style={{ display: 'flex', gap: 12, padding: '6px 0', alignItems: 'baseline' }}>
        <Typography.Text type="secondary" style={{ width: 110, flex: 'none' }}>
          {label}
        </Typography.Text>
        <div style={{ flex: 1, whiteSpace: 'pre-wrap' }}>{show(value)}</div>
        {commentButton(field, label)}
      </div>
    </FieldBox>
  );

  const group = (title: string, children: ReactNode) => (
    <Card title={title} size="small" style={{ marginBottom: 16 }}>
      {children}
    </Card>
  );

  return (
    <div data-testid="item-content">
      {group(
        '基本信息',
        <>
          {row('name', '事项名称', c.name)}
          {row('type', '事项类型', `${ITEM_TYPES[c.type]}（${c.type}）`)}
          {row('handlingKind', '办件类型', HANDLING_KINDS[c.handlingKind])}
          {row(
            'initiation',
            '办理方式',
            `${INITIATIONS[initiationOf(c)]}${c.initiation ? '' : '（按事项类型）'}`,
          )}
          {initiationOf(c) === 'exOfficio' &&
            row('procedure', '法定程序', c.procedure && EX_OFFICIO_PROCEDURES[c.procedure])}
        </>,
      )}
      {group(
        '办理主体',
        <>
          {row('subject.unitId', '主体', c.subject.name)}
          {row('subject.nature', '主体性质', SUBJECT_NATURES[c.subject.nature])}
          {c.subject.nature === 'entrusted' &&
            row('subject.entrustingUnit', '委托单位', c.subject.entrustingUnit)}
        </>,
      )}
      {group(
        '行使依据',
        <FieldBox path="legalBasis">
          {c.legalBasis.length === 0 && <Empty description="未填写" />}
          {c.legalBasis.map((b, i) => (
            <FieldBox key={b.id} path={`legalBasis[${b.id}]`} prefix>
              <div style={{ display: 'flex', gap: 12, padding: '6px 0' }}>
                <Typography.Text type="secondary" style={{ width: 110, flex: 'none' }}>
                  依据 {i + 1}
                </Typography.Text>
                <div style={{ flex: 1 }}>
                  <Typography.Text strong>{b.title}</Typography.Text> {b.article}
                  <div style={{ whiteSpace: 'pre-wrap' }}>{b.text}</div>
                </div>
                {commentButton(`legalBasis[${b.id}]`, `依据「${b.title}」`)}
              </div>
            </FieldBox>
          ))}
          {commentButton('legalBasis', '行使依据')}
        </FieldBox>,
      )}
      {group('受理条件', row('acceptanceConditions', '受理条件', c.acceptanceConditions))}
      {group(
        '申报材料',
        <FieldBox path="materials">
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={c.materials}
            locale={{ emptyText: '未填写' }}
            onRow={(m) => ({ 'data-field': `materials[${m.id}]` }) as object}
            columns={[
              { title: '材料名称', dataIndex: 'name' },
              { title: '格式', dataIndex: 'format', width: 80 },
              {
                title: '原件/复印件',
                dataIndex: 'originalOrCopy',
                width: 110,
                render: (v: keyof typeof MATERIAL_ORIGINAL_LABELS) => MATERIAL_ORIGINAL_LABELS[v],
              },
              { title: '份数', dataIndex: 'count', width: 60 },
              {
                title: '纸质/电子',
                dataIndex: 'medium',
                width: 100,
                render: (v: keyof typeof MATERIAL_MEDIUM_LABELS) => MATERIAL_MEDIUM_LABELS[v],
              },
              { title: '提交方式', dataIndex: 'submission', width: 120 },
              {
                title: '必需',
                dataIndex: 'required',
                width: 60,
                render: (v: boolean) => (v ? '是' : '否'),
              },
              ...(onComment
                ? [
                    {
                      title: '',
                      key: 'comment',
                      width: 80,
                      render: (_: unknown, m: { id: string; name: string }) =>
                        commentButton(`materials[${m.id}]`, `材料「${m.name}」`),
                    },
                  ]
                : []),
            ]}
          />
          <div style={{ marginTop: 8 }}>
            {c.materials.map((m) => (
              <FieldComments key={m.id} path={`materials[${m.id}]`} prefix />
            ))}
          </div>
          {commentButton('materials', '申报材料')}
        </FieldBox>,
      )}
      {group(
        '收费与期限',
        <>
          {row('fee.charged', '是否收费', c.fee.charged ? '收费' : '不收费')}
          {c.fee.charged && row('fee.basis', '收费依据', c.fee.basis)}
          {c.fee.charged && row('fee.standard', '收费标准', c.fee.standard)}
          {c.fee.charged &&
            c.fee.amountFen !== undefined &&
            row('fee.amountFen', '标准金额', `${(c.fee.amountFen / 100).toFixed(2)} 元`)}
          {row('legalLimit', '法定期限', limitText(c.legalLimit))}
          {row('promisedLimit', '承诺期限', limitText(c.promisedLimit))}
        </>,
      )}
      {group(
        '办理信息',
        <>
          {row('office', '办理科室', c.office?.name)}
          {row('address', '办理地点', c.address)}
          {row('phone', '联系电话', c.phone)}
          {row('supervisionPhone', '监督电话', c.supervisionPhone)}
        </>,
      )}
      {c.type === 'CF' &&
        c.penalty &&
        group(
          '行政处罚',
          <>
            {row(
              'penalty.kinds',
              '处罚种类',
              c.penalty.kinds.length
                ? c.penalty.kinds.map((k) => <Tag key={k}>{k}</Tag>)
                : undefined,
            )}
            <FieldBox path="penalty.discretion">
              <Descriptions size="small" column={1} bordered title="自由裁量基准">
                {c.penalty.discretion.map((d) => (
                  <Descriptions.Item
                    key={d.id}
                    label={[d.violation, d.level && DISCRETION_LEVELS[d.level], d.circumstance]
                      .filter(Boolean)
                      .join(' · ')}
                  >
                    {d.penalty}
                    {d.fineRange && `（罚款 ${d.fineRange.min}–${d.fineRange.max} 元）`}
                  </Descriptions.Item>
                ))}
              </Descriptions>
              {commentButton('penalty.discretion', '自由裁量基准')}
            </FieldBox>
            {row(
              'penalty.publishResults',
              '结果公开',
              c.penalty.publishResults ? '公开' : '不公开',
            )}
          </>,
        )}
      {c.type === 'QZ' &&
        group('行政强制', row('coercion.procedure', '强制程序', c.coercion?.procedure))}
      {c.type === 'JL' &&
        group(
          '行政奖励',
          <>
            {row('reward.effectiveDate', '生效时间', c.reward?.effectiveDate)}
            {row('reward.expiryDate', '失效时间', c.reward?.expiryDate)}
            {row('reward.publishResults', '结果公开', c.reward?.publishResults ? '公开' : '不公开')}
          </>,
        )}
    </div>
  );
}
