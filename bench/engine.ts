/**
 * Case engine throughput (issue 6; target ≥ 50,000 engine-only transitions per second on one
 * core). A realistic flow — start → 受理 → 审核 → gateway → 决定 → end — is run for many cases,
 * each step claimed and completed, by our engine and, for comparison, by bpmn-engine in-process.
 *
 * A transition is one command applied to a case: startAtWindow, claim, accept, claim, complete,
 * claim, complete — seven per case. "Engine only" is `decide` (state, events, unhashed trail
 * entries); "with trail" is `executeCommand`, which also hashes every trail entry with SM3.
 * bpmn-engine has no claims, forms, deadlines or trail: it starts the process and signals the
 * three user tasks, so its figure is cases and task completions per second.
 *
 * Our figures are the median of five rounds; bpmn-engine, two orders of magnitude slower, runs
 * once. `npm run bench:engine` (tsx bench/engine.ts); BENCH_CASES sets the number of cases (2000), BENCH_PARTS
 * which runs to make (`engine,trail,bpmn-engine`, all by default).
 */
import { EventEmitter } from 'node:events';
import { WorkCalendar, civilDateOf } from '../runtime/calendar';
import { formatCaseNo } from '../runtime/numbers';
import {
  decide,
  executeCommand,
  type Actor,
  type CaseCommand,
  type CaseDefinition,
  type CaseState,
} from '../runtime/cases';
import type { FormSchema } from '../runtime/forms/schema';
import { verifyProcess } from '../runtime/process/verify';

const CASES = Number(process.env.BENCH_CASES ?? 2000);
/** Our runs are short: the median of several rounds steadies the figure on a shared machine. */
const ROUNDS = 5;
const COMMANDS_PER_CASE = 7;

const step = (id: string, name: string, post: string, limit: number) =>
  `<bpmn:userTask id="${id}" name="${name}"><bpmn:extensionElements>` +
  `<county:stepConfig limitValue="${limit}" limitUnit="workingDays"><county:posts postId="${post}" name="${name}岗"/></county:stepConfig>` +
  `</bpmn:extensionElements></bpmn:userTask>`;

const seq = (id: string, from: string, to: string, condition?: string) =>
  condition
    ? `<bpmn:sequenceFlow id="${id}" name="${id}" sourceRef="${from}" targetRef="${to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>`
    : `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`;

const HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"' +
  ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:county="http://county-platform.org/schema/bpmn/1.0"' +
  ' id="d" targetNamespace="http://county-platform.org/bench">';

/** Ours: the county extension and FEEL conditions. */
const COUNTY_XML =
  HEAD +
  '<bpmn:process id="p" name="承诺件" isExecutable="true"><bpmn:extensionElements><county:processConfig form="apply"/></bpmn:extensionElements>' +
  '<bpmn:startEvent id="start" name="申请"/>' +
  step('accept', '受理', 'p-window', 1) +
  step('review', '审核', 'p-review', 3) +
  '<bpmn:exclusiveGateway id="gw" name="审核结果"/>' +
  step('decide', '决定', 'p-decide', 2) +
  step('recheck', '复核', 'p-decide', 2) +
  '<bpmn:exclusiveGateway id="merge"/>' +
  '<bpmn:endEvent id="end" name="办结"/>' +
  seq('f1', 'start', 'accept') +
  seq('f2', 'accept', 'review') +
  seq('f3', 'review', 'gw') +
  seq('approve', 'gw', 'decide', 'outcome = &quot;approve&quot;') +
  seq('reject', 'gw', 'recheck', 'outcome != &quot;approve&quot;') +
  seq('f4', 'decide', 'merge') +
  seq('f5', 'recheck', 'merge') +
  seq('f6', 'merge', 'end') +
  '</bpmn:process></bpmn:definitions>';

