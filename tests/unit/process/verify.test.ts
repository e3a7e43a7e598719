import { tokenProblems } from '../../../runtime/process/checks/soundness';
import { compileProcess } from '../../../runtime/process/compile';
import { parseProcessXml } from '../../../runtime/process/parse';
import { verifyProcess, type ProcessProblem } from '../../../runtime/process/verify';
import {
  and,
  chain,
  context,
  end,
  flow,
  inclusive,
  processXml,
  service,
  simple,
  start,
  terminate,
  timer,
  user,
  xor,
} from './build';

async function problems(xml: string, ctx = context()): Promise<ProcessProblem[]> {
  return (await verifyProcess(xml, ctx)).problems;
}
const of = (list: ProcessProblem[], rule: string) => list.filter((p) => p.rule === rule);

describe('a correct flowchart (PROC-4)', () => {
  test('PROC-4 the smallest complete diagram verifies and compiles', async () => {
    const result = await verifyProcess(simple(), context());
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });
});

describe('steps against the item (PROC-2)', () => {
  test('PROC-2 posts must exist when the county’s posts are known; unknown posts are named', async () => {
    const xml = simple([user('accept', '受理', { posts: ['p1', 'gone'] }), user('review', '审核')]);
    expect(of(await problems(xml), 'county/post-known')).toEqual([
      {
        rule: 'county/post-known',
        message: '环节「受理」(accept)的岗位「岗位gone」(gone)不存在或已撤销',
        elementId: 'accept',
      },
    ]);
    expect(of(await problems(xml, context({ posts: undefined })), 'county/post-known')).toEqual([]);
  });

  test('PROC-2 the application form and a step’s form must exist', async () => {
    const xml = simple([
      user('accept', '受理', { config: { form: 'missing' } }),
      user('review', '审核'),
    ]);
    expect(of(await problems(xml), 'county/step-form')).toEqual([
      {
        rule: 'county/step-form',
        message: '环节「受理」(accept)使用的表单「missing」不存在',
        elementId: 'accept',
      },
    ]);
    const noApplication = simple().replace('form="apply"', 'form="nothing"');
    expect(of(await problems(noApplication), 'county/step-form')[0]!.message).toBe(
      '流程绑定的申请表单「nothing」不存在',
    );
  });

  test('PROC-2 field permissions name fields of the step’s form, or of the application form', async () => {
    const xml = simple([
      user('accept', '受理', {
        children:
          '<county:fieldPermissions field="companyName" access="read"/>' +
          '<county:fieldPermissions field="opinion" access="write"/>',
      }),
      user('review', '审核', {
        config: { form: 'review' },
        children:
          '<county:fieldPermissions field="opinion" access="write"/>' +
          '<county:fieldPermissions field="amount" access="hidden"/>',
      }),
    ]);
    expect(
      of(await problems(xml), 'county/field-permission').map((p) => [p.elementId, p.message]),
    ).toEqual([
      ['accept', '环节「受理」(accept)对字段「opinion」设置了权限，但表单「apply」中没有这个字段'],
      ['review', '环节「审核」(review)对字段「amount」设置了权限，但表单「review」中没有这个字段'],
    ]);
  });

  test('PROC-2 field permissions without any form bound are a problem', async () => {
    const xml = processXml([
      start(),
      user('accept', '受理', { children: '<county:fieldPermissions field="x" access="read"/>' }),
      end(),
      ...chain(['start', 'accept', 'end']),
    ]);
    expect(of(await problems(xml), 'county/field-permission')[0]!.message).toBe(
      '环节「受理」(accept)设置了字段权限，但流程和环节都没有绑定表单',
    );
  });
});

/** start → 受理 → gateway g → (flows given) … each flow's target is its own end. */
function decision(
  conditions: (string | undefined)[],
  options: { kind?: 'xor' | 'or'; fallback?: number; form?: string } = {},
) {
  const flows = conditions.map((condition, i) =>
    flow(`c${i}`, 'g', `e${i}`, condition === undefined ? {} : { condition, name: `分支${i}` }),
  );
  const fallback = options.fallback === undefined ? undefined : `c${options.fallback}`;
  const gateway =
    options.kind === 'or' ? inclusive('g', '如何办理', fallback) : xor('g', '如何办理', fallback);
  const ends = conditions.map((_, i) => end(`e${i}`, `结束${i}`));
  // An inclusive split needs its join; every branch then goes to one end.
  if (options.kind === 'or') {
    return processXml(
      [
        start(),
        user('accept', '受理'),
        gateway,
        inclusive('j'),
        end(),
        ...chain(['start', 'accept', 'g']),
        ...conditions.map((condition, i) =>
          flow(`c${i}`, 'g', 'j', condition === undefined ? {} : { condition, name: `分支${i}` }),
        ),
        flow('fj', 'j', 'end'),
      ],
      { form: options.form ?? 'apply' },
    );
  }
  return processXml(
    [
      start(),
      user('accept', '受理'),
      gateway,
      ...ends,
      ...chain(['start', 'accept', 'g']),
      ...flows,
    ],
    {
      form: options.form ?? 'apply',
    },
  );
}

