import { LIMIT_UNIT_LABELS } from '../../../catalog/item';
import { describe, is } from '../../moddle';
import { readStepConfig } from '../../step-config';
import { isKeyOf } from '../../vocabulary';
import { countyRule } from '../types';

/** Every step has a time limit above zero in a known unit (PROC-2, RUN-6). */
export default countyRule((node, report) => {
  if (!is(node, 'bpmn:UserTask')) return;
  const { limitValue, limitUnit } = readStepConfig(node);
  if (limitValue === undefined || limitUnit === undefined) {
    report(node, `${describe(node)}未设置办理时限`);
  } else if (!Number.isFinite(limitValue) || limitValue <= 0) {
    report(node, `${describe(node)}的办理时限须大于 0`);
  } else if (!isKeyOf(LIMIT_UNIT_LABELS, limitUnit)) {
    report(node, `${describe(node)}的时限单位「${limitUnit}」无效，应为工作日、自然日或小时`);
  }
});
