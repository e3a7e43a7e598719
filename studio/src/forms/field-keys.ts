import { pinyin } from 'pinyin-pro';
import { fieldKeyProblem } from '../../../runtime/forms/schema';

/** Keys for the labels county forms use most, in the words a developer would choose. */
const COMMON: Record<string, string> = {
  姓名: 'name',
  名称: 'name',
  性别: 'gender',
  民族: 'ethnicity',
  出生日期: 'birthDate',
  身份证号: 'idNumber',
  身份证号码: 'idNumber',
  联系电话: 'phone',
  电话: 'phone',
  手机号: 'mobile',
  手机号码: 'mobile',
  电子邮箱: 'email',
  地址: 'address',
  住址: 'address',
  联系地址: 'address',
  邮编: 'postcode',
  邮政编码: 'postcode',
  所在地区: 'division',
  行政区划: 'division',
  企业名称: 'companyName',
  单位名称: 'unitName',
  统一社会信用代码: 'creditCode',
  法定代表人: 'legalRepresentative',
  申请人: 'applicant',
  申请人类型: 'applicantType',
  申请事由: 'reason',
  申请日期: 'applicationDate',
  备注: 'remark',
  说明: 'remark',
  附件: 'attachments',
  金额: 'amount',
  数量: 'quantity',
  面积: 'area',
  家庭成员: 'familyMembers',
  申请表: 'application',
  登记表: 'registration',
  审批表: 'approval',
};

const MAX = 32;

/** `申请人姓名` → `shenQingRenXingMing`: readable, and a valid key (letters and digits only). */
function fromPinyin(label: string): string {
  const parts = pinyin(label, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .flatMap((p) => p.split(/[^A-Za-z0-9]+/))
    .filter(Boolean);
  const key = parts
    .map((p, i) => (i === 0 ? p.toLowerCase() : p[0]!.toUpperCase() + p.slice(1).toLowerCase()))
    .join('');
  return key.slice(0, MAX);
}

/**
 * A key for a field labelled `label`, not among `taken`: a common English name, else the
 * label's pinyin, else `fallback`; a number is added when the key is already used.
 */
export function keyFromLabel(label: string, taken: Iterable<string>, fallback = 'field'): string {
  const used = new Set([...taken].map((k) => k.toLowerCase()));
  const trimmed = label.trim();
  let base = COMMON[trimmed] ?? fromPinyin(trimmed);
  if (fieldKeyProblem(base)) base = fallback;
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const key = `${base}${n}`;
    if (!used.has(key.toLowerCase())) return key;
  }
}
