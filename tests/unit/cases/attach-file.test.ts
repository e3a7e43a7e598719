import type { CaseDefinition } from '../../../runtime/cases';
import { readTrailData, verifyTrail } from '../../../runtime/trail';
import {
  applicantActor,
  clerk,
  compile,
  definition,
  reviewer,
  system,
  templateWithPosts,
  CaseRun,
} from './fixtures';

const POSTS = { Task_accept: 'p-window', Task_review: 'p-review', Task_decide: 'p-decide' };
const DIGEST_A = 'a'.repeat(64);
const DIGEST_B = 'b'.repeat(64);
const file = (fileId: string, name = `${fileId}.pdf`) => ({
  fileId,
  name,
  size: 1234,
  contentType: 'application/pdf',
  sha256: DIGEST_A,
  sm3: DIGEST_B,
});

let def: CaseDefinition;
beforeAll(async () => {
  def = definition(await compile(templateWithPosts('promised.bpmn', POSTS)));
});

describe('attachFile: a file with its digests in the trail (RUN-7, FORM-2)', () => {
  test('RUN-7 each upload of a material adds a page and a trail entry carrying SHA-256 and SM3; the chain verifies', () => {
    const run = new CaseRun(def);
    run.startAtWindow({ materials: [] });
    run.do(clerk, {
      type: 'attachFile',
      kind: 'material',
      materialId: 'm-licence',
      file: file('f1'),
    });
    run.do(clerk, {
      type: 'attachFile',
      kind: 'material',
      materialId: 'm-licence',
      file: file('f2'),
    });
    const received = run.s.materials.find((m) => m.materialId === 'm-licence')!;
    expect(received.files.map((f) => f.fileId)).toEqual(['f1', 'f2']);
    const entries = run.trail.filter((e) => e.action === 'attach');
    expect(entries).toHaveLength(2);
    expect(entries[1]!.process?.attachments).toEqual([
      { fileId: 'f2', name: 'f2.pdf', sm3: DIGEST_B, size: 1234 },
    ]);
    expect(readTrailData(entries[1]!)).toMatchObject({ page: 2, sha256: DIGEST_A, sm3: DIGEST_B });
    expect(verifyTrail('case-1', run.trail, { head: run.s.trailHead }).ok).toBe(true);
  });

  test('RUN-7 a material not on the list, a file without digests, a system caller, an ended case are refused', () => {
    const run = new CaseRun(def);
    run.startAtWindow();
    expect(
      run.fail(clerk, { type: 'attachFile', kind: 'material', materialId: 'm-x', file: file('f1') })
        .message,
    ).toContain('不在本事项的材料清单中');
    expect(
      run.fail(clerk, {
        type: 'attachFile',
        kind: 'material',
        materialId: 'm-licence',
        file: { ...file('f1'), sm3: 'nope' },
      }).code,
    ).toBe('invalid_command');
    expect(
      run.fail(system, {
        type: 'attachFile',
        kind: 'material',
        materialId: 'm-licence',
        file: file('f1'),
      }).code,
    ).toBe('not_permitted');
    run.do(applicantActor, { type: 'withdraw' });
    expect(
      run.fail(clerk, {
        type: 'attachFile',
        kind: 'material',
        materialId: 'm-licence',
        file: file('f1'),
      }).code,
    ).toBe('wrong_state');
  });

  test('FORM-2 a step attachment belongs to the assignee’s claimed step', () => {
    const run = new CaseRun(def);
    run.startAtWindow();
    run.accept();
    const review = run.item('Task_review');
    const attach = {
      type: 'attachFile' as const,
      kind: 'attachment' as const,
      workItemId: review.id,
    };
    expect(run.fail(reviewer, { ...attach, file: file('f9') }).code).toBe('wrong_item_state');
    run.do(reviewer, { type: 'claim', workItemId: review.id });
    expect(run.fail(clerk, { ...attach, file: file('f9') }).code).toBe('not_assignee');
    run.do(reviewer, { ...attach, file: file('f9', '核查记录.pdf') });
    const entry = run.trail.at(-1)!;
    expect(entry).toMatchObject({ action: 'attach', process: { step: { id: 'Task_review' } } });
    expect(readTrailData(entry)).toMatchObject({ kind: 'attachment', workItemId: review.id });
  });
});
