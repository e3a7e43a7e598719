import { BpmnModdle } from 'bpmn-moddle';
import { Linter } from 'bpmnlint';
import { countyModdle } from '../../../runtime/process/county-moddle';
import { bpmnlintConfig } from '../../../runtime/process/lint';
import { verifyProcess, type ProcessProblem } from '../../../runtime/process/verify';
import {
  and,
  chain,
  context,
  end,
  flow,
  message,
  messageCatch,
  processXml,
  service,
  simple,
  start,
  timer,
  user,
  xor,
} from './build';

async function problems(xml: string, ctx = context()): Promise<ProcessProblem[]> {
  const result = await verifyProcess(xml, ctx);
  return result.problems;
}
const of = (list: ProcessProblem[], rule: string) => list.filter((p) => p.rule === rule);

describe('the lint configuration shared with the studio (PROC-4)', () => {
  test('PROC-4 every configured rule resolves to a rule factory through the resolver', () => {
    for (const name of Object.keys(bpmnlintConfig.config.rules)) {
      const [pkg, rule] = name.startsWith('county/')
        ? ['bpmnlint-plugin-county', name.slice('county/'.length)]
        : ['bpmnlint', name];
      const factory = bpmnlintConfig.resolver.resolveRule(pkg, rule);
      expect({ name, type: typeof factory }).toEqual({ name, type: 'function' });
    }
    expect(bpmnlintConfig.resolver.resolveRule('bpmnlint', 'no-such-rule')).toBeUndefined();
    expect(bpmnlintConfig.resolver.resolveConfig('bpmnlint-plugin-county', 'recommended')).toEqual(
      bpmnlintConfig.config,
    );
  });

  test('PROC-4 bpmnlint’s Linter runs the config on a moddle tree, as bpmn-js-bpmnlint does', async () => {
    const { rootElement } = await new BpmnModdle({ county: countyModdle }).fromXML(
      simple([user('accept', '受理', { posts: [] }), user('review', '审核')]).replace(
        /<bpmn:sequenceFlow id="flow1"[^>]*\/>/,
        '$&',
      ),
    );
    const results = await new Linter(bpmnlintConfig).lint(rootElement);
    expect(results['county/step-posts']).toEqual([
      expect.objectContaining({
        id: 'accept',
        message: '环节「受理」(accept)未指定办理岗位',
        category: 'error',
      }),
    ]);
  });

  test('PROC-4 bpmnlint’s own rules speak Chinese and name the element', async () => {
    const xml = processXml(
      [
        start(),
        user('accept', '受理'),
        user('lonely', '孤立环节'),
        end(),
        ...chain(['start', 'accept', 'end']),
      ],
      { form: 'apply' },
    );
    expect(of(await problems(xml), 'no-disconnected')).toEqual([
      {
        rule: 'no-disconnected',
        message: '环节「孤立环节」(lonely)没有任何连线',
        elementId: 'lonely',
      },
    ]);
  });

  test('PROC-1 a start and an end event are required', async () => {
    const list = await problems(processXml([user('accept', '受理')]));
    expect(list.map((p) => p.rule)).toEqual(
      expect.arrayContaining(['start-event-required', 'end-event-required']),
    );
    expect(of(list, 'start-event-required')[0]!.message).toBe(
      '流程「测试流程」(Process_1)缺少开始事件',
    );
  });

  test('PROC-1 a branch is drawn with a gateway, not two flows out of a step', async () => {
    const xml = processXml([
      start(),
      user('accept', '受理'),
      end('e1'),
      end('e2', '不予受理'),
      flow('f1', 'start', 'accept'),
      flow('f2', 'accept', 'e1'),
      flow('f3', 'accept', 'e2'),
    ]);
    expect(of(await problems(xml), 'no-implicit-split')).toEqual([
      expect.objectContaining({
        elementId: 'accept',
        message: '环节「受理」(accept)有多条出口连线，分支须用网关表示',
      }),
    ]);
  });

  test('PROC-1 steps and forking gateways have names', async () => {
    const xml = simple([user('accept', ''), user('review', '审核')]);
    expect(of(await problems(xml), 'label-required')).toEqual([
      { rule: 'label-required', message: '环节(accept)缺少名称', elementId: 'accept' },
    ]);
  });
});

