import fs from 'node:fs/promises';
import path from 'node:path';
import type { ItemContent } from '../runtime/catalog/item';
import { INTERNAL_TEMPLATES } from '../runtime/process/templates';
import { ApiClient } from './api-client';
import { DEMO_PASSWORD } from './demo-county';
import { fillTemplate } from './demo-design';

const TEMPLATES = path.resolve(__dirname, '../templates');

/** What each process is called in the demo county and the law it rests on. */
const DEMO: Record<
  (typeof INTERNAL_TEMPLATES)[number]['internal'],
  {
    name: string;
    formName: string;
    basis: ItemContent['legalBasis'][number];
    conditions: string;
    material: string;
  }
> = {
  supervisionOrder: {
    name: '行政效能督办',
    formName: '督办单',
    basis: {
      id: 'b1',
      title: '《中华人民共和国监察法》',
      article: '第十一条',
      text: '监察委员会依照本法和有关法律规定履行监督、调查、处置职责。',
    },
    conditions: '监察预警、投诉举报或日常监督发现的本县机关及其工作人员的履职问题',
    material: '督办线索材料',
  },
  complaint: {
    name: '机关效能投诉处理',
    formName: '投诉登记表',
    basis: {
      id: 'b1',
      title: '《信访工作条例》',
      article: '第三章',
      text: '信访事项的提出和受理。',
    },
    conditions: '对本县机关及其工作人员办事效率、服务态度、履职行为的投诉',
    material: '投诉人提供的相关材料',
  },
};

/**
 * The 效能监察室's own processes (PROC-6, SUP-4): 督办 and complaints, kept in the catalog as
 * internal items by its clerk, designed from their templates and approved like any item — never
 * shown on the portal. Their steps at the unit a case is about go to its leading posts.
 */
export async function seedDemoSupervision(baseUrl: string, say: (m: string) => void) {
  const ok = <T>(res: { status: number; body: T }, what: string): T => {
    if (res.status >= 300) throw new Error(`${what}失败：${JSON.stringify(res.body)}`);
    return res.body;
  };
  const login = async (username: string) => {
    const client = new ApiClient(baseUrl);
    ok(await client.login(username, DEMO_PASSWORD), `演示账号 ${username} 登录`);
    return client;
  };
  const clerk = await login('jw.clerk');
  const reviewer = await login('reviewer');
  const units = ok(await clerk.get('/api/units'), '读取组织机构') as {
    items: { id: string; name: string; departmentId?: string }[];
  };
  const department = units.items.find((u) => u.name === '龙湾区纪委监委')!;
  const office = units.items.find(
    (u) => u.name === '效能监察室' && u.departmentId === department.id,
  )!;
  const posts = (
    ok(await clerk.get(`/api/posts?unitId=${office.id}&pageSize=100`), '读取岗位') as {
      items: { id: string; name: string }[];
    }
  ).items;
  const ids: Record<string, string> = {};
  for (const t of INTERNAL_TEMPLATES) {
    const demo = DEMO[t.internal];
    const content: ItemContent = {
      type: 'QT',
      name: demo.name,
      internal: t.internal,
      legalBasis: [demo.basis],
      subject: { unitId: department.id, name: department.name, nature: 'statutory' },
      acceptanceConditions: demo.conditions,
      materials: [
        {
          id: 'm-clue',
          name: demo.material,
          format: '纸质或电子',
          originalOrCopy: 'copy',
          count: 1,
          medium: 'both',
          submission: '登记时提交，可无',
          required: false,
        },
      ],
      fee: { charged: false },
      legalLimit: { value: 20, unit: 'workingDays' },
      promisedLimit: { value: 15, unit: 'workingDays' },
      office: { unitId: office.id, name: office.name },
      address: '龙湾区行政管理中心 5 楼',
      phone: '0577-86990000',
      supervisionPhone: '0577-86990001',
      handlingKind: 'promised',
      serviceForms: [],
      faq: [],
    };
    let item = ok(await clerk.post('/api/items', content), `新增「${demo.name}」`) as {
      id: string;
      version: number;
    };
    const schema = JSON.parse(await fs.readFile(path.join(TEMPLATES, 'forms', t.form), 'utf8'));
    ok(
      await clerk.put(`/api/items/${item.id}/forms/application`, {
        name: demo.formName,
        schema,
        version: 0,
      }),
      `保存${demo.formName}`,
    );
    const template = await fs.readFile(path.join(TEMPLATES, 'processes', t.fileName), 'utf8');
    const xml = await fillTemplate(template, posts, 'application', content.promisedLimit);
    const saved = ok(
      await clerk.put(`/api/items/${item.id}/process`, { xml, version: 0 }),
      `保存「${demo.name}」流程图`,
    ) as { verified: boolean; problems: { message: string }[] };
    if (!saved.verified)
      throw new Error(
        `「${demo.name}」流程图未通过校验：${saved.problems.map((p) => p.message).join('；')}`,
      );
    item = ok(
      await clerk.post(`/api/items/${item.id}/submit`, { version: item.version }),
      `提交「${demo.name}」`,
    ) as typeof item;
    ok(
      await reviewer.post(`/api/items/${item.id}/approve`, { version: item.version }),
      `审核通过「${demo.name}」`,
    );
    ids[t.internal] = item.id;
  }
  await clerk.post('/api/auth/logout');
  await reviewer.post('/api/auth/logout');
  say('督办与投诉处理流程已写入（效能监察室的内部流程，不在门户公开）');
  return ids as Record<(typeof INTERNAL_TEMPLATES)[number]['internal'], string>;
}
