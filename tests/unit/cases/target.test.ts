import type { CaseDefinition } from '../../../runtime/cases';
import { CaseError } from '../../../runtime/cases/errors';
import { chain, end, processXml, start, user } from '../process/build';
import { CaseRun, clerk, compile, definition, reviewer, staff } from './fixtures';

// PROC-6, SUP-4, SUP-5: a 督办 or complaint sends steps to the unit it is about, named when it
// starts; that unit's leading posts handle them there, and nobody else's.
const TARGET = { unit: { id: 'dept-gs', name: '市场监督管理局' }, postIds: ['p-gs-chief'] };
const gsChief = staff('u-gs-chief', '周科长', ['p-gs-chief'], {
  unitId: 'office-gs',
  departmentId: 'dept-gs',
  departmentName: '市场监督管理局',
});
const otherChief = staff('u-ms-chief', '王科长', ['p-gs-chief'], {
  unitId: 'office-ms',
  departmentId: 'dept-ms',
  departmentName: '民政局',
});

let def: CaseDefinition;
let plain: CaseDefinition;
beforeAll(async () => {
  def = definition(
    await compile(
      processXml(
        [
          start(),
          user('accept', '立项', { posts: ['p-window'], limit: [2, 'workingDays'] }),
          user('review', '审核', { posts: ['p-review'], limit: [2, 'workingDays'] }),
          user('sign', '签收', {
            posts: [],
            limit: [2, 'workingDays'],
            config: { handledBy: 'target' },
          }),
          user('answer', '反馈', {
            posts: [],
            limit: [5, 'workingDays'],
            config: { handledBy: 'target' },
          }),
          user('close', '审结', { posts: ['p-review'], limit: [2, 'workingDays'] }),
          end(),
          ...chain(['start', 'accept', 'review', 'sign', 'answer', 'close', 'end']),
        ],
        { form: 'apply' },
      ),
    ),
  );
  plain = definition(
    await compile(
      processXml(
        [
          start(),
          user('accept', '受理', { posts: ['p-window'] }),
          end(),
          ...chain(['start', 'accept', 'end']),
        ],
        { form: 'apply' },
      ),
    ),
  );
});

describe('steps handled by the unit a case is about', () => {
  test('the target’s leading posts receive its steps, bound to that unit; a send-back returns there', () => {
    const run = new CaseRun(def);
    run.startAtWindow({ target: TARGET });
    expect(run.s.target).toEqual(TARGET);
    expect(run.trail[0]!.application?.target).toEqual(TARGET.unit);
    run.accept();
    run.handle(reviewer, 'review');
    const sign = run.item('sign');
    expect(sign).toMatchObject({
      unit: TARGET.unit,
      unitBound: true,
      candidatePostIds: ['p-gs-chief'],
    });
    // The same post in another department does not make one a candidate.
    expect(() => run.do(otherChief, { type: 'claim', workItemId: sign.id })).toThrow(CaseError);
    run.handle(gsChief, 'sign');
    run.handle(gsChief, 'answer', { opinion: '已整改' });
    const close = run.item('close');
    run.do(reviewer, { type: 'claim', workItemId: close.id });
    run.do(reviewer, {
      type: 'returnTo',
      workItemId: close.id,
      toNodeId: 'answer',
      reason: '整改材料不全，请补充',
    });
    expect(run.item('answer')).toMatchObject({ unit: TARGET.unit });
    run.handle(gsChief, 'answer', { opinion: '已补充整改材料' });
    run.handle(reviewer, 'close');
    expect(run.s.status).toBe('concluded');
  });

  test('a case of such an item must name its target, with posts; others may not name one', () => {
    expect(() => new CaseRun(def).startAtWindow()).toThrow(/须指定被督办（被投诉）单位/);
    expect(() =>
      new CaseRun(def).startAtWindow({ target: { unit: TARGET.unit, postIds: [] } }),
    ).toThrow(/没有负责人岗位/);
    expect(() => new CaseRun(plain).startAtWindow({ target: TARGET })).toThrow(
      /没有由被督办（被投诉）单位办理的环节/,
    );
    expect(() => new CaseRun(plain).startAtWindow()).not.toThrow();
    expect(clerk.postIds).toContain('p-window');
  });
});
