import { FormLayout } from '@formily/antd-v5';
import { setValidateLanguage, type Form } from '@formily/core';
import { createSchemaField, FormProvider } from '@formily/react';
import { useMemo } from 'react';
import type { FormSchema } from '../../../runtime/forms/schema';
import { FORM_COMPONENTS } from './components';
import { toFormilySchema } from './formily-schema';

// Formily's own messages (required) in Chinese, like everything else on the page.
setValidateLanguage('zh-CN');

const SchemaField = createSchemaField({ components: FORM_COMPONENTS });

interface Props {
  schema: FormSchema;
  /** A Formily form made by the caller with `createForm()`: it holds the values. */
  form: Form;
}

/** Renders a stored form schema with Formily and antd (studio preview, later the portal). */
export function FormRenderer({ schema, form }: Props) {
  const formily = useMemo(() => toFormilySchema(schema), [schema]);
  return (
    <FormProvider form={form}>
      <FormLayout layout="vertical" colon={false}>
        <SchemaField schema={formily} />
      </FormLayout>
    </FormProvider>
  );
}
