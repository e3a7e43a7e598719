import fs from 'node:fs';
import path from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import { Linter } from 'bpmnlint';
import { PENALTY_FIELDS } from '../../../runtime/cases/discretion';
import { MITIGATIONS } from '../../../runtime/cases/state';
import { EX_OFFICIO_PROCEDURES, HANDLING_KINDS } from '../../../runtime/catalog/item';
import type { CompiledProcess, UserTaskNode } from '../../../runtime/process/compiled';
import { countyModdle } from '../../../runtime/process/county-moddle';
import { bpmnlintConfig } from '../../../runtime/process/lint';
import {
  EX_OFFICIO_TEMPLATES,
  INTERNAL_TEMPLATES,
  PROCESS_TEMPLATES,
} from '../../../runtime/process/templates';
import { EX_OFFICIO_STAGES, isKeyOf } from '../../../runtime/process/vocabulary';
import { checkFormSchema, formFields, type FormSchema } from '../../../runtime/forms';
import { verifyProcess } from '../../../runtime/process/verify';
import { exOfficioTemplate } from '../../../server/process/templates';
import { context } from './build';

const DIR = path.resolve(__dirname, '../../../templates/processes');
const read = (file: string) => fs.readFileSync(path.join(DIR, file), 'utf8');

/** What a clerk does first with a template: name a post on every step handled by people. */
async function withPosts(xml: string, postId = 'p1'): Promise<string> {
  const moddle = new BpmnModdle({ county: countyModdle });
  const { rootElement } = await moddle.fromXML(xml);
  const definitions = rootElement as {
    rootElements: { $type: string; flowElements?: unknown[] }[];
  };
  const process = definitions.rootElements.find((e) => e.$type === 'bpmn:Process')!;
  for (const element of process.flowElements as {
    $type: string;
    extensionElements?: { values: { $type: string; posts?: unknown[] }[] };
  }[]) {
    if (element.$type !== 'bpmn:UserTask') continue;
    const config = element.extensionElements!.values.find((v) => v.$type === 'county:StepConfig')!;
    config.posts = [
      (moddle as unknown as { create(t: string, a: object): unknown }).create('county:PostRef', {
        postId,
        name: '窗口',
      }),
    ];
  }
  return (await moddle.toXML(rootElement, { format: true })).xml;
}

