import type { ItemContent } from './types';

/** Chinese names of the content's fields, by path with list entries left out. */
export const FIELD_LABELS: Record<string, string> = {
  type: '事项类型',
  name: '事项名称',
  handlingKind: '办件类型',
  subject: '办理主体',
  'subject.unitId': '办理主体',
  'subject.name': '办理主体名称',
  'subject.nature': '主体性质',
  'subject.entrustingUnit': '委托单位',
  legalBasis: '行使依据',
  'legalBasis.title': '法律法规名称',
  'legalBasis.article': '具体条款',
  'legalBasis.text': '条款内容',
  acceptanceConditions: '受理条件',
  // What the design check names beside the content (CAT-7): the flowchart and the forms.
  process: '权力运行流程图',
  forms: '电子表单',
  materials: '申报材料',
  'materials.name': '材料名称',
  'materials.format': '格式',
  'materials.originalOrCopy': '原件/复印件',
  'materials.count': '份数',
  'materials.medium': '纸质/电子',
  'materials.submission': '提交方式',
  'materials.storage': '存档',
  'materials.required': '是否必需',
  fee: '收费',
  'fee.charged': '是否收费',
  'fee.basis': '收费依据',
  'fee.standard': '收费标准',
  'fee.amountFen': '标准金额',
  legalLimit: '法定期限',
  'legalLimit.value': '法定期限',
  'legalLimit.unit': '法定期限单位',
  promisedLimit: '承诺期限',
  'promisedLimit.value': '承诺期限',
  'promisedLimit.unit': '承诺期限单位',
  office: '办理科室',
  'office.unitId': '办理科室',
  'office.name': '办理科室名称',
  address: '办理地点',
  phone: '联系电话',
  supervisionPhone: '监督电话',
  serviceForms: '服务表格',
  faq: '常见问题',
  onlineUrl: '网上办理链接',
  penalty: '行政处罚',
  'penalty.kinds': '处罚种类',
  'penalty.discretion': '自由裁量基准',
  'penalty.discretion.circumstance': '违法情节',
  'penalty.discretion.penalty': '处罚标准',
  'penalty.discretion.fineRange': '罚款幅度',
  'penalty.publishResults': '处罚结果公开',
  coercion: '行政强制',
  'coercion.procedure': '强制程序',
  reward: '行政奖励',
  'reward.effectiveDate': '生效时间',
  'reward.expiryDate': '失效时间',
  'reward.publishResults': '奖励结果公开',
  flowchart: '流程图',
  form: '电子表单',
  // The version diff's flowchart and forms (CAT-6, issue 13).
  'flowchart.steps': '流程环节',
  'flowchart.steps.name': '环节名称',
  'flowchart.steps.limit': '环节时限',
  'flowchart.steps.posts': '办理岗位',
  'flowchart.steps.requirements': '办理要求',
  'flowchart.steps.excludedTimes': '不计时程序',
  'flowchart.flows': '流转连线',
  'flowchart.flows.name': '连线',
  'flowchart.flows.condition': '流转条件',
  formDesign: '电子表单',
  'formDesign.name': '表单名称',
  'formDesign.fields': '表单字段',
};

// Design entries (steps, flows, forms) are keyed by their Chinese names.
const ENTRY = /\[([^\]]+)\]/g;

/** The name of a list entry, as the content shows it, to tell entries apart in messages. */
function entryName(content: ItemContent | undefined, list: string, id: string): string | undefined {
  if (!content) return undefined;
  type Entry = { id: string; [k: string]: unknown };
  const entries = (
    list === 'legalBasis'
      ? content.legalBasis
      : list === 'materials'
        ? content.materials
        : list === 'penalty.discretion'
          ? content.penalty?.discretion
          : list === 'serviceForms'
            ? content.serviceForms
            : list === 'faq'
              ? content.faq
              : undefined
  ) as Entry[] | undefined;
  const e = entries?.find((x) => x.id === id);
  const name = e && (e.title ?? e.name ?? e.circumstance ?? e.question);
  return typeof name === 'string' && name ? name : undefined;
}

/**
 * A field path in Chinese: `materials[m1].name` → 申报材料「营业执照」· 材料名称. Unknown parts
 * stay as they are, so nothing is hidden.
 */
export function fieldLabel(path: string, ...contents: (ItemContent | undefined)[]): string {
  const [bare = path, order] = path.split('#');
  const plain = bare.replace(ENTRY, '');
  const parts: string[] = [];
  let prefix = '';
  let consumed = '';
  for (const segment of bare.split('.')) {
    const m = /^([A-Za-z]+)(?:\[([^\]]+)\])?$/.exec(segment);
    const key = m?.[1] ?? segment;
    prefix = prefix ? `${prefix}.${key}` : key;
    consumed = consumed ? `${consumed}.${segment}` : segment;
    const label = FIELD_LABELS[prefix];
    if (m?.[2]) {
      const name = contents.map((c) => entryName(c, prefix, m[2]!)).find(Boolean);
      // Design entries are keyed by their names: 流程环节「审核」.
      const design = prefix.startsWith('flowchart.') || prefix === 'formDesign';
      parts.push(
        `${label ?? key}${name ? `「${name}」` : design ? `「${m[2]}」` : `（条目 ${m[2]}）`}`,
      );
    } else if (prefix === plain || !FIELD_LABELS[plain]) {
      parts.push(label ?? key);
    }
  }
  // `subject.unitId` reads 办理主体, not 办理主体 · 办理主体.
  const unique = parts.filter((p, i) => p !== parts[i - 1]);
  const text = unique.join(' · ');
  return order === 'order' ? `${text}（顺序）` : text;
}
