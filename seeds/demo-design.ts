import { BpmnModdle } from 'bpmn-moddle';
import { countyModdle } from '../runtime/process/county-moddle';
import type { ApiClient } from './api-client';

interface Post {
  id: string;
  name: string;
}

/** Which of an office's posts handle a step, by the step's name; else every post of the office. */
const POSTS_BY_STEP: [RegExp, RegExp][] = [
  [/受理|收件|窗口|送达/, /窗口|经办|登记|执法|便民/],
  [/审核|审查|核查|勘验|协办|调查/, /审核|经办|执法|登记/],
  [/决定|审批|签发|复核|批准|上报/, /科长|局长|分管/],
  // Ex officio steps (RUN-17): officers investigate, notify, hear and enforce.
  [/告知|陈述|听证|执行|实施|处理|检查|核定|移交|备案|当场|缴纳/, /执法|经办/],
];

function postsFor(step: string, posts: Post[]): Post[] {
  for (const [stepName, postName] of POSTS_BY_STEP) {
    if (!stepName.test(step)) continue;
    const fit = posts.filter((p) => postName.test(p.name));
    if (fit.length) return fit;
  }
  return posts;
}

const HOURS_PER_DAY = 8;
const hoursOf = (value: number, unit: string) => (unit === 'hours' ? value : value * HOURS_PER_DAY);

/**
 * Shares the promised limit out among the steps when the template's limits add up to more, as a
 * clerk would (the verifier refuses a flowchart whose steps overrun the promise, PROC-4).
 */
function fitLimits(steps: Element[], promised: { value: number; unit: string }) {
  const counted = steps.filter((s) => !(s.excludedTimes as unknown[] | undefined)?.length);
  const total = counted.reduce(
    (sum, s) => sum + hoursOf(Number(s.limitValue ?? 0), String(s.limitUnit ?? 'workingDays')),
    0,
  );
  if (promised.unit === 'naturalDays') {
    if (counted.every((s) => s.limitUnit === 'naturalDays') && total <= promised.value * 8) return;
    const each = Math.floor(promised.value / counted.length);
    if (each < 1)
      throw new Error(`承诺期限 ${promised.value} 个自然日不够分给 ${counted.length} 个环节`);
    for (const s of counted) Object.assign(s, { limitValue: each, limitUnit: 'naturalDays' });
    return;
  }
  const budget = hoursOf(promised.value, promised.unit);
  if (total <= budget) return;
  const hours = Math.floor(budget / counted.length);
  for (const s of counted) {
    Object.assign(
      s,
      hours >= HOURS_PER_DAY
        ? { limitValue: Math.floor(hours / HOURS_PER_DAY), limitUnit: 'workingDays' }
        : { limitValue: Math.max(1, hours), limitUnit: 'hours' },
    );
  }
}

type Element = {
  $type: string;
  name?: string;
  extensionElements?: { values?: Element[] };
  flowElements?: Element[];
  rootElements?: Element[];
  [key: string]: unknown;
};

/**
 * A template with the county's posts on every step and the application form bound, as a clerk
 * sets them in the designer's panel (PROC-2, PROC-5).
 */
export async function fillTemplate(
  xml: string,
  posts: Post[],
  form: string,
  promised?: { value: number; unit: string },
): Promise<string> {
  // The package's types omit `create`, which every moddle has.
  const moddle = new BpmnModdle({ county: countyModdle }) as unknown as {
    fromXML(xml: string): Promise<{ rootElement: Element }>;
    toXML(element: Element, options: { format: boolean }): Promise<{ xml: string }>;
    create(type: string, attrs: object): Element;
  };
  const { rootElement } = await moddle.fromXML(xml);
  const ensureExtensions = (el: Element) => {
    const extensions = (el.extensionElements ??= moddle.create('bpmn:ExtensionElements', {
      values: [],
    }) as { values?: Element[] });
    return (extensions.values ??= []);
  };
  const steps: Element[] = [];
  for (const process of rootElement.rootElements ?? []) {
    if (process.$type !== 'bpmn:Process') continue;
    const values = ensureExtensions(process);
    if (!values.some((v) => v.$type === 'county:ProcessConfig')) {
      values.push(moddle.create('county:ProcessConfig', { form }));
    }
    for (const task of process.flowElements ?? []) {
      if (task.$type !== 'bpmn:UserTask') continue;
      const own = ensureExtensions(task);
      let config = own.find((v) => v.$type === 'county:StepConfig');
      if (!config) {
        config = moddle.create('county:StepConfig', {});
        own.push(config);
      }
      config.form ??= form;
      steps.push(config);
      // The unit a 督办 or complaint is about handles these, through its leading posts (PROC-6).
      if (config.handledBy === 'target') continue;
      config.posts = postsFor(task.name ?? '', posts).map((p) =>
        moddle.create('county:PostRef', { postId: p.id, name: p.name }),
      );
    }
  }
  if (promised) fitLimits(steps, promised);
  const { xml: filled } = await moddle.toXML(rootElement, { format: true });
  return filled;
}

/** Gives a demo item the generic application form and its handling kind's flowchart. */
export async function designDemoItem(
  clerk: ApiClient,
  item: {
    id: string;
    handlingKind: string;
    officeId: string;
    promisedLimit?: { value: number; unit: string };
    /** 依职权 (RUN-17): the procedure's flowchart and case form instead of the application's. */
    procedure?: string;
  },
  form: object,
  ok: <T>(res: { status: number; body: T }, what: string) => T,
): Promise<void> {
  const templates = item.procedure
    ? (ok(await clerk.get('/api/process-templates/ex-officio'), '读取法定程序模板') as {
        procedure: string;
        label: string;
        xml: string;
        form: object;
      }[])
    : (ok(await clerk.get('/api/process-templates'), '读取流程模板') as {
        handlingKind: string;
        label: string;
        xml: string;
      }[]);
  const template = templates.find((t) =>
    'procedure' in t ? t.procedure === item.procedure : t.handlingKind === item.handlingKind,
  );
  if (!template) throw new Error(`没有「${item.procedure ?? item.handlingKind}」的流程模板`);
  ok(
    await clerk.put(`/api/items/${item.id}/forms/application`, {
      name: 'procedure' in template ? '案件登记表' : '申请表',
      schema: 'form' in template ? template.form : form,
      version: 0,
    }),
    '保存申请表',
  );
  const posts = (
    ok(await clerk.get(`/api/posts?unitId=${item.officeId}&pageSize=100`), '读取岗位') as {
      items: Post[];
    }
  ).items;
  const xml = await fillTemplate(template.xml, posts, 'application', item.promisedLimit);
  const saved = ok(
    await clerk.put(`/api/items/${item.id}/process`, { xml, version: 0 }),
    '保存流程图',
  ) as { verified: boolean; problems: { message: string }[] };
  if (!saved.verified) {
    throw new Error(`流程图未通过校验：${saved.problems.map((p) => p.message).join('；')}`);
  }
}