/** bpmn-engine's: the same graph, its own expression syntax. */
const PLAIN_XML =
  HEAD +
  '<bpmn:process id="p" isExecutable="true"><bpmn:startEvent id="start"/>' +
  '<bpmn:userTask id="accept"/><bpmn:userTask id="review"/>' +
  '<bpmn:exclusiveGateway id="gw" default="reject"/>' +
  '<bpmn:userTask id="decide"/><bpmn:userTask id="recheck"/><bpmn:exclusiveGateway id="merge"/>' +
  '<bpmn:endEvent id="end"/>' +
  seq('f1', 'start', 'accept') +
  seq('f2', 'accept', 'review') +
  seq('f3', 'review', 'gw') +
  seq('approve', 'gw', 'decide', '${environment.variables.approve}') +
  seq('reject', 'gw', 'recheck') +
  seq('f4', 'decide', 'merge') +
  seq('f5', 'recheck', 'merge') +
  seq('f6', 'merge', 'end') +
  '</bpmn:process></bpmn:definitions>';

const field = (
  type: 'string' | 'number',
  component: 'Input' | 'NumberPicker',
  title: string,
  i: number,
) =>
  ({
    type,
    title,
    'x-decorator': 'FormItem',
    'x-component': component,
    'x-index': i,
    required: true,
  }) as const;

const APPLY: FormSchema = {
  type: 'object',
  properties: {
    companyName: field('string', 'Input', '企业名称', 0),
    amount: field('number', 'NumberPicker', '投资额', 1),
  },
};

const staff = (userId: string, post: string): Actor => ({
  userId,
  name: userId,
  unitId: 'office',
  departmentId: 'dept',
  postIds: [post],
  roles: [],
  kind: 'staff',
});
const CLERK = staff('clerk', 'p-window');
const REVIEWER = staff('reviewer', 'p-review');
const CHIEF = staff('chief', 'p-decide');

async function definition(): Promise<CaseDefinition> {
  const verified = await verifyProcess(COUNTY_XML, {
    promisedLimit: { value: 10, unit: 'workingDays' },
    forms: {
      apply: [
        { key: 'companyName', type: 'text', required: true },
        { key: 'amount', type: 'number', required: true },
      ],
    },
  });
  if (!verified.ok) throw new Error(verified.problems.map((p) => p.message).join('\n'));
  return {
    itemId: 'item',
    itemVersion: 1,
    itemName: '危险化学品经营许可证核发',
    itemCode: '33030300AJ-XK-0001',
    subject: { id: 'dept', name: '应急管理局' },
    handlingKind: 'promised',
    promisedLimit: { value: 10, unit: 'workingDays' },
    legalLimit: { value: 20, unit: 'workingDays' },
    materials: [{ id: 'm1', name: '营业执照', required: true }],
    process: verified.compiled,
    forms: [{ key: 'apply', schema: APPLY }],
  };
}

type Step = (state: CaseState | null, command: CaseCommand, actor: Actor, at: number) => CaseState;

/** One case, claim and complete at every step; returns the number of transitions. */
function runCase(apply: Step, n: number): number {
  const base = Date.UTC(2025, 10, 3, 1, 0, 0) + (n % 500) * 1000;
  let t = 0;
  const at = () => base + ++t * 600_000;
  let s = apply(
    null,
    {
      type: 'startAtWindow',
      caseId: `case-${n}`,
      applicant: {
        type: 'organisation',
        name: '瓯江化工',
        idType: 'creditCode',
        idNumber: '91330303MA2XXXXX0K',
      },
      data: { companyName: '瓯江化工', amount: 500 },
      materials: [{ materialId: 'm1' }],
    },
    CLERK,
    at(),
  );
  const item = (nodeId: string) =>
    s.workItems.find((w) => w.nodeId === nodeId && w.status === 'open')!.id;
  const acceptId = item('accept');
  s = apply(s, { type: 'claim', workItemId: acceptId }, CLERK, at());
  s = apply(
    s,
    {
      type: 'accept',
      workItemId: acceptId,
      caseNo: formatCaseNo({
        subjectCode: '33030300AJ',
        date: civilDateOf(new Date(base + t * 600_000 + 600_000)),
        serial: (n % 999_999) + 1,
      }),
    },
    CLERK,
    at(),
  );
  const reviewId = item('review');
  s = apply(s, { type: 'claim', workItemId: reviewId }, REVIEWER, at());
  s = apply(
    s,
    { type: 'complete', workItemId: reviewId, outcome: 'approve', opinion: '同意' },
    REVIEWER,
    at(),
  );
  const decideId = item('decide');
  s = apply(s, { type: 'claim', workItemId: decideId }, CHIEF, at());
  s = apply(
    s,
    {
      type: 'complete',
      workItemId: decideId,
      outcome: 'approve',
      decision: { result: 'granted', text: '准予' },
    },
    CHIEF,
    at(),
  );
  if (s.status !== 'concluded') throw new Error(`case ${n} ended ${s.status}`);
  return COMMANDS_PER_CASE;
}