describe('conditions read case data that exists (PROC-3)', () => {
  test('PROC-3 conditions may read the application form’s fields and the case variables', async () => {
    const xml = decision(
      [
        'companyName = "甲" and amount > 10 and applicant.type = "organisation" and channel = "online"',
        'count(for x in [1, 2] return x) > 1 and some y in [1] satisfies y > 0',
      ],
      { fallback: undefined },
    );
    expect(of(await problems(xml), 'county/condition-fields')).toEqual([]);
  });

  test('PROC-3 a condition reading anything else is named, with what it may read', async () => {
    const xml = decision(['opinion = "同意"', 'applicant.age > 18 and foo(amount)']);
    expect(
      of(await problems(xml), 'county/condition-fields').map((p) => [p.elementId, p.message]),
    ).toEqual([
      [
        'c0',
        '连线「分支0」(c0)的条件读取了「opinion」，它既不是申请表单「apply」的字段，也不是案件变量（applicant.type、channel、outcome）',
      ],
      [
        'c1',
        '连线「分支1」(c1)的条件读取了「applicant.age」，它既不是申请表单「apply」的字段，也不是案件变量（applicant.type、channel、outcome）',
      ],
      ['c1', '连线「分支1」(c1)的条件调用了不存在的函数「foo」'],
    ]);
  });

  test('PROC-3 without a bound application form, only case variables may be read', async () => {
    const xml = decision(['amount > 1', 'outcome = "approve"'], { form: undefined }).replace(
      '<bpmn:extensionElements><county:processConfig form="apply"/></bpmn:extensionElements>',
      '',
    );
    expect(of(await problems(xml), 'county/condition-fields').map((p) => p.message)).toEqual([
      '连线「分支0」(c0)的条件读取了「amount」，它既不是申请表单（流程未绑定）的字段，也不是案件变量（applicant.type、channel、outcome）',
    ]);
  });
});

