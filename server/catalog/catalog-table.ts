import {
  HANDLING_KINDS,
  LIMIT_UNIT_LABELS,
  SUBJECT_NATURES,
  type ItemContent,
  type Material,
  type TimeLimit,
} from '../../runtime/catalog/item';
import { ITEM_TYPES } from '../../runtime/catalog/item-types';
import type { Item } from './item-model';

/** The columns of the catalog sheet (附件1 fields, one row per item); import reads the same. */
export const CATALOG_COLUMNS = [
  '事项编码',
  '事项类型',
  '事项名称',
  '行使依据',
  '办理主体',
  '主体性质',
  '受理条件',
  '申报材料',
  '收费',
  '法定期限',
  '承诺期限',
  '办理科室',
  '办理地点',
  '联系电话',
  '监督电话',
  '办件类型',
] as const;
export type CatalogColumn = (typeof CATALOG_COLUMNS)[number];

export const limitText = (l?: TimeLimit) => (l ? `${l.value}${LIMIT_UNIT_LABELS[l.unit]}` : '');

const COPY_LABELS: Record<Material['originalOrCopy'], string> = {
  original: '原件',
  copy: '复印件',
  both: '原件及复印件',
};

const materialText = (m: Material) => `${m.name}（${COPY_LABELS[m.originalOrCopy]}${m.count}份）`;

const basisText = (b: ItemContent['legalBasis'][number]) =>
  `${b.title}${b.article}${b.text ? `：${b.text}` : ''}`;

function feeText(fee: ItemContent['fee']): string {
  if (!fee.charged) return '不收费';
  return ['收费', fee.basis && `依据：${fee.basis}`, fee.standard && `标准：${fee.standard}`]
    .filter(Boolean)
    .join('；');
}

function natureText(subject: ItemContent['subject']): string {
  const label = SUBJECT_NATURES[subject.nature] ?? '';
  return subject.entrustingUnit ? `${label}（委托单位：${subject.entrustingUnit}）` : label;
}

/** One item as the cells of its row, in column order; lists are one entry per line. */
export function catalogRow(item: Item): Record<CatalogColumn, string> {
  const d = item.draft;
  return {
    事项编码: item.code ?? '',
    事项类型: ITEM_TYPES[item.type],
    事项名称: item.name,
    行使依据: d.legalBasis.map(basisText).join('\n'),
    办理主体: d.subject.name ?? '',
    主体性质: natureText(d.subject),
    受理条件: d.acceptanceConditions ?? '',
    申报材料: d.materials.map(materialText).join('\n'),
    收费: feeText(d.fee),
    法定期限: limitText(d.legalLimit),
    承诺期限: limitText(d.promisedLimit),
    办理科室: d.office?.name ?? '',
    办理地点: d.address ?? '',
    联系电话: d.phone ?? '',
    监督电话: d.supervisionPhone ?? '',
    办件类型: HANDLING_KINDS[d.handlingKind] ?? '',
  };
}

/** The rows of the printed 基本信息表 of one item, by the guideline's per-type variants. */
export function itemTableRows(item: Item): { label: string; value: string }[] {
  const row = catalogRow(item);
  const d = item.draft;
  const rows: { label: string; value: string }[] = [
    { label: '事项编码', value: row.事项编码 },
    { label: '事项名称', value: row.事项名称 },
    { label: '事项类型', value: row.事项类型 },
    { label: '行使依据', value: row.行使依据 },
    { label: '办理主体', value: `${row.办理主体}（${row.主体性质}）` },
  ];
  if (d.penalty) {
    rows.push({ label: '处罚种类', value: d.penalty.kinds.join('、') });
    rows.push({
      label: '自由裁量基准',
      value: d.penalty.discretion.map((b) => `${b.circumstance}：${b.penalty}`).join('\n'),
    });
  }
  if (d.coercion) rows.push({ label: '强制程序', value: d.coercion.procedure });
  if (d.reward) {
    rows.push({ label: '生效时间', value: d.reward.effectiveDate });
    rows.push({ label: '失效时间', value: d.reward.expiryDate ?? '' });
  }
  rows.push(
    { label: '受理条件', value: row.受理条件 },
    { label: '申报资料', value: row.申报材料 },
    { label: '法定期限', value: row.法定期限 },
    { label: '承诺期限', value: row.承诺期限 },
    { label: '收费及依据标准', value: row.收费 },
    { label: '办理部门', value: row.办理科室 },
    { label: '办理地点', value: row.办理地点 },
    { label: '联系电话', value: row.联系电话 },
    { label: '监督电话', value: row.监督电话 },
    { label: '办件类型', value: row.办件类型 },
  );
  return rows;
}
