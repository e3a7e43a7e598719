import { maskName } from './id-number';

/** Organisational suffixes kept when an organisation's name is published, longest first. */
const SUFFIXES = [
  '股份有限公司',
  '有限责任公司',
  '有限公司',
  '专业合作社',
  '合作社',
  '分公司',
  '事务所',
  '个体工商户',
  '公司',
  '商行',
  '工作室',
  '中心',
  '门市部',
  '经营部',
  '厂',
  '店',
  '部',
];

/**
 * An applicant's name as a public page may show it (POR-8): a person's family name only (张*);
 * an organisation's first two characters and its organisational suffix (温州**有限公司).
 */
export function maskApplicantName(name: string, type: 'person' | 'organisation'): string {
  if (type === 'person') return maskName(name);
  const chars = [...name];
  const suffix = SUFFIXES.find((s) => name.endsWith(s) && chars.length > [...s].length + 2) ?? '';
  const head = chars.slice(0, 2).join('');
  return chars.length <= 2 ? `${chars[0] ?? ''}*` : `${head}**${suffix}`;
}
