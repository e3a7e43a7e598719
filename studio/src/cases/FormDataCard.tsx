import { PreviewText } from '@formily/antd-v5';
import { createForm } from '@formily/core';
import { Card, Descriptions, Empty } from 'antd';
import { useMemo } from 'react';
import type { FormValues } from '../../../runtime/cases/state';
import type { FormSchema } from '../../../runtime/forms/schema';
import { FormRenderer } from '../forms/FormRenderer';
import type { CaseBook } from './definition';

const READ_ONLY = { defaultPermission: 'read' as const };

function StoredForm({ schema, values }: { schema: FormSchema; values: Record<string, unknown> }) {
  const form = useMemo(() => createForm({ values, readPretty: true }), [values]);
  return (
    <PreviewText.Placeholder value="—">
      <FormRenderer schema={schema} form={form} permissions={READ_ONLY} />
    </PreviewText.Placeholder>
  );
}

/** The case's form data as it stands, read-only; raw values when the form is not readable. */
export function FormDataCard({ forms, book }: { forms: FormValues[]; book: CaseBook }) {
  return (
    <Card size="small" title="表单数据" style={{ marginBottom: 16 }} data-testid="form-data">
      {forms.length === 0 && <Empty description="尚无表单数据" />}
      {forms.map((f) => {
        const known = book.forms.get(f.key);
        return known ? (
          <Card key={f.key} type="inner" size="small" title={known.name}>
            <StoredForm schema={known.schema} values={f.values} />
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
