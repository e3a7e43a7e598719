import { COMPILED_PROCESS_FORMAT, type CompiledProcess } from '../../../runtime/process/compiled';
import { verifyProcess } from '../../../runtime/process/verify';
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
  start,
  terminate,
  timer,
  user,
  xor,
} from './build';

/** A diagram using everything the compiler carries; ids contain '.' as NCNames may. */
const everything = processXml(
  [
    start('start.1', '申请'),
    user('step.accept', '受理', {
      posts: ['p1', 'p2'],
      limit: [1.5, 'workingDays'],
      config: { form: 'review', eSeal: true, jointRole: 'lead', unitId: 'unit-9' },
      children:
        '<county:fieldPermissions field="opinion" access="write"/>' +
        '<county:excludedTimes kind="inspection" reason="现场检验"/>' +
        '<county:documents name="受理通知书" how="generated" format="pdf" template="acceptance-notice"/>' +
        '<county:riskPoints name="受理把关不严" type="廉政风险" level="high" description="放宽条件" measures="标准公开"/>' +
        '<county:supervisionPoints name="受理时限" rule="timeliness" description="超时预警"/>',
    }),
    timer('remind.1', '催办', 'step.accept', 'P1DT12H', false),
    service('notify.1', '催办提醒', { action: 'notify', actionTarget: 'staff' }),
    end('reminded', '已催办'),
    and('split', '并联审批'),
    user('lead', '主办审核', { limit: [4, 'hours'] }),
    user('sign', '协办会签', {
      posts: ['p2'],
      multi: 'sequential',
      config: { signing: 'ratio', signingRatio: 0.6, jointRole: 'assisting' },
    }),
    and('join'),
    xor('decide', '是否准予', 'deny'),
    service('doc', '制作决定书', { action: 'document', actionTarget: 'grant-decision' }),
    messageCatch('reply', '上级回复', 'msg.reply'),
    end(),
    terminate('void', '不予许可'),
    flow('f.1', 'start.1', 'step.accept'),
    flow('f.2', 'step.accept', 'split'),
    ...chain(['split', 'lead', 'join'], 'p'),
    flow('s1', 'split', 'sign'),
    flow('s2', 'sign', 'join'),
    flow('f.3', 'join', 'decide'),
    flow('grant', 'decide', 'doc', { name: '准予', condition: ' amount > 100 ' }),
    flow('deny', 'decide', 'void', { name: '不予' }),
    flow('f.4', 'doc', 'reply'),
    flow('f.5', 'reply', 'end'),
    flow('r1', 'remind.1', 'notify.1'),
    flow('r2', 'notify.1', 'reminded'),
  ],
  { form: 'apply', id: 'Process.item-1', head: message('msg.reply', '上级审批结果') },
);

async function compiled(): Promise<CompiledProcess> {
  const result = await verifyProcess(everything, context());
  if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 1));
  return result.compiled;
}
const node = (c: CompiledProcess, id: string) => c.nodes.find((n) => n.id === id);

/** What FerretDB (and MongoDB) refuse: arrays directly in arrays, keys with '.' or a leading '$'. */
function storageFaults(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) =>
      Array.isArray(item)
        ? [`${path}[${i}] is an array in an array`]
        : storageFaults(item, `${path}[${i}]`),
    );
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [
      ...(key.includes('.') || key.startsWith('$') ? [`${path} has key ${key}`] : []),
      ...storageFaults(item, `${path}.${key}`),
    ]);
  }
  return typeof value === 'function' || typeof value === 'undefined' ? [`${path} is not JSON`] : [];
}

