import type { CaseDefinition } from '../../../runtime/cases';
import { PENALTY_FIELDS } from '../../../runtime/cases/discretion';
import type { FormField, FormSchema } from '../../../runtime/forms/schema';
import { formFields } from '../../../runtime/forms/schema';
import { chain, end, processXml, start, user } from '../process/build';
import { APPLICANT, CaseRun, clerk, compile, definition, staff } from './fixtures';

// RUN-17, CAT-2, SUP-2: an ex officio case is opened by an officer against a party, runs its
// legal procedure on the same engine, and its penalty is decided within the item's benchmark.
const officer = staff('u-officer', '吴执法', ['p-officer']);
const chief = staff('u-chief', '郑局长', ['p-chief']);
const outsider = staff('u-out', '赵外人', ['p-other']);

const f = (type: FormField['type'], component: FormField['x-component'], title: string) =>
  ({ type, title, 'x-decorator': 'FormItem', 'x-component': component }) as FormField;
const CASE_FORM: FormSchema = {
  type: 'object',
  properties: {
    facts: f('string', 'Input.TextArea', '违法事实'),
    [PENALTY_FIELDS.benchmark]: f('string', 'Input', '裁量基准'),
    [PENALTY_FIELDS.kind]: f('string', 'Input', '处罚种类'),
    [PENALTY_FIELDS.fine]: f('number', 'NumberPicker', '罚款金额（元）'),
    [PENALTY_FIELDS.mitigation]: {
      ...f('string', 'Select', '从轻减轻'),
      enum: [
        { label: '无', value: 'none' },
        { label: '从轻处罚', value: 'lighter' },
        { label: '减轻处罚', value: 'mitigated' },
        { label: '不予处罚', value: 'exempt' },
      ],
    },
    [PENALTY_FIELDS.article]: f('string', 'Input', '依据条款'),
    [PENALTY_FIELDS.reason]: f('string', 'Input.TextArea', '超出基准的理由'),
  },
};
const writes = (fields: string[]) =>
  fields.map((k) => `<county:fieldPermissions field="${k}" access="write"/>`).join('');

const PARTY = { ...APPLICANT, type: 'organisation' as const, name: '瓯江化工有限公司' };
const BENCHMARKS = [
  {
    id: 'b1',
    violation: '未设置安全警示标志',
    level: 'ordinary' as const,
    circumstance: '逾期未改正',
    penalty: '罚款',
    fineRange: { min: 10_000, max: 30_000 },
  },
  { id: 'b0', level: 'minor' as const, circumstance: '首次违法且及时改正', penalty: '不予处罚' },
];

let def: CaseDefinition;
beforeAll(async () => {
  const forms = {
    case: formFields(CASE_FORM).map(({ key, type, label }) => ({
      key,
      type,
      label,
      required: false,
    })),
  };
  const process = await compile(
    processXml(
      [
        start(),
        user('file', '立案审批', {
          posts: ['p-chief'],
          limit: [3, 'workingDays'],
          config: { stage: 'filing' },
        }),
        user('investigate', '调查取证', {
          posts: ['p-officer'],
          limit: [30, 'naturalDays'],
          config: { stage: 'investigation' },
          children: writes(['facts']),
        }),
        user('decide', '决定', {
          posts: ['p-chief'],
          limit: [5, 'workingDays'],
          config: { stage: 'decision', discretion: 'true' },
          children: writes(Object.values(PENALTY_FIELDS)),
        }),
        user('serve', '送达', {
          posts: ['p-officer'],
          limit: [7, 'workingDays'],
          config: { stage: 'service' },
        }),
        end(),
        ...chain(['start', 'file', 'investigate', 'decide', 'serve', 'end']),
      ],
      { form: 'case' },
    ),
    // An ex officio item has no promised limit to fit the steps into.
    { forms, promisedLimit: undefined },
  );
  def = definition(process, {
    itemName: '对生产经营单位未设置安全警示标志的处罚',
    itemCode: '33030300AJ-CF-0003',
    initiation: 'exOfficio',
    procedure: 'penaltyOrdinary',
    legalLimit: { value: 90, unit: 'naturalDays' },
    discretion: BENCHMARKS,
    forms: [{ key: 'case', schema: CASE_FORM }],
    materials: [{ id: 'm-photo', name: '现场照片', required: false }],
  });
});

function opened(): CaseRun {
  const run = new CaseRun(def);
  run.do(officer, {
    type: 'openExOfficio',
    caseId: 'case-x',
    caseNo: run.caseNo(),
    party: PARTY,
    source: 'inspection',
    sourceNote: '检查发现作业场所未设置安全警示标志',
  });
  return run;
}

function toDecision(run: CaseRun) {
  run.handle(chief, 'file');
  run.handle(officer, 'investigate', { data: { facts: '经查属实' } });
  const item = run.item('decide');
  run.do(chief, { type: 'claim', workItemId: item.id });
  return item.id;
}

const penalty = (extra: Record<string, unknown>) => ({
  [PENALTY_FIELDS.benchmark]: 'b1',
  [PENALTY_FIELDS.kind]: '罚款',
  [PENALTY_FIELDS.mitigation]: 'none',
  ...extra,
});

