/**
 * An amount of money in yuan as written on a decision: in figures (`12000`, `12000.5` →
 * `12000.50`) and in Chinese capitals (大写: 壹万贰仟元整), as 财会 and 罚没 documents write it.
 */
const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL = ['', '拾', '佰', '仟'];
const BIG = ['', '万', '亿', '万亿'];

/** The whole yuan in capitals: 10010000 → 壹仟零壹万, 0 → 零. */
function wholeInCapitals(n: number): string {
  if (n === 0) return '零';
  const s = String(n);
  let out = '';
  let zero = false;
  for (let i = 0; i < s.length; i++) {
    const d = Number(s[i]);
    const pos = s.length - 1 - i;
    const q = pos % 4;
    const g = Math.floor(pos / 4);
    if (d === 0) zero = true;
    else {
      if (zero && out) out += '零';
      zero = false;
      out += DIGITS[d]! + SMALL[q]!;
    }
    // The end of a group of four: 万 or 亿 when the group holds anything.
    if (q === 0 && g > 0 && Number(s.slice(Math.max(0, i - 3), i + 1)) !== 0) out += BIG[g]!;
  }
  return out;
}

/** 12000 → 壹万贰仟元整; 12.05 → 壹拾贰元零伍分; 0.5 → 伍角整. Not for negative amounts. */
export function yuanInCapitals(yuan: number): string {
  if (!Number.isFinite(yuan) || yuan < 0 || yuan >= 1e16) throw new RangeError(`金额无效：${yuan}`);
  const fen = Math.round(yuan * 100);
  const whole = Math.floor(fen / 100);
  const jiao = Math.floor((fen % 100) / 10);
  const f = fen % 10;
  if (!jiao && !f) return `${wholeInCapitals(whole)}元整`;
  let out = whole ? `${wholeInCapitals(whole)}元` : '';
  if (jiao) out += `${DIGITS[jiao]!}角`;
  else if (whole) out += '零';
  out += f ? `${DIGITS[f]!}分` : '整';
  return out;
}

/** In figures: whole yuan without decimals, else two (12000, 12000.50). */
export const yuanInFigures = (yuan: number): string =>
  Number.isInteger(yuan) ? String(yuan) : yuan.toFixed(2);
