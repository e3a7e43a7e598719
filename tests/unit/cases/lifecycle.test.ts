import { verifyTrail } from '../../../runtime/trail';
import { workQueueRows } from '../../../runtime/cases';
import {
  CaseRun,
  chief,
  clerk,
  compile,
  definition,
  reviewer,
  templateWithPosts,
} from './fixtures';

const POSTS = { Task_accept: 'p-window', Task_review: 'p-review', Task_decide: 'p-decide' };

let promised: Awaited<ReturnType<typeof compile>>;
beforeAll(async () => {
  promised = await compile(templateWithPosts('promised.bpmn', POSTS), {
    promisedLimit: { value: 10, unit: 'workingDays' },
  });
});

describe('a case through the 承诺件 template (RUN-1, RUN-2, RUN-3)', () => {
  test('RUN-3 window start, acceptance, review and decision run to 办结 with the decision', () => {
    const run = new CaseRun(definition(promised));
    run.startAtWindow();
    expect(run.s.status).toBe('pendingAcceptance');
    expect(run.liveNodes()).toEqual(['Task_accept']);
    run.accept();
    expect(run.s.status).toBe('inProgress');
    expect(run.s.caseNo).toBe('33030300AJ-20250922-000001');
    run.handle(reviewer, 'Task_review', { outcome: 'approve', opinion: '材料齐全' });
    run.handle(chief, 'Task_decide', {
      outcome: 'approve',
      decision: { result: 'granted', text: '准予核发' },
    });
    expect(run.s.status).toBe('concluded');
    expect(run.s.result).toMatchObject({ finalState: 'granted', opinion: '准予核发' });
    expect(
      run.events
        .filter((e) => e.type === 'serviceTaskRequested')
        .map((e) => 'nodeId' in e && e.nodeId),
    ).toEqual(['Task_grantDoc', 'Task_deliver']);
    expect(verifyTrail('case-1', run.trail, { head: run.s.trailHead })).toEqual({
      ok: true,
      head: run.s.trailHead,
    });
    expect(workQueueRows(run.def, run.s).map((r) => r.queue)).toEqual(['done', 'done', 'done']);
    void clerk;
  });
});