describe('every branch is defined: gateway completeness (PROC-1, PROC-4)', () => {
  const complete = async (
    conditions: (string | undefined)[],
    options?: Parameters<typeof decision>[1],
  ) => of(await problems(decision(conditions, options)), 'county/gateway-complete').length === 0;

  test('PROC-4 a default flow makes any set of conditions complete', async () => {
    expect(await complete(['amount > 5', undefined], { fallback: 1 })).toBe(true);
  });

  test('PROC-4 conditions of unknown coverage without a default are a problem naming the gateway', async () => {
    const found = of(
      await problems(decision(['amount > 5', 'amount < 3'])),
      'county/gateway-complete',
    );
    expect(found).toEqual([
      {
        rule: 'county/gateway-complete',
        message:
          '排他网关「如何办理」(g)没有默认路径，也无法确定各条件覆盖了所有情况：请设置默认路径，或把条件写成同一字段的「=」与「!=」，或用「=」覆盖必填选择字段的全部选项',
        elementId: 'g',
      },
    ]);
  });

  test.each([
    [['outcome = "approve"', 'outcome != "approve"'], true],
    [['outcome = "approve"', 'not(outcome = "approve")'], true],
    [['scale in ["small", "medium"]', 'not(scale in ["small", "medium"])'], true],
    [['scale = "small"', 'scale = "medium"', 'scale != "small"'], true],
    // A required select: its options covered by `=` tests.
    [['scale = "small"', 'scale = "medium"', 'scale = "large"'], true],
    [['scale = "small"', 'scale in ["medium", "large"]'], true],
    [['scale = "small"', 'scale = "medium"'], false],
    // Not required: it may be empty, and then no `=` holds.
    [['optionalScale = "small"', 'optionalScale = "large"'], false],
    // Case variables the runtime always sets.
    [['applicant.type = "person"', 'applicant.type = "organisation"'], true],
    [['channel = "online"', 'channel = "window"'], false],
    // outcome is unset before a step concludes.
    [['outcome = "approve"', 'outcome = "reject"'], false],
    // A required number split at one value.
    [['amount < 100', 'amount >= 100'], true],
    [['amount <= 100', 'amount > 100'], true],
    [['100 > amount', 'amount >= 100'], true],
    [['amount < 100', 'amount > 100'], false],
    [['amount < 100', 'amount >= 50'], true],
    [['optionalAmount < 100', 'optionalAmount >= 100'], false],
    // Different types: `=` and `!=` are both null.
    [['scale = 1', 'scale != 1'], false],
    // Two subjects, or shapes we do not decide.
    [['scale = "small"', 'amount != 1'], false],
    [['string length(companyName) > 3', 'string length(companyName) <= 3'], false],
    [['amount > 1', undefined], true], // the flow without condition is conditional-flows' business
  ])('PROC-4 completeness of %j: %p', async (conditions, expected) => {
    expect(await complete(conditions)).toBe(expected);
  });

  test('PROC-4 inclusive gateways follow the same rule', async () => {
    expect(await complete(['amount > 5', 'amount < 3'], { kind: 'or' })).toBe(false);
    expect(await complete(['outcome = "approve"', 'outcome != "approve"'], { kind: 'or' })).toBe(
      true,
    );
    const found = of(
      await problems(decision(['amount > 5', 'amount < 3'], { kind: 'or' })),
      'county/gateway-complete',
    );
    expect(found[0]!.message).toMatch(/^包容网关「如何办理」\(g\)没有默认路径/);
  });

  test('PROC-4 a flow without condition beside conditional ones is bpmnlint’s conditional-flows', async () => {
    const found = of(await problems(decision(['amount > 5', undefined])), 'conditional-flows');
    expect(found).toEqual([
      {
        rule: 'conditional-flows',
        message: '连线(c1)缺少条件：网关的出口连线须有条件，或设为默认路径',
        elementId: 'c1',
      },
    ]);
  });
});

