import { PreviewText } from '@formily/antd-v5';
import { createForm } from '@formily/core';
import { App, Button, Card, Descriptions, Empty } from 'antd';
import { useMemo, useState } from 'react';
import { maskIdNumber, maskPhone } from '../../../runtime/personal-data/id-number';
import type { FormValues } from '../../../runtime/cases/state';
import type { FormSchema } from '../../../runtime/forms/schema';
import { api } from '../api/client';
import { FormRenderer } from '../forms/FormRenderer';
import type { CaseBook } from './definition';

/** Fields whose values are shown masked, as the case header shows the applicant's. */
const MASKS: Partial<Record<string, (value: string) => string>> = {
  IdNumber: maskIdNumber,
  Phone: maskPhone,
};

/**
 * The form with ID numbers and phones masked (top-level fields). A masked field is shown as plain
 * text: the phone and ID components would read `138****2345` as no number at all.
 */
function masked(
  schema: FormSchema,
  values: Record<string, unknown>,
): { schema: FormSchema; values: Record<string, unknown> } {
  const out = { ...values };
  const properties = { ...schema.properties };
  for (const [key, field] of Object.entries(schema.properties)) {
    const mask = MASKS[field['x-component']];
    const value = out[key];
    if (mask && typeof value === 'string' && value) {
      out[key] = mask(value);
      properties[key] = { ...field, 'x-component': 'Input' };
    }
  }
  return { schema: { ...schema, properties }, values: out };
}

const READ_ONLY = { defaultPermission: 'read' as const };

function StoredForm({
  schema,
  values,
  revealed,
}: {
  schema: FormSchema;
  values: Record<string, unknown>;
  revealed: boolean;
}) {
  const shown = useMemo(
    () => (revealed ? { schema, values } : masked(schema, values)),
    [schema, values, revealed],
  );
  const form = useMemo(() => createForm({ values: shown.values, readPretty: true }), [shown]);
  return (
    <PreviewText.Placeholder value="—">
      <FormRenderer schema={shown.schema} form={form} permissions={READ_ONLY} />
    </PreviewText.Placeholder>
  );
}

/**
 * The case's form data as it stands, read-only; raw values when the form is not readable. ID
 * numbers and phones are masked until the reader asks to see them, which the operation log keeps.
 */
export function FormDataCard({
  caseId,
  forms,
  book,
}: {
  caseId: string;
  forms: FormValues[];
  book: CaseBook;
}) {
  const { message } = App.useApp();
  const [revealed, setRevealed] = useState(false);
  const reveal = async () => {
    try {
      await api.post(`/api/cases/${encodeURIComponent(caseId)}/personal-data-views`, {});
      setRevealed(true);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Card
      size="small"
      title="表单数据"
      style={{ marginBottom: 16 }}
      data-testid="form-data"
      extra={
        revealed ? null : (
          <Button size="small" onClick={() => void reveal()} data-testid="reveal-personal-data">
            显示完整信息
          </Button>
        )
      }
    >
      {forms.length === 0 && <Empty description="尚无表单数据" />}
      {forms.map((f) => {
        const known = book.forms.get(f.key);
        return known ? (
          <Card key={f.key} type="inner" size="small" title={known.name}>
            <StoredForm schema={known.schema} values={f.values} revealed={revealed} />
          </Card>
        ) : (
          <Descriptions key={f.key} size="small" column={1} bordered title={f.key}>
            {Object.entries(f.values).map(([k, v]) => (
              <Descriptions.Item key={k} label={k}>
                {typeof v === 'string' ? v : JSON.stringify(v)}
              </Descriptions.Item>
            ))}
          </Descriptions>
        );
      })}
    </Card>
  );
}
