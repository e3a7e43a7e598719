import { ownClaimedItem, requireText } from '../access';
import type { CommandHandler } from '../command';
import { CaseError } from '../errors';
import { cancelToken, run, tokenOf } from '../flow';
import type { Token, WorkItem } from '../state';

/**
 * 退回 (RUN-4): back to an earlier step on this work item's path, re-opened for the person who
 * did it (原办理人). Leaving a parallel or inclusive block, every sibling branch is cancelled with
 * its work items and the join forgets its arrivals. A step inside a block that has since merged
 * is not on one path any more: return to a step before the block instead.
 */
export interface ReturnCommand {
  type: 'returnTo';
  workItemId: string;
  toNodeId: string;
  reason: string;
}

const isPrefix = (a: string[], b: string[]) =>
  a.length <= b.length && a.every((x, i) => b[i] === x);

export const returnTo: CommandHandler<ReturnCommand> = {
  type: 'returnTo',
  label: '退回',
  allowedIn: ['inProgress'],
  run(tx, command) {
    const { state } = tx;
    const item = ownClaimedItem(tx, command.workItemId, '退回');
    const reason = requireText(command.reason, '退回的理由');
    const target = tx.def.node(command.toNodeId);
    if (target.kind !== 'userTask')
      throw new CaseError('invalid_command', `「${command.toNodeId}」不是办理环节`);
    if (target.id === item.nodeId) throw new CaseError('invalid_command', '不能退回到本环节自身');
    const done = state.workItems.filter((w) => w.nodeId === target.id && w.status === 'completed');
    if (!done.length) {
      throw new CaseError(
        'not_on_path',
        `「${target.name}」在本办件中尚未办理过，不能退回到该环节`,
      );
    }
    const visit = [...done].reverse().find((w) => isPrefix(w.scope, item.scope));
    if (!visit) {
      throw new CaseError(
        'not_on_path',
        `「${target.name}」不在「${item.name}」的办理路径上（它在另一并行分支中，或所在的并行分支已经合并）；` +
          '请退回到并行开始之前的环节',
      );
    }
    const depth = visit.scope.length;
    const token = tokenOf(tx, item.tokenId);
    const doomed: Token[] = [];
    if (item.scope.length > depth) {
      const branch = item.scope[depth]!;
      const split = state.splits.find((s) => s.branchIds.includes(branch));
      const inside = (scope: string[]) =>
        scope.length > depth && !!split?.branchIds.includes(scope[depth]!);
      doomed.push(...state.tokens.filter((t) => inside(t.scope)));
      state.splits = state.splits.filter((s) => s !== split && !inside(s.scope));
    } else {
      doomed.push(token);
    }
    tx.record({
      action: 'return',
      actor: tx.trailActor(item),
      process: tx.processInfo(item, { stepState: 'returned', ended: true, opinion: reason }),
      data: { to: { nodeId: target.id, name: target.name } },
    });
    const entry = tx.entries.at(-1)!;
    tx.emit({
      type: 'workItemReturned',
      workItemId: item.id,
      nodeId: item.nodeId,
      stepName: item.name,
      toNodeId: target.id,
    });
    for (const t of doomed) cancelToken(tx, t, 'returned');
    const back: Token = {
      id: tx.id(),
      nodeId: target.id,
      scope: [...visit.scope],
      enteredAt: tx.now,
      waiting: 'task',
    };
    run(
      tx,
      [back],
      visit.assignee ? { assign: { nodeId: target.id, person: visit.assignee } } : {},
    );
    const reopened = state.workItems.filter((w) => w.tokenId === back.id);
    reopenIn(visit, reopened);
    // The re-opened step's limit starts again in full (docs/runtime-rules.md, 退回): the trail
    // says so, with the new due time, so nobody reads it as time taken from the step.
    const limit = target.step.limit;
    if (limit.value > 0 && reopened[0]) {
      entry.data = {
        to: { nodeId: target.id, name: target.name },
        restartedLimit: { value: limit.value, unit: limit.unit, dueAt: reopened[0].dueAt ?? null },
      };
    }
    state.returnCount += 1;
    if (state.returnCount >= tx.rules.repeatedReturns) {
      tx.emit({
        type: 'suspiciousActivity',
        pattern: 'repeatedReturns',
        userId: tx.actor.userId,
        workItemId: item.id,
        detail: `本办件已被退回 ${state.returnCount} 次（阈值 ${tx.rules.repeatedReturns} 次）`,
      });
    }
  },
};

/** A re-opened step is handled where it was handled before (a township's acceptance stays there). */
function reopenIn(visit: WorkItem, items: WorkItem[]): void {
  for (const w of items) {
    w.unit = { ...visit.unit };
    w.unitBound = visit.unitBound;
  }
}
