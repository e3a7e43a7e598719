import { isCandidate, ownClaimedItem } from '../access';
import type { CommandHandler } from '../command';
import { refreshDeadlines } from '../deadlines';
import { CaseError } from '../errors';
import { changeData, submitApplicationForm } from '../forms';
import type { Tx } from '../tx';
import type { CorrectionItem, CorrectionPhase } from '../state';
import { acceptanceItem } from './accept';
import { receiveMaterials, type MaterialInput } from './start';

/**
 * 补正 (RUN-2, RUN-4): the applicant is asked for materials and the clock stops until they are
 * supplied. 一次性告知 (《行政许可法》第三十二条): at acceptance the request lists everything missing,
 * once; during handling a step may ask once more. A second request in the same phase is refused.
 */
export interface RequestCorrectionCommand {
  type: 'requestCorrection';
  /** At acceptance the acceptance item (may be left out); during handling the actor's own item. */
  workItemId?: string;
  items: { materialId?: string; name?: string; reason: string }[];
  opinion?: string;
}

/** 补正材料 and 恢复: the applicant (or the window for them) supplies; the clock runs again. */
export interface SupplyCorrectionCommand {
  type: 'supplyCorrection';
  materials: MaterialInput[];
  /** Corrected application form values, when the form itself was to be corrected. */
  data?: Record<string, unknown>;
  note?: string;
}

function correctionItems(tx: Tx, input: RequestCorrectionCommand['items']): CorrectionItem[] {
  if (!Array.isArray(input) || !input.length) {
    throw new CaseError('invalid_command', '补正告知须列明需要补正的材料或内容');
  }
  return input.map((i) => {
    const reason = typeof i?.reason === 'string' ? i.reason.trim() : '';
    if (!reason) throw new CaseError('invalid_command', '每一项补正内容都须写明原因');
    if (i.materialId !== undefined) {
      const m = tx.def.def.materials.find((x) => x.id === i.materialId);
      if (!m)
        throw new CaseError('invalid_command', `材料「${i.materialId}」不在本事项的材料清单中`);
      return { materialId: m.id, name: m.name, reason };
    }
    const name = typeof i?.name === 'string' ? i.name.trim() : '';
    if (!name) throw new CaseError('invalid_command', '补正内容须是清单中的材料或写明名称');
    return { name, reason };
  });
}

const PHASE_TEXT: Record<CorrectionPhase, string> = { acceptance: '受理时', handling: '审查中' };

export const requestCorrection: CommandHandler<RequestCorrectionCommand> = {
  type: 'requestCorrection',
  label: '补正告知',
  allowedIn: ['pendingAcceptance', 'inProgress'],
  run(tx, command) {
    const { state } = tx;
    const phase: CorrectionPhase = state.status === 'pendingAcceptance' ? 'acceptance' : 'handling';
    const item =
      phase === 'acceptance'
        ? acceptanceItem(tx, command.workItemId, '补正告知')
        : ownClaimedItem(tx, command.workItemId, '补正告知');
    if (state.correctionPhases.includes(phase)) {
      throw new CaseError(
        'correction_already_requested',
        `${PHASE_TEXT[phase]}已经一次性告知过补正，不得再次要求补正；补正后仍不符合要求的，` +
          (phase === 'acceptance' ? '请作出不予受理决定' : '请在办理中作出不予许可的决定'),
      );
    }
    const items = correctionItems(tx, command.items);
    if (phase === 'acceptance') {
      const unlisted = tx.def.def.materials.filter(
        (m) =>
          m.required &&
          !state.materials.some((r) => r.materialId === m.id) &&
          !items.some((i) => i.materialId === m.id),
      );
      if (unlisted.length) {
        throw new CaseError(
          'incomplete_correction_list',
          `补正告知须一次性列明全部缺少的材料，还缺：${unlisted.map((m) => `「${m.name}」`).join('、')}`,
          { missing: unlisted.map((m) => m.id) },
        );
      }
    }
    const text = items.map((i) => `${i.name}（${i.reason}）`).join('；');
    state.correctionPhases.push(phase);
    state.correction = {
      phase,
      workItemId: item.id,
      requestedAt: tx.now,
      requestedBy: { userId: tx.actor.userId, name: tx.actor.name },
      items,
    };
    state.pauses.push({ from: tx.now, kind: 'correction', reason: `补正：${text}` });
    state.status = 'correction';
    refreshDeadlines(tx);
    tx.record({
      action: 'requestCorrection',
      actor: tx.trailActor(item),
      process: tx.processInfo(item, {
        stepState: 'suspended',
        opinion: `${command.opinion?.trim() ? command.opinion.trim() + '。' : ''}请一次性补正：${text}`,
      }),
    });
    tx.emit({
      type: 'correctionRequested',
      phase,
      items: items.map((i) => ({ name: i.name, reason: i.reason })),
    });
  },
};

export const supplyCorrection: CommandHandler<SupplyCorrectionCommand> = {
  type: 'supplyCorrection',
  label: '补正材料',
  allowedIn: ['correction'],
  run(tx, command) {
    const { state } = tx;
    const correction = state.correction!;
    const a = tx.actor;
    const item = state.workItems.find((w) => w.id === correction.workItemId);
    const ownApplicant =
      a.kind === 'applicant' &&
      !!state.applicant.accountId &&
      a.userId === state.applicant.accountId;
    const staffForThem =
      a.kind === 'staff' && !!item && (isCandidate(a, item) || item.assignee?.userId === a.userId);
    if (!ownApplicant && !staffForThem) {
      throw new CaseError(
        'not_applicant',
        '只有本办件的申请人，或代其递交材料的受理窗口，才能补正材料',
      );
    }
    const supplied = command.materials ?? [];
    const left = correction.items.filter(
      (i) => i.materialId && !supplied.some((s) => s.materialId === i.materialId),
    );
    if (left.length) {
      throw new CaseError(
        'correction_incomplete',
        `补正告知所列材料尚未全部补齐：${left.map((i) => `「${i.name}」`).join('、')}`,
        { missing: left.map((i) => i.materialId) },
      );
    }
    receiveMaterials(tx, supplied);
    const change = command.data === undefined ? undefined : submitApplicationForm(tx, command.data);
    for (const p of state.pauses) if (!p.to && p.kind === 'correction') p.to = tx.now;
    correction.suppliedAt = tx.now;
    state.status = correction.phase === 'acceptance' ? 'pendingAcceptance' : 'inProgress';
    refreshDeadlines(tx);
    tx.record({
      action: 'supplyCorrection',
      ...(item
        ? { process: tx.processInfo(item, { opinion: command.note?.trim() || '已补正' }) }
        : {}),
      data: {
        materials: supplied.map((s) => ({
          materialId: s.materialId,
          files: (s.files ?? []).map((f) => ({ ...f })),
        })),
        ...(change ? { form: changeData(change)! } : {}),
      },
    });
    tx.emit({ type: 'correctionSupplied' });
  },
};