describe('step limits fit within the promised limit (PROC-4, RUN-6)', () => {
  const limited = (limits: [number, string][], extra: string[] = []) =>
    simple([
      user('accept', '受理', { limit: limits[0]! }),
      user('review', '审核', { limit: limits[1]!, children: extra.join('') }),
    ]);

  test('PROC-4 limits summing to the promise fit; one day more does not, and the route is named', async () => {
    const ctx = context({ promisedLimit: { value: 10, unit: 'workingDays' } });
    expect(
      of(
        await problems(
          limited([
            [4, 'workingDays'],
            [6, 'workingDays'],
          ]),
          ctx,
        ),
        'county/limit-within-promised',
      ),
    ).toEqual([]);
    expect(
      of(
        await problems(
          limited([
            [5, 'workingDays'],
            [6, 'workingDays'],
          ]),
          ctx,
        ),
        'county/limit-within-promised',
      ),
    ).toEqual([
      {
        rule: 'county/limit-within-promised',
        message:
          '各环节时限合计超过承诺期限：最长路径上环节「受理」(accept) 5个工作日、环节「审核」(review) 6个工作日，合计 11个工作日，承诺期限为 10个工作日',
        elementId: 'Process_1',
      },
    ]);
  });

  test('PROC-4 hours count as an eighth of a working day; natural days as working days at most', async () => {
    const ctx = context({ promisedLimit: { value: 2, unit: 'workingDays' } });
    expect(
      of(
        await problems(
          limited([
            [8, 'hours'],
            [1, 'naturalDays'],
          ]),
          ctx,
        ),
        'county/limit-within-promised',
      ),
    ).toEqual([]);
    expect(
      of(
        await problems(
          limited([
            [9, 'hours'],
            [1, 'naturalDays'],
          ]),
          ctx,
        ),
        'county/limit-within-promised',
      ),
    ).toHaveLength(1);
    const hours = context({ promisedLimit: { value: 12, unit: 'hours' } });
    expect(
      of(
        await problems(
          limited([
            [1, 'workingDays'],
            [4, 'hours'],
          ]),
          hours,
        ),
        'county/limit-within-promised',
      ),
    ).toEqual([]);
    expect(
      of(
        await problems(
          limited([
            [1, 'workingDays'],
            [5, 'hours'],
          ]),
          hours,
        ),
        'county/limit-within-promised',
      ),
    ).toHaveLength(1);
  });

  test('PROC-4 a promise in natural days compares only with steps in natural days', async () => {
    const ctx = context({ promisedLimit: { value: 10, unit: 'naturalDays' } });
    const list = await problems(
      limited([
        [3, 'workingDays'],
        [7, 'naturalDays'],
      ]),
      ctx,
    );
    expect(of(list, 'county/limit-units')).toEqual([
      {
        rule: 'county/limit-units',
        message:
          '环节「受理」(accept)的时限以个工作日计，无法与以自然日计的承诺期限比较，请改用自然日',
        elementId: 'accept',
      },
    ]);
    expect(of(list, 'county/limit-within-promised')).toEqual([]);
    expect(
      of(
        await problems(
          limited([
            [4, 'naturalDays'],
            [7, 'naturalDays'],
          ]),
          ctx,
        ),
        'county/limit-within-promised',
      ),
    ).toHaveLength(1);
  });

  test('PROC-2 a step whose time is excluded (听证 …) does not count', async () => {
    const ctx = context({ promisedLimit: { value: 5, unit: 'workingDays' } });
    const excluded = ['<county:excludedTimes kind="hearing" reason="依申请举行听证"/>'];
    expect(
      of(
        await problems(
          limited(
            [
              [5, 'workingDays'],
              [20, 'workingDays'],
            ],
            excluded,
          ),
          ctx,
        ),
        'county/limit-within-promised',
      ),
    ).toEqual([]);
    expect(
      of(
        await problems(
          limited([
            [5, 'workingDays'],
            [20, 'workingDays'],
          ]),
          ctx,
        ),
        'county/limit-within-promised',
      ),
    ).toHaveLength(1);
  });

  test('PROC-4 the longest branch counts; a return loop does not count twice; no promise, no check', async () => {
    const xml = processXml(
      [
        start(),
        xor('m'),
        user('accept', '受理', { limit: [2, 'workingDays'] }),
        xor('g', '审核结果'),
        user('short', '简易审查', { limit: [1, 'workingDays'] }),
        user('long', '实质审查', { limit: [6, 'workingDays'] }),
        xor('j'),
        end(),
        flow('f1', 'start', 'm'),
        flow('f2', 'm', 'accept'),
        flow('f3', 'accept', 'g'),
        flow('f4', 'g', 'short', { condition: 'amount < 100', name: '小额' }),
        flow('f5', 'g', 'long', { condition: 'amount >= 100', name: '大额' }),
        flow('f6', 'g', 'm', { condition: 'outcome = "reject"', name: '退回' }),
        flow('f7', 'short', 'j'),
        flow('f8', 'long', 'j'),
        flow('f9', 'j', 'end'),
      ],
      { form: 'apply' },
    );
    const fits = context({ promisedLimit: { value: 8, unit: 'workingDays' } });
    expect(await problems(xml, fits)).toEqual([]);
    const tight = context({ promisedLimit: { value: 7, unit: 'workingDays' } });
    expect(of(await problems(xml, tight), 'county/limit-within-promised')[0]!.message).toContain(
      '环节「受理」(accept) 2个工作日、环节「实质审查」(long) 6个工作日，合计 8个工作日',
    );
    expect(await problems(xml, context({ promisedLimit: undefined }))).toEqual([]);
  });

  test('PROC-4 parallel branches run side by side: the longer one counts, not their sum', async () => {
    const xml = processXml(
      [
        start(),
        and('s', '并联审批'),
        user('a', '主办', { limit: [5, 'workingDays'] }),
        user('b', '协办', { limit: [3, 'workingDays'] }),
        and('j'),
        end(),
        flow('f1', 'start', 's'),
        flow('f2', 's', 'a'),
        flow('f3', 's', 'b'),
        flow('f4', 'a', 'j'),
        flow('f5', 'b', 'j'),
        flow('f6', 'j', 'end'),
      ],
      { form: 'apply' },
    );
    expect(
      await problems(xml, context({ promisedLimit: { value: 5, unit: 'workingDays' } })),
    ).toEqual([]);
    expect(
      await problems(xml, context({ promisedLimit: { value: 4, unit: 'workingDays' } })),
    ).toHaveLength(1);
  });
});

