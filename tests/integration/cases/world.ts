import fs from 'node:fs';
import path from 'node:path';
import { checkCharacter } from '../../../runtime/personal-data/id-number';
import { seedDemoCounty } from '../../../seeds';
import { DEMO_PASSWORD } from '../../../seeds/demo-county';
import { ApiClient, signedIn } from '../../support/client';
import type { TestServer } from '../../support/server';

/** The generic application form of templates/forms. */
export const applicationForm = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../../templates/forms/application.json'), 'utf8'),
) as object;

/** Monday 2026-09-07, 09:00 in Shanghai: far enough from the calendar's last covered year. */
export const MONDAY = new Date('2026-09-07T01:00:00Z');

/** A clock the test moves by hand; the server's case executor reads it. */
export class TestClock {
  now: Date;
  constructor(start = MONDAY) {
    this.now = new Date(start);
  }
  advance(ms: number): Date {
    this.now = new Date(this.now.getTime() + ms);
    return this.now;
  }
  days(n: number) {
    return this.advance(n * 86_400_000);
  }
  minutes(n: number) {
    return this.advance(n * 60_000);
  }
}

/** A valid resident ID number (GB 11643) born on the given day. */
export function residentId(region = '330303', birth = '19850315', seq = '123'): string {
  const first = `${region}${birth}${seq}`;
  return first + checkCharacter(first);
}

export interface StepSpec {
  id: string;
  name: string;
  posts: string[];
  days: number;
  /** <county:excludedTime kind=…>: a procedure 暂停 may stop the clock for. */
  excluded?: string;
  writes?: string[];
  /** <county:stepConfig handledBy=…>: acceptingUnit for 基层反馈 (RUN-12). */
  handledBy?: string;
}