describe('立案: an ex officio case', () => {
  test('starts in progress at 立案审批 with its number, the party, the source and a 90-day legal limit; no promised limit', () => {
    const run = opened();
    const s = run.s;
    expect(s.status).toBe('inProgress');
    expect(s.channel).toBe('exOfficio');
    expect(s.caseNo).toMatch(/^33030300AJ-\d{8}-\d{6}$/);
    expect(s.applicant.name).toBe('瓯江化工有限公司');
    expect(s.exOfficio).toMatchObject({ source: 'inspection', procedure: 'penaltyOrdinary' });
    expect(s.deadlines.promised).toBeUndefined();
    expect(s.deadlines.legal?.limit).toEqual({ value: 90, unit: 'naturalDays' });
    // 2025-09-22 + 90 natural days is Sunday 12-21: a period ending on a day off ends on the
    // next working day.
    expect(s.deadlines.legal?.dueAt?.slice(0, 10)).toBe('2025-12-22');
    expect(run.liveNodes()).toEqual(['file']);
    expect(run.item('file').acceptance).toBeUndefined();
    expect(run.trail.map((e) => e.action)).toEqual(['open']);
    expect(run.trail[0]!.application).toMatchObject({
      channel: 'exOfficio',
      summary: expect.stringContaining('警示标志'),
    });
  });

  test('nobody outside the flowchart’s posts may open one, a source must be named, an applied-for item cannot be opened', () => {
    const run = new CaseRun(def);
    const base = {
      type: 'openExOfficio' as const,
      caseNo: run.caseNo(),
      party: PARTY,
      source: 'inspection' as const,
      sourceNote: '发现',
    };
    expect(run.fail(outsider, base).code).toBe('not_candidate');
    expect(run.fail(officer, { ...base, source: 'rumour' as never }).code).toBe('invalid_command');
    expect(run.fail(officer, { ...base, sourceNote: ' ' }).code).toBe('invalid_command');
    const applied = new CaseRun({ ...def, initiation: undefined });
    expect(applied.fail(officer, base).message).toMatch(/依申请事项/);
  });

  test('an ex officio item takes no application at a window (RUN-17)', () => {
    const run = new CaseRun(def);
    const err = run.fail(clerk, { type: 'startAtWindow', applicant: APPLICANT });
    expect(err.code).toBe('ex_officio_item');
    expect(err.message).toMatch(/依职权事项/);
  });
});

describe('the penalty is decided within the 自由裁量基准 (CAT-2, SUP-2)', () => {
  test('a fine inside the range stands with no alert; the decision is kept on the case', () => {
    const run = opened();
    const id = toDecision(run);
    run.do(chief, {
      type: 'complete',
      workItemId: id,
      data: penalty({ [PENALTY_FIELDS.fine]: 20_000 }),
    });
    expect(run.s.penalty).toMatchObject({ benchmarkId: 'b1', fineYuan: 20_000, outside: false });
    expect(run.events.some((e) => e.type === 'discretionDeviation')).toBe(false);
    expect(run.liveNodes()).toEqual(['serve']);
  });

  test('a fine outside the range without a reason is refused; with one it stands and raises the alert event', () => {
    const run = opened();
    const id = toDecision(run);
    const err = run.fail(chief, {
      type: 'complete',
      workItemId: id,
      data: penalty({ [PENALTY_FIELDS.fine]: 50_000 }),
    });
    expect(err.code).toBe('outside_benchmark');
    expect(err.message).toMatch(/10000–30000 元/);
    run.do(chief, {
      type: 'complete',
      workItemId: id,
      data: penalty({
        [PENALTY_FIELDS.fine]: 50_000,
        [PENALTY_FIELDS.reason]: '拒不改正且妨碍检查，情节特别严重',
      }),
    });
    expect(run.s.penalty).toMatchObject({
      outside: true,
      reason: expect.stringContaining('拒不改正'),
    });
    const alert = run.events.find((e) => e.type === 'discretionDeviation');
    expect(alert).toMatchObject({ amountFen: 5_000_000, range: '10000–30000 元', workItemId: id });
  });

  test('a benchmark row not in the item, or 从轻 without its article, is refused; 不予处罚 takes no fine', () => {
    const run = opened();
    const id = toDecision(run);
    const complete = (data: Record<string, unknown>) =>
      run.fail(chief, { type: 'complete', workItemId: id, data });
    expect(complete(penalty({ [PENALTY_FIELDS.benchmark]: 'b9' })).message).toMatch(
      /不在本事项的自由裁量基准中/,
    );
    expect(complete({ [PENALTY_FIELDS.kind]: '罚款' }).message).toMatch(/选择违法行为和情节/);
    expect(
      complete(penalty({ [PENALTY_FIELDS.fine]: 15_000, [PENALTY_FIELDS.mitigation]: 'lighter' }))
        .message,
    ).toMatch(/从轻处罚须引用/);
    expect(
      complete(
        penalty({
          [PENALTY_FIELDS.benchmark]: 'b0',
          [PENALTY_FIELDS.mitigation]: 'exempt',
          [PENALTY_FIELDS.article]: '第三十三条',
          [PENALTY_FIELDS.fine]: 100,
        }),
      ).message,
    ).toMatch(/不予处罚时不能处以罚款/);
    run.do(chief, {
      type: 'complete',
      workItemId: id,
      data: penalty({
        [PENALTY_FIELDS.benchmark]: 'b0',
        [PENALTY_FIELDS.kind]: '不予处罚',
        [PENALTY_FIELDS.mitigation]: 'exempt',
        [PENALTY_FIELDS.article]: '《行政处罚法》第三十三条第一款',
      }),
    });
    expect(run.s.penalty).toMatchObject({
      mitigation: 'exempt',
      outside: false,
      article: expect.stringContaining('第三十三条'),
    });
  });
});
