import { fillTemplate } from '../../../seeds/demo-design';
import { applicationForm, itemContent, type World } from '../../integration/cases/world';

const ok = <T>(res: { status: number; body: T }, what: string): T => {
  if (res.status >= 300)
    throw new Error(`${what}失败（${res.status}）：${JSON.stringify(res.body)}`);
  return res.body;
};

/**
 * An AJ item on the county's 承诺件 template (受理 → 审核 → 决定 → documents → 送达), with the
 * posts a clerk would give it, and 审核 allowed to write 申请事项说明 and to stop the clock for
 * 检验 (and to write the fields `alsoWritable` names): created, designed, submitted and approved
 * through the API as aj.clerk and the reviewer.
 */
export async function templateItem(world: World, alsoWritable: string[] = []): Promise<string> {
  const clerk = world.as['aj.clerk']!;
  const content = await itemContent(world);
  const item = ok(await clerk.post('/api/items', content), '新增事项') as {
    id: string;
    version: number;
  };
  ok(
    await clerk.put(`/api/items/${item.id}/forms/application`, {
      name: '申请表',
      schema: applicationForm,
      version: 0,
    }),
    '保存申请表',
  );
  const templates = ok(await clerk.get('/api/process-templates'), '读取流程模板') as {
    handlingKind: string;
    xml: string;
  }[];
  const promised = templates.find((t) => t.handlingKind === 'promised')!.xml;
  const review = '<county:supervisionPoints name="审核时限" rule="timeliness" />';
  if (!promised.includes(review)) throw new Error('承诺件模板的「审核」环节已改变');
  const xml = promised.replace(
    review,
    `${review}<county:excludedTimes kind="inspection" reason="检验时间不计入办理时限" />` +
      ['description', ...alsoWritable]
        .map((f) => `<county:fieldPermissions field="${f}" access="write" />`)
        .join(''),
  );
  const posts = (
    ok(await clerk.get(`/api/posts?unitId=${content.office.unitId}&pageSize=100`), '读取岗位') as {
      items: { id: string; name: string }[];
    }
  ).items;
  const filled = await fillTemplate(xml, posts, 'application', content.promisedLimit);
  const saved = ok(
    await clerk.put(`/api/items/${item.id}/process`, { xml: filled, version: 0 }),
    '保存流程图',
  ) as { verified: boolean; problems: unknown[] };
  if (!saved.verified) throw new Error(`流程图未通过校验：${JSON.stringify(saved.problems)}`);
  const submitted = ok(
    await clerk.post(`/api/items/${item.id}/submit`, { version: item.version }),
    '提交事项',
  ) as { version: number };
  ok(
    await world.as.reviewer!.post(`/api/items/${item.id}/approve`, {
      version: submitted.version,
    }),
    '审核事项',
  );
  return item.id;
}
