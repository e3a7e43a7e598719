import { checkFormSchema, formFields, type FormSchema } from '../../../runtime/forms/schema';
import { PATTERN_PRESETS, patternProblem } from '../../../runtime/forms/patterns';
import { sampleSchema } from './fixtures';

type Edit = (s: FormSchema & Record<string, unknown>) => void;
// Tests reach into the schema as plain JSON, the way a client could send it.
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const props = (s: FormSchema) => s.properties as unknown as Json;

function problemsAfter(edit: Edit) {
  const schema = sampleSchema() as FormSchema & Record<string, unknown>;
  edit(schema);
  return checkFormSchema(JSON.parse(JSON.stringify(schema)));
}

/** Each rule: an edit that breaks it, the problem it causes, and a near edit that does not. */
const RULES: [string, Edit, RegExp, Edit][] = [
  [
    'the root is an object form',
    (s) => ((s as Json).type = 'array'),
    /type 应为 "object"/,
    (s) => ((s as Json).type = 'object'),
  ],
  [
    'no unknown keys at the root',
    (s) => ((s as Json)['x-reactions'] = []),
    /未知的属性「x-reactions」/,
    (s) => ((s as Json)['x-layout'] = { columns: 3 }),
  ],
  [
    'the grid has 1 to 3 columns',
    (s) => ((s as Json)['x-layout'] = { columns: 4 }),
    /布局列数应为 1 到 3/,
    (s) => ((s as Json)['x-layout'] = { columns: 1 }),
  ],
  [
    'no unknown keys in a field',
    (s) => (props(s).name['x-reactions'] = { dependencies: ['a'] }),
    /未知的属性「x-reactions」/,
    (s) => (props(s).name.description = '与身份证一致'),
  ],
  [
    'no keywords a field type does not take',
    (s) => (props(s).area.maxLength = 3),
    /未知的属性「maxLength」/,
    (s) => (props(s).area.minimum = 1),
  ],
  [
    'no unknown components',
    (s) => (props(s).name['x-component'] = 'Password'),
    /未知的控件「Password」/,
    (s) => (props(s).name['x-component'] = 'Input.TextArea'),
  ],
  [
    'the JSON type matches the component',
    (s) => (props(s).area.type = 'string'),
    /type 应为 "number"/,
    (s) => (props(s).area.type = 'number'),
  ],
  [
    'the decorator is FormItem',
    (s) => (props(s).name['x-decorator'] = 'FormLayout'),
    /x-decorator 应为 "FormItem"/,
    (s) => (props(s).name['x-decorator'] = 'FormItem'),
  ],
  [
    'every field has a title',
    (s) => (props(s).name.title = ' '),
    /标题不能为空/,
    (s) => (props(s).name.title = '申请人姓名'),
  ],
  [
    'titles are not repeated',
    (s) => (props(s).company.title = '姓名'),
    /标题「姓名」与字段「name」重复/,
    (s) => (props(s).company.title = '单位名称'),
  ],
  [
    'component props are known ones with sensible values',
    (s) => (props(s).area['x-component-props'] = { precision: 12 }),
    /「precision」取值无效/,
    (s) => (props(s).area['x-component-props'] = { precision: 0, placeholder: '平方米' }),
  ],
  [
    'a field spans 1 to 3 grid columns',
    (s) => (props(s).reason['x-decorator-props'] = { gridSpan: 5 }),
    /占的列数应为 1 到 3/,
    (s) => (props(s).reason['x-decorator-props'] = { gridSpan: 3 }),
  ],
  [
    'the minimum length is not above the maximum',
    (s) => Object.assign(props(s).name, { minLength: 30, maxLength: 20 }),
    /最小长度（30）大于最大长度（20）/,
    (s) => Object.assign(props(s).name, { minLength: 20, maxLength: 20 }),
  ],
  [
    'lengths are non-negative integers',
    (s) => (props(s).name.maxLength = -1),
    /长度限制应为 0 到 10000 的整数/,
    (s) => (props(s).name.maxLength = 10000),
  ],
  [
    'the minimum is not above the maximum',
    (s) => Object.assign(props(s).area, { minimum: 10, maximum: 1 }),
    /最小值（10）大于最大值（1）/,
    (s) => Object.assign(props(s).area, { minimum: -5, maximum: 1 }),
  ],
  [
    'item counts are bounded',
    (s) => Object.assign(props(s).uses, { minItems: 3, maxItems: 2 }),
    /最小项数（3）大于最大项数（2）/,
    (s) => Object.assign(props(s).uses, { minItems: 1, maxItems: 2 }),
  ],
  [
    'a pattern compiles',
    (s) => (props(s).postcode.pattern = '^(\\d{6}$'),
    /正则表达式「\^\(\\d\{6\}\$」无法编译/,
    (s) => (props(s).postcode.pattern = '^(\\d{6})$'),
  ],
  [
    'a pattern is short',
    (s) => (props(s).postcode.pattern = 'a'.repeat(201)),
    /不能超过 200 个字符/,
    (s) => (props(s).postcode.pattern = 'a'.repeat(200)),
  ],
  [
    'FORM-3 a pattern cannot backtrack without bound (recheck)',
    (s) => (props(s).postcode.pattern = '^(\\d+)+$'),
    /正则表达式「\^\(\\d\+\)\+\$」可能发生灾难性回溯（指数级复杂度）/,
    (s) => (props(s).postcode.pattern = '^(\\d{3})+$'),
  ],
  [
    'a choice field has options',
    (s) => (props(s).scale.enum = []),
    /至少要有一个选项/,
    (s) => props(s).scale.enum.push({ label: '中型', value: 'medium' }),
  ],
  [
    'options are {label, value} with text values',
    (s) => (props(s).scale.enum[0] = { label: '小型', value: 1 }),
    /选项的值应为不超过 64 字的文本/,
    (s) => (props(s).scale.enum[0] = { label: '小型', value: '1' }),
  ],
  [
    'option values are not repeated',
    (s) => props(s).uses.enum.push({ label: '其他', value: 'home' }),
    /选项值「home」重复/,
    (s) => props(s).uses.enum.push({ label: '其他', value: 'other' }),
  ],
  [
    'required is true or false',
    (s) => (props(s).name.required = 'yes'),
    /必填应为 true 或 false/,
    (s) => (props(s).name.required = false),
  ],
  [
    'the order x-index is a non-negative integer',
    (s) => (props(s).name['x-index'] = 1.5),
    /x-index 应为非负整数/,
    (s) => (props(s).name['x-index'] = 99),
  ],
  [
    'the grid span takes no other props',
    (s) => (props(s).reason['x-decorator-props'] = { style: { color: 'red' } }),
    /未知的属性「style」/,
    (s) => delete props(s).reason['x-decorator-props'],
  ],
  [
    'a table has at most 30 columns',
    (s) => {
      const cols: Json = {};
      for (let i = 0; i < 31; i++) cols[`c${i}`] = { ...props(s).postcode, title: `列${i}` };
      props(s).members.items.properties = cols;
    },
    /列不能超过 30 个/,
    (s) => (props(s).members.items.properties.c1 = { ...props(s).postcode, title: '列1' }),
  ],
  [
    'a table has columns',
    (s) => (props(s).members.items.properties = {}),
    /至少要有一列/,
    (s) => delete props(s).members.items.properties.memberId,
  ],
  [
    'a table column is not a list field',
    (s) => (props(s).members.items.properties.files = props(s).files),
    /表格的列不能是「附件上传」/,
    (s) => (props(s).members.items.properties.region = props(s).region),
  ],
  [
    'a table column has no visibility rule of its own',
    (s) =>
      (props(s).members.items.properties.memberId['x-visible-when'] = {
        field: 'name',
        op: 'notEmpty',
      }),
    /未知的属性「x-visible-when」/,
    (s) => (props(s).members.items.properties.memberId.required = true),
  ],
];

describe('FORM-3 checkFormSchema: what a stored form may hold', () => {
  test('the sample form using every field type is accepted', () => {
    expect(checkFormSchema(sampleSchema())).toEqual([]);
  });

  test.each(RULES)('%s', (_rule, bad, message, good) => {
    const problems = problemsAfter(bad);
    expect(problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(message)]),
    );
    expect(problemsAfter(good)).toEqual([]);
  });

  test('a schema with {{ }} code anywhere is refused, naming where', () => {
    const problems = problemsAfter((s) => {
      props(s).name['x-component-props'] = { placeholder: "{{ fetch('/steal') }}" };
      props(s).scale.enum[0].label = '{{$self.value}}';
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        {
          path: 'properties.name.x-component-props.placeholder',
          message: expect.stringMatching(/\{\{ \}\} 表达式/),
        },
        {
          path: 'properties.scale.enum[0].label',
          message: expect.stringMatching(/\{\{ \}\} 表达式/),
        },
      ]),
    );
    expect(problemsAfter((s) => (props(s).name.description = '单个 { 或 } 无妨'))).toEqual([]);
  });

  test('Formily reactions written as {{ }} are refused even inside unknown keys', () => {
    const problems = problemsAfter(
      (s) =>
        (props(s).company['x-reactions'] = { fulfill: { state: { visible: '{{$deps[0]}}' } } }),
    );
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining([
        'properties.company.x-reactions.fulfill.state.visible',
        'properties.company.x-reactions',
      ]),
    );
  });

  describe('field keys: MongoDB property names and Formily paths', () => {
    test.each([
      ['a.b', /只含英文字母、数字和下划线/],
      ['$where', /只含英文字母、数字和下划线/],
      ['1st', /以英文字母开头/],
      ['姓名', /以英文字母开头/],
      ['constructor', /是保留字/],
      ['a'.repeat(65), /不能超过 64 个字符/],
    ])('%s is refused', (key, message) => {
      const problems = problemsAfter((s) => (props(s)[key] = props(s).postcode));
      expect(problems).toEqual(
        expect.arrayContaining([
          { path: `properties.${key}`, message: expect.stringMatching(message) },
        ]),
      );
    });

    test('keys differing only in case are refused; distinct keys pass', () => {
      const clash = problemsAfter((s) => (props(s).Name = { ...props(s).name, title: '别名' }));
      expect(clash.map((p) => p.message)).toContain('字段标识「Name」与「name」仅大小写不同');
      expect(problemsAfter((s) => (props(s).name_2 = { ...props(s).name, title: '别名' }))).toEqual(
        [],
      );
    });
  });

  describe('visibility rules', () => {
    const rule =
      (r: unknown): Edit =>
      (s) =>
        (props(s).company['x-visible-when'] = r);

    test.each([
      [
        'naming an unknown field',
        { field: 'nobody', op: 'eq', value: 'x' },
        /引用了不存在的字段「nobody」/,
      ],
      ['naming a table column', { field: 'members.memberName', op: 'notEmpty' }, /不存在的字段/],
      [
        'with an unknown operator',
        { field: 'applicantType', op: 'matches', value: 'x' },
        /比较方式「matches」无效/,
      ],
      [
        'comparing with a value not among the options',
        { field: 'applicantType', op: 'eq', value: 'alien' },
        /应为「申请人类型」的选项之一/,
      ],
      ['comparing a number field with text', { field: 'area', op: 'eq', value: '10' }, /应为数字/],
      ['giving "in" no list', { field: 'scale', op: 'in', value: 'small' }, /需要一组比较值/],
      ['giving "empty" a value', { field: 'name', op: 'empty', value: '' }, /不需要比较值/],
      [
        'comparing a table by value',
        { field: 'members', op: 'eq', value: 'x' },
        /只能按「已填写」或「未填写」/,
      ],
      ['with an empty group', { all: [] }, /至少要有一个条件/],
      [
        'mixing all and any',
        { all: [{ field: 'name', op: 'empty' }], any: [] },
        /只能有 all 或 any 之一/,
      ],
      [
        'with an unknown key in a condition',
        { field: 'name', op: 'empty', when: 'x' },
        /未知的属性「when」/,
      ],
      ['written as an expression', '{{$deps[0] === 1}}', /显示条件应为对象|\{\{ \}\}/],
    ])('a rule %s is refused', (_what, r, message) => {
      expect(problemsAfter(rule(r)).map((p) => p.message)).toEqual(
        expect.arrayContaining([expect.stringMatching(message)]),
      );
    });

    test.each([
      ['one condition', { field: 'applicantType', op: 'neq', value: 'person' }],
      ['a number comparison', { field: 'area', op: 'in', value: [10, 20] }],
      [
        'all of several',
        {
          all: [
            { field: 'scale', op: 'eq', value: 'large' },
            { field: 'name', op: 'notEmpty' },
          ],
        },
      ],
      ['a table being filled', { field: 'members', op: 'notEmpty' }],
      ['a checkbox including an option', { field: 'uses', op: 'eq', value: 'shop' }],
    ])('a rule on %s passes', (_what, r) => {
      expect(problemsAfter(rule(r))).toEqual([]);
    });

    test('a field cannot depend on itself', () => {
      expect(
        problemsAfter(rule({ field: 'company', op: 'notEmpty' })).map((p) => p.message),
      ).toContain('「企业名称」的显示条件不能以自身为依据');
    });

    test('rules that depend on each other in a circle are refused', () => {
      const problems = problemsAfter((s) => {
        props(s).applicantType['x-visible-when'] = { field: 'company', op: 'empty' };
      });
      expect(problems.map((p) => p.message)).toEqual([
        expect.stringMatching(/显示条件循环依赖：「申请人类型」 → 「企业名称」 → 「申请人类型」/),
      ]);
    });
  });

  describe('size limits', () => {
    test('more than 200 fields (columns included) are refused; 200 pass', () => {
      const many =
        (n: number): Edit =>
        (s) => {
          s.properties = {};
          for (let i = 0; i < n; i++)
            props(s)[`f${i}`] = { ...sampleSchema().properties.postcode, title: `字段${i}` };
        };
      expect(problemsAfter(many(201)).map((p) => p.message)).toContain(
        '字段过多（201 个，上限 200 个，含表格的列）',
      );
      expect(problemsAfter(many(200))).toEqual([]);
    });

    test('a schema over 200,000 characters is refused before it is walked', () => {
      const problems = problemsAfter((s) => (props(s).name.description = 'x'.repeat(200_000)));
      expect(problems).toEqual([{ path: '', message: expect.stringMatching(/表单定义过大/) }]);
    });

    test('titles, descriptions and option lists are bounded', () => {
      const problems = problemsAfter((s) => {
        props(s).name.title = '名'.repeat(101);
        props(s).name.description = '说'.repeat(501);
        props(s).scale.enum = Array.from({ length: 201 }, (_, i) => ({
          label: `${i}`,
          value: `${i}`,
        }));
      });
      expect(problems.map((p) => p.path)).toEqual(
        expect.arrayContaining([
          'properties.name.title',
          'properties.name.description',
          'properties.scale.enum',
        ]),
      );
    });
  });

  test('anything but an object is refused', () => {
    expect(checkFormSchema('{"type":"object"}')).toEqual([
      { path: '', message: '表单定义应为对象' },
    ]);
    expect(checkFormSchema({ type: 'object' })).toEqual([
      { path: 'properties', message: '缺少字段列表 properties' },
    ]);
  });
});

