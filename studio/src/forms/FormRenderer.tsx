import { FormLayout } from '@formily/antd-v5';
import { setValidateLanguage, type Form } from '@formily/core';
import { createSchemaField, FormProvider, Schema } from '@formily/react';
import { useMemo } from 'react';
import type { FormSchema } from '../../../runtime/forms/schema';
import { FORM_COMPONENTS } from './components';
import { toFormilySchema, type RenderOptions } from './formily-schema';

// Formily's own messages (required) in Chinese, like everything else on the page.
setValidateLanguage('zh-CN');
// Stored schemas never hold `{{ }}` (checkFormSchema refuses them); should one slip through,
// Formily's compiler, which uses `new Function`, is replaced by one that evaluates nothing.
Schema.registerCompiler(() => undefined);

const SchemaField = createSchemaField({ components: FORM_COMPONENTS });

interface Props {
  schema: FormSchema;
  /** A Formily form made by the caller with `createForm()`: it holds the values. */
  form: Form;
  /** The step's field permissions: read-only fields show as text, hidden ones not at all. */
  permissions?: RenderOptions;
}

/** Renders a stored form schema with Formily and antd (studio preview, later the portal). */
export function FormRenderer({ schema, form, permissions }: Props) {
  const formily = useMemo(() => toFormilySchema(schema, permissions), [schema, permissions]);
  return (
    <FormProvider form={form}>
      <FormLayout layout="vertical" colon={false}>
        <SchemaField schema={formily} />
      </FormLayout>
    </FormProvider>
  );
}
