import type { AttachmentRef } from '../../trail/entry';
import { ownClaimedItem } from '../access';
import type { CommandHandler } from '../command';
import { decidePenalty } from '../discretion';
import { CaseError } from '../errors';
import { newTrace, stepProgress, tokenOf, type SignerChoice } from '../flow';
import { changeData, submitStepForm } from '../forms';
import type { Tx } from '../tx';
import type { Outcome, WorkItem } from '../state';

/**
 * 办理 (RUN-3): the assignee completes the step with the step's form data (checked against the
 * form and the step's field permissions, FORM-3), an opinion, attachments by reference and the
 * outcome (同意 / 不同意) that later conditions read. A 决定 step may record the decision.
 */
export interface CompleteCommand {
  type: 'complete';
  workItemId: string;
  data?: Record<string, unknown>;
  opinion?: string;
  attachments?: AttachmentRef[];
  outcome?: Outcome;
  /** 准予 / 不予 with the decision's text, made at this step. */
  decision?: { result: 'granted' | 'denied'; text: string; attachments?: AttachmentRef[] };
  /** Who signs at multi-instance steps this completion reaches (else one per post). */
  signers?: SignerChoice[];
}

export type CompletionInput = Omit<CompleteCommand, 'type' | 'workItemId'>;

export function completeWorkItem(tx: Tx, item: WorkItem, input: CompletionInput): void {
  const { state } = tx;
  const task = tx.def.userTask(item.nodeId);
  const token = tokenOf(tx, item.tokenId);
  const draft = item.draft ?? {};
  const decision = input.decision;
  if (decision) {
    if (decision.result !== 'granted' && decision.result !== 'denied') {
      throw new CaseError('invalid_command', '决定应为准予或不予');
    }
    if (typeof decision.text !== 'string' || !decision.text.trim()) {
      throw new CaseError('invalid_command', '请填写决定内容');
    }
  }
  const outcome =
    input.outcome ??
    draft.outcome ??
    (decision ? (decision.result === 'granted' ? 'approve' : 'reject') : undefined);
  if (outcome !== undefined && outcome !== 'approve' && outcome !== 'reject') {
    throw new CaseError('invalid_command', '办理结果应为同意或不同意');
  }
  const signs = !!token.multi || !!item.added;
  if (!outcome && !signs && tx.def.needsOutcome(task.id)) {
    throw new CaseError(
      'outcome_required',
      `「${task.name}」之后的流转取决于办理结果，请选择同意或不同意`,
    );
  }
  // What the flowchart asks of the step (county:stepConfig), for signers too.
  if (!outcome && task.step.decisionRequired) {
    throw new CaseError('outcome_required', `「${task.name}」须选择同意或不同意后才能提交`);
  }
  const opinionText = input.opinion ?? draft.opinion;
  if (task.step.opinionRequired && (typeof opinionText !== 'string' || !opinionText.trim())) {
    throw new CaseError('opinion_required', `「${task.name}」须填写办理意见后才能提交`);
  }
  const change = submitStepForm(tx, task, input.data ?? draft.data);
  decidePenalty(tx, task, item);
  if (decision) {
    state.decision = {
      result: decision.result,
      text: decision.text.trim(),
      ...(decision.attachments?.length ? { attachments: decision.attachments } : {}),
      by: { userId: tx.actor.userId, name: tx.actor.name },
      at: tx.now,
    };
  }
  const opinion = input.opinion ?? draft.opinion;
  const attachments = input.attachments ?? draft.attachments;
  item.status = 'completed';
  item.completedAt = tx.now;
  item.touched = true;
  if (outcome) item.outcome = outcome;
  if (opinion) item.opinion = opinion;
  if (attachments?.length) item.attachments = attachments;
  delete item.draft;
  tx.record({
    action: 'complete',
    actor: tx.trailActor(item),
    process: tx.processInfo(item, {
      stepState: 'completed',
      ended: true,
      ...(opinion ? { opinion } : {}),
      ...(attachments?.length ? { attachments } : {}),
    }),
    ...(change || decision
      ? {
          data: {
            ...(change ? { form: changeData(change)! } : {}),
            ...(outcome ? { outcome } : {}),
            ...(decision ? { decision: { result: decision.result, text: decision.text } } : {}),
          },
        }
      : {}),
  });
  tx.emit({
    type: 'workItemCompleted',
    workItemId: item.id,
    nodeId: item.nodeId,
    stepName: item.name,
    assigneeId: tx.actor.userId,
    ...(outcome ? { outcome } : {}),
  });
  flagFastCompletion(tx, item);
  // 取回 is possible while what this completion started is untouched: remember it.
  const trace = !signs && !token.after?.length ? newTrace() : undefined;
  const outcomeBefore = state.outcome;
  const itemsBefore = state.workItems.length;
  stepProgress(tx, item, { signers: input.signers ?? [], ...(trace ? { trace } : {}) });
  if (trace?.reversible && trace.tokenIds.length) {
    item.followedBy = {
      tokenIds: trace.tokenIds,
      workItemIds: state.workItems.slice(itemsBefore).map((w) => w.id),
      splitIds: trace.splitIds,
      ...(outcomeBefore ? { outcomeBefore } : {}),
    };
  }
}

/** RUN-5: a step done implausibly fast after it was taken is reported to supervision. */
function flagFastCompletion(tx: Tx, item: WorkItem): void {
  const from = Date.parse(item.claimedAt ?? item.createdAt);
  const took = tx.ctx.now.getTime() - from;
  if (took >= tx.rules.fastCompletionMs) return;
  tx.emit({
    type: 'suspiciousActivity',
    pattern: 'fastCompletion',
    userId: tx.actor.userId,
    workItemId: item.id,
    detail: `「${item.name}」签收后 ${Math.round(took / 1000)} 秒即办理完毕（阈值 ${Math.round(tx.rules.fastCompletionMs / 1000)} 秒）`,
  });
}

export const complete: CommandHandler<CompleteCommand> = {
  type: 'complete',
  label: '办理',
  allowedIn: ['inProgress'],
  run(tx, command) {
    const item = ownClaimedItem(tx, command.workItemId, '办理');
    const { type: _type, workItemId: _id, ...input } = command;
    completeWorkItem(tx, item, input);
  },
};
