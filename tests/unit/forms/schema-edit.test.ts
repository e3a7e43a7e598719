import { checkFormSchema, orderedFields } from '../../../runtime/forms/schema';
import { keyFromLabel } from '../../../studio/src/forms/field-keys';
import {
  duplicateField,
  emptySchema,
  insertField,
  moveField,
  removeField,
  replaceField,
} from '../../../studio/src/forms/schema-edit';
import { sampleSchema } from './fixtures';

const order = (s: ReturnType<typeof sampleSchema>) => orderedFields(s.properties).map(([k]) => k);

describe('FORM-1 designer edits keep the form valid', () => {
  test('every palette type placed on an empty form gives a valid schema', () => {
    let schema = emptySchema();
    for (const type of [
      'text',
      'textarea',
      'number',
      'date',
      'select',
      'radio',
      'checkbox',
      'upload',
      'table',
      'idNumber',
      'phone',
      'division',
    ] as const) {
      schema = insertField(schema, type).schema;
    }
    expect(checkFormSchema(schema)).toEqual([]);
    expect(order(schema)).toHaveLength(12);
  });

  test('placing at an index and moving renumber x-index', () => {
    const placed = insertField(sampleSchema(), 'phone', 0);
    expect(order(placed.schema)[0]).toBe(placed.key);
    const moved = moveField(placed.schema, 0, 3);
    expect(order(moved)[3]).toBe(placed.key);
    expect(orderedFields(moved.properties).map(([, f]) => f['x-index'])).toEqual([
      ...Array(15).keys(),
    ]);
  });

  test('removing a field drops the conditions that read it', () => {
    const schema = removeField(sampleSchema(), 'scale');
    expect(schema.properties.reason!['x-visible-when']).toEqual({
      any: [{ field: 'uses', op: 'in', value: ['shop', 'store'] }],
    });
    expect(checkFormSchema(removeField(sampleSchema(), 'applicantType'))).toEqual([]);
  });

  test('renaming a key renames it in the conditions of others', () => {
    const s = sampleSchema();
    const renamed = replaceField(s, 'applicantType', s.properties.applicantType!, 'kind');
    expect(renamed.properties.name!['x-visible-when']).toEqual({
      field: 'kind',
      op: 'eq',
      value: 'person',
    });
    expect(order(renamed)[0]).toBe('kind');
    expect(checkFormSchema(renamed)).toEqual([]);
  });

  test('a duplicate gets its own key and title', () => {
    const { schema, key } = duplicateField(sampleSchema(), 'name');
    expect(key).toBe('nameCopy');
    expect(schema.properties.nameCopy!.title).toBe('姓名（副本）');
    expect(checkFormSchema(schema)).toEqual([]);
  });
});

describe('FORM-1 field keys made from labels', () => {
  test.each([
    ['姓名', [], 'name'],
    ['姓名', ['name'], 'name2'],
    ['申请人地址', [], 'shenQingRenDiZhi'],
    ['ID 号码', [], 'idHaoMa'],
    ['123', [], 'field'],
    ['（）', [], 'field'],
  ])('%s with %j taken → %s', (label, taken, key) => {
    expect(keyFromLabel(label, taken)).toBe(key);
  });
});
