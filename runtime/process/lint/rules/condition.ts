import { feelSyntaxError, MAX_CONDITION_LENGTH } from '../../feel';
import { describe, is, isAny, listOf, refOf } from '../../moddle';
import { countyRule } from '../types';

/** Conditions are FEEL; the studio writes language="feel", other tools may write none. */
const isFeel = (language: unknown) => language === undefined || /feel/i.test(String(language));

/**
 * Conditions are well-formed (PROC-4): FEEL that parses, only on flows leaving an exclusive or
 * inclusive gateway, never on the default flow (which is taken when no condition holds).
 */
export default countyRule((node, report) => {
  if (is(node, 'bpmn:SequenceFlow')) {
    const expression = refOf(node, 'conditionExpression');
    if (!expression) return;
    const source = refOf(node, 'sourceRef');
    const body = typeof expression.body === 'string' ? expression.body.trim() : '';
    if (!isAny(source, ['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway'])) {
      report(node, `${describe(node)}不是从排他网关或包容网关出发，不能设置条件`);
    } else if (refOf(source, 'default') === node) {
      report(node, `${describe(node)}是默认路径，不能再设置条件`);
    } else if (!isFeel(expression.language)) {
      report(
        node,
        `${describe(node)}的条件语言「${String(expression.language)}」不受支持，只支持 FEEL`,
      );
    } else if (body === '') {
      report(node, `${describe(node)}的条件为空`);
    } else if (body.length > MAX_CONDITION_LENGTH) {
      report(node, `${describe(node)}的条件过长（超过 ${MAX_CONDITION_LENGTH} 个字符）`);
    } else {
      const at = feelSyntaxError(body);
      if (at !== undefined) {
        report(node, `${describe(node)}的条件「${body}」在第 ${at + 1} 个字符处有语法错误`);
      }
    }
  }
  if (isAny(node, ['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway'])) {
    const fallback = refOf(node, 'default');
    if (fallback && !listOf(node, 'outgoing').includes(fallback)) {
      report(node, `${describe(node)}的默认路径不是它的出口连线`);
    }
  }
});
