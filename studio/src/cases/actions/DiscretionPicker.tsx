import type { Form as Formily } from '@formily/core';
import { FormConsumer, FormProvider } from '@formily/react';
import { Alert, Table, Tag, Typography } from 'antd';
import type { DiscretionBenchmark } from '../../../../runtime/catalog/item';
import type { FormSchema } from '../../../../runtime/forms/schema';
import {
  benchmarkText,
  DISCRETION_LEVELS,
  fineRangeText,
  MITIGATIONS,
  PENALTY_FIELDS,
} from '../labels';

const F = PENALTY_FIELDS;

/** What the step's form holds of the penalty, as the engine reads it (runtime/cases/discretion). */
export function penaltyOf(values: Record<string, unknown>, benchmarks: DiscretionBenchmark[]) {
  const row = benchmarks.find((b) => b.id === values[F.benchmark]);
  const fine = typeof values[F.fine] === 'number' ? (values[F.fine] as number) : undefined;
  const reason = typeof values[F.reason] === 'string' ? (values[F.reason] as string).trim() : '';
  const range = row?.fineRange;
  const outside =
    values[F.mitigation] !== 'exempt' &&
    !!range &&
    fine !== undefined &&
    (fine < range.min || fine > range.max);
  return { row, fine, reason, range, outside };
}

/**
 * The form as the discretion step shows it: 裁量基准 chosen from the item's rows by their words,
 * not typed as an id (the stored field stays what it is; only the rendering changes).
 */
export function withBenchmarkChoice(schema: FormSchema, benchmarks: DiscretionBenchmark[]) {
  const field = schema.properties[F.benchmark];
  if (!field || !benchmarks.length) return schema;
  return {
    ...schema,
    properties: {
      ...schema.properties,
      [F.benchmark]: {
        ...field,
        'x-component': 'Select',
        enum: benchmarks.map((b) => ({ label: benchmarkText(b), value: b.id })),
      },
    },
  } as FormSchema;
}

/**
 * 自由裁量基准 (CAT-2): the item's rows to pick from. Picking one fills the step's 裁量基准 and
 * suggests its 处罚种类; the fine is checked against the row's range as it is typed.
 */
export function DiscretionPicker(props: {
  form: Formily;
  benchmarks: DiscretionBenchmark[];
  editable: boolean;
}) {
  // FormConsumer renders again when a value it read changes: the copy reads every one.
  return (
    <FormProvider form={props.form}>
      <FormConsumer>
        {(f) => <Picker {...props} values={{ ...(f.values as Record<string, unknown>) }} />}
      </FormConsumer>
    </FormProvider>
  );
}

function Picker({
  form,
  values,
  benchmarks,
  editable,
}: {
  form: Formily;
  values: Record<string, unknown>;
  benchmarks: DiscretionBenchmark[];
  editable: boolean;
}) {
  const { row, fine, reason, range, outside } = penaltyOf(values, benchmarks);

  const pick = (b: DiscretionBenchmark) => {
    if (!editable) return;
    const before = benchmarks.find((x) => x.id === values[F.benchmark]);
    const kind = typeof values[F.kind] === 'string' ? (values[F.kind] as string).trim() : '';
    form.setValuesIn(F.benchmark, b.id);
    // Suggested, not imposed: a kind typed by hand stays.
    if (!kind || kind === before?.penalty) form.setValuesIn(F.kind, b.penalty);
    if (values[F.mitigation] === undefined) form.setValuesIn(F.mitigation, 'none');
  };

  if (!benchmarks.length)
    return (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        message="本事项没有自由裁量基准，请先在事项目录中填写后再作决定"
      />
    );

  return (
    <div data-testid="discretion-picker" style={{ marginBottom: 12 }}>
      <Typography.Text strong>自由裁量基准</Typography.Text>
      <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
        {editable ? '点选适用的违法行为和情节' : ''}
      </Typography.Text>
      <Table<DiscretionBenchmark>
        size="small"
        rowKey="id"
        pagination={false}
        style={{ marginTop: 8 }}
        dataSource={benchmarks}
        rowSelection={{
          type: 'radio',
          selectedRowKeys: row ? [row.id] : [],
          onSelect: pick,
          getCheckboxProps: () => ({ disabled: !editable }),
          columnTitle: '选择',
        }}
        onRow={(b) => ({
          onClick: () => pick(b),
          style: editable ? { cursor: 'pointer' } : undefined,
        })}
        columns={[
          { title: '违法行为', render: (_, b) => b.violation ?? '—' },
          {
            title: '情节',
            width: 70,
            render: (_, b) => (b.level ? <Tag>{DISCRETION_LEVELS[b.level]}</Tag> : '—'),
          },
          { title: '具体情节', dataIndex: 'circumstance' },
          { title: '处罚标准', dataIndex: 'penalty' },
          {
            title: '罚款幅度',
            width: 150,
            render: (_, b) => fineRangeText(b.fineRange),
          },
        ]}
      />
      {row && (
        <Alert
          style={{ marginTop: 8 }}
          showIcon
          data-testid="discretion-range"
          type={outside ? 'warning' : 'info'}
          message={
            <>
              已选：{benchmarkText(row)}；处罚标准：{row.penalty}
              {range && <>；罚款幅度 {fineRangeText(range)}</>}
              {fine !== undefined && <>；拟罚款 {fine.toLocaleString('zh-CN')} 元</>}
              {values[F.mitigation] && values[F.mitigation] !== 'none' && (
                <>；{MITIGATIONS[values[F.mitigation] as keyof typeof MITIGATIONS]}</>
              )}
            </>
          }
          description={
            outside
              ? `罚款超出裁量幅度：须在「超出裁量幅度的理由」中书面说明理由${reason.length >= 5 ? '' : '（不少于 5 个字）'}，提交后将报送电子监察。`
              : undefined
          }
        />
      )}
    </div>
  );
}
