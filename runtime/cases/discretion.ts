import { DISCRETION_LEVELS, type DiscretionBenchmark } from '../catalog/item';
import type { UserTaskNode } from '../process/compiled';
import { stepFormKey } from './definition';
import { CaseError } from './errors';
import { MITIGATIONS, type Mitigation, type PenaltyDecision, type WorkItem } from './state';
import type { Tx } from './tx';

/**
 * 自由裁量 (CAT-2, SUP-2): a step marked `discretion` decides a penalty by the item's benchmark.
 * Its form holds the fields of `PENALTY_FIELDS` — the benchmark row chosen, the penalty, the fine
 * in yuan, 从轻/减轻/不予处罚 with their article, and the reason when the fine leaves the row's
 * range. A fine outside the range without a reason is refused; with one it stands and
 * supervision is told. (Form fields are flat, hence one field each.)
 */
export const PENALTY_FIELDS = {
  benchmark: 'penaltyBenchmark',
  kind: 'penaltyKind',
  fine: 'penaltyFine',
  mitigation: 'penaltyMitigation',
  article: 'penaltyArticle',
  reason: 'penaltyReason',
} as const;

export function decidePenalty(tx: Tx, task: UserTaskNode, item: WorkItem): void {
  if (!task.step.discretion) return;
  const key = stepFormKey(tx.def, task);
  const values = tx.state.forms.find((f) => f.key === key)?.values ?? {};
  const refuse = (message: string): never => {
    throw new CaseError('outside_benchmark', `「${task.name}」${message}`);
  };
  const F = PENALTY_FIELDS;
  const p = {
    benchmarkId: values[F.benchmark],
    kind: values[F.kind],
    fineYuan: values[F.fine] ?? undefined,
    mitigation: values[F.mitigation],
    article: values[F.article],
    reason: values[F.reason],
  };
  if (typeof p.benchmarkId !== 'string' || !p.benchmarkId)
    refuse('须按自由裁量基准选择违法行为和情节');
  const benchmarks = tx.def.def.discretion ?? [];
  if (!benchmarks.length) refuse('所属事项没有自由裁量基准，请先在事项目录中填写后再作决定');
  const b: DiscretionBenchmark | undefined = benchmarks.find((x) => x.id === p.benchmarkId);
  if (!b)
    refuse(
      `选择的裁量基准「${String(p.benchmarkId ?? '')}」不在本事项的自由裁量基准中，应为：` +
        benchmarks.map((x) => describe(x)).join('；'),
    );
  const row = b!;
  const kind = typeof p.kind === 'string' ? p.kind.trim() : '';
  if (!kind) refuse('须写明处罚种类');
  const mitigation = (p.mitigation ?? 'none') as Mitigation;
  if (!Object.hasOwn(MITIGATIONS, mitigation))
    refuse(`从轻、减轻情节「${String(p.mitigation)}」无效`);
  const article = typeof p.article === 'string' ? p.article.trim() : '';
  if (mitigation !== 'none' && !article) refuse(`${MITIGATIONS[mitigation]}须引用所依据的法律条款`);
  const fine = p.fineYuan;
  if (fine !== undefined && (typeof fine !== 'number' || !Number.isFinite(fine) || fine < 0))
    refuse('罚款金额应为不小于 0 的数字（元）');
  if (mitigation === 'exempt' && typeof fine === 'number' && fine > 0)
    refuse('不予处罚时不能处以罚款');
  const range = row.fineRange;
  const outside =
    mitigation !== 'exempt' &&
    !!range &&
    typeof fine === 'number' &&
    (fine < range.min || fine > range.max);
  const reason = typeof p.reason === 'string' ? p.reason.trim() : '';
  if (outside && reason.length < 5)
    refuse(
      `罚款 ${String(fine)} 元超出「${describe(row)}」的裁量幅度（${range!.min}–${range!.max} 元），须书面说明理由`,
    );
  const decision: PenaltyDecision = {
    benchmarkId: row.id,
    ...(row.violation ? { violation: row.violation } : {}),
    circumstance: describe(row),
    kind,
    ...(typeof fine === 'number' ? { fineYuan: fine } : {}),
    mitigation,
    ...(article ? { article } : {}),
    ...(reason ? { reason } : {}),
    outside,
    decidedAt: tx.now,
  };
  tx.state.penalty = decision;
  if (outside)
    tx.emit({
      type: 'discretionDeviation',
      workItemId: item.id,
      nodeId: item.nodeId,
      stepName: item.name,
      userId: tx.actor.userId,
      circumstance: decision.circumstance,
      penalty: `${kind}，罚款 ${String(fine)} 元`,
      amountFen: Math.round((fine as number) * 100),
      range: `${range!.min}–${range!.max} 元`,
      reason,
    });
}

function describe(b: DiscretionBenchmark): string {
  const level = b.level ? DISCRETION_LEVELS[b.level] : undefined;
  return [b.violation, level, b.circumstance].filter(Boolean).join('·');
}

/** A decided penalty in a few words, for lists and the portal's publicity: 「罚款 20000 元」. */
export function penaltyText(p: PenaltyDecision): string {
  if (p.mitigation === 'exempt') return '不予处罚';
  const fine = p.fineYuan !== undefined ? `罚款 ${p.fineYuan} 元` : '';
  const kind = p.kind === '罚款' && fine ? '' : p.kind;
  return [kind, fine].filter(Boolean).join('，');
}
