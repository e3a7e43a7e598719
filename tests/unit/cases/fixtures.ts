import fs from 'node:fs';
import path from 'node:path';
import { WorkCalendar, civilDateOf } from '../../../runtime/calendar';
import { formatCaseNo } from '../../../runtime/numbers';
import {
  CaseError,
  executeCommand,
  type Actor,
  type CaseCommand,
  type CaseDefinition,
  type CaseEvent,
  type CaseState,
  type EngineRules,
} from '../../../runtime/cases';
import type { FormField, FormSchema } from '../../../runtime/forms/schema';
import { formFields } from '../../../runtime/forms/schema';
import type { CompiledProcess } from '../../../runtime/process/compiled';
import { verifyProcess, type VerificationContext } from '../../../runtime/process/verify';
import type { TrailEntry } from '../../../runtime/trail';

export const calendar = WorkCalendar.official();

const field = (
  type: FormField['type'],
  component: FormField['x-component'],
  title: string,
  extra: Partial<FormField> = {},
): FormField => ({ type, title, 'x-decorator': 'FormItem', 'x-component': component, ...extra });

/** The application form: what the applicant fills in. */
export const APPLY_FORM: FormSchema = {
  type: 'object',
  properties: {
    companyName: field('string', 'Input', '企业名称', { 'x-index': 0, required: true }),
    amount: field('number', 'NumberPicker', '投资额', { 'x-index': 1, required: true }),
    scale: field('string', 'Select', '规模', {
      'x-index': 2,
      required: true,
      enum: [
        { label: '小型', value: 'small' },
        { label: '中型', value: 'medium' },
        { label: '大型', value: 'large' },
      ],
    }),
  },
};

/** A step form: the reviewer's findings. */
export const REVIEW_FORM: FormSchema = {
  type: 'object',
  properties: {
    finding: field('string', 'Input.TextArea', '审查意见', { 'x-index': 0, required: true }),
    score: field('number', 'NumberPicker', '评分', { 'x-index': 1 }),
    secret: field('string', 'Input', '内部备注', { 'x-index': 2 }),
  },
};

export const FORMS = [
  { key: 'apply', schema: APPLY_FORM },
  { key: 'review', schema: REVIEW_FORM },
];

export const APPLICATION = { companyName: '瓯江化工有限公司', amount: 500, scale: 'small' };

/** What verification checks a diagram against: the forms above, as the server builds it. */
export function verificationContext(extra: Partial<VerificationContext> = {}): VerificationContext {
  const forms: VerificationContext['forms'] = {};
  for (const { key, schema } of FORMS) {
    forms[key] = formFields(schema).map(({ key: k, type, label, options }) => ({
      key: k,
      type,
      label,
      required: Boolean(schema.properties[k]?.required),
      ...(options ? { options } : {}),
    }));
  }
  return { promisedLimit: { value: 20, unit: 'workingDays' }, forms, ...extra };
}