describe('FORM-1 formFields: the fields a flowchart can refer to', () => {
  test('fields in display order, each table followed by its columns as table.column', () => {
    const fields = formFields(sampleSchema());
    expect(fields.map((f) => f.key).slice(-3)).toEqual([
      'members',
      'members.memberName',
      'members.memberId',
    ]);
    expect(fields.find((f) => f.key === 'members.memberId')).toEqual({
      key: 'members.memberId',
      type: 'idNumber',
      label: '家庭成员/成员身份证号',
    });
    expect(fields[0]).toEqual({
      key: 'applicantType',
      type: 'radio',
      label: '申请人类型',
      options: [
        { label: '个人', value: 'person' },
        { label: '企业', value: 'company' },
      ],
    });
  });

  test('x-index orders fields whatever order they are stored in', () => {
    const schema = sampleSchema();
    schema.properties.phone!['x-index'] = -1;
    expect(formFields(schema)[0]!.key).toBe('phone');
  });
});

describe('FORM-3 pattern presets and the ReDoS guard', () => {
  test.each(PATTERN_PRESETS.map((p) => [p.label, p.pattern]))(
    'preset %s passes the guard',
    (_l, pattern) => {
      expect(patternProblem(pattern)).toBeUndefined();
    },
  );

  test.each(['(a+)+$', '(a|aa)*', '(?:\\w*)*', '((ab)+c)+', '(a)\\1'])(
    '%s is refused',
    (pattern) => {
      expect(patternProblem(pattern)).toBeDefined();
    },
  );

  test.each(['[(a+)]+', '(\\d{3}){2}', '^\\d{2,4}$', '(ab|cd)?x+'])('%s passes', (pattern) => {
    expect(patternProblem(pattern)).toBeUndefined();
  });
});

