import {
  cleanSubmission,
  validateSubmission,
  type SubmissionOptions,
} from '../../../runtime/forms/validate';
import { visibleFields } from '../../../runtime/forms/visibility';
import { sampleSchema, TODAY, VALID_ID, VALID_ID_2 } from './fixtures';

/** A complete, valid application by a person. */
const person = (): Record<string, unknown> => ({
  applicantType: 'person',
  name: '张三',
  idNumber: VALID_ID,
  phone: '13812345678',
});

const check = (values: unknown, options: SubmissionOptions = {}) =>
  validateSubmission(sampleSchema(), values, { today: TODAY, ...options });

const messagesFor = (extra: Record<string, unknown>, options?: SubmissionOptions) =>
  check({ ...person(), ...extra }, options).map((p) => p.message);

describe('FORM-3 validateSubmission: the server checks every submission', () => {
  test('a complete application passes', () => {
    expect(check(person())).toEqual([]);
  });

  test('something other than an object is refused', () => {
    expect(check(['张三'])).toEqual([{ field: '', message: '提交的表单数据应为对象' }]);
  });

  test('keys the form does not have are refused; known keys pass', () => {
    expect(check({ ...person(), isAdmin: true })).toEqual([
      { field: 'isAdmin', message: '表单中没有字段「isAdmin」' },
    ]);
    expect(check({ ...person(), postcode: '325000' })).toEqual([]);
  });

  // Each: a field, a value of the wrong shape, the message, a value of the right shape.
  test.each([
    ['text', 'name', 42, '「姓名」应为文本', '李四'],
    ['number', 'area', '12', '「面积」应为数字', 12],
    ['number, not infinite', 'area', Number.POSITIVE_INFINITY, '「面积」应为数字', 0],
    [
      'date string',
      'startDate',
      '2026/01/02',
      '「开工日期」应为 YYYY-MM-DD 格式的日期',
      '2026-01-02',
    ],
    [
      'real date',
      'startDate',
      '2026-02-30',
      '「开工日期」应为 YYYY-MM-DD 格式的日期',
      '2028-02-29',
    ],
    ['select option', 'scale', 'huge', '「规模」的取值不在选项中', 'small'],
    ['radio option', 'applicantType', ['person'], '「申请人类型」的取值不在选项中', 'person'],
    ['checkbox options', 'uses', ['home', 'farm'], '「用途」的取值不在选项中', ['home']],
    ['checkbox list', 'uses', 'home', '「用途」应为选项列表', ['home', 'shop']],
    ['checkbox without repeats', 'uses', ['home', 'home'], '「用途」的选项重复', ['home']],
    [
      'file references',
      'files',
      [{ fileId: 'abc', name: 'a.pdf', url: 'http://x' }],
      '「附件」应为文件列表，每项只含 fileId 和 name',
      [{ fileId: '665f1c2e9b1e8a0012345678', name: '营业执照.pdf' }],
    ],
    [
      'file ids',
      'files',
      [{ fileId: '../etc/passwd', name: 'x' }],
      '「附件」应为文件列表，每项只含 fileId 和 name',
      [],
    ],
    ['table rows', 'members', ['张三'], '「家庭成员」应为表格行的列表', [{ memberName: '张三' }]],
    ['text within limits', 'postcode', 'x'.repeat(10_001), '「邮编」不能超过 10000 个字', '325000'],
  ])('a value of the wrong type is refused: %s', (_what, field, bad, message, good) => {
    expect(messagesFor({ [field]: bad })).toEqual([message]);
    expect(messagesFor({ [field]: good })).toEqual([]);
  });

  test.each([
    ['required', { name: '' }, '「姓名」为必填项', { name: '李四' }],
    ['minimum length', { name: '张' }, '「姓名」至少 2 个字', { name: '张三' }],
    [
      'maximum length counts characters',
      { name: '张'.repeat(21) },
      '「姓名」不能超过 20 个字',
      { name: '张'.repeat(20) },
    ],
    ['pattern', { postcode: '32500' }, '「邮编」格式不正确', { postcode: '325000' }],
    ['minimum', { area: -1 }, '「面积」不能小于 0', { area: 0 }],
    ['maximum', { area: 10_000.5 }, '「面积」不能大于 10000', { area: 10_000 }],
    ['precision', { area: 1.234 }, '「面积」最多 2 位小数', { area: 1.23 }],
    [
      'most items',
      { uses: ['home', 'shop', 'store'] },
      '「用途」最多 2 项',
      { uses: ['home', 'shop'] },
    ],
    [
      'ID check digit (GB 11643)',
      { idNumber: '110105194912310021' },
      '「身份证号」校验位不正确',
      { idNumber: VALID_ID_2 },
    ],
    [
      'ID birth date not in the future',
      { idNumber: '110105209912310028' },
      '「身份证号」第 7–14 位不是有效的出生日期',
      { idNumber: VALID_ID.toLowerCase() },
    ],
    [
      'mobile phone',
      { phone: '1381234567' },
      '「联系电话」应为手机号（11 位）或固定电话（如 0577-86688888）',
      { phone: '0577-86688888' },
    ],
    [
      'landline',
      { phone: '0577-0123' },
      '「联系电话」应为手机号（11 位）或固定电话（如 0577-86688888）',
      { phone: '86688888-102' },
    ],
    [
      'division code of 6 digits',
      { region: '33030' },
      '「所在地区」应为 6 位行政区划代码',
      { region: '330303' },
    ],
    [
      'division code of a province',
      { region: '990303' },
      '「所在地区」前 2 位不是有效的省级代码',
      { region: '810000' },
    ],
    [
      'table cells',
      { members: [{ memberName: '' }] },
      '「家庭成员」第 1 行「成员姓名」为必填项',
      { members: [{ memberName: '张三' }] },
    ],
    [
      'ID numbers in a table',
      { members: [{ memberName: '张三', memberId: '123' }] },
      '「家庭成员」第 1 行「成员身份证号」应为 18 位，前 17 位为数字，末位为数字或 X',
      { members: [{ memberName: '张三', memberId: VALID_ID_2 }] },
    ],
    [
      'unknown table columns',
      { members: [{ memberName: '张三', salary: 1 }] },
      '「家庭成员」第 1 行「salary」不是表格中的列',
      { members: [] },
    ],
  ])('the rule is enforced: %s', (_what, bad, message, good) => {
    expect(messagesFor(bad)).toEqual([message]);
    expect(messagesFor(good)).toEqual([]);
  });

  test('a problem in a table names the cell by its Formily path', () => {
    expect(check({ ...person(), members: [{ memberName: '张三' }, {}] })).toEqual([
      { field: 'members.1.memberName', message: '「家庭成员」第 2 行「成员姓名」为必填项' },
    ]);
  });

  describe('rules apply only to the fields shown', () => {
    test('a required field hidden by its rule may be left empty; shown, it may not', () => {
      // 企业名称 is required, shown only to companies; 姓名 and 身份证号 only to persons.
      expect(check({ applicantType: 'company', company: '某公司', phone: '13812345678' })).toEqual(
        [],
      );
      expect(
        messagesFor({ applicantType: 'company', name: undefined, idNumber: undefined }),
      ).toEqual(['「企业名称」为必填项']);
    });

    test('a hidden field still may not hold a value of the wrong type', () => {
      expect(messagesFor({ applicantType: 'company', company: '某公司', name: 42 })).toEqual([
        '「姓名」应为文本',
      ]);
    });

    test('any-of rules: 申请事由 shows for large projects or shops', () => {
      const shown = (values: Record<string, unknown>) =>
        visibleFields(sampleSchema(), values).has('reason');
      expect(shown({ scale: 'small', uses: ['home'] })).toBe(false);
      expect(shown({ scale: 'large' })).toBe(true);
      expect(shown({ uses: ['home', 'store'] })).toBe(true);
    });

    test('a field hidden by its rule counts as empty for the rules of others', () => {
      const schema = sampleSchema();
      schema.properties.postcode!['x-visible-when'] = { field: 'name', op: 'notEmpty' };
      // 姓名 holds a value, but is hidden for companies, so 邮编 is hidden too.
      expect(
        visibleFields(schema, { applicantType: 'company', name: '张三' }).has('postcode'),
      ).toBe(false);
      expect(visibleFields(schema, { applicantType: 'person', name: '张三' }).has('postcode')).toBe(
        true,
      );
    });
  });

  describe("the step's field permissions", () => {
    const previous = {
      ...person(),
      scale: 'small',
      members: [{ memberName: '张三', memberId: VALID_ID }],
    };

    test('a read-only field may not change; sent unchanged or left out, it passes', () => {
      const options: SubmissionOptions = { permissions: { name: 'read' }, previous };
      expect(check({ ...person(), name: '李四' }, options)).toEqual([
        { field: 'name', message: '「姓名」在此环节只读，不能修改' },
      ]);
      expect(check(person(), options)).toEqual([]);
      expect(check({ ...person(), name: undefined }, options)).toEqual([]);
    });

    test('a hidden field may not be written at all', () => {
      const options: SubmissionOptions = { permissions: { scale: 'hidden' }, previous };
      expect(messagesFor({ scale: 'large' }, options)).toEqual([
        '「规模」在此环节不可见，不能填写',
      ]);
      expect(messagesFor({}, options)).toEqual([]);
    });

    test('clearing a read-only field is a change', () => {
      const options: SubmissionOptions = { permissions: { phone: 'read' }, previous };
      expect(messagesFor({ phone: null }, options)).toEqual(['「联系电话」在此环节只读，不能修改']);
    });

    test('rules are not enforced on fields the step cannot write', () => {
      // Required 联系电话 left empty before, read-only now: not this step's to fill.
      const options: SubmissionOptions = {
        permissions: { phone: 'read' },
        previous: { ...previous, phone: undefined },
      };
      expect(check({ ...person(), phone: undefined }, options)).toEqual([]);
    });

    test('fields the permissions leave out follow defaultPermission', () => {
      const options: SubmissionOptions = {
        permissions: { area: 'write' },
        defaultPermission: 'read',
        previous,
      };
      expect(messagesFor({ area: 5 }, options)).toEqual([]);
      expect(messagesFor({ area: 5, name: '李四' }, options)).toEqual([
        '「姓名」在此环节只读，不能修改',
      ]);
    });

    test('a read-only column keeps its cells; other columns may change', () => {
      const options: SubmissionOptions = { permissions: { 'members.memberId': 'read' }, previous };
      const rows = (memberId: string) => ({ members: [{ memberName: '张三丰', memberId }] });
      expect(messagesFor(rows(VALID_ID_2), options)).toEqual([
        '「家庭成员」第 1 行「成员身份证号」在此环节只读，不能修改',
      ]);
      expect(messagesFor(rows(VALID_ID), options)).toEqual([]);
    });

    test('a read-only table may not change at all', () => {
      const options: SubmissionOptions = { permissions: { members: 'read' }, previous };
      expect(messagesFor({ members: [] }, options)).toEqual(['「家庭成员」在此环节只读，不能修改']);
      expect(messagesFor({ members: previous.members }, options)).toEqual([]);
    });

    test('visibility is evaluated over what the step may write plus what was stored', () => {
      // 申请人类型 is read-only and was 企业: 企业名称 is required even if the client claims 个人.
      const options: SubmissionOptions = {
        permissions: { applicantType: 'read' },
        previous: { applicantType: 'company' },
      };
      expect(check({ phone: '13812345678' }, options).map((p) => p.message)).toEqual([
        '「企业名称」为必填项',
      ]);
    });
  });
});