export async function compile(
  xml: string,
  extra: Partial<VerificationContext> = {},
): Promise<CompiledProcess> {
  const result = await verifyProcess(xml, verificationContext(extra));
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.rule}: ${p.message}`).join('\n'));
  return result.compiled;
}

export const SUBJECT = { id: 'dept-aj', name: '龙湾区应急管理局' };
export const TOWNSHIP = { id: 'town-yz', name: '永中街道' };

export function definition(
  process: CompiledProcess,
  extra: Partial<CaseDefinition> = {},
): CaseDefinition {
  return {
    itemId: 'item-1',
    itemVersion: 3,
    itemName: '危险化学品经营许可证核发',
    itemCode: '33030300AJ-XK-0001',
    subject: SUBJECT,
    handlingKind: 'promised',
    promisedLimit: { value: 10, unit: 'workingDays' },
    legalLimit: { value: 20, unit: 'workingDays' },
    materials: [
      { id: 'm-licence', name: '营业执照', required: true },
      { id: 'm-plan', name: '安全评价报告', required: true },
      { id: 'm-photo', name: '场所照片', required: false },
    ],
    process,
    forms: FORMS,
    ...extra,
  };
}

export const staff = (
  userId: string,
  name: string,
  postIds: string[],
  extra: Partial<Actor> = {},
): Actor => ({
  userId,
  name,
  unitId: 'office-xk',
  departmentId: SUBJECT.id,
  postIds,
  roles: ['frontline'],
  kind: 'staff',
  staffNo: userId.toUpperCase(),
  departmentName: SUBJECT.name,
  unitName: '行政审批科',
  ...extra,
});

export const clerk = staff('u-clerk', '陈晓燕', ['p-window']);
export const clerk2 = staff('u-clerk2', '王海', ['p-window']);
export const townClerk = staff('u-town', '李娜', ['p-window'], {
  unitId: 'town-yz-centre',
  departmentId: TOWNSHIP.id,
  departmentName: TOWNSHIP.name,
});
export const reviewer = staff('u-review', '林建国', ['p-review']);
export const reviewer2 = staff('u-review2', '周敏', ['p-review']);
export const chief = staff('u-chief', '郑国强', ['p-decide']);
export const expert = staff('u-expert', '吴专家', ['p-expert']);
export const outsider = staff('u-out', '赵外人', ['p-other']);
export const admin = staff('u-admin', '系统管理员', [], { roles: ['admin'] });
export const supervisor = staff('u-sup', '监察员', [], { roles: ['supervisor'] });
export const applicantActor: Actor = {
  userId: 'acct-1',
  name: '瓯江化工有限公司',
  unitId: '',
  departmentId: '',
  postIds: [],
  roles: [],
  kind: 'applicant',
};
export const otherApplicant: Actor = { ...applicantActor, userId: 'acct-2', name: '他人' };
export const system: Actor = { ...applicantActor, userId: 'sys', name: '调度程序', kind: 'system' };

export const APPLICANT = {
  type: 'organisation' as const,
  name: '瓯江化工有限公司',
  idType: 'creditCode' as const,
  idNumber: '91330303MA2XXXXX0K',
  accountId: 'acct-1',
};

export const ALL_MATERIALS = [
  { materialId: 'm-licence', files: [{ fileId: 'f1', name: '营业执照.pdf' }] },
  { materialId: 'm-plan', files: [{ fileId: 'f2', name: '安全评价报告.pdf' }] },
];

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

/** Monday 2025-09-22 09:00 in Shanghai. */
export const MONDAY = new Date('2025-09-22T01:00:00Z');

/**
 * Runs commands on one case as the server would: each result's state is the next input, the
 * trail and events accumulate, and the clock moves ten minutes per command unless told.
 */
export class CaseRun {
  state: CaseState | null = null;
  trail: TrailEntry[] = [];
  events: CaseEvent[] = [];
  now: Date;
  private n = 0;

  constructor(
    readonly def: CaseDefinition,
    start = MONDAY,
    readonly rules: Partial<EngineRules> = {},
  ) {
    this.now = new Date(start);
  }

  get s(): CaseState {
    if (!this.state) throw new Error('no case yet');
    return this.state;
  }

  context(actor: Actor) {
    return { now: this.now, calendar, actor, newId: () => `id${++this.n}`, rules: this.rules };
  }

  do(actor: Actor, command: CaseCommand, options: { at?: Date; advanceMs?: number } = {}) {
    this.now = options.at ?? new Date(this.now.getTime() + (options.advanceMs ?? 600_000));
    // Frozen: a command that changed the state it was given would throw here.
    deepFreeze(this.state);
    const result = executeCommand(this.def, this.state, command, this.context(actor));
    this.state = result.state;
    this.trail.push(...result.trail);
    this.events.push(...result.events);
    return result;
  }

  /** The CaseError a command gets; the state stays as it was. */
  fail(actor: Actor, command: CaseCommand, options: { at?: Date } = {}): CaseError {
    const before = JSON.stringify(this.state);
    deepFreeze(this.state);
    const at = options.at ?? new Date(this.now.getTime() + 600_000);
    try {
      executeCommand(this.def, this.state, command, { ...this.context(actor), now: at });
    } catch (error) {
      expect(JSON.stringify(this.state)).toBe(before);
      if (error instanceof CaseError) return error;
      throw error;
    }
    throw new Error(`expected ${command.type} to be refused`);
  }

  /** The live work item at a node (the only one, unless an index is given). */
  item(nodeId: string, index = 0) {
    const live = this.s.workItems.filter(
      (w) =>
        w.nodeId === nodeId &&
        (w.status === 'open' || w.status === 'claimed' || w.status === 'waiting'),
    );
    const item = live[index];
    if (!item)
      throw new Error(
        `no live work item at ${nodeId}: ${JSON.stringify(this.s.workItems.map((w) => [w.nodeId, w.status]))}`,
      );
    return item;
  }

  liveNodes(): string[] {
    return this.s.workItems
      .filter((w) => w.status === 'open' || w.status === 'claimed' || w.status === 'waiting')
      .map((w) => w.nodeId)
      .sort();
  }

  /** claim + complete. */
  handle(
    actor: Actor,
    nodeId: string,
    input: Partial<Extract<CaseCommand, { type: 'complete' }>> = {},
  ) {
    // The first live item there that the actor can take.
    const item = this.s.workItems.find(
      (w) =>
        w.nodeId === nodeId &&
        ((w.status === 'open' && w.candidatePostIds.some((p) => actor.postIds.includes(p))) ||
          (w.status === 'claimed' && w.assignee?.userId === actor.userId)),
    );
    if (!item) throw new Error(`${actor.name} has nothing to take at ${nodeId}`);
    if (item.status === 'open') this.do(actor, { type: 'claim', workItemId: item.id });
    // The templates' review steps ask for an opinion and 同意 / 不同意 (issue 13): a test
    // that leaves one out on purpose passes it as `undefined`.
    const opinion = 'opinion' in input ? {} : { opinion: '经审查，同意' };
    const outcome = 'outcome' in input || input.decision ? {} : { outcome: 'approve' as const };
    return this.do(actor, {
      type: 'complete',
      workItemId: item.id,
      ...opinion,
      ...outcome,
      ...input,
    });
  }

  /** A case number of the next command's day (ten minutes on), as the server would claim it. */
  caseNo(serial = 1): string {
    const day = civilDateOf(new Date(this.now.getTime() + 600_000));
    return formatCaseNo({ subjectCode: this.def.itemCode.split('-')[0]!, date: day, serial });
  }

  startAtWindow(extra: Partial<Extract<CaseCommand, { type: 'startAtWindow' }>> = {}) {
    return this.do(clerk, {
      type: 'startAtWindow',
      caseId: 'case-1',
      applicant: APPLICANT,
      data: APPLICATION,
      materials: ALL_MATERIALS,
      ...extra,
    });
  }

  accept(actor: Actor = clerk, extra: Partial<Extract<CaseCommand, { type: 'accept' }>> = {}) {
    return this.do(actor, { type: 'accept', caseNo: this.caseNo(), ...extra });
  }
}

const TEMPLATES = path.resolve(__dirname, '../../../templates/processes');

/** A template bound to the application form, with posts on its steps, as a clerk does first (PROC-5). */
export function templateWithPosts(
  file: string,
  posts: Record<string, string>,
  fallback = 'p-review',
): string {
  const xml = fs
    .readFileSync(path.join(TEMPLATES, file), 'utf8')
    .replace(
      /(<bpmn:process\b[^>]*>)/,
      '$1<bpmn:extensionElements><county:processConfig form="apply"/></bpmn:extensionElements>',
    );
  return xml.replace(
    /(<bpmn:userTask id="([^"]+)"[\s\S]*?<county:stepConfig\b[^>]*?)(\/?)>/g,
    (_m, head: string, id: string, selfClosing: string) => {
      const ref = `<county:posts postId="${posts[id] ?? fallback}" name="${posts[id] ?? fallback}岗"/>`;
      return selfClosing ? `${head}>${ref}</county:stepConfig>` : `${head}>${ref}`;
    },
  );
}
