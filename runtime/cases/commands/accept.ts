import type { AttachmentRef } from '../../trail/entry';
import { claimItem } from '../access';
import { checkCaseNo } from '../numbers';
import type { CommandHandler } from '../command';
import { startCaseDeadlines } from '../deadlines';
import { CaseError } from '../errors';
import { stepProgress, type SignerChoice } from '../flow';
import { changeData, submitStepForm } from '../forms';
import type { Tx } from '../tx';
import type { Outcome, WorkItem } from '../state';
import { receiveMaterials, type MaterialInput } from './start';

/**
 * 受理 (RUN-2): the window checks the materials against the item's list and accepts. Accepting
 * completes the acceptance step (the first step of the flowchart), gives the case its number and
 * starts the legal and promised limits. With a required material missing it is refused — ask for
 * it (requestCorrection) or refuse the case — except for 补办件, accepted with it to follow (容缺).
 */
export interface AcceptCommand {
  type: 'accept';
  /** The acceptance work item; may be left out when there is one. */
  workItemId?: string;
  /** 办件编号, claimed by the server (RUN-11). */
  caseNo: string;
  /** Materials handed in at acceptance. */
  materials?: MaterialInput[];
  data?: Record<string, unknown>;
  opinion?: string;
  attachments?: AttachmentRef[];
  outcome?: Outcome;
  signers?: SignerChoice[];
}

export function acceptanceItem(tx: Tx, workItemId: string | undefined, doing: string): WorkItem {
  const live = tx.state.workItems.filter(
    (w) => w.acceptance && (w.status === 'open' || w.status === 'claimed'),
  );
  const item = workItemId
    ? live.find((w) => w.id === workItemId)
    : live.length === 1
      ? live[0]
      : undefined;
  if (!item) {
    throw new CaseError(
      'unknown_work_item',
      `办件中没有可以${doing}的受理事项「${workItemId ?? ''}」`,
    );
  }
  claimItem(tx, item, doing);
  return item;
}

export const accept: CommandHandler<AcceptCommand> = {
  type: 'accept',
  label: '受理',
  allowedIn: ['pendingAcceptance'],
  run(tx, command) {
    const { state } = tx;
    const item = acceptanceItem(tx, command.workItemId, '受理');
    const caseNo = checkCaseNo(tx, command.caseNo);
    receiveMaterials(tx, command.materials);
    const missing = tx.def.def.materials.filter(
      (m) => m.required && !state.materials.some((r) => r.materialId === m.id),
    );
    if (missing.length && tx.def.def.handlingKind !== 'deferredMaterials') {
      throw new CaseError(
        'materials_missing',
        `缺少必要材料：${missing.map((m) => `「${m.name}」`).join('、')}；` +
          '请一次性告知申请人补正，或作出不予受理决定',
        { missing: missing.map((m) => m.id) },
      );
    }
    // 补办件 (CAT-10): accepted with the missing materials recorded as to follow (容缺受理).
    for (const m of missing) {
      state.materials.push({
        materialId: m.id,
        name: m.name,
        files: [],
        receivedAt: tx.now,
        deferred: true,
      });
    }
    const change = submitStepForm(tx, tx.def.userTask(item.nodeId), command.data);
    state.status = 'inProgress';
    state.caseNo = caseNo;
    state.acceptedAt = tx.now;
    startCaseDeadlines(tx, tx.now);
    const outcome = command.outcome ?? 'approve';
    item.status = 'completed';
    item.completedAt = tx.now;
    item.outcome = outcome;
    if (command.opinion) item.opinion = command.opinion;
    if (command.attachments?.length) item.attachments = command.attachments;
    delete item.draft;
    const deferred = missing.length
      ? `；容缺受理，待补：${missing.map((m) => m.name).join('、')}`
      : '';
    tx.record({
      action: 'accept',
      actor: tx.trailActor(item),
      process: tx.processInfo(item, {
        stepState: 'completed',
        ended: true,
        opinion: (command.opinion?.trim() || '予以受理') + deferred,
        ...(command.attachments?.length ? { attachments: command.attachments } : {}),
      }),
      ...(change ? { data: changeData(change)! } : {}),
    });
    tx.emit({
      type: 'caseAccepted',
      caseNo,
      ...(state.deadlines.legal ? { legalDueAt: state.deadlines.legal.dueAt } : {}),
      ...(state.deadlines.promised ? { promisedDueAt: state.deadlines.promised.dueAt } : {}),
    });
    tx.emit({
      type: 'workItemCompleted',
      workItemId: item.id,
      nodeId: item.nodeId,
      stepName: item.name,
      assigneeId: tx.actor.userId,
      outcome,
    });
    stepProgress(tx, item, { signers: command.signers ?? [] });
  },
};
