import { civilDateOf } from '../calendar/civil-date';
import { parseApplicationNo } from '../numbers/application-no';
import { parseCaseNo } from '../numbers/case-no';
import { CaseError } from './errors';
import type { Tx } from './tx';

/**
 * The numbers the server claims (RUN-11) are checked against the rule before they are recorded:
 * a 办件编号 names the item's handling subject and the day of acceptance, a 申请编号 the day of
 * submission (Asia/Shanghai). Uniqueness is the server's (docs/runtime-rules.md).
 */
export function checkCaseNo(tx: Tx, caseNo: unknown): string {
  const parsed = parseCaseNo(typeof caseNo === 'string' ? caseNo : '');
  if (!parsed.ok)
    throw new CaseError('invalid_command', parsed.problems.map((p) => p.message).join('；'));
  const subject = tx.state.itemCode.split('-')[0];
  const today = civilDateOf(tx.now);
  if (parsed.parts.subjectCode !== subject || parsed.parts.date !== today) {
    throw new CaseError(
      'invalid_command',
      `办件编号「${String(caseNo)}」应以办理主体编码 ${subject} 和受理日期 ${today} 开头`,
    );
  }
  return String(caseNo);
}

export function checkApplicationNo(tx: Tx, applicationNo: unknown): string {
  const parsed = parseApplicationNo(typeof applicationNo === 'string' ? applicationNo : '');
  if (!parsed.ok)
    throw new CaseError('invalid_command', parsed.problems.map((p) => p.message).join('；'));
  const today = civilDateOf(tx.now);
  if (parsed.parts.date !== today) {
    throw new CaseError(
      'invalid_command',
      `申请编号「${String(applicationNo)}」的日期应为提交日期 ${today}`,
    );
  }
  return String(applicationNo);
}
