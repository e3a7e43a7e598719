import type { FormField, FormSchema } from '../../../runtime/forms/schema';

const item = (
  type: FormField['type'],
  component: FormField['x-component'],
  title: string,
  extra: Partial<FormField> = {},
): FormField => ({ type, title, 'x-decorator': 'FormItem', 'x-component': component, ...extra });

/** An application form using every field type of the palette. */
export function sampleSchema(): FormSchema {
  return {
    type: 'object',
    'x-layout': { columns: 2 },
    properties: {
      applicantType: item('string', 'Radio.Group', '申请人类型', {
        'x-index': 0,
        required: true,
        enum: [
          { label: '个人', value: 'person' },
          { label: '企业', value: 'company' },
        ],
      }),
      name: item('string', 'Input', '姓名', {
        'x-index': 1,
        required: true,
        minLength: 2,
        maxLength: 20,
        'x-visible-when': { field: 'applicantType', op: 'eq', value: 'person' },
      }),
      idNumber: item('string', 'IdNumber', '身份证号', {
        'x-index': 2,
        required: true,
        'x-visible-when': { field: 'applicantType', op: 'eq', value: 'person' },
      }),
      company: item('string', 'Input', '企业名称', {
        'x-index': 3,
        required: true,
        'x-visible-when': { field: 'applicantType', op: 'eq', value: 'company' },
      }),
      phone: item('string', 'Phone', '联系电话', { 'x-index': 4, required: true }),
      postcode: item('string', 'Input', '邮编', { 'x-index': 5, pattern: '^\\d{6}$' }),
      region: item('string', 'DivisionPicker', '所在地区', { 'x-index': 6 }),
      area: item('number', 'NumberPicker', '面积', {
        'x-index': 7,
        minimum: 0,
        maximum: 10000,
        'x-component-props': { precision: 2 },
      }),
      startDate: item('string', 'DatePicker', '开工日期', { 'x-index': 8 }),
      scale: item('string', 'Select', '规模', {
        'x-index': 9,
        enum: [
          { label: '小型', value: 'small' },
          { label: '大型', value: 'large' },
        ],
      }),
      uses: item('array', 'Checkbox.Group', '用途', {
        'x-index': 10,
        maxItems: 2,
        enum: [
          { label: '居住', value: 'home' },
          { label: '经营', value: 'shop' },
          { label: '仓储', value: 'store' },
        ],
      }),
      reason: item('string', 'Input.TextArea', '申请事由', {
        'x-index': 11,
        maxLength: 500,
        'x-decorator-props': { gridSpan: 2 },
        'x-visible-when': {
          any: [
            { field: 'scale', op: 'eq', value: 'large' },
            { field: 'uses', op: 'in', value: ['shop', 'store'] },
          ],
        },
      }),
      files: item('array', 'Upload', '附件', { 'x-index': 12, maxItems: 3 }),
      members: item('array', 'ArrayTable', '家庭成员', {
        'x-index': 13,
        items: {
          type: 'object',
          properties: {
            memberName: item('string', 'Input', '成员姓名', { 'x-index': 0, required: true }),
            memberId: item('string', 'IdNumber', '成员身份证号', { 'x-index': 1 }),
          },
        },
      }),
    },
  };
}

export const TODAY = '2026-11-22';
// 11010519491231002X: a valid ID number (see tests/unit/runtime/id-number.test.ts).
export const VALID_ID = '11010519491231002X';
export const VALID_ID_2 = '330303199001011231';
