import { EXCLUDED_TIME_KINDS, type ExcludedTimeKind } from '../../process/vocabulary';
import { isAdmin, isCandidate, ownClaimedItem, requireText } from '../access';
import type { CommandHandler } from '../command';
import { refreshDeadlines } from '../deadlines';
import { CaseError } from '../errors';
import { isLive } from '../state';

/**
 * 暂停 (RUN-4): a procedure whose time the law excludes (《行政许可法》第四十五条: 听证、招标、拍卖、
 * 检验、检测、检疫、鉴定、专家评审) stops the clock. Only for a procedure the step declares as
 * excluded time (PROC-2): the flowchart says where the clock may stop, and why.
 */
export interface SuspendCommand {
  type: 'suspend';
  workItemId: string;
  procedure: ExcludedTimeKind;
  reason: string;
}

/** 恢复: the procedure is over; the clock runs again. */
export interface ResumeCommand {
  type: 'resume';
  opinion?: string;
}

export const suspend: CommandHandler<SuspendCommand> = {
  type: 'suspend',
  label: '暂停',
  allowedIn: ['inProgress'],
  run(tx, command) {
    const item = ownClaimedItem(tx, command.workItemId, '暂停');
    const task = tx.def.userTask(item.nodeId);
    const reason = requireText(command.reason, '暂停的理由');
    const declared = task.step.excludedTimes.map((e) => e.kind);
    if (!declared.includes(command.procedure)) {
      const name = EXCLUDED_TIME_KINDS[command.procedure] ?? String(command.procedure);
      const allowed = declared.map((k) => EXCLUDED_TIME_KINDS[k]).join('、');
      throw new CaseError(
        'procedure_not_declared',
        `环节「${task.name}」未在流程图中设定「${name}」为不计时的程序，不能因此暂停` +
          (allowed ? `；本环节可暂停的程序：${allowed}` : '；本环节没有不计时的程序'),
      );
    }
    const label = EXCLUDED_TIME_KINDS[command.procedure];
    tx.state.pauses.push({
      from: tx.now,
      kind: 'suspension',
      procedure: command.procedure,
      reason,
    });
    tx.state.status = 'suspended';
    refreshDeadlines(tx);
    tx.record({
      action: 'suspend',
      actor: tx.trailActor(item),
      process: tx.processInfo(item, { stepState: 'suspended', opinion: `${label}：${reason}` }),
    });
    tx.emit({ type: 'caseSuspended', procedure: command.procedure, reason });
  },
};

export const resume: CommandHandler<ResumeCommand> = {
  type: 'resume',
  label: '恢复',
  allowedIn: ['suspended'],
  run(tx, command) {
    const a = tx.actor;
    const item = tx.state.workItems.find(
      (w) => isLive(w) && (w.assignee?.userId === a.userId || isCandidate(a, w)),
    );
    if (!item && !isAdmin(a)) {
      throw new CaseError('not_candidate', '只有本办件当前环节的办理人或系统管理员才能恢复办理');
    }
    for (const p of tx.state.pauses) if (!p.to && p.kind === 'suspension') p.to = tx.now;
    tx.state.status = 'inProgress';
    refreshDeadlines(tx);
    tx.record({
      action: 'resume',
      actor: tx.trailActor(item),
      process: tx.processInfo(item, {
        stepState: 'claimed',
        opinion: command.opinion?.trim() || '恢复办理',
      }),
    });
    tx.emit({ type: 'caseResumed' });
  },
};
