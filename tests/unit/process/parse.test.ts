import { MAX_PROCESS_XML_BYTES, parseProcessXml } from '../../../runtime/process/parse';
import { verifyProcess } from '../../../runtime/process/verify';
import { chain, context, definitions, end, flow, processXml, simple, start, user } from './build';

const refusal = async (xml: string) => {
  const result = await parseProcessXml(xml);
  if (result.ok) throw new Error('expected a refusal');
  return result;
};

describe('reading a flowchart safely (PROC-4)', () => {
  test('PROC-4 a DOCTYPE is refused before parsing, whatever it declares', async () => {
    const xml = simple().replace(
      '<bpmn:definitions',
      '<!DOCTYPE bpmn:definitions>\n<bpmn:definitions',
    );
    const result = await refusal(xml);
    expect(result.unreadable).toBe(true);
    expect(result.problems).toEqual([
      expect.objectContaining({
        rule: 'county/xml-doctype',
        message: expect.stringContaining('DOCTYPE'),
      }),
    ]);
  });

  test('PROC-4 an entity declaration (billion laughs) is refused before parsing', async () => {
    const xml = simple().replace(
      '<bpmn:definitions',
      '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n<bpmn:definitions',
    );
    const result = await refusal(xml);
    expect(result.problems[0]!.rule).toBe('county/xml-doctype');
    expect(result.problems[0]!.message).toContain('ENTITY');
  });

  test('PROC-4 a 10 MB diagram is refused without being parsed, naming the limit', async () => {
    const padding = `<bpmn:documentation>${'a'.repeat(10 * 1024 * 1024)}</bpmn:documentation>`;
    const xml = simple().replace('</bpmn:process>', `${padding}</bpmn:process>`);
    expect(xml.length).toBeGreaterThan(10 * 1024 * 1024);
    const started = Date.now();
    const result = await refusal(xml);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result.unreadable).toBe(true);
    expect(result.problems).toEqual([
      { rule: 'county/xml-size', message: '流程图文件过大（超过 2 MB），无法读取' },
    ]);
  });

  test('PROC-4 the limit counts UTF-8 bytes: Chinese text just under it in characters is refused', async () => {
    const base = simple();
    // Each 中 is three bytes: under the limit in characters, over it in bytes.
    const fill = '中'.repeat(Math.floor((MAX_PROCESS_XML_BYTES - base.length) / 2));
    const xml = base.replace(
      '</bpmn:process>',
      `<bpmn:documentation>${fill}</bpmn:documentation></bpmn:process>`,
    );
    expect(xml.length).toBeLessThan(MAX_PROCESS_XML_BYTES);
    expect((await refusal(xml)).problems[0]!.rule).toBe('county/xml-size');
  });

  test('PROC-4 a diagram just under the limit is read', async () => {
    const base = simple();
    // In pieces of 200,000 characters: one text may be at most XML_LIMITS.text.
    const fill = 'a'.repeat(MAX_PROCESS_XML_BYTES - base.length - 550);
    const pieces = fill.match(/.{1,200000}/g)!;
    const xml = base.replace(
      '</bpmn:process>',
      `${pieces.map((p) => `<bpmn:documentation>${p}</bpmn:documentation>`).join('')}</bpmn:process>`,
    );
    expect(Buffer.byteLength(xml)).toBeLessThanOrEqual(MAX_PROCESS_XML_BYTES);
    expect(Buffer.byteLength(xml)).toBeGreaterThan(MAX_PROCESS_XML_BYTES - 200);
    expect((await parseProcessXml(xml)).ok).toBe(true);
  });

  test('PROC-4 text that is not BPMN is unreadable, with the reader’s reason', async () => {
    for (const xml of ['hello', '<x', '<foo/>']) {
      const result = await refusal(xml);
      expect(result.unreadable).toBe(true);
      expect(result.problems[0]!.rule).toBe('county/xml-unreadable');
      expect(result.problems[0]!.message).toMatch(/^流程图不是可读取的 BPMN 2.0 文件：/);
    }
  });

  test('PROC-4 every reader warning is a refusal quoting it: unknown attribute, element, reference', async () => {
    const xml = processXml([
      start().replace('/>', ' weird="1"/>'),
      '<bpmn:notAThing id="n"/>',
      user('accept', '受理'),
      end(),
      ...chain(['start', 'accept', 'end']),
      flow('dangling', 'accept', 'nowhere'),
    ]);
    const result = await refusal(xml);
    expect(result.unreadable).toBe(false);
    const warnings = result.problems.filter((p) => p.rule === 'county/xml-warning');
    expect(warnings.map((p) => p.message)).toEqual([
      expect.stringContaining('unknown attribute <weird>'),
      expect.stringContaining('unknown type <bpmn:NotAThing>'),
      expect.stringContaining('unresolved reference <nowhere>'),
    ]);
    expect(warnings[0]!.elementId).toBe('start');
  });

  test('PROC-4 an unknown county: element or attribute is a warning too (a typo in our extension)', async () => {
    const xml = simple([
      user('accept', '受理', { config: { limitUnits: 'hours' } }),
      user('review', '审核', { children: '<county:post postId="p1"/>' }),
    ]);
    const messages = (await refusal(xml)).problems.map((p) => p.message).join('\n');
    expect(messages).toContain('unknown attribute <limitUnits>');
    expect(messages).toContain('county:Post');
  });

  test('PROC-4 a duplicate id is refused', async () => {
    const xml = simple([user('accept', '受理'), user('accept', '审核')]);
    expect((await refusal(xml)).problems[0]!.message).toContain('duplicate ID <accept>');
  });

  test('PROC-4 other tools’ extensions and attributes are ignored; DI colours too', async () => {
    const xml = definitions(
      '<bpmn:process id="Process_1" isExecutable="true" camunda:versionTag="1">' +
        '<bpmn:extensionElements><camunda:properties><camunda:property name="a" value="b"/></camunda:properties></bpmn:extensionElements>' +
        [start(), user('accept', '受理'), end(), ...chain(['start', 'accept', 'end'])].join('') +
        '</bpmn:process>',
    ).replace(
      '<bpmn:definitions ',
      '<bpmn:definitions xmlns:camunda="http://camunda.org/schema/1.0/bpmn" ',
    );
    expect((await parseProcessXml(xml)).ok).toBe(true);
  });

  test('PROC-4 incoming/outgoing are taken from the flows, whether the file lists them or not', async () => {
    const result = await parseProcessXml(simple());
    if (!result.ok) throw new Error('expected ok');
    const accept = (
      result.process.flowElements as { id: string; incoming: { id: string }[] }[]
    ).find((e) => e.id === 'accept')!;
    expect(accept.incoming.map((f) => f.id)).toEqual(['flow1']);
  });
});