/** A flowchart of steps in a row, bound to the application form (PROC-1, PROC-2). */
export function linearProcess(steps: StepSpec[]): string {
  const flows: string[] = [];
  const tasks = steps.map((s, i) => {
    const from = i === 0 ? 'f0' : `f${i}`;
    const to = `f${i + 1}`;
    flows.push(
      `<bpmn:sequenceFlow id="${from}" sourceRef="${i === 0 ? 'start' : steps[i - 1]!.id}" targetRef="${s.id}" />`,
    );
    const posts = s.posts.map((p) => `<county:postRef postId="${p}" />`).join('');
    const excluded = s.excluded
      ? `<county:excludedTime kind="${s.excluded}" reason="依法不计入办理时限" />`
      : '';
    const writes = (s.writes ?? [])
      .map((f) => `<county:fieldPermission field="${f}" access="write" />`)
      .join('');
    return `<bpmn:userTask id="${s.id}" name="${s.name}">
      <bpmn:extensionElements>
        <county:stepConfig limitValue="${s.days}" limitUnit="workingDays"${s.handledBy ? ` handledBy="${s.handledBy}"` : ''}>${posts}${excluded}${writes}</county:stepConfig>
      </bpmn:extensionElements>
      <bpmn:incoming>${from}</bpmn:incoming><bpmn:outgoing>${to}</bpmn:outgoing>
    </bpmn:userTask>`;
  });
  const last = `f${steps.length}`;
  flows.push(`<bpmn:sequenceFlow id="${last}" sourceRef="${steps.at(-1)!.id}" targetRef="end" />`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:county="http://county-platform.org/schema/bpmn/1.0" id="defs" targetNamespace="http://county-platform.org/test">
  <bpmn:process id="p" name="测试流程" isExecutable="true">
    <bpmn:extensionElements><county:processConfig form="application" /></bpmn:extensionElements>
    <bpmn:startEvent id="start" name="申请"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>
    ${tasks.join('\n')}
    <bpmn:endEvent id="end" name="办结"><bpmn:incoming>${last}</bpmn:incoming></bpmn:endEvent>
    ${flows.join('\n')}
  </bpmn:process>
</bpmn:definitions>`;
}

export const MATERIALS = [
  {
    id: 'm-form',
    name: '申请书',
    format: '纸质',
    originalOrCopy: 'original',
    count: 1,
    medium: 'paper',
    submission: '窗口提交',
    required: true,
  },
  {
    id: 'm-report',
    name: '安全评价报告',
    format: '纸质',
    originalOrCopy: 'original',
    count: 1,
    medium: 'paper',
    submission: '窗口提交',
    required: true,
  },
];

/** Everything a handover at the window brings (RUN-2). */
export const ALL_MATERIALS = [{ materialId: 'm-form' }, { materialId: 'm-report' }];

/** Valid values of the application form. */
export const FORM_DATA = {
  applicantType: 'organisation',
  applicantName: '瓯江化工有限公司',
  creditCode: '91330303MA2AB1234X',
  phone: '13857712345',
};

export const COMPANY = {
  type: 'organisation' as const,
  name: '瓯江化工有限公司',
  idType: 'creditCode' as const,
  idNumber: '91330303MA2AB1234X',
};

export interface World {
  server: TestServer;
  clock: TestClock;
  as: Record<string, ApiClient>;
  ids: {
    county: string;
    aj: string;
    gs: string;
    yz: string;
    officerPost: string;
    chiefPost: string;
    gsWindowPost: string;
  };
  /** The usual flowchart: 受理 (执法人员) → 审核 (执法人员, 检验 excluded) → 决定 (科长). */
  steps: StepSpec[];
}

/** The demo county with its accounts signed in, and a clock the cases run on. */
export async function caseWorld(server: TestServer, usernames: string[]): Promise<World> {
  await seedDemoCounty(server.models, () => undefined);
  const clock = new TestClock();
  server.cases.executor.clock = () => clock.now;
  const as: Record<string, ApiClient> = {};
  for (const name of usernames) as[name] = await signedIn(server, name, DEMO_PASSWORD);
  const unit = async (filter: Record<string, unknown>) =>
    String((await server.models.units.findOne(filter).lean().orFail())._id);
  const post = async (name: string, departmentId: string) =>
    String((await server.models.posts.findOne({ name, departmentId }).lean().orFail())._id);
  const aj = await unit({ name: '龙湾区安全生产监督管理局' });
  const gs = await unit({ name: '龙湾区市场监督管理局' });
  const ids = {
    county: await unit({ kind: 'county' }),
    aj,
    gs,
    yz: await unit({ name: '永中街道' }),
    officerPost: await post('执法人员', aj),
    chiefPost: await post('科长', aj),
    gsWindowPost: await post('登记窗口', gs),
  };
  const steps: StepSpec[] = [
    { id: 'accept', name: '受理', posts: [ids.officerPost], days: 1 },
    {
      id: 'review',
      name: '审核',
      posts: [ids.officerPost],
      days: 3,
      excluded: 'inspection',
      writes: ['description'],
    },
    { id: 'decide', name: '决定', posts: [ids.chiefPost], days: 2 },
  ];
  return { server, clock, as, ids, steps };
}

const ok = <T>(res: { status: number; body: T }, what: string): T => {
  if (res.status >= 300)
    throw new Error(`${what}失败（${res.status}）：${JSON.stringify(res.body)}`);
  return res.body;
};

/** Item content of the AJ department, with a legal and a promised limit. */
export async function itemContent(world: World, extra: Record<string, unknown> = {}) {
  const office = String(
    (
      await world.server.models.units
        .findOne({ name: '执法监察科', departmentId: world.ids.aj })
        .lean()
        .orFail()
    )._id,
  );
  return {
    type: 'XK',
    name: '危险化学品经营许可证核发',
    legalBasis: [
      {
        id: 'b1',
        title: '《危险化学品安全管理条例》',
        article: '第三十三条',
        text: '国家对危险化学品经营（包括仓储经营）实行许可制度。',
      },
    ],
    subject: { unitId: world.ids.aj, nature: 'statutory' },
    acceptanceConditions: '有符合国家标准的经营场所',
    materials: MATERIALS,
    fee: { charged: false },
    legalLimit: { value: 20, unit: 'workingDays' },
    promisedLimit: { value: 10, unit: 'workingDays' },
    office: { unitId: office },
    address: '龙湾区行政审批服务中心 2 楼',
    phone: '0577-86888888',
    supervisionPhone: '0577-86999999',
    handlingKind: 'promised',
    serviceForms: [],
    faq: [],
    ...extra,
  };
}

/** An item created, designed with `steps`, submitted and approved: cases can run on it. */
export async function approvedItem(
  world: World,
  steps: StepSpec[] = world.steps,
  extra: Record<string, unknown> = {},
  /** Changes the drawn flowchart before it is saved (a risk point, say). */
  xmlOf: (xml: string) => string = (xml) => xml,
  /** More of the approval, e.g. `{ trial: true }` for 试运行 (OPS-5). */
  approval: Record<string, unknown> = {},
): Promise<string> {
  const clerk = world.as['aj.clerk']!;
  const reviewer = world.as.reviewer!;
  const created = ok(
    await clerk.post('/api/items', await itemContent(world, extra)),
    '新增事项',
  ) as {
    id: string;
    version: number;
  };
  ok(
    await clerk.put(`/api/items/${created.id}/forms/application`, {
      name: '申请表',
      schema: applicationForm,
      version: 0,
    }),
    '保存申请表',
  );
  const saved = ok(
    await clerk.put(`/api/items/${created.id}/process`, {
      xml: xmlOf(linearProcess(steps)),
      version: 0,
    }),
    '保存流程图',
  ) as { verified: boolean; problems: unknown[] };
  if (!saved.verified) throw new Error(`流程图未通过校验：${JSON.stringify(saved.problems)}`);
  const submitted = ok(
    await clerk.post(`/api/items/${created.id}/submit`, { version: created.version }),
    '提交事项',
  ) as { version: number };
  ok(
    await reviewer.post(`/api/items/${created.id}/approve`, {
      version: submitted.version,
      ...approval,
    }),
    '审核事项',
  );
  return created.id;
}

/** Registers a citizen and signs them in on the portal. */
export async function applicantClient(
  server: TestServer,
  name: string,
  idNumber: string,
): Promise<ApiClient> {
  const client = new ApiClient(server.baseUrl);
  const password = 'Citizen@2026';
  ok(
    await client.post('/api/applicant/register', {
      name,
      idNumber,
      phone: '13900001111',
      password,
    }),
    '注册申请人',
  );
  const res = await client.post('/api/applicant/login', { idNumber, password });
  ok(res, '申请人登录');
  client.csrfToken = res.body.csrfToken;
  return client;
}

/** Starts a case at the AJ window (aj.officer) and answers its id. */
export async function windowCase(
  world: World,
  itemId: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await world.as['aj.officer']!.post('/api/cases', {
    itemId,
    applicant: COMPANY,
    data: FORM_DATA,
    materials: ALL_MATERIALS,
    ...extra,
  });
  return (ok(res, '窗口登记') as { id: string }).id;
}

/** Issues a command as `who`; answers the response. */
export function command(world: World, who: string, caseId: string, body: Record<string, unknown>) {
  return world.as[who]!.post(`/api/cases/${caseId}/commands`, body);
}

/** Issues a command that must succeed. */
export async function must(
  world: World,
  who: string,
  caseId: string,
  body: Record<string, unknown>,
) {
  return ok(await command(world, who, caseId, body), `${who} ${String(body.type)}`) as {
    id: string;
    version: number;
    status: string;
    caseNo?: string;
    workItems: { id: string; nodeId: string; name: string; status: string; assignee?: string }[];
    events: { id: string; type: string }[];
  };
}

/** The live work item at `nodeId`. */
export async function workItemAt(world: World, who: string, caseId: string, nodeId: string) {
  const res = await world.as[who]!.get(`/api/cases/${caseId}`);
  const item = (res.body.state.workItems as { id: string; nodeId: string; status: string }[]).find(
    (w) => w.nodeId === nodeId && ['open', 'claimed', 'waiting'].includes(w.status),
  );
  if (!item) throw new Error(`办件 ${caseId} 在「${nodeId}」没有待办事项`);
  return item.id;
}
