import { initiationOf, type ItemContent, type TimeLimit } from './item';

/** One thing missing or wrong in an item, named by field (CAT-7). */
export interface CompletenessProblem {
  field: string;
  message: string;
}

/** What the catalog knows about the item's flowchart and form, once those exist (PROC-4, FORM-1). */
export interface DesignStatus {
  flowchartVerified: boolean;
  formBound: boolean;
}

const blank = (v: string | undefined) => !v || v.trim() === '';

/** Hours in one unit, where a comparison across units is meaningful. */
function comparable(a: TimeLimit, b: TimeLimit): [number, number] | undefined {
  if (a.unit === b.unit) return [a.value, b.value];
  // Working days and natural days count different calendars; only hours convert to days plainly.
  return undefined;
}

const PHONE = /^(0\d{2,3}-?\d{7,8}|1\d{10}|12345|\d{3,5})$/;

/**
 * Every problem that blocks submission, by field. Which fields are required depends on the
 * category: 行政处罚 needs penalty kinds and discretion benchmarks, 行政奖励 its dates, and so on.
 */
export function completenessProblems(
  item: ItemContent,
  design?: DesignStatus,
): CompletenessProblem[] {
  const problems: CompletenessProblem[] = [];
  const need = (field: string, missing: boolean, message: string) => {
    if (missing) problems.push({ field, message });
  };

  need('name', blank(item.name), '请填写事项名称');
  need('legalBasis', item.legalBasis.length === 0, '请至少填写一条行使依据（写明具体条款及内容）');
  item.legalBasis.forEach((b) => {
    need(`legalBasis[${b.id}].article`, blank(b.article), `依据「${b.title}」缺少具体条款`);
    need(`legalBasis[${b.id}].text`, blank(b.text), `依据「${b.title}」缺少条款内容`);
  });
  need('subject.unitId', blank(item.subject.unitId), '请选择办理主体');
  need(
    'subject.entrustingUnit',
    item.subject.nature === 'entrusted' && blank(item.subject.entrustingUnit),
    '主体性质为受委托单位时，须填写委托单位名称',
  );
  need('office', !item.office || blank(item.office.unitId), '请选择具体办理科室');
  need('phone', blank(item.phone), '请填写联系电话');
  need('supervisionPhone', blank(item.supervisionPhone), '请填写监督电话');
  need(
    'supervisionPhone',
    !blank(item.supervisionPhone) && !PHONE.test(item.supervisionPhone!),
    '监督电话格式不正确',
  );
  need('fee.basis', item.fee.charged && blank(item.fee.basis), '收费事项须写明收费依据');
  need('fee.standard', item.fee.charged && blank(item.fee.standard), '收费事项须写明收费标准');

  const applicationBased = initiationOf(item) === 'onApplication';
  // 依职权 items (RUN-17) have no applicant to publish conditions, materials or a promise to.
  if (applicationBased) {
    need('address', blank(item.address), '请填写办理地点');
    need('acceptanceConditions', blank(item.acceptanceConditions), '请填写受理条件');
    need(
      'materials',
      item.materials.length === 0 && item.handlingKind !== 'immediate',
      '请列出申报材料',
    );
    // 即办件 are settled on the spot: there is no promised limit to publish.
    need(
      'promisedLimit',
      !item.promisedLimit && item.handlingKind !== 'immediate',
      '请填写承诺期限',
    );
    if (item.type === 'XK') need('legalLimit', !item.legalLimit, '行政许可事项须填写法定期限');
  }
  for (const m of item.materials) {
    need(`materials[${m.id}].name`, blank(m.name), '材料名称不能为空');
    need(`materials[${m.id}].count`, !(m.count >= 1), `材料「${m.name}」的份数至少为 1`);
  }
  if (item.legalLimit && item.promisedLimit) {
    const pair = comparable(item.promisedLimit, item.legalLimit);
    if (!pair) {
      problems.push({
        field: 'promisedLimit',
        message: '承诺期限与法定期限的单位不同，无法比较，请用同一单位',
      });
    } else if (pair[0] > pair[1]) {
      problems.push({
        field: 'promisedLimit',
        message: `承诺期限（${pair[0]}）不得超过法定期限（${pair[1]}）`,
      });
    }
  }
  for (const limit of ['legalLimit', 'promisedLimit'] as const) {
    const l = item[limit];
    need(limit, l !== undefined && !(Number.isInteger(l.value) && l.value > 0), '期限应为正整数');
  }

  if (item.type === 'CF') {
    need('penalty', !item.penalty, '行政处罚事项须填写处罚种类与自由裁量基准');
    need('penalty.kinds', !!item.penalty && item.penalty.kinds.length === 0, '请选择处罚种类');
    need(
      'penalty.discretion',
      !!item.penalty && item.penalty.discretion.length === 0,
      '请填写自由裁量基准',
    );
    for (const d of item.penalty?.discretion ?? []) {
      const r = d.fineRange;
      need(
        `penalty.discretion[${d.id}].fineRange`,
        !!r && !(r.min >= 0 && r.min <= r.max),
        `「${d.circumstance}」的罚款幅度下限应不大于上限`,
      );
    }
  }
  if (item.type === 'QZ')
    need('coercion.procedure', blank(item.coercion?.procedure), '行政强制事项须说明强制程序');
  if (item.type === 'JL') {
    need('reward.effectiveDate', blank(item.reward?.effectiveDate), '行政奖励事项须填写生效时间');
    const r = item.reward;
    need(
      'reward.expiryDate',
      !!r?.expiryDate && !!r.effectiveDate && r.expiryDate < r.effectiveDate,
      '失效时间不得早于生效时间',
    );
  }
  if (design) {
    need('flowchart', !design.flowchartVerified, '权力运行流程图尚未通过校验');
    need('form', !design.formBound, '尚未绑定电子表单');
  }
  return problems;
}