describe('parallel splits and joins match (PROC-3, PROC-4)', () => {
  const parallel = (joinKind: 'and' | 'xor' | 'none', splitKind: 'and' | 'xor' = 'and') => {
    const split = splitKind === 'and' ? and('s', '并联审批') : xor('s', '选择', 'f3');
    const elements = [
      start(),
      user('accept', '受理'),
      split,
      user('a', '主办审核'),
      user('b', '协办审核'),
      ...(joinKind === 'none'
        ? [end('e1', '主办办结'), end('e2', '协办办结')]
        : [joinKind === 'and' ? and('j') : xor('j'), end()]),
      ...chain(['start', 'accept', 's']),
      flow('f2', 's', 'a', splitKind === 'xor' ? { condition: 'amount > 1', name: '大' } : {}),
      flow('f3', 's', 'b', splitKind === 'xor' ? { name: '其他' } : {}),
      ...(joinKind === 'none'
        ? [flow('f4', 'a', 'e1'), flow('f5', 'b', 'e2')]
        : [flow('f4', 'a', 'j'), flow('f5', 'b', 'j'), flow('f6', 'j', 'end')]),
    ];
    return processXml(elements, { form: 'apply' });
  };

  test('PROC-3 a parallel split joined by a parallel gateway verifies', async () => {
    expect(await problems(parallel('and'))).toEqual([]);
  });

  test('PROC-3 parallel branches merged by an exclusive gateway are named at the split', async () => {
    expect(await problems(parallel('xor'))).toEqual([
      {
        rule: 'county/split-join-match',
        message: '并行网关「并联审批」(s)分出的分支须由并行网关汇合，但它们首先在排他网关(j)汇合',
        elementId: 's',
      },
    ]);
  });

  test('PROC-3 parallel branches that end separately are named at the split', async () => {
    expect(await problems(parallel('none'))).toEqual([
      {
        rule: 'county/split-join-match',
        message: '并行网关「并联审批」(s)分出的分支没有汇合就各自结束：须先用并行网关汇合',
        elementId: 's',
      },
    ]);
  });

  test('PROC-3 exclusive branches waited for by a parallel join are named at the join', async () => {
    expect(await problems(parallel('and', 'xor'))).toEqual([
      {
        rule: 'county/split-join-match',
        message: '并行网关(j)汇合的分支不是由同一个并行网关分出的',
        elementId: 'j',
      },
    ]);
  });

  test('PROC-3 inclusive splits need an inclusive join', async () => {
    const xml = processXml(
      [
        start(),
        inclusive('s', '涉及部门', 'f3'),
        user('a', '甲部门'),
        user('b', '乙部门'),
        and('j'),
        end(),
        flow('f1', 'start', 's'),
        flow('f2', 's', 'a', { condition: 'amount > 1', name: '甲' }),
        flow('f3', 's', 'b', { name: '乙' }),
        flow('f4', 'a', 'j'),
        flow('f5', 'b', 'j'),
        flow('f6', 'j', 'end'),
      ],
      { form: 'apply' },
    );
    expect((await problems(xml)).map((p) => p.message)).toEqual([
      '包容网关「涉及部门」(s)分出的分支须由包容网关汇合，但它们首先在并行网关(j)汇合',
    ]);
    expect(
      await problems(
        xml.replace('<bpmn:parallelGateway id="j"/>', '<bpmn:inclusiveGateway id="j"/>'),
      ),
    ).toEqual([]);
  });

  test('PROC-4 a return from inside a parallel block out of it is found by the token game', async () => {
    // 主办 may send the case back before the split while 协办 goes on: the join waits for ever
    // or the steps after the merge run twice.
    const xml = processXml(
      [
        start(),
        xor('m'),
        user('accept', '受理'),
        and('s', '并联审批'),
        user('a', '主办审核'),
        xor('g', '主办意见', 'ok'),
        user('b', '协办审核'),
        and('j'),
        end(),
        flow('f1', 'start', 'm'),
        flow('f2', 'm', 'accept'),
        flow('f3', 'accept', 's'),
        flow('f4', 's', 'a'),
        flow('f5', 's', 'b'),
        flow('f6', 'a', 'g'),
        flow('ok', 'g', 'j', { name: '同意' }),
        flow('back', 'g', 'm', { condition: 'outcome = "reject"', name: '退回' }),
        flow('f7', 'b', 'j'),
        flow('f8', 'j', 'end'),
      ],
      { form: 'apply' },
    );
    expect(await problems(xml)).toEqual([
      {
        rule: 'county/unsafe-merge',
        message:
          '排他网关(m)汇合了同时进行的分支，之后的环节会被重复办理：并行分支须用并行网关汇合',
        elementId: 'm',
      },
    ]);
  });

  test('PROC-4 an exclusive choice inside a parallel block that skips a join input deadlocks', async () => {
    // 乙 may or may not ask 丙; both routes enter the join, which then waits for a third token.
    const xml = processXml(
      [
        start(),
        and('s', '并联'),
        user('a', '甲'),
        user('b', '乙'),
        xor('x', '是否加签', 'x2'),
        user('c', '丙'),
        and('j'),
        end(),
        flow('f1', 'start', 's'),
        flow('f2', 's', 'a'),
        flow('f3', 's', 'b'),
        flow('f4', 'b', 'x'),
        flow('x1', 'x', 'c', { condition: 'amount > 1', name: '加签' }),
        flow('x2', 'x', 'j', { name: '不加签' }),
        flow('f5', 'c', 'j'),
        flow('f6', 'a', 'j'),
        flow('f7', 'j', 'end'),
      ],
      { form: 'apply' },
    );
    expect(await problems(xml)).toEqual([
      {
        rule: 'county/deadlock',
        message:
          '并行网关(j)可能永远等不齐进入的分支：有的分支不会到达（例如由排他网关分出，或中途结束），流程会停在这里',
        elementId: 'j',
      },
    ]);
  });

  test('PROC-4 the token game reports a state from which the end cannot be reached', async () => {
    // Structural checks catch such a trap first (path-to-end); the token game is the safety net.
    const parsed = await parseProcessXml(
      processXml([
        start(),
        user('a', '甲'),
        user('b', '乙'),
        end(),
        ...chain(['start', 'a', 'b']),
        flow('back', 'b', 'a'),
      ]),
    );
    if (!parsed.ok) throw new Error('expected ok');
    expect(tokenProblems(compileProcess(parsed.process))).toEqual([
      {
        rule: 'county/no-completion',
        message: '流程在环节「甲」(a)处可能无法再走到结束',
        elementId: 'a',
      },
    ]);
  });

  test('PROC-4 a terminate end on a timer path inside a parallel block is sound', async () => {
    const xml = processXml(
      [
        start(),
        and('s', '并联审批'),
        user('a', '主办审核'),
        timer('t', '超期', 'a', 'P10D'),
        service('n', '告知终止'),
        terminate(),
        user('b', '协办审核'),
        and('j'),
        end(),
        flow('f1', 'start', 's'),
        flow('f2', 's', 'a'),
        flow('f3', 's', 'b'),
        flow('f4', 'a', 'j'),
        flow('f5', 'b', 'j'),
        flow('f6', 'j', 'end'),
        flow('ft', 't', 'n'),
        flow('fn', 'n', 'stop'),
      ],
      { form: 'apply' },
    );
    expect(await problems(xml)).toEqual([]);
    // With a plain end instead, the join would wait for ever for 主办.
    const plain = xml.replace('<bpmn:terminateEventDefinition/>', '');
    expect((await problems(plain)).map((p) => p.rule)).toEqual(['county/split-join-match']);
  });

  test('PROC-4 a branch set far too intricate to explore is refused, not hung on', async () => {
    // 16 parallel branches, each with a step that has a timer: 2^16 combinations.
    const n = 16;
    const elements = [
      start(),
      and('s', '并联'),
      and('j'),
      end(),
      flow('f0', 'start', 's'),
      flow('fe', 'j', 'end'),
    ];
    for (let i = 0; i < n; i++) {
      elements.push(
        user(`t${i}`, `环节${i}`),
        timer(`b${i}`, `提醒${i}`, `t${i}`, 'P1D', false),
        service(`n${i}`, `提醒通知${i}`),
        end(`x${i}`, `已提醒${i}`),
        flow(`a${i}`, 's', `t${i}`),
        flow(`z${i}`, `t${i}`, 'j'),
        flow(`bn${i}`, `b${i}`, `n${i}`),
        flow(`nx${i}`, `n${i}`, `x${i}`),
      );
    }
    const started = Date.now();
    const found = await problems(
      processXml(elements, { form: 'apply' }),
      context({ promisedLimit: undefined }),
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(found.map((p) => p.rule)).toEqual(['county/too-complex']);
  });
});
