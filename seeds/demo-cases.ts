import { civilDateOf, type WorkCalendar } from '../runtime/calendar';
import {
  CASE_STATUS_LABELS,
  isFinal,
  isLive,
  prepareDefinition,
  type CaseCommand,
  type CaseState,
  type PreparedDefinition,
  type WorkItem,
} from '../runtime/cases';
import { checkCharacter } from '../runtime/personal-data/id-number';
import { defineAbilityFor, type Principal, type Role } from '../server/access/abilities';
import type { CaseService } from '../server/cases';
import type { Caller } from '../server/cases';
import type { SystemCaller } from '../server/cases/department-systems';
import type { ApplicantContext, AuthContext } from '../server/http/api';
import { ApiClient } from './api-client';
import { seedDemoCalendar } from './demo-calendar';
import { DEMO_PASSWORD } from './demo-county';

/**
 * A few hundred cases of the demo county in every state (RUN-1 … RUN-6): generated through the
 * server's own executor — access, numbers, the engine, the guard — with a clock that walks
 * through the last five weeks in office hours; each finished case is then written once
 * (CaseService.batch). The choices come from a seeded random sequence: the same every time.
 */

const CASES = 300;
const MINUTE = 60_000;
const DAY = 86_400_000;

/** More hands for the steps the demo accounts do not cover, created as an administrator would. */
const HANDLERS = [
  {
    username: 'gs.review',
    staffNo: 'GS003',
    name: '朱晓东',
    department: '龙湾区市场监督管理局',
    office: '登记注册科',
    post: '审核人员',
  },
  {
    username: 'gs.chief',
    staffNo: 'GS004',
    name: '潘建华',
    department: '龙湾区市场监督管理局',
    office: '登记注册科',
    post: '科长',
  },
  {
    username: 'mz.officer',
    staffNo: 'MZ002',
    name: '吕晓梅',
    department: '龙湾区民政局',
    office: '社会救助科',
    post: '经办人员',
  },
  {
    username: 'mz.chief',
    staffNo: 'MZ003',
    name: '施国平',
    department: '龙湾区民政局',
    office: '社会救助科',
    post: '科长',
  },
  {
    username: 'rs.officer',
    staffNo: 'RS002',
    name: '毛丽娟',
    department: '龙湾区人力资源和社会保障局',
    office: '就业促进科',
    post: '经办人员',
  },
  {
    username: 'rs.chief',
    staffNo: 'RS003',
    name: '季永强',
    department: '龙湾区人力资源和社会保障局',
    office: '就业促进科',
    post: '科长',
  },
];

const CITIZENS = [
  { name: '王小明', birth: '19850315', seq: '131' },
  { name: '陈雅琴', birth: '19900722', seq: '242' },
  { name: '黄志远', birth: '19780109', seq: '353' },
];

const COMPANIES = [
  '温州瓯江化工有限公司',
  '龙湾永强五金制品厂',
  '温州海城物流有限公司',
  '龙湾蒲州食品有限公司',
  '温州状元机械有限公司',
  '龙湾瑶溪建材有限公司',
  '温州星海贸易有限公司',
  '龙湾沙城包装有限公司',
  '温州天河电器有限公司',
  '龙湾灵昆水产有限公司',
  '温州永中塑料制品有限公司',
  '龙湾海滨服装厂',
];
const SURNAMES = ['陈', '林', '黄', '张', '王', '李', '周', '吴', '郑', '徐', '叶', '潘'];
const GIVEN = [
  '建国',
  '秀英',
  '晓燕',
  '志强',
  '海涛',
  '丽娟',
  '国平',
  '雅琴',
  '永强',
  '小红',
  '文斌',
  '静',
];

type Target =
  | 'preReview'
  | 'preReviewReturned'
  | 'pendingAcceptance'
  | 'acceptanceCorrection'
  | 'refused'
  | 'firstStep'
  | 'laterStep'
  | 'handlingCorrection'
  | 'suspended'
  | 'granted'
  | 'denied'
  | 'withdrawn'
  | 'terminated';