describe('the compiled process (PROC-2, PROC-3)', () => {
  test('PROC-2 the header: format, process, application form, start node', async () => {
    const c = await compiled();
    expect({ ...c, nodes: undefined, flows: undefined }).toEqual({
      format: COMPILED_PROCESS_FORMAT,
      processId: 'Process.item-1',
      name: '测试流程',
      applicationForm: 'apply',
      startNodeId: 'start.1',
      nodes: undefined,
      flows: undefined,
    });
    expect(c.nodes.map((n) => `${n.kind}:${n.id}`)).toEqual([
      'start:start.1',
      'userTask:step.accept',
      'timerBoundary:remind.1',
      'serviceTask:notify.1',
      'end:reminded',
      'parallelGateway:split',
      'userTask:lead',
      'userTask:sign',
      'parallelGateway:join',
      'exclusiveGateway:decide',
      'serviceTask:doc',
      'messageCatch:reply',
      'end:end',
      'end:void',
    ]);
  });

  test('PROC-2 a step carries every setting: posts, limit, form, permissions, excluded time, documents, risks, supervision, e-seal, joint role', async () => {
    expect(node(await compiled(), 'step.accept')).toEqual({
      id: 'step.accept',
      name: '受理',
      kind: 'userTask',
      incoming: ['f.1'],
      outgoing: ['f.2'],
      boundaryIds: ['remind.1'],
      step: {
        posts: [
          { postId: 'p1', name: '岗位p1' },
          { postId: 'p2', name: '岗位p2' },
        ],
        limit: { value: 1.5, unit: 'workingDays' },
        form: 'review',
        fieldPermissions: [{ field: 'opinion', access: 'write' }],
        excludedTimes: [{ kind: 'inspection', reason: '现场检验' }],
        documents: [
          { name: '受理通知书', how: 'generated', format: 'pdf', template: 'acceptance-notice' },
        ],
        riskPoints: [
          {
            name: '受理把关不严',
            type: '廉政风险',
            level: 'high',
            description: '放宽条件',
            measures: '标准公开',
          },
        ],
        supervisionPoints: [{ name: '受理时限', rule: 'timeliness', description: '超时预警' }],
        eSeal: true,
        joint: { role: 'lead', unitId: 'unit-9' },
      },
    });
  });

  test('PROC-2 a multi-instance step carries its signing mode, ratio and order; a plain step has none', async () => {
    const c = await compiled();
    const sign = node(c, 'sign');
    expect(sign).toMatchObject({
      kind: 'userTask',
      multiInstance: { sequential: true, signing: 'ratio', ratio: 0.6 },
      step: {
        joint: { role: 'assisting' },
        eSeal: false,
        limit: { value: 5, unit: 'workingDays' },
      },
    });
    expect(node(c, 'lead')).not.toHaveProperty('multiInstance');
    expect(node(c, 'lead')).toMatchObject({ step: { limit: { value: 4, unit: 'hours' } } });
    expect(node(c, 'lead')).not.toHaveProperty('step.joint');
  });

  test('PROC-2 a timer is attached to its step with its duration and interrupting flag', async () => {
    expect(node(await compiled(), 'remind.1')).toEqual({
      id: 'remind.1',
      name: '催办',
      kind: 'timerBoundary',
      incoming: [],
      outgoing: ['r1'],
      attachedTo: 'step.accept',
      duration: 'P1DT12H',
      durationParts: { years: 0, months: 0, weeks: 0, days: 1, hours: 12, minutes: 0, seconds: 0 },
      interrupting: false,
    });
  });

  test('PROC-3 gateways: a split carries nothing extra, a join its kind, expected count and split; default flows', async () => {
    const c = await compiled();
    expect(node(c, 'split')).toEqual({
      id: 'split',
      name: '并联审批',
      kind: 'parallelGateway',
      incoming: ['f.2'],
      outgoing: ['p1', 's1'],
    });
    expect(node(c, 'join')).toMatchObject({
      kind: 'parallelGateway',
      incoming: ['p2', 's2'],
      join: { kind: 'parallel', expectedIncoming: 2, splitId: 'split' },
    });
    expect(node(c, 'decide')).toMatchObject({ kind: 'exclusiveGateway', defaultFlowId: 'deny' });
    expect(node(c, 'decide')).not.toHaveProperty('join');
  });

  test('PROC-3 flows carry their FEEL source, trimmed, and whether they are the default', async () => {
    const c = await compiled();
    expect(c.flows.find((f) => f.id === 'grant')).toEqual({
      id: 'grant',
      name: '准予',
      source: 'decide',
      target: 'doc',
      condition: 'amount > 100',
      isDefault: false,
    });
    expect(c.flows.find((f) => f.id === 'deny')).toEqual({
      id: 'deny',
      name: '不予',
      source: 'decide',
      target: 'void',
      isDefault: true,
    });
  });

  test('RUN-12 automatic steps, message waits and ends', async () => {
    const c = await compiled();
    expect(node(c, 'doc')).toMatchObject({
      kind: 'serviceTask',
      action: 'document',
      actionTarget: 'grant-decision',
      documents: [],
    });
    expect(node(c, 'reply')).toMatchObject({
      kind: 'messageCatch',
      messageId: 'msg.reply',
      messageName: '上级审批结果',
    });
    expect(node(c, 'void')).toMatchObject({ kind: 'end', terminate: true });
    expect(node(c, 'end')).toMatchObject({ kind: 'end', terminate: false });
  });

  test('the compiled process is plain JSON the embedded database stores: no nested arrays, no dotted keys', async () => {
    const c = await compiled();
    expect(storageFaults(c)).toEqual([]);
    expect(JSON.parse(JSON.stringify(c))).toEqual(c);
    // The checker itself finds what it is meant to find.
    expect(storageFaults({ a: [[1]], 'b.c': 1, $d: 2 })).toEqual([
      '$.a[0] is an array in an array',
      '$ has key b.c',
      '$ has key $d',
    ]);
  });
});