describe('FORM-3 stored patterns: RE2 syntax and recheck (issue 11)', () => {
  const withPattern = (pattern: string) =>
    problemsAfter((s) => (props(s).postcode.pattern = pattern)).map((p) => p.message);

  test('FORM-3 a schema whose pattern is (a+)+ is refused by checkFormSchema, naming field and pattern', () => {
    expect(withPattern('(a+)+')).toEqual([
      expect.stringMatching(/^「邮编」：正则表达式「\(a\+\)\+」可能发生灾难性回溯（指数级复杂度）/),
    ]);
  });

  test.each([
    ['look-ahead', '^(?=.*\\d).{6}$'],
    ['look-behind', '(?<=a)b'],
    ['back-reference', '^(\\w)\\1$'],
  ])('FORM-3 %s compiles in JavaScript but not in RE2: refused before it is stored', (_k, p) => {
    expect(withPattern(p)).toEqual([expect.stringContaining('线性时间引擎 RE2 不支持')]);
  });

  test.each([
    ['polynomial: adjacent repeats', '^\\d*\\d*x$'],
    ['polynomial: leading .*', '.*公司.*'],
  ])('FORM-3 %s is refused too', (_k, p) => {
    expect(withPattern(p)).toEqual([expect.stringContaining('多项式级复杂度')]);
  });

  test.each([
    '^(\\d+,)*\\d+$',
    '^[\\u4e00-\\u9fa5]{2,20}$',
    '^\\p{Script=Han}+$',
    '^[\\p{sc=Han}\\p{gc=Nd}]+$',
    '^(?<code>\\d{6})$',
  ])('FORM-3 %s is safe and RE2 reads it: kept', (p) => {
    expect(withPattern(p)).toEqual([]);
  });

  test('FORM-3 more than 20 distinct patterns are refused before any is judged', () => {
    // f5's pattern is the postcode's own: 21 distinct of 22.
    const problems = problemsAfter((s) => {
      for (let i = 0; i < 21; i++) {
        props(s)[`f${i}`] = {
          type: 'string',
          title: `字段${i}`,
          'x-decorator': 'FormItem',
          'x-component': 'Input',
          pattern: `^\\d{${i + 1}}$`,
        };
      }
    });
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('不同的正则表达式过多（21 个，上限 20 个）'),
    ]);
  });
});