/** Target states and their weights; with the oldest start each needs, in days. */
const TARGETS: [Target, number, number][] = [
  ['preReview', 5, 3],
  ['preReviewReturned', 3, 6],
  ['pendingAcceptance', 8, 4],
  ['acceptanceCorrection', 4, 10],
  ['refused', 4, 20],
  ['firstStep', 10, 25],
  ['laterStep', 12, 30],
  ['handlingCorrection', 4, 25],
  ['suspended', 3, 25],
  ['granted', 30, 35],
  ['denied', 6, 35],
  ['withdrawn', 5, 20],
  ['terminated', 3, 20],
];

/** What an ex officio case can be left at in the demo (RUN-17). */
const EX_OFFICIO_TARGETS: Target[] = [
  'firstStep',
  'laterStep',
  'suspended',
  'granted',
  'terminated',
];

const SOURCE_NOTES = [
  '日常检查发现作业场所未设置安全警示标志',
  '群众举报该单位存在安全生产违法行为',
  '上级部门交办：专项整治中发现的违法线索',
  '相关部门移送的违法案件线索',
];

/** mulberry32: a small, seeded, repeatable sequence. */
function randomFrom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    weighted<T>(xs: readonly [T, number, ...unknown[]][]): T {
      let r = next() * xs.reduce((s, x) => s + x[1], 0);
      for (const x of xs) if ((r -= x[1]) < 0) return x[0];
      return xs[xs.length - 1]![0];
    },
  };
}

interface PublicUser {
  id: string;
  username: string;
  name: string;
  unitId: string;
  departmentId: string;
  countyId: string;
  postIds: string[];
  roles: Role[];
}

interface Staff {
  user: PublicUser;
  caller: Extract<Caller, { kind: 'staff' }>;
}

/** What a session's authenticator would build for this user (server/identity/auth.ts). */
function staffCaller(user: PublicUser): Staff {
  const principal: Principal = {
    kind: 'staff',
    userId: user.id,
    roles: user.roles,
    unitId: user.unitId,
    departmentId: user.departmentId,
    countyId: user.countyId,
    postIds: user.postIds,
  };
  const auth: AuthContext = {
    principal,
    ability: defineAbilityFor(principal),
    display: { username: user.username, name: user.name },
    session: { token: 'seed', csrfToken: 'seed', via: 'password' },
  };
  return { user, caller: { kind: 'staff', auth } };
}

const ok = <T>(res: { status: number; body: T }, what: string): T => {
  if (res.status >= 300) throw new Error(`${what}失败：${JSON.stringify(res.body)}`);
  return res.body;
};

/** A valid resident ID number (GB 11643). */
const residentId = (birth: string, seq: string) => {
  const first = `330303${birth}${seq}`;
  return first + checkCharacter(first);
};

const CREDIT = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function creditCode(rnd: ReturnType<typeof randomFrom>): string {
  let tail = '';
  for (let i = 0; i < 9; i++) tail += rnd.pick([...CREDIT]);
  return `91330303${tail}${rnd.pick([...CREDIT])}`;
}

/** The next moment in office hours (08:30–17:30 Shanghai, working days) at or after `t`, never before it. */
function inOfficeHours(
  t: number,
  calendar: WorkCalendar,
  rnd: ReturnType<typeof randomFrom>,
): number {
  for (let guard = 0; guard < 30; guard++) {
    const local = new Date(t + 8 * 3600_000);
    const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
    if (calendar.isWorkingDay(civilDateOf(new Date(t))) && minutes >= 510 && minutes < 1050)
      return t;
    const startOfLocalDay = t - ((t + 8 * 3600_000) % DAY);
    // Only forward: before 08:30 on a working day that morning; otherwise the next day's (a
    // day off kept the same day once, and its cases' trails ran backwards, issue 13).
    const sameDay = minutes < 510 && calendar.isWorkingDay(civilDateOf(new Date(t)));
    t = startOfLocalDay + (sameDay ? 0 : DAY) + 510 * MINUTE + rnd.int(0, 90) * MINUTE;
  }
  return t;
}

