import fs from 'node:fs';
import path from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import { HANDLING_KINDS } from '../../../runtime/catalog/item';
import { countyModdle } from '../../../runtime/process/county-moddle';
import { INTERNAL_TEMPLATES, PROCESS_TEMPLATES } from '../../../runtime/process/templates';
import { checkFormSchema, formFields, type FormSchema } from '../../../runtime/forms';
import { verifyProcess } from '../../../runtime/process/verify';
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
