import { createForm } from '@formily/core';
import { Alert, Button, Card, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { FormSchema } from '../../../runtime/forms/schema';
import {
  cleanSubmission,
  validateSubmission,
  type SubmissionProblem,
} from '../../../runtime/forms/validate';
import { submittedValues } from './formily-schema';
import { FormRenderer } from './FormRenderer';

const today = () => dayjs().format('YYYY-MM-DD');

/** 预览: the form as an applicant sees it; 提交 runs the checks the server will run (FORM-3). */
export function FormPreview({ schema }: { schema: FormSchema }) {
  // The designer mounts the preview afresh each time it is shown, so the form starts empty.
  const [form] = useState(() => createForm());
  const [result, setResult] = useState<{ problems: SubmissionProblem[]; data: unknown }>();

  const submit = () => {
    void form.validate().catch(() => undefined);
    const values = submittedValues(form);
    const problems = validateSubmission(schema, values, { today: today() });
    setResult({ problems, data: problems.length ? undefined : cleanSubmission(schema, values) });
  };

  return (
    <Card size="small" data-testid="form-preview">
      <FormRenderer schema={schema} form={form} />
      <Space>
        <Button type="primary" autoInsertSpace={false} onClick={submit}>
          提交（模拟）
        </Button>
        <Button
          autoInsertSpace={false}
          onClick={() => {
            void form.reset('*', { forceClear: true });
            setResult(undefined);
          }}
        >
          重置
        </Button>
      </Space>
      {result && result.problems.length > 0 && (
        <Alert
          style={{ marginTop: 16 }}
          type="error"
          showIcon
          data-testid="preview-problems"
          message={`服务端校验未通过（${result.problems.length} 处）`}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {result.problems.map((p) => (
                <li key={`${p.field}:${p.message}`}>{p.message}</li>
              ))}
            </ul>
          }
        />
      )}
      {result && result.problems.length === 0 && (
        <Alert
          style={{ marginTop: 16 }}
          type="success"
          showIcon
          data-testid="preview-passed"
          message="服务端校验通过，将保存的数据："
          description={
            <Typography.Paragraph>
              <pre style={{ margin: 0 }}>{JSON.stringify(result.data, null, 2)}</pre>
            </Typography.Paragraph>
          }
        />
      )}
    </Card>
  );
}