describe('bpmnlint’s rules that stop publication (PROC-1, PROC-4)', () => {
  const base = [start(), user('accept', '受理'), end()];
  test.each([
    [
      'single-blank-start-event',
      [
        ...base,
        start('start2', '窗口申请'),
        ...chain(['start', 'accept', 'end']),
        flow('x', 'start2', 'accept'),
      ],
      [['Process_1', '流程「测试流程」(Process_1)有多个开始事件，只能有一个']],
    ],
    [
      'no-duplicate-sequence-flows',
      [...base, ...chain(['start', 'accept', 'end']), flow('dup', 'accept', 'end')],
      [
        ['dup', '连线(dup)与另一条连线重复'],
        ['accept', '环节「受理」(accept)有重复的出口连线'],
        ['end', '结束事件「办结」(end)有重复的进入连线'],
      ],
    ],
    [
      'no-gateway-join-fork',
      [
        start(),
        user('a', '甲'),
        xor('g', '分合', 'f4'),
        end(),
        end('e2', '另一结束'),
        flow('f1', 'start', 'g'),
        flow('f2', 'a', 'g'),
        flow('f3', 'g', 'a', { condition: 'amount > 1', name: '再办' }),
        flow('f4', 'g', 'end', { name: '结束' }),
        flow('f5', 'g', 'e2', { condition: 'amount > 9', name: '另' }),
      ],
      [['g', '排他网关「分合」(g)既汇合又分支，请拆成先汇合、后分支的两个网关']],
    ],
    [
      'fake-join',
      [
        start(),
        user('accept', '受理'),
        xor('g', '是否补正', 'f4'),
        end(),
        ...chain(['start', 'accept', 'g']),
        flow('f3', 'g', 'accept', { condition: 'amount > 1', name: '补正' }),
        flow('f4', 'g', 'end', { name: '完成' }),
      ],
      [['accept', '环节「受理」(accept)有多条进入的连线，须先用网关汇合']],
    ],
    [
      'no-implicit-start',
      [
        ...base,
        user('orphan', '无来源'),
        ...chain(['start', 'accept', 'end']),
        flow('x', 'orphan', 'end'),
      ],
      [['orphan', '环节「无来源」(orphan)没有进入的连线，只有开始事件可以没有']],
    ],
  ] as const)('PROC-4 %s', async (rule, elements, expected) => {
    const found = of(await problems(processXml([...elements], { form: 'apply' })), rule);
    expect(found.map((p) => [p.elementId, p.message])).toEqual(expected);
  });
});

describe('every path from the start reaches an end (PROC-4)', () => {
  test('PROC-4 a step with no way on is a dead end', async () => {
    const xml = processXml([start(), user('accept', '受理'), end(), flow('f1', 'start', 'accept')]);
    expect(of(await problems(xml), 'no-implicit-end')).toEqual([
      expect.objectContaining({
        elementId: 'accept',
        message: expect.stringContaining('走不到结束'),
      }),
    ]);
  });

  test('PROC-4 a loop with no exit is reported on each of its steps', async () => {
    const xml = processXml([
      start(),
      user('accept', '受理'),
      xor('g', '是否通过'),
      user('a', '补正'),
      xor('merge'),
      user('b', '复核'),
      end(),
      flow('f1', 'start', 'merge'),
      flow('f2', 'merge', 'accept'),
      flow('f3', 'accept', 'g'),
      flow('f4', 'g', 'end', { condition: 'outcome = "approve"', name: '通过' }),
      flow('f5', 'g', 'a', { condition: 'outcome != "approve"', name: '不通过' }),
      flow('f6', 'a', 'b'),
      flow('f7', 'b', 'a'),
    ]);
    const found = of(await problems(xml), 'county/path-to-end');
    expect(found.map((p) => p.elementId)).toEqual(['a', 'b']);
    expect(found[0]!.message).toBe(
      '环节「补正」(a)走不到结束事件：环节「补正」(a)、环节「复核」(b)构成没有出口的循环',
    );
  });

  test('PROC-4 a loop the start never reaches is an island', async () => {
    const xml = processXml([
      start(),
      user('accept', '受理'),
      end(),
      ...chain(['start', 'accept', 'end']),
      user('a', '甲'),
      user('b', '乙'),
      flow('x1', 'a', 'b'),
      flow('x2', 'b', 'a'),
    ]);
    const found = of(await problems(xml), 'county/path-to-end').filter((p) =>
      p.message.includes('从开始事件到不了'),
    );
    expect(found.map((p) => p.elementId)).toEqual(['a', 'b']);
  });
});