describe('FORM-3 cleanSubmission: what is stored', () => {
  test('drops fields hidden by rules, keeps read-only fields as stored, leaves out empty values', () => {
    const stored = cleanSubmission(
      sampleSchema(),
      {
        applicantType: 'company',
        company: '某公司',
        name: '张三',
        phone: '13900000000',
        area: null,
      },
      { permissions: { phone: 'read' }, previous: { phone: '13812345678' } },
    );
    expect(stored).toEqual({ applicantType: 'company', company: '某公司', phone: '13812345678' });
  });

  test('table rows keep only known columns, read-only cells as stored', () => {
    const stored = cleanSubmission(
      sampleSchema(),
      { members: [{ memberName: '张三', memberId: VALID_ID_2, extra: 1 }] },
      {
        permissions: { 'members.memberId': 'read' },
        previous: { members: [{ memberId: VALID_ID }] },
      },
    );
    expect(stored).toEqual({ members: [{ memberName: '张三', memberId: VALID_ID }] });
  });
});

describe('FORM-3 patterns run on RE2 (linear time)', () => {
  const withPattern = (pattern: string) => {
    const schema = sampleSchema();
    schema.properties.postcode!.pattern = pattern;
    return schema;
  };

  test('FORM-3 a catastrophic pattern that reached a stored schema answers at once on 10,000 characters', () => {
    // checkFormSchema refuses this pattern; validation must not hang should one be stored anyway.
    const schema = withPattern('^(a+)+$');
    const started = performance.now();
    const problems = validateSubmission(
      schema,
      { ...person(), postcode: 'a'.repeat(9_999) + '!' },
      { today: TODAY },
    );
    const ms = performance.now() - started;
    console.log(`FORM-3 ^(a+)+$ against 10,000 characters: ${ms.toFixed(1)} ms`);
    expect(problems).toEqual([{ field: 'postcode', message: '「邮编」格式不正确' }]);
    expect(ms).toBeLessThan(1000);
  });

  test('FORM-3 JavaScript spellings are translated for RE2: \\u escapes, named groups', () => {
    const han = withPattern('^[\\u4e00-\\u9fa5]{2}$');
    expect(validateSubmission(han, { ...person(), postcode: '温州' }, { today: TODAY })).toEqual(
      [],
    );
    expect(validateSubmission(han, { ...person(), postcode: 'ab' }, { today: TODAY })).toHaveLength(
      1,
    );
    const named = withPattern('^(?<code>\\d{6})$');
    expect(
      validateSubmission(named, { ...person(), postcode: '325000' }, { today: TODAY }),
    ).toEqual([]);
  });

  test('FORM-3 a stored pattern RE2 cannot run fails closed with a message, never silently passes', () => {
    const problems = validateSubmission(
      withPattern('^(?=\\d)\\d{6}$'),
      { ...person(), postcode: '325000' },
      { today: TODAY },
    );
    expect(problems).toEqual([
      { field: 'postcode', message: '「邮编」的格式规则无法执行，请事项管理员修改表单' },
    ]);
  });
});