describe('flowchart templates per handling kind (PROC-5)', () => {
  test('PROC-5 there is one template per handling kind, with a label and a file', () => {
    expect(PROCESS_TEMPLATES.map((t) => t.handlingKind)).toEqual(Object.keys(HANDLING_KINDS));
    expect(PROCESS_TEMPLATES.map((t) => t.label)).toEqual([
      '即办件流程模板',
      '承诺件流程模板',
      '补办件流程模板',
      '上报件流程模板',
      '联办件流程模板',
    ]);
    for (const template of PROCESS_TEMPLATES) {
      expect(fs.existsSync(path.join(DIR, template.fileName))).toBe(true);
    }
  });

  test.each(PROCESS_TEMPLATES.map((t) => [t.handlingKind, t.fileName]))(
    'PROC-5 the %s template verifies once posts are assigned, within a 10-day promise',
    async (_kind, file) => {
      const xml = await withPosts(read(file));
      const result = await verifyProcess(
        xml,
        context({ promisedLimit: { value: 10, unit: 'workingDays' }, posts: ['p1'] }),
      );
      expect(result.problems).toEqual([]);
      expect(result.ok).toBe(true);
    },
  );

  test.each(PROCESS_TEMPLATES.map((t) => [t.handlingKind, t.fileName]))(
    'PROC-5 a new diagram from the %s template says only that its steps have no post',
    async (_kind, file) => {
      const result = await verifyProcess(read(file), context({ posts: ['p1'] }));
      expect(result.ok).toBe(false);
      expect(result.problems.length).toBeGreaterThan(0);
      for (const problem of result.problems) {
        expect(problem).toEqual({
          rule: 'county/step-posts',
          message: expect.stringMatching(/^环节「.+」\(.+\)未指定办理岗位$/),
          elementId: expect.any(String),
        });
      }
    },
  );

  test('PROC-5 every template carries a layout for every element, left to right', async () => {
    for (const template of PROCESS_TEMPLATES) {
      const xml = read(template.fileName);
      const ids = [...xml.matchAll(/<bpmn:(?!process|definitions|message )\w+ id="([^"]+)"/g)]
        .map((m) => m[1]!)
        .filter((id) => !id.endsWith('_def'));
      expect(ids.length).toBeGreaterThan(6);
      const shapes = new Set([...xml.matchAll(/bpmnElement="([^"]+)"/g)].map((m) => m[1]));
      expect(ids.filter((id) => !shapes.has(id))).toEqual([]);
      const x = (id: string) =>
        Number(new RegExp(`bpmnElement="${id}"[^>]*>\\s*<dc:Bounds x="([\\d.-]+)"`).exec(xml)![1]);
      expect(x('StartEvent_apply')).toBeLessThan(x('EndEvent_done'));
    }
  });

  test('PROC-5 the joint template runs lead and assisting branches in parallel, the escalated one waits for the reply', async () => {
    const joint = await verifyProcess(
      await withPosts(read('joint.bpmn')),
      context({ posts: ['p1'] }),
    );
    if (!joint.ok) throw new Error('joint template should verify');
    const roles = joint.compiled.nodes.flatMap((n) =>
      n.kind === 'userTask' && n.step.joint
        ? [[n.name, n.step.joint.role, n.multiInstance?.signing]]
        : [],
    );
    expect(roles).toEqual([
      ['受理', 'lead', undefined],
      ['主办部门审核', 'lead', undefined],
      ['协办部门会签', 'assisting', 'all'],
      ['联办决定', 'lead', undefined],
    ]);
    const escalated = await verifyProcess(
      await withPosts(read('escalated.bpmn')),
      context({ posts: ['p1'] }),
    );
    if (!escalated.ok) throw new Error('escalated template should verify');
    expect(escalated.compiled.nodes.filter((n) => n.kind === 'messageCatch')).toEqual([
      expect.objectContaining({ name: '上级回复', messageName: '上级审批结果' }),
    ]);
  });
});

describe('templates of the platform’s own processes (PROC-6, SUP-4)', () => {
  test.each(INTERNAL_TEMPLATES.map((t) => [t.internal, t.fileName, t.form]))(
    'the %s template verifies with posts, sends steps to the target, and its form is sound',
    async (_internal, file, form) => {
      const schema = JSON.parse(
        fs.readFileSync(path.resolve(DIR, '../forms', form), 'utf8'),
      ) as FormSchema;
      expect(checkFormSchema(schema)).toEqual([]);
      const forms = { application: formFields(schema) };
      const xml = await withPosts(read(file));
      const result = await verifyProcess(
        xml,
        context({ promisedLimit: { value: 15, unit: 'workingDays' }, posts: ['p1'], forms }),
      );
      expect(result.problems).toEqual([]);
      if (!result.ok) throw new Error('未通过校验');
      const target = result.compiled.nodes.filter(
        (n) => n.kind === 'userTask' && n.step.handledBy === 'target',
      );
      expect(target.length).toBe(2);
      // Without posts, only the steps the county's own staff do lack them.
      const bare = await verifyProcess(read(file), context({ posts: ['p1'], forms }));
      expect(bare.problems.map((p) => p.elementId).sort()).toEqual(
        result
          .compiled!.nodes.filter((n) => n.kind === 'userTask' && n.step.handledBy !== 'target')
          .map((n) => n.id)
          .sort(),
      );
    },
  );
});

describe('templates of the ex officio procedures (RUN-17, PROC-5)', () => {
  const FORMS = path.resolve(DIR, '../forms');
  const formOf = (file: string) =>
    JSON.parse(fs.readFileSync(path.join(FORMS, file), 'utf8')) as FormSchema;
  const cases = EX_OFFICIO_TEMPLATES.map((t) => [t.procedure, t] as const);
  type Template = (typeof EX_OFFICIO_TEMPLATES)[number];

  /** An ex officio case has no promised limit (立案 starts the legal one), so none is checked. */
  async function verified(t: Template) {
    const forms = { application: formFields(formOf(t.form)) };
    const result = await verifyProcess(
      await withPosts(read(t.fileName)),
      context({ promisedLimit: undefined, posts: ['p1'], forms }),
    );
    expect(result.problems).toEqual([]);
    if (!result.ok) throw new Error(`${t.label}未通过校验`);
    return result.compiled;
  }
  const userTasks = (compiled: CompiledProcess) =>
    compiled.nodes.filter((n): n is UserTaskNode => n.kind === 'userTask');

  test('RUN-17 one template per procedure, with a label, a flowchart and a form', () => {
    expect(EX_OFFICIO_TEMPLATES.map((t) => t.procedure)).toEqual(
      Object.keys(EX_OFFICIO_PROCEDURES),
    );
    expect(EX_OFFICIO_TEMPLATES.map((t) => t.label)).toEqual([
      '行政处罚普通程序流程模板',
      '行政处罚简易程序流程模板',
      '行政强制（查封、扣押）流程模板',
      '行政检查流程模板',
      '行政征收流程模板',
    ]);
    for (const t of EX_OFFICIO_TEMPLATES) {
      expect(fs.existsSync(path.join(DIR, t.fileName))).toBe(true);
      expect(fs.existsSync(path.join(FORMS, t.form))).toBe(true);
      // The flowchart binds its form under the key every item's case form is stored as.
      expect(read(t.fileName)).toContain('<county:processConfig form="application" />');
    }
  });

  test.each(cases)(
    'RUN-17 the %s template verifies with posts, and without them says only that its steps have none',
    async (_procedure, t) => {
      const compiled = await verified(t);
      const forms = { application: formFields(formOf(t.form)) };
      const bare = await verifyProcess(
        read(t.fileName),
        context({ promisedLimit: undefined, posts: ['p1'], forms }),
      );
      expect(bare.ok).toBe(false);
      for (const problem of bare.problems) {
        expect(problem).toEqual({
          rule: 'county/step-posts',
          message: expect.stringMatching(/^环节「.+」\(.+\)未指定办理岗位$/),
          elementId: expect.any(String),
        });
      }
      expect(bare.problems.map((p) => p.elementId).sort()).toEqual(
        userTasks(compiled)
          .map((n) => n.id)
          .sort(),
      );
    },
  );

  test.each(cases)(
    'RUN-17 every step of the %s template handled by people names its stage and a limit',
    async (_procedure, t) => {
      const steps = userTasks(await verified(t));
      expect(steps.length).toBeGreaterThan(1);
      for (const step of steps) {
        expect({ step: step.name, stage: isKeyOf(EX_OFFICIO_STAGES, step.step.stage) }).toEqual({
          step: step.name,
          stage: true,
        });
        expect(step.step.limit.value).toBeGreaterThan(0);
        expect(step.step.posts).toEqual([{ postId: 'p1', name: '窗口' }]);
      }
    },
  );

  test('RUN-17 the stages of the ordinary penalty procedure follow the law’s order', async () => {
    const t = EX_OFFICIO_TEMPLATES.find((x) => x.procedure === 'penaltyOrdinary')!;
    const steps = userTasks(await verified(t)).map((n) => [
      n.name,
      n.step.stage,
      n.step.limit.value,
      n.step.limit.unit,
    ]);
    expect(steps).toEqual([
      ['立案审批', 'filing', 3, 'workingDays'],
      ['调查取证', 'investigation', 30, 'naturalDays'],
      ['案件审核', 'investigation', 5, 'workingDays'],
      ['告知', 'notification', 3, 'workingDays'],
      ['陈述申辩', 'notification', 5, 'workingDays'],
      ['听证', 'hearing', 30, 'naturalDays'],
      ['法制审核', 'legalReview', 5, 'workingDays'],
      ['集体讨论', 'decision', 5, 'workingDays'],
      ['决定', 'decision', 3, 'workingDays'],
      ['送达', 'service', 7, 'workingDays'],
      ['执行', 'enforcement', 15, 'naturalDays'],
    ]);
  });

  test('RUN-17 exactly the decision steps of the two penalty procedures exercise discretion, writing the penalty fields of their form', async () => {
    const expected: Record<string, string[]> = {
      penaltyOrdinary: ['决定'],
      penaltySummary: ['当场处罚'],
      seizure: [],
      inspection: [],
      levy: [],
    };
    const penaltyKeys: string[] = Object.values(PENALTY_FIELDS);
    for (const t of EX_OFFICIO_TEMPLATES) {
      const schema = formOf(t.form);
      expect(checkFormSchema(schema)).toEqual([]);
      const steps = userTasks(await verified(t));
      const discretion = steps.filter((n) => n.step.discretion);
      expect({ [t.procedure]: discretion.map((n) => n.name) }).toEqual({
        [t.procedure]: expected[t.procedure],
      });
      for (const step of discretion) {
        expect(step.step.stage).toBe('decision');
        expect(step.step.eSeal).toBe(true);
        expect(step.step.opinionRequired).toBe(true);
        for (const field of penaltyKeys)
          expect(step.step.fieldPermissions).toContainEqual({ field, access: 'write' });
        expect(step.step.riskPoints).toContainEqual(
          expect.objectContaining({ name: '自由裁量', type: '廉政风险', level: 'high' }),
        );
        expect(step.step.documents).toContainEqual(
          expect.objectContaining({ template: 'penalty-decision' }),
        );
      }
      // No other step may change the penalty decided.
      for (const step of steps.filter((n) => !n.step.discretion))
        expect(
          step.step.fieldPermissions.filter(
            (p) => penaltyKeys.includes(p.field) && p.access === 'write',
          ),
        ).toEqual([]);
      const fields = formFields(schema).filter((f) => penaltyKeys.includes(f.key));
      if (!discretion.length) {
        expect(fields).toEqual([]);
        continue;
      }
      // What the engine reads at the step (runtime/cases/discretion.ts), with the types it checks.
      const F = PENALTY_FIELDS;
      expect(fields.map((f) => [f.key, f.type])).toEqual([
        [F.benchmark, 'text'],
        [F.kind, 'text'],
        [F.fine, 'number'],
        [F.mitigation, 'select'],
        [F.article, 'text'],
        [F.reason, 'textarea'],
      ]);
      expect(fields.find((f) => f.key === F.mitigation)!.options!.map((o) => o.value)).toEqual(
        Object.keys(MITIGATIONS),
      );
    }
  });

  test('RUN-17 the hearing is excluded time, announced by its notice, and taken only when asked for', async () => {
    const t = EX_OFFICIO_TEMPLATES.find((x) => x.procedure === 'penaltyOrdinary')!;
    const compiled = await verified(t);
    const hearing = userTasks(compiled).filter((n) => n.step.stage === 'hearing');
    expect(hearing.map((n) => n.name)).toEqual(['听证']);
    expect(hearing[0]!.step.excludedTimes).toEqual([
      { kind: 'hearing', reason: expect.stringContaining('听证期间不计入') },
    ]);
    const before = compiled.nodes.find((n) =>
      n.outgoing.some((f) => hearing[0]!.incoming.includes(f)),
    );
    expect(before).toEqual(
      expect.objectContaining({
        kind: 'serviceTask',
        action: 'document',
        actionTarget: 'hearing-notice',
      }),
    );
    for (const t2 of EX_OFFICIO_TEMPLATES.filter((x) => x.procedure !== 'penaltyOrdinary')) {
      const steps = userTasks(await verified(t2));
      expect(steps.filter((n) => n.step.excludedTimes.length)).toEqual([]);
    }
  });

  test.each(cases)(
    'RUN-17 the gateways of the %s template read 是/否 fields of its form, with a default flow',
    async (_procedure, t) => {
      const compiled = await verified(t);
      const fields = formFields(formOf(t.form));
      for (const gateway of compiled.nodes.filter((n) => n.kind === 'exclusiveGateway')) {
        if (gateway.outgoing.length < 2) continue;
        const flows = compiled.flows.filter((f) => gateway.outgoing.includes(f.id));
        expect(flows.filter((f) => f.isDefault)).toHaveLength(1);
        for (const flow of flows.filter((f) => !f.isDefault)) {
          const m = /^(\w+) = "(\w+)"$/.exec(flow.condition ?? '');
          expect({ flow: flow.id, condition: flow.condition, shape: !!m }).toEqual({
            flow: flow.id,
            condition: flow.condition,
            shape: true,
          });
          const [, name, value] = m!;
          if (name === 'outcome') {
            expect(value).toBe('approve');
            continue;
          }
          const field = fields.find((f) => f.key === name);
          expect({ name, type: field?.type }).toEqual({ name, type: 'radio' });
          expect(field!.options!.map((o) => o.value)).toEqual(['yes', 'no']);
          // One step decides it: a second step writing it would clear it unless sent again.
          expect(
            userTasks(compiled)
              .filter((n) =>
                n.step.fieldPermissions.some((p) => p.field === name && p.access === 'write'),
              )
              .map((n) => n.step.stage),
          ).toHaveLength(1);
        }
      }
    },
  );

  test('RUN-17 a seizure is extended at most once: the graph has no loop and one extension approval', async () => {
    const t = EX_OFFICIO_TEMPLATES.find((x) => x.procedure === 'seizure')!;
    const compiled = await verified(t);
    const next = new Map<string, string[]>();
    for (const f of compiled.flows) next.set(f.source, [...(next.get(f.source) ?? []), f.target]);
    const state = new Map<string, 'open' | 'done'>();
    const acyclic = (id: string): boolean => {
      if (state.get(id) === 'done') return true;
      if (state.get(id) === 'open') return false;
      state.set(id, 'open');
      const ok = (next.get(id) ?? []).every(acyclic);
      state.set(id, 'done');
      return ok;
    };
    expect(acyclic(compiled.startNodeId)).toBe(true);
    const steps = userTasks(compiled);
    expect(steps.filter((n) => n.name === '延长审批').map((n) => n.step.stage)).toEqual([
      'decision',
    ]);
    expect(
      steps
        .filter((n) => n.step.limit.unit === 'naturalDays')
        .map((n) => [n.name, n.step.limit.value]),
    ).toEqual([
      ['期限内处理', 30],
      ['延长期间处理', 30],
    ]);
  });

  test('RUN-17 every ex officio template carries a layout for every element, left to right, and the studio’s linter finds nothing else', async () => {
    for (const t of EX_OFFICIO_TEMPLATES) {
      const xml = read(t.fileName);
      const ids = [...xml.matchAll(/<bpmn:(?!process|definitions)\w+ id="([^"]+)"/g)].map(
        (m) => m[1]!,
      );
      expect(ids.length).toBeGreaterThan(4);
      const shapes = new Set([...xml.matchAll(/bpmnElement="([^"]+)"/g)].map((m) => m[1]));
      expect(ids.filter((id) => !shapes.has(id))).toEqual([]);
      const x = (id: string) =>
        Number(new RegExp(`bpmnElement="${id}"[^>]*>\\s*<dc:Bounds x="([\\d.-]+)"`).exec(xml)![1]);
      const start = /<bpmn:startEvent id="([^"]+)"/.exec(xml)![1]!;
      for (const [, end] of xml.matchAll(/<bpmn:endEvent id="([^"]+)"/g))
        expect(x(start)).toBeLessThan(x(end!));
      // As bpmn-js-bpmnlint runs it in the designer: no error but the posts, and no warning.
      const { rootElement } = await new BpmnModdle({ county: countyModdle }).fromXML(
        await withPosts(xml),
      );
      const results = await new Linter(bpmnlintConfig).lint(rootElement);
      expect(Object.entries(results).filter(([, reports]) => reports.length)).toEqual([]);
    }
  });

  test('RUN-17 the server reads each template and its form once', () => {
    for (const t of EX_OFFICIO_TEMPLATES) {
      const template = exOfficioTemplate(t.procedure);
      expect(template).toEqual({
        procedure: t.procedure,
        label: t.label,
        xml: read(t.fileName),
        form: formOf(t.form),
      });
      expect(exOfficioTemplate(t.procedure)).toBe(template);
    }
  });
});