describe('step settings (PROC-2)', () => {
  test('PROC-2 every step names a post; a template’s empty step says so', async () => {
    const list = of(
      await problems(simple([user('accept', '受理', { posts: [] }), user('review', '审核')])),
      'county/step-posts',
    );
    expect(list).toEqual([
      {
        rule: 'county/step-posts',
        message: '环节「受理」(accept)未指定办理岗位',
        elementId: 'accept',
      },
    ]);
  });

  test('PROC-2 a post without id, or the same post twice, is a problem', async () => {
    const xml = simple([
      user('accept', '受理', { posts: [], children: '<county:posts name="科长"/>' }),
      user('review', '审核', { posts: ['p1', 'p1'] }),
    ]);
    expect(of(await problems(xml), 'county/step-posts').map((p) => p.message)).toEqual([
      '环节「受理」(accept)有岗位缺少岗位编号',
      '环节「审核」(review)重复指定了同一岗位',
    ]);
  });

  test.each([
    [null, '未设置办理时限'],
    [[0, 'workingDays'], '的办理时限须大于 0'],
    [[-2, 'hours'], '的办理时限须大于 0'],
    [['abc', 'hours'], '的办理时限须大于 0'],
    [[3, 'days'], '的时限单位「days」无效，应为工作日、自然日或小时'],
  ] as const)(
    'PROC-2 every step has a limit above zero in a known unit: %p',
    async (limit, text) => {
      const xml = simple([
        user('accept', '受理', { limit: limit as never }),
        user('review', '审核'),
      ]);
      expect(of(await problems(xml), 'county/step-limit')).toEqual([
        { rule: 'county/step-limit', message: `环节「受理」(accept)${text}`, elementId: 'accept' },
      ]);
    },
  );

  test('PROC-2 a multi-instance step has a valid signing mode; 0 < ratio ≤ 1', async () => {
    const cases: [Record<string, string | number | undefined>, string | undefined][] = [
      [{}, '是多人办理环节，须选择会签方式（会签、或签或按比例）'],
      [{ signing: 'most' }, '的会签方式「most」无效，应为会签、或签或按比例'],
      [{ signing: 'ratio' }, '按比例会签时，比例须大于 0 且不超过 1'],
      [{ signing: 'ratio', signingRatio: 0 }, '按比例会签时，比例须大于 0 且不超过 1'],
      [{ signing: 'ratio', signingRatio: 1.5 }, '按比例会签时，比例须大于 0 且不超过 1'],
      [{ signing: 'ratio', signingRatio: 0.5 }, undefined],
      [{ signing: 'all' }, undefined],
      [{ signing: 'any' }, undefined],
    ];
    for (const [config, text] of cases) {
      const xml = simple([
        user('accept', '受理', { config, multi: 'parallel' }),
        user('review', '审核'),
      ]);
      const found = of(await problems(xml), 'county/signing').map((p) => p.message);
      expect(found).toEqual(text ? [`环节「受理」(accept)${text}`] : []);
    }
    const single = simple([
      user('accept', '受理', { config: { signing: 'all' } }),
      user('review', '审核'),
    ]);
    expect(of(await problems(single), 'county/signing')[0]!.message).toBe(
      '环节「受理」(accept)不是多人办理（多实例）环节，不能设置会签方式',
    );
  });

  test('PROC-2 an automatic step names its action: document, notify or push', async () => {
    for (const [config, text] of [
      [{}, '未指定自动动作（制作文书、通知申请人或推送数据）'],
      [{ action: 'fax' }, '的自动动作「fax」无效，应为制作文书、通知申请人或推送数据'],
    ] as const) {
      const xml = simple([user('accept', '受理'), service('review', '送达', config)]);
      expect(of(await problems(xml), 'county/service-action')).toEqual([
        {
          rule: 'county/service-action',
          message: `自动环节「送达」(review)${text}`,
          elementId: 'review',
        },
      ]);
    }
  });

  test('PROC-2 excluded time has a known kind and a reason', async () => {
    const xml = simple([
      user('accept', '受理', {
        children:
          '<county:excludedTimes kind="hearing" reason="依申请听证"/>' +
          '<county:excludedTimes kind="holiday" reason="x"/>' +
          '<county:excludedTimes kind="expertReview"/>',
      }),
      user('review', '审核'),
    ]);
    expect(of(await problems(xml), 'county/step-details').map((p) => p.message)).toEqual([
      '环节「受理」(accept)的不计时程序「holiday」无效，应为听证、招标、拍卖、检验、检测、检疫、鉴定、专家评审之一',
      '环节「受理」(accept)的不计时程序「专家评审」须说明理由',
    ]);
  });

  test('PROC-2 field access is read, write or hidden, once per field; joint role, risk level and names are checked', async () => {
    const xml = simple([
      user('accept', '受理', {
        config: { jointRole: 'boss' },
        children:
          '<county:fieldPermissions field="companyName" access="write"/>' +
          '<county:fieldPermissions field="companyName" access="read"/>' +
          '<county:fieldPermissions field="amount" access="edit"/>' +
          '<county:documents how="generated"/>' +
          '<county:riskPoints name="超期" level="extreme"/>' +
          '<county:supervisionPoints rule="timeliness"/>',
      }),
      user('review', '审核'),
    ]);
    expect(of(await problems(xml), 'county/step-details').map((p) => p.message)).toEqual([
      '环节「受理」(accept)对字段「companyName」设置了多个权限',
      '环节「受理」(accept)对字段「amount」的权限「edit」无效，应为只读、可写或隐藏',
      '环节「受理」(accept)的联办角色「boss」无效，应为主办或协办',
      '环节「受理」(accept)有文书未填写名称',
      '环节「受理」(accept)的风险点「超期」等级「extreme」无效，应为高、中或低',
      '环节「受理」(accept)有监控点未填写名称',
    ]);
  });

  test('PROC-2 a timer runs for a valid ISO 8601 duration and sits on a step handled by people', async () => {
    for (const [duration, text] of [
      ['3 days', '的时长「3 days」不是有效的 ISO 8601 时长（如 P3D、PT4H）'],
      ['P', '的时长「P」不是有效的 ISO 8601 时长（如 P3D、PT4H）'],
      ['PT', '的时长「PT」不是有效的 ISO 8601 时长（如 P3D、PT4H）'],
      ['P0D', '的时长「P0D」不是有效的 ISO 8601 时长（如 P3D、PT4H）'],
      ['', '未设置定时时长'],
    ]) {
      const xml = processXml([
        start(),
        user('accept', '受理'),
        timer('t', '超时', 'accept', duration!),
        end(),
        end('e2', '超时办结'),
        ...chain(['start', 'accept', 'end']),
        flow('ft', 't', 'e2'),
      ]);
      expect(of(await problems(xml), 'county/timer')).toEqual([
        { rule: 'county/timer', message: `边界事件「超时」(t)${text}`, elementId: 't' },
      ]);
    }
    const onService = processXml([
      start(),
      service('send', '送达'),
      timer('t', '超时', 'send', 'P1D'),
      end(),
      end('e2', '超时'),
      ...chain(['start', 'send', 'end']),
      flow('ft', 't', 'e2'),
    ]);
    expect(of(await problems(onService), 'county/timer')[0]!.message).toBe(
      '边界事件「超时」(t)只能放在办理环节（用户任务）上',
    );
  });

  test('PROC-3 a message wait names a message that has a name', async () => {
    const build = (ref?: string, head = '') =>
      processXml(
        [start(), messageCatch('wait', '上级回复', ref), end(), ...chain(['start', 'wait', 'end'])],
        { head },
      );
    expect(of(await problems(build()), 'county/message')[0]!.message).toBe(
      '中间捕获事件「上级回复」(wait)未指定等待的消息',
    );
    expect(of(await problems(build('m1', message('m1'))), 'county/message')[0]!.message).toBe(
      '中间捕获事件「上级回复」(wait)等待的消息(m1)没有名称',
    );
    expect(
      of(await problems(build('m1', message('m1', '上级审批结果'))), 'county/message'),
    ).toEqual([]);
  });
});

