import { pinyin } from 'pinyin-pro';

/** Uppercase pinyin initials of a Chinese name: 安全生产监督管理局 → AQSCJDGLJ. */
export function initialsOf(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed' })
    .join('')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
}

/**
 * Two-letter department codes for CAT-4, best first: the first two initials, then the first
 * initial with each later one, skipping codes already taken in the county. The county's own name
 * in front (龙湾区统计局) is left out: every department of the county would start with it.
 */
export function suggestDeptCodes(name: string, taken: Iterable<string>, countyName = ''): string[] {
  const used = new Set(taken);
  const own = countyName && name.startsWith(countyName) && name.length > countyName.length;
  const initials = initialsOf(own ? name.slice(countyName.length) : name);
  const candidates: string[] = [];
  for (let i = 1; i < initials.length; i++) candidates.push(initials[0]! + initials[i]!);
  for (let i = 1; i < initials.length; i++)
    for (let j = i + 1; j < initials.length; j++) candidates.push(initials[i]! + initials[j]!);
  return [...new Set(candidates)].filter((c) => !used.has(c));
}