export async function seedDemoCases(
  baseUrl: string,
  cases: CaseService,
  say: (m: string) => void,
  options: { count?: number; now?: Date; seed?: number } = {},
): Promise<number> {
  const t0 = Date.now();
  const rnd = randomFrom(options.seed ?? 20_261_122);
  const now =
    (options.now ?? new Date()).getTime() - ((options.now ?? new Date()).getTime() % MINUTE);
  const count = options.count ?? CASES;
  const login = async (username: string) => {
    const client = new ApiClient(baseUrl);
    ok(await client.login(username, DEMO_PASSWORD), `演示账号 ${username} 登录`);
    return client;
  };
  const admin = await login('admin');
  // Deadlines of cases made in late 2026 reach into 2027 (RUN-6).
  await seedDemoCalendar(admin, say);
  const units = ok(await admin.get('/api/units'), '读取组织机构') as {
    items: { id: string; name: string; departmentId?: string }[];
  };
  const unitNamed = (name: string, departmentId?: string) =>
    units.items.find((u) => u.name === name && (!departmentId || u.departmentId === departmentId));
  const posts = ok(await admin.get('/api/posts?pageSize=200'), '读取岗位') as {
    items: { id: string; unitId: string; name: string }[];
  };

  // More handlers, so that the steps of the GS, MZ and RS items have someone to do them.
  for (const h of HANDLERS) {
    const department = unitNamed(h.department)!;
    const office = unitNamed(h.office, department.id)!;
    const post = posts.items.find((p) => p.unitId === office.id && p.name === h.post)!;
    ok(
      await admin.post('/api/users', {
        username: h.username,
        staffNo: h.staffNo,
        name: h.name,
        unitId: office.id,
        postIds: [post.id],
        roles: ['frontline'],
        password: DEMO_PASSWORD,
      }),
      `新建演示账号 ${h.username}`,
    );
  }
  const users = (
    ok(await admin.get('/api/users?pageSize=200'), '读取用户') as { items: PublicUser[] }
  ).items;
  const staff = users.map(staffCaller);
  const staffNamed = (username: string) => staff.find((s) => s.user.username === username)!;

  // Two department systems push cases (RUN-1, INT-1) and deliver the higher level's replies.
  const systems = new Map<string, SystemCaller>();
  for (const name of ['龙湾区安全生产监督管理局', '龙湾区市场监督管理局']) {
    const department = unitNamed(name)!;
    const created = ok(
      await admin.post('/api/department-systems', {
        departmentId: department.id,
        name: `${name.slice(3, 7)}业务系统`,
      }),
      '登记部门系统',
    ) as { id: string; name: string };
    systems.set(department.id, {
      id: created.id,
      name: created.name,
      countyId: staffNamed('admin').user.countyId,
      departmentId: department.id,
    });
  }

  // Citizens with portal accounts apply online (POR-6).
  const citizens: ApplicantContext[] = [];
  for (const c of CITIZENS) {
    const client = new ApiClient(baseUrl);
    const idNumber = residentId(c.birth, c.seq);
    const password = 'Citizen@2026';
    ok(
      await client.post('/api/applicant/register', {
        name: c.name,
        idNumber,
        phone: '13957700000',
        password,
      }),
      '注册演示申请人',
    );
    const res = ok(
      await client.post('/api/applicant/login', { idNumber, password }),
      '演示申请人登录',
    ) as {
      applicant: { id: string };
    };
    citizens.push({
      applicantId: res.applicant.id,
      display: { username: idNumber, name: c.name },
      session: { token: 'seed', csrfToken: 'seed' },
    });
  }

  const withExclusion = await addInspectionStep(baseUrl, say);

  // Items whose acceptance some demo account can do.
  const items = (
    ok(await admin.get('/api/items?status=approved&pageSize=100'), '读取事项') as {
      items: {
        id: string;
        name: string;
        currentVersion: number;
        departmentId: string;
        countyId: string;
      }[];
    }
  ).items;
  const runnable: {
    id: string;
    countyId: string;
    departmentId: string;
    def: PreparedDefinition;
  }[] = [];
  for (const item of items) {
    const { def } = await cases.definitions.get(item.id, item.currentVersion);
    const prepared = prepareDefinition(def);
    const steps = def.process.nodes.filter((n) => n.kind === 'userTask');
    const covered = steps.every(
      (n) =>
        n.kind === 'userTask' &&
        n.step.posts.some((p) => staff.some((s) => s.user.postIds.includes(p.postId))),
    );
    if (covered)
      runnable.push({
        id: item.id,
        countyId: item.countyId,
        departmentId: item.departmentId,
        def: prepared,
      });
  }
  if (!runnable.length) throw new Error('没有可由演示账号办理的事项');

  const { executor, held, flush } = cases.batch();
  const calendar = await cases.calendars.of(runnable[0]!.countyId);
  let failed = 0;
  const reasons = new Map<string, number>();

  for (let n = 0; n < count; n++) {
    const target = rnd.weighted(TARGETS);
    const oldest = TARGETS.find((x) => x[0] === target)![2];
    // 依职权 items (RUN-17) are opened by 立案: never applied for, accepted, corrected or denied.
    const pool = EX_OFFICIO_TARGETS.includes(target)
      ? runnable
      : runnable.filter((r) => r.def.def.initiation !== 'exOfficio');
    const item =
      target === 'suspended' && withExclusion
        ? (runnable.find((r) => r.id === withExclusion) ?? rnd.pick(pool))
        : rnd.pick(pool);
    const exOfficio = item.def.def.initiation === 'exOfficio';
    const online =
      !exOfficio &&
      (['preReview', 'preReviewReturned', 'withdrawn'].includes(target) || rnd.next() < 0.3);
    const pushed = !exOfficio && !online && systems.has(item.departmentId) && rnd.next() < 0.15;
    let t = inOfficeHours(now - rnd.int(60, oldest * 24 * 60) * MINUTE, calendar, rnd);
    if (t > now - 5 * MINUTE) t = now - rnd.int(5, 120) * MINUTE;
    executor.clock = () => new Date(t);
    try {
      await runCase();
    } catch (err) {
      failed += 1;
      const key = (err as Error).message.slice(0, 60);
      reasons.set(key, (reasons.get(key) ?? 0) + 1);
    }

    async function runCase() {
      const def = item.def.def;
      const person = rnd.next() < 0.3;
      const company = rnd.pick(COMPANIES);
      const personName = rnd.pick(SURNAMES) + rnd.pick(GIVEN);
      const personId = residentId(
        `19${rnd.int(60, 99)}0${rnd.int(1, 9)}1${rnd.int(0, 9)}`,
        String(rnd.int(100, 999)),
      );
      const code = creditCode(rnd);
      const applicant = person
        ? {
            type: 'person' as const,
            name: personName,
            idType: 'residentId' as const,
            idNumber: personId,
          }
        : {
            type: 'organisation' as const,
            name: company,
            idType: 'creditCode' as const,
            idNumber: code,
          };
      const data = person
        ? {
            applicantType: 'person',
            applicantName: personName,
            idNumber: personId,
            phone: `139${rnd.int(10_000_000, 99_999_999)}`,
          }
        : {
            applicantType: 'organisation',
            applicantName: company,
            creditCode: code,
            phone: `0577-86${rnd.int(100_000, 999_999)}`,
          };
      const required = def.materials.filter((m) => m.required).map((m) => ({ materialId: m.id }));
      // Something is missing when a correction at acceptance is what this case is for.
      const materials = target === 'acceptanceCorrection' ? required.slice(1) : required;
      const input = { itemId: item.id, applicant, data, materials, caseName: undefined };
      const citizen = rnd.pick(citizens);
      const started = exOfficio
        ? await executor.openExOfficio(windowStaff(item.def, undefined)!.caller, {
            itemId: item.id,
            party: applicant,
            source: rnd.pick(['inspection', 'report', 'transfer', 'assigned'] as const),
            sourceNote: rnd.pick(SOURCE_NOTES),
          })
        : online
          ? await executor.applyOnline(
              { kind: 'applicant', applicant: citizen },
              {
                ...input,
                applicant: person ? undefined : applicant,
                ...(person
                  ? {
                      data: {
                        ...data,
                        applicantName: citizen.display.name,
                        idNumber: citizen.display.username,
                      },
                    }
                  : {}),
              },
            )
          : pushed
            ? await executor.push(
                { kind: 'system', system: systems.get(item.departmentId)! },
                { ...input, externalRef: `DEMO-${n}` },
              )
            : await executor.startAtWindow(windowStaff(item.def, undefined)!.caller, input);
      const id = started.doc._id;
      let actions = 0;
      for (let guard = 0; guard < 60; guard++) {
        const doc = await executor.visible({ kind: 'scheduler' }, id);
        const s = doc.state;
        if (isFinal(s.status) || reached(s, actions)) return;
        const gap = rnd.next() < 0.03 ? 0.5 : rnd.int(12, rnd.next() < 0.5 ? 240 : 2 * 24 * 60);
        const next = inOfficeHours(t + gap * MINUTE, calendar, rnd);
        if (next > now - MINUTE) return;
        t = next;
        const step = nextCommand(s);
        if (!step) return;
        await executor.run(step.caller, id, step.command);
        actions += 1;
      }

      function reached(s: CaseState, done: number): boolean {
        const handled = s.workItems.filter((w) => w.status === 'completed' && !w.acceptance).length;
        switch (target) {
          case 'preReview':
            return s.status === 'preReview';
          case 'preReviewReturned':
            return s.status === 'preReviewReturned';
          case 'pendingAcceptance':
            return s.status === 'pendingAcceptance';
          case 'acceptanceCorrection':
          case 'handlingCorrection':
            return s.status === 'correction';
          case 'suspended':
            return s.status === 'suspended';
          case 'firstStep':
            return s.status === 'inProgress' && handled === 0 && done >= 2 + rnd.int(0, 1);
          case 'laterStep':
            return s.status === 'inProgress' && handled >= 1 && rnd.next() < 0.5;
          default:
            return false;
        }
      }

      function nextCommand(s: CaseState): { caller: Caller; command: CaseCommand } | undefined {
        const asApplicant = { kind: 'applicant' as const, applicant: citizen };
        if (
          target === 'withdrawn' &&
          s.status !== 'preReview' &&
          rnd.next() < 0.4 &&
          s.applicant.accountId
        ) {
          return {
            caller: asApplicant,
            command: { type: 'withdraw', reason: '申请人不再需要办理' },
          };
        }
        if (target === 'terminated' && s.status === 'inProgress' && rnd.next() < 0.4) {
          return {
            caller: staffNamed('admin').caller,
            command: { type: 'terminate', reason: '申请人主体已注销，无法继续办理' },
          };
        }
        switch (s.status) {
          case 'preReview': {
            const returning = target === 'preReviewReturned' || (rnd.next() < 0.15 && !s.preReview);
            return {
              caller: windowStaff(item.def, s.acceptingUnit.id)!.caller,
              command: returning
                ? {
                    type: 'preReview',
                    decision: 'return',
                    reasons: ['申请书中经营场所地址与营业执照不一致，请核对后重新提交'],
                  }
                : { type: 'preReview', decision: 'pass', opinion: '预审通过，请携带原件到窗口' },
            };
          }
          case 'preReviewReturned':
            return {
              caller: asApplicant,
              command: {
                type: 'submitApplication',
                applicationNo: s.applicationNo!,
                applicant: s.applicant,
                data: { ...(s.forms[0]?.values ?? {}), address: '龙湾区永中街道永定路 1 号' },
              },
            };
          case 'pendingAcceptance': {
            const w = s.workItems.find((x) => x.acceptance && isLive(x))!;
            const by = handler(w)!.caller;
            if (target === 'refused')
              return {
                caller: by,
                command: { type: 'refuse', reason: '申请事项不属于本部门职权范围' },
              };
            const missing = def.materials.filter(
              (m) => m.required && !s.materials.some((r) => r.materialId === m.id),
            );
            if (missing.length && !s.correctionPhases.includes('acceptance')) {
              return {
                caller: by,
                command: {
                  type: 'requestCorrection',
                  items: missing.map((m) => ({ materialId: m.id, reason: '未提交，请一次性补齐' })),
                },
              };
            }
            return {
              caller: by,
              command: {
                type: 'accept',
                caseNo: '',
                materials: missing.map((m) => ({ materialId: m.id })),
                opinion: '材料齐全，予以受理',
              } as CaseCommand,
            };
          }
          case 'correction': {
            const supplied = (s.correction?.items ?? [])
              .filter((i) => i.materialId)
              .map((i) => ({ materialId: i.materialId! }));
            const w = s.workItems.find((x) => x.id === s.correction?.workItemId);
            const caller = s.applicant.accountId ? asApplicant : handler(w!)!.caller;
            return {
              caller,
              command: { type: 'supplyCorrection', materials: supplied, note: '已按补正告知补齐' },
            };
          }
          case 'suspended': {
            const w = s.workItems.find((x) => isLive(x) && x.assignee)!;
            return {
              caller: staffById(w.assignee!.userId)!.caller,
              command: { type: 'resume', opinion: '检验结束，恢复办理' },
            };
          }
          case 'inProgress': {
            const w = s.workItems.find((x) => x.status === 'open' || x.status === 'claimed');
            if (!w) {
              const waiting = s.tokens.find((x) => x.waiting === 'message');
              if (!waiting) return undefined;
              const node = item.def.node(waiting.nodeId);
              const system = systems.get(item.departmentId);
              return {
                caller: system ? { kind: 'system', system } : staffNamed('admin').caller,
                command: {
                  type: 'deliverMessage',
                  messageName: node.kind === 'messageCatch' ? node.messageName : undefined,
                  messageId: node.kind === 'messageCatch' ? node.messageId : undefined,
                  deliveryId: `REPLY-${n}`,
                  outcome: 'approve',
                  opinion: '经研究，同意',
                },
              };
            }
            if (w.status === 'open')
              return { caller: handler(w)!.caller, command: { type: 'claim', workItemId: w.id } };
            const by = staffById(w.assignee!.userId)!.caller;
            const node = item.def.userTask(w.nodeId);
            if (target === 'handlingCorrection' && !s.correctionPhases.includes('handling')) {
              return {
                caller: by,
                command: {
                  type: 'requestCorrection',
                  workItemId: w.id,
                  items: [{ name: '补充说明材料', reason: '审查中发现须补充经营场所平面图' }],
                },
              };
            }
            if (target === 'suspended' && node.step.excludedTimes.length) {
              return {
                caller: by,
                command: {
                  type: 'suspend',
                  workItemId: w.id,
                  procedure: node.step.excludedTimes[0]!.kind,
                  reason: '送检测机构现场检验',
                },
              };
            }
            if (node.step.discretion) {
              // 自由裁量 (CAT-2): within the benchmark, now and then above it with a reason.
              const rows = def.discretion ?? [];
              const row = rows.find((r) => r.fineRange) ?? rows[0];
              if (row) {
                const range = row.fineRange;
                const above = !!range && rnd.next() < 0.08;
                return {
                  caller: by,
                  command: {
                    type: 'complete',
                    workItemId: w.id,
                    outcome: 'approve',
                    opinion: '经集体讨论，按裁量基准作出处罚决定',
                    data: {
                      penaltyBenchmark: row.id,
                      penaltyKind: range ? '罚款' : row.penalty,
                      ...(range
                        ? {
                            penaltyFine: above
                              ? range.max + 10_000
                              : Math.round((range.min + range.max) / 2 / 100) * 100,
                          }
                        : {}),
                      penaltyMitigation: 'none',
                      ...(above
                        ? { penaltyReason: '当事人拒不配合检查并转移证据，情节特别严重' }
                        : {}),
                    },
                  },
                };
              }
            }
            if (item.def.isFinalStep(w.nodeId) && !w.multi) {
              const denied = target === 'denied';
              return {
                caller: by,
                command: {
                  type: 'conclude',
                  workItemId: w.id,
                  decision: exOfficio
                    ? { result: 'granted', text: '处罚决定已执行完毕，结案' }
                    : denied
                      ? { result: 'denied', text: '经审查，申请不符合法定条件，决定不予许可' }
                      : { result: 'granted', text: '经审查，申请符合法定条件，决定准予许可' },
                  opinion: denied ? '不同意' : '同意',
                },
              };
            }
            return {
              caller: by,
              command: {
                type: 'complete',
                workItemId: w.id,
                outcome: 'approve',
                opinion: rnd.pick([
                  '经审查符合条件',
                  '材料齐全，同意',
                  '现场核查无异常',
                  '同意，报领导审定',
                ]),
              },
            };
          }
          default:
            return undefined;
        }
      }
    }
  }

  function staffById(id: string) {
    return staff.find((s) => s.user.id === id);
  }

  /** Someone who may take this work item: holds a candidate post, in its unit when bound. */
  function handler(w: WorkItem) {
    return staff.find(
      (s) =>
        w.candidatePostIds.some((p) => s.user.postIds.includes(p)) &&
        (!w.unitBound || s.user.unitId === w.unit.id || s.user.departmentId === w.unit.id),
    );
  }

  /** A window clerk of the item's acceptance posts (at `unitId`, when given). */
  function windowStaff(def: PreparedDefinition, unitId: string | undefined) {
    return staff.find(
      (s) =>
        def.acceptancePostIds.some((p) => s.user.postIds.includes(p)) &&
        (!unitId || s.user.unitId === unitId || s.user.departmentId === unitId),
    );
  }

  // Timers that came due and deadline reminders, as the scheduler would have sent them by now.
  executor.clock = () => new Date(now);
  for (const doc of held()) {
    if (isFinal(doc.state.status)) continue;
    await executor.run({ kind: 'scheduler' }, doc._id, { type: 'tick' }).catch(() => undefined);
  }
  const written = await flush();
  const byStatus = new Map<string, number>();
  for (const v of cases.index.all()) {
    const label = CASE_STATUS_LABELS[v.status];
    byStatus.set(label, (byStatus.get(label) ?? 0) + 1);
  }
  say(
    `演示办件已生成：${written} 件（${[...byStatus].map(([k, v]) => `${k} ${v} 件`).join('，')}），` +
      `用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒` +
      (failed
        ? `；${failed} 件中途停止：${[...reasons].map(([k, v]) => `${k}×${v}`).join('；')}`
        : ''),
  );
  return written;
}

