import fs from 'node:fs';
import path from 'node:path';
import { seedDemoCounty } from '../../../seeds';
import { DEMO_PASSWORD } from '../../../seeds/demo-county';
import type { ItemContent } from '../../../runtime/catalog/item';
import { signedIn, type ApiClient } from '../../support/client';
import type { Models } from '../../../server/models';
import type { TestServer } from '../../support/server';

export interface CatalogIds {
  aj: string;
  ajOffice: string;
  gs: string;
  sgOffice: string;
}

/** The demo county, the catalog's accounts signed in, and the units items name. */
export async function catalogWorld(server: TestServer, usernames: string[]) {
  await seedDemoCounty(server.models, () => undefined);
  const as: Record<string, ApiClient> = {};
  for (const name of usernames) as[name] = await signedIn(server, name, DEMO_PASSWORD);
  return { as, ids: await catalogIds(server.models) };
}

/** The units of the demo county that items name. */
export async function catalogIds(models: Pick<Models, 'units'>): Promise<CatalogIds> {
  const unit = async (filter: Record<string, unknown>) =>
    String((await models.units.findOne(filter).lean().orFail())._id);
  const aj = await unit({ name: '龙湾区安全生产监督管理局' });
  const sg = await unit({ name: '龙湾区行政审批服务管理办公室' });
  return {
    aj,
    ajOffice: await unit({ name: '综合科', departmentId: aj }),
    gs: await unit({ name: '龙湾区市场监督管理局' }),
    sgOffice: await unit({ name: '事项审核科', departmentId: sg }),
  };
}

/** A complete 行政许可 of the AJ department: it passes the completeness check as it is. */
export function completeItem(ids: CatalogIds, overrides: Partial<ItemContent> = {}) {
  return {
    type: 'XK',
    name: '危险化学品经营许可',
    legalBasis: [
      {
        id: 'b1',
        title: '《危险化学品安全管理条例》',
        article: '第三十三条',
        text: '国家对危险化学品经营（包括仓储经营）实行许可制度。',
      },
    ],
    subject: { unitId: ids.aj, nature: 'statutory' },
    acceptanceConditions: '有符合国家标准的经营场所',
    materials: [
      {
        id: 'm1',
        name: '经营许可证申请书',
        format: '纸质',
        originalOrCopy: 'original',
        count: 1,
        medium: 'paper',
        submission: '窗口提交',
        required: true,
      },
    ],
    fee: { charged: false },
    legalLimit: { value: 20, unit: 'workingDays' },
    promisedLimit: { value: 10, unit: 'workingDays' },
    office: { unitId: ids.ajOffice },
    address: '龙湾区行政审批服务中心 2 楼',
    phone: '0577-86888888',
    supervisionPhone: '0577-86999999',
    handlingKind: 'promised',
    serviceForms: [],
    faq: [],
    ...overrides,
  };
}

/** Creates and submits an item; answers its id and the version the reviewer will see. */
export async function submitted(server: TestServer, clerk: ApiClient, content: object) {
  const created = await clerk.post('/api/items', content);
  if (created.status !== 201) throw new Error(`新增失败：${JSON.stringify(created.body)}`);
  await designItem(server, clerk, created.body.id);
  const sent = await clerk.post(`/api/items/${created.body.id}/submit`, {
    version: created.body.version,
  });
  if (sent.status !== 200) throw new Error(`提交失败：${JSON.stringify(sent.body)}`);
  return { id: created.body.id as string, version: sent.body.version as number };
}

/** A small verified flowchart: 受理 by `acceptPost`, 审核 by `reviewPost`, bound to `application`. */
export function simpleProcessXml(acceptPost: string, reviewPost: string, days = [1, 3]) {
  const step = (
    id: string,
    name: string,
    post: string,
    limit: number,
    from: string,
    to: string,
  ) => `
    <bpmn:userTask id="${id}" name="${name}">
      <bpmn:extensionElements>
        <county:stepConfig limitValue="${limit}" limitUnit="workingDays" form="application">
          <county:postRef postId="${post}" />
        </county:stepConfig>
      </bpmn:extensionElements>
      <bpmn:incoming>${from}</bpmn:incoming>
      <bpmn:outgoing>${to}</bpmn:outgoing>
    </bpmn:userTask>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:county="http://county-platform.org/schema/bpmn/1.0" id="defs" targetNamespace="http://county-platform.org/test">
  <bpmn:process id="p" name="测试流程" isExecutable="true">
    <bpmn:extensionElements><county:processConfig form="application" /></bpmn:extensionElements>
    <bpmn:startEvent id="start" name="申请"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    ${step('accept', '受理', acceptPost, days[0]!, 'f1', 'f2')}
    ${step('review', '审核', reviewPost, days[1]!, 'f2', 'f3')}
    <bpmn:endEvent id="end" name="办结"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="accept" />
    <bpmn:sequenceFlow id="f2" sourceRef="accept" targetRef="review" />
    <bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
}

/** The generic application form of templates/forms. */
export const applicationForm = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../../templates/forms/application.json'), 'utf8'),
) as object;

/** Gives an item the application form and a verified flowchart, as a clerk does before submitting. */
export async function designItem(server: TestServer, clerk: ApiClient, itemId: string) {
  const posts = await server.models.posts.find({}).sort({ _id: 1 }).limit(2).lean().exec();
  const form = await clerk.put(`/api/items/${itemId}/forms/application`, {
    name: '申请表',
    schema: applicationForm,
    version: 0,
  });
  if (form.status !== 200) throw new Error(`表单保存失败：${JSON.stringify(form.body)}`);
  const xml = simpleProcessXml(String(posts[0]!._id), String(posts[1]!._id));
  const saved = await clerk.put(`/api/items/${itemId}/process`, { xml, version: 0 });
  if (saved.status !== 200 || !saved.body.verified) {
    throw new Error(`流程图未通过校验：${JSON.stringify(saved.body)}`);
  }
}
