import type { CommandHandler } from '../command';
import { CaseError } from '../errors';
import { checkProgress, type ReportedStep } from '../progress';

/**
 * A department system reports the steps it handled in its own system for a case (SUP-2): the
 * report joins the trail and each step that does not fit the item's flowchart is named for
 * supervision. A report seen before (by `reportId`) is ignored, so the system may resend.
 */
export interface ReportProgressCommand {
  type: 'reportProgress';
  reportId: string;
  steps: (ReportedStep & { handler?: string; opinion?: string })[];
}

export const reportProgress: CommandHandler<ReportProgressCommand> = {
  type: 'reportProgress',
  label: '报送办理过程',
  allowedIn: ['inProgress', 'suspended', 'concluded'],
  run(tx, c) {
    if (tx.actor.kind !== 'system')
      throw new CaseError('not_permitted', '只有部门系统才能报送办理过程');
    if (!c.reportId || !c.steps.length)
      throw new CaseError('invalid_command', '办理过程报送须有报送编号和至少一个环节');
    const seen = tx.state.progressReports ?? [];
    if (seen.includes(c.reportId)) return;
    for (const [i, s] of c.steps.entries()) {
      if (i > 0 && s.at < c.steps[i - 1]!.at)
        throw new CaseError('invalid_command', '报送的环节须按办理时间先后排列');
      if (s.at > tx.now) throw new CaseError('invalid_command', '报送的办理时间不能晚于现在');
    }
    tx.state.progressReports = [...seen, c.reportId];
    const names = new Map(tx.def.def.process.nodes.map((n) => [n.id, n.name || n.id] as const));
    const steps = c.steps.map((s) => ({
      nodeId: s.nodeId,
      stepName: names.get(s.nodeId) ?? s.nodeId,
      at: s.at,
    }));
    const problems = checkProgress(tx.def, c.steps);
    tx.emit({ type: 'progressReported', steps, problems });
    tx.record({
      action: 'push',
      process: tx.processInfo(undefined, {
        opinion: `部门系统报送办理过程：${c.steps
          .map((s) => `${names.get(s.nodeId) ?? s.nodeId}${s.handler ? `（${s.handler}）` : ''}`)
          .join(' → ')}${problems.length ? `；不符合流程 ${problems.length} 处` : ''}`,
      }),
    });
  },
};