/**
 * 暂停 needs a step that declares excluded time (PROC-2). One AJ item is changed, as its clerk
 * would, so that its 审核 may stop the clock for 检验; the reviewer approves version 2.
 */
async function addInspectionStep(
  baseUrl: string,
  say: (m: string) => void,
): Promise<string | undefined> {
  const clerk = new ApiClient(baseUrl);
  const reviewer = new ApiClient(baseUrl);
  ok(await clerk.login('aj.clerk', DEMO_PASSWORD), '演示账号登录');
  ok(await reviewer.login('reviewer', DEMO_PASSWORD), '演示账号登录');
  const list = ok(await clerk.get('/api/items?status=approved&pageSize=100'), '读取事项') as {
    items: { id: string; name: string; departmentId: string }[];
  };
  for (const candidate of list.items) {
    const process = ok(await clerk.get(`/api/items/${candidate.id}/process`), '读取流程图') as {
      xml?: string;
      version: number;
    };
    const xml = process.xml ?? '';
    const review =
      /(<bpmn:userTask id="Task_review" name="审核">[\s\S]*?)(<\/county:stepConfig>)/.exec(xml);
    if (!review || !/执法人员/.test(review[1]!)) continue;
    const item = ok(await clerk.get(`/api/items/${candidate.id}`), '读取事项') as {
      version: number;
      draft: { acceptanceConditions?: string };
    };
    const patched = ok(
      await clerk.patch(`/api/items/${candidate.id}`, {
        version: item.version,
        acceptanceConditions: `${item.draft.acceptanceConditions ?? ''}（需现场检验的，检验时间不计入办理时限）`,
        reason: '审核环节增加现场检验，检验时间依法不计入办理时限',
      }),
      '变更事项',
    ) as { version: number };
    const changed = xml.replace(
      review[0],
      `${review[1]}<county:excludedTime kind="inspection" reason="行政许可法第四十五条：检验时间不计入期限" />${review[2]}`,
    );
    ok(
      await clerk.put(`/api/items/${candidate.id}/process`, {
        xml: changed,
        version: process.version,
      }),
      '保存流程图',
    );
    const submitted = ok(
      await clerk.post(`/api/items/${candidate.id}/submit`, { version: patched.version }),
      '提交变更',
    ) as { version: number };
    ok(
      await reviewer.post(`/api/items/${candidate.id}/approve`, { version: submitted.version }),
      '审核变更',
    );
    say(`演示事项「${candidate.name}」变更为第 2 版：审核环节可因检验暂停计时`);
    return candidate.id;
  }
  return undefined;
}