describe('supported BPMN elements (PROC-4)', () => {
  test('PROC-4 every unsupported element is named with its type and id, not only the first', async () => {
    const xml = processXml([
      start(),
      '<bpmn:task id="Task_plain" name="普通任务"/>',
      '<bpmn:subProcess id="Sub_1" name="子流程"><bpmn:task id="inside"/></bpmn:subProcess>',
      '<bpmn:scriptTask id="Script_1" name="脚本"/>',
      '<bpmn:dataObjectReference id="DataRef_1" dataObjectRef="Data_1"/><bpmn:dataObject id="Data_1"/>',
      '<bpmn:intermediateThrowEvent id="Throw_1" name="抛出"/>',
      '<bpmn:complexGateway id="Complex_1"/>',
      end(),
    ]);
    const { problems } = await refusal(xml);
    const named = problems.filter((p) => p.rule === 'county/unsupported-element');
    expect(named.map((p) => p.elementId)).toEqual([
      'Task_plain',
      'Sub_1',
      'Script_1',
      'DataRef_1',
      'Data_1',
      'Throw_1',
      'Complex_1',
    ]);
    expect(named[0]!.message).toBe(
      '不支持的流程元素：普通任务「普通任务」(Task_plain)，类型 bpmn:Task；请改为办理环节（用户任务）或自动环节（服务任务）',
    );
    expect(named[1]!.message).toContain('bpmn:SubProcess');
    // What is inside an unsupported sub-process goes with it.
    expect(problems.some((p) => p.message.includes('inside'))).toBe(false);
  });

  test('PROC-4 a message or timer start, an error end and a message boundary are refused by their definition', async () => {
    const xml = processXml([
      '<bpmn:startEvent id="start" name="申请"><bpmn:timerEventDefinition/></bpmn:startEvent>',
      user('accept', '受理'),
      '<bpmn:boundaryEvent id="b1" name="消息" attachedToRef="accept"><bpmn:messageEventDefinition/></bpmn:boundaryEvent>',
      '<bpmn:endEvent id="end" name="办结"><bpmn:errorEventDefinition/></bpmn:endEvent>',
      ...chain(['start', 'accept', 'end']),
    ]);
    const { problems } = await refusal(xml);
    expect(problems.map((p) => [p.elementId, p.message.match(/类型 (\S+)/)?.[1]])).toEqual([
      ['start', 'bpmn:TimerEventDefinition'],
      ['b1', 'bpmn:MessageEventDefinition'],
      ['end', 'bpmn:ErrorEventDefinition'],
    ]);
    expect(problems[0]!.message).toBe(
      '不支持的流程元素：开始事件「申请」(start)中的定时事件定义，类型 bpmn:TimerEventDefinition',
    );
  });

  test('PROC-4 a timer at a fixed date or cycle is refused; only durations are supported', async () => {
    const xml = processXml([
      start(),
      user('accept', '受理'),
      '<bpmn:boundaryEvent id="t1" name="到期" attachedToRef="accept"><bpmn:timerEventDefinition><bpmn:timeCycle>R3/P1D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:boundaryEvent>',
      end(),
      ...chain(['start', 'accept', 'end']),
    ]);
    const messages = (await refusal(xml)).problems.map((p) => p.message);
    expect(messages).toContain(
      '边界事件「到期」(t1)的定时只支持时长（timeDuration），不支持固定日期或循环',
    );
    expect(messages.join()).toContain('类型 bpmn:Expression');
  });

  test('PROC-4 handler assignments of other engines (potentialOwner) are refused, not silently ignored', async () => {
    const xml = simple([
      user('accept', '受理').replace(
        '</bpmn:userTask>',
        '<bpmn:potentialOwner id="owner"><bpmn:resourceAssignmentExpression><bpmn:formalExpression>x</bpmn:formalExpression></bpmn:resourceAssignmentExpression></bpmn:potentialOwner></bpmn:userTask>',
      ),
      user('review', '审核'),
    ]);
    const { problems } = await refusal(xml);
    expect(problems).toEqual([
      {
        rule: 'county/unsupported-element',
        message:
          '不支持的流程元素：环节「受理」(accept)中的处理人设定(owner)，类型 bpmn:PotentialOwner',
        elementId: 'accept',
      },
    ]);
  });

  test('PROC-4 the harmless parts of a diagram are allowed: one pool, lanes, annotations, groups, documentation, messages', async () => {
    const xml = definitions(
      '<bpmn:collaboration id="Collab_1"><bpmn:participant id="Pool_1" name="审批局" processRef="Process_1"/>' +
        '<bpmn:textAnnotation id="Note_2"><bpmn:text>泳池注释</bpmn:text></bpmn:textAnnotation></bpmn:collaboration>' +
        '<bpmn:message id="Msg_1" name="回复"/><bpmn:category id="Cat_1"><bpmn:categoryValue id="CatV_1" value="组"/></bpmn:category>' +
        '<bpmn:process id="Process_1" isExecutable="true"><bpmn:documentation>流程说明</bpmn:documentation>' +
        '<bpmn:laneSet id="LaneSet_1"><bpmn:lane id="Lane_1" name="窗口"><bpmn:flowNodeRef>accept</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>' +
        [start(), user('accept', '受理'), end(), ...chain(['start', 'accept', 'end'])].join('') +
        '<bpmn:textAnnotation id="Note_1"><bpmn:text>说明</bpmn:text></bpmn:textAnnotation>' +
        '<bpmn:association id="Assoc_1" sourceRef="accept" targetRef="Note_1"/>' +
        '<bpmn:group id="Group_1" categoryValueRef="CatV_1"/>' +
        '</bpmn:process>',
    );
    const result = await parseProcessXml(xml);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  test('PROC-4 a second pool, a message flow and a second process are refused', async () => {
    const xml = definitions(
      '<bpmn:collaboration id="Collab_1">' +
        '<bpmn:participant id="Pool_1" name="审批局" processRef="Process_1"/>' +
        '<bpmn:participant id="Pool_2" name="申请人"/>' +
        '<bpmn:messageFlow id="MF_1" sourceRef="Pool_2" targetRef="accept"/></bpmn:collaboration>' +
        '<bpmn:process id="Process_1" isExecutable="true">' +
        [start(), user('accept', '受理'), end(), ...chain(['start', 'accept', 'end'])].join('') +
        '</bpmn:process><bpmn:process id="Process_2"/>',
    );
    const { problems } = await refusal(xml);
    expect(problems.map((p) => [p.rule, p.elementId])).toEqual([
      ['county/unsupported-element', 'MF_1'],
      ['county/single-process', 'Process_2'],
      ['county/single-process', 'Pool_2'],
    ]);
  });

  test('PROC-4 a diagram without a process is refused', async () => {
    const { problems } = await refusal(definitions('<bpmn:message id="m" name="x"/>'));
    expect(problems).toEqual([
      { rule: 'county/single-process', message: '流程图中没有流程（bpmn:process）' },
    ]);
  });

  test('PROC-2 our extension belongs on steps and the process only, once each', async () => {
    const xml = processXml([
      start().replace(
        '/>',
        '><bpmn:extensionElements><county:stepConfig limitValue="1" limitUnit="hours"/></bpmn:extensionElements></bpmn:startEvent>',
      ),
      user('accept', '受理').replace(
        '</bpmn:extensionElements>',
        '<county:stepConfig limitValue="1" limitUnit="hours"/></bpmn:extensionElements>',
      ),
      end(),
      ...chain(['start', 'accept', 'end']),
    ]);
    const { problems } = await refusal(xml);
    expect(problems.map((p) => p.message)).toEqual([
      '开始事件「申请」(start)上不能放 county:StepConfig 扩展',
      '环节「受理」(accept)有多个 county:StepConfig，只能有一个',
    ]);
  });

  test('PROC-4 absurdly deep nesting is refused, not a stack overflow', async () => {
    const nested = (depth: number) =>
      simple().replace(
        '</bpmn:process>',
        '<bpmn:laneSet id="ls">' +
          Array.from(
            { length: depth },
            (_, i) => `<bpmn:lane id="l${i}"><bpmn:childLaneSet id="c${i}">`,
          ).join('') +
          '</bpmn:childLaneSet></bpmn:lane>'.repeat(depth) +
          '</bpmn:laneSet></bpmn:process>',
      );
    // Under the reader's depth limit (XML_LIMITS.depth, 100) the element walk stops at 40.
    expect((await verifyProcess(nested(30), context())).problems).toEqual([
      {
        rule: 'county/unsupported-element',
        message: '流程图嵌套过深（超过 40 层），在泳道(l19)处',
        elementId: 'l19',
      },
    ]);
    // Deeper is refused before bpmn-moddle reads it.
    const deep = await verifyProcess(nested(5000), context());
    expect(deep).toMatchObject({ ok: false, unreadable: true });
    expect(deep.problems).toEqual([
      {
        rule: 'county/xml-limits',
        message: expect.stringContaining('嵌套过深（超过 100 层）'),
      },
    ]);
  });

  test('PROC-4 verifyProcess passes a refusal on, marked unreadable only when the XML cannot be read', async () => {
    const unread = await verifyProcess('<x', context());
    expect(unread).toMatchObject({ ok: false, unreadable: true });
    const refused = await verifyProcess(
      processXml([start(), '<bpmn:task id="T"/>', end()]),
      context(),
    );
    expect(refused).toMatchObject({ ok: false, unreadable: false });
  });
});