function ours(def: CaseDefinition, withTrail: boolean): { seconds: number; transitions: number } {
  const calendar = WorkCalendar.official();
  let id = 0;
  const newId = () => `i${++id}`;
  const apply: Step = (state, command, actor, at) => {
    const context = { now: new Date(at), calendar, actor, newId };
    return withTrail
      ? executeCommand(def, state, command, context).state
      : decide(def, state, command, context).state;
  };
  for (let i = 0; i < 2000; i++) runCase(apply, i);
  const rounds: number[] = [];
  let transitions = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const started = process.hrtime.bigint();
    transitions = 0;
    for (let i = 0; i < CASES; i++) transitions += runCase(apply, i);
    rounds.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  rounds.sort((a, b) => a - b);
  return { seconds: rounds[Math.floor(ROUNDS / 2)]!, transitions };
}

async function theirs(): Promise<{ seconds: number; signals: number }> {
  const { Engine } = await import('bpmn-engine');
  const { BpmnModdle } = await import('bpmn-moddle');
  const Elements = await import('bpmn-elements');
  const { default: serializer, TypeResolver } = await import('moddle-context-serializer');
  // Parsed and serialised once, as our compiled process is: each case pays only for running.
  const moddleContext = await new BpmnModdle().fromXML(PLAIN_XML);
  const sourceContext = serializer(moddleContext, TypeResolver({ ...Elements }));
  const runOne = async (n: number) => {
    const listener = new EventEmitter();
    let signals = 0;
    listener.on('wait', (api: { signal(message?: unknown): void }) => {
      signals++;
      api.signal({ opinion: '同意' });
    });
    const engine = new Engine({ name: `case-${n}`, sourceContext, variables: { approve: true } });
    const ended = new Promise<void>((resolve, reject) => {
      engine.once('end', () => resolve());
      engine.once('error', reject);
    });
    await engine.execute({ listener });
    await ended;
    return signals;
  };
  for (let i = 0; i < 100; i++) await runOne(i);
  const started = process.hrtime.bigint();
  let signals = 0;
  for (let i = 0; i < CASES; i++) signals += await runOne(i);
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, signals };
}

const PARTS = (process.env.BENCH_PARTS ?? 'engine,trail,bpmn-engine').split(',');

async function main(): Promise<void> {
  const def = await definition();
  const none = { seconds: NaN, transitions: 0, signals: 0 };
  const engineOnly = PARTS.includes('engine') ? ours(def, false) : none;
  const withTrail = PARTS.includes('trail') ? ours(def, true) : none;
  const other = PARTS.includes('bpmn-engine') ? await theirs() : none;
  const rate = (n: number, s: number) =>
    Number.isNaN(s) ? '—' : Math.round(n / s).toLocaleString('en-US');
  const rows = [
    ['', 'cases', 'seconds', 'cases/s', 'transitions/s', 'user tasks done/s'],
    [
      'case engine, engine only (decide)',
      CASES,
      engineOnly.seconds.toFixed(2),
      rate(CASES, engineOnly.seconds),
      rate(engineOnly.transitions, engineOnly.seconds),
      rate(CASES * 3, engineOnly.seconds),
    ],
    [
      'case engine, with SM3 trail (executeCommand)',
      CASES,
      withTrail.seconds.toFixed(2),
      rate(CASES, withTrail.seconds),
      rate(withTrail.transitions, withTrail.seconds),
      rate(CASES * 3, withTrail.seconds),
    ],
    [
      'bpmn-engine 25, in-process',
      CASES,
      other.seconds.toFixed(2),
      rate(CASES, other.seconds),
      '—',
      rate(other.signals, other.seconds),
    ],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  for (const row of rows) console.log(row.map((c, i) => String(c).padEnd(widths[i]!)).join('  '));
  console.log(
    `\nA transition is one command (${COMMANDS_PER_CASE} per case: start, claim+accept, claim+complete ×2); ` +
      'target ≥ 50,000/s engine only, one core.',
  );
}

void main();