describe('conditions are well-formed FEEL (PROC-3, PROC-4)', () => {
  const gateway = (condition: string, sourceKind: 'xor' | 'and' = 'xor') =>
    processXml(
      [
        start(),
        user('accept', '受理'),
        sourceKind === 'xor' ? xor('g', '是否通过', 'fNo') : and('g', '是否通过'),
        user('a', '决定'),
        end(),
        end('e2', '不予'),
        ...chain(['start', 'accept', 'g']),
        flow('fYes', 'g', 'a', { condition, name: '通过' }),
        flow('fNo', 'g', 'e2', sourceKind === 'and' ? {} : { name: '不通过' }),
        flow('f9', 'a', 'end'),
      ],
      { form: 'apply' },
    );

  test.each([
    ['outcome = ', 10],
    ['amount > 1 and', 15],
    ['"abc', 1],
    ['amount > 100 )', 14],
  ])(
    'PROC-4 a condition that does not parse is named with the position: %s',
    async (condition, at) => {
      expect(of(await problems(gateway(condition)), 'county/condition')).toEqual([
        {
          rule: 'county/condition',
          message: `连线「通过」(fYes)的条件「${condition.trim()}」在第 ${at} 个字符处有语法错误`,
          elementId: 'fYes',
        },
      ]);
    },
  );

  test('PROC-4 a condition that parses passes the syntax rule', async () => {
    expect(
      of(
        await problems(gateway('amount > 100 and scale in ["small", "medium"]')),
        'county/condition',
      ),
    ).toEqual([]);
  });

  test('PROC-4 conditions sit only on flows out of exclusive or inclusive gateways, never on the default', async () => {
    expect(of(await problems(gateway('amount > 1', 'and')), 'county/condition')[0]!.message).toBe(
      '连线「通过」(fYes)不是从排他网关或包容网关出发，不能设置条件',
    );
    const onDefault = gateway('amount > 1').replace('default="fNo"', 'default="fYes"');
    expect(of(await problems(onDefault), 'county/condition')[0]!.message).toBe(
      '连线「通过」(fYes)是默认路径，不能再设置条件',
    );
  });

  test('PROC-4 an empty condition is named', async () => {
    expect(of(await problems(gateway('  ')), 'county/condition')[0]!.message).toBe(
      '连线「通过」(fYes)的条件为空',
    );
  });

  test('PROC-4 a condition over 1000 characters is refused unparsed', async () => {
    const long = `${'('.repeat(600)}amount > 1${')'.repeat(600)}`;
    expect(of(await problems(gateway(long)), 'county/condition')[0]!.message).toBe(
      '连线「通过」(fYes)的条件过长（超过 1000 个字符）',
    );
  });

  test('PROC-4 a default flow must leave its gateway', async () => {
    const xml = gateway('amount > 1').replace('default="fNo"', 'default="f9"');
    expect(of(await problems(xml), 'county/condition')).toContainEqual({
      rule: 'county/condition',
      message: '排他网关「是否通过」(g)的默认路径不是它的出口连线',
      elementId: 'g',
    });
  });

  test('PROC-4 a condition in another expression language is refused', async () => {
    const xml = gateway('amount > 1').replace('language="feel"', 'language="javascript"');
    expect(of(await problems(xml), 'county/condition')[0]!.message).toBe(
      '连线「通过」(fYes)的条件语言「javascript」不受支持，只支持 FEEL',
    );
  });
});
