import { describe, is } from '../../moddle';
import { multiInstanceOf, readStepConfig } from '../../step-config';
import { isKeyOf, SIGNING_MODES } from '../../vocabulary';
import { countyRule } from '../types';

/**
 * A step handled by several people at once or in turn (多实例) says how it concludes: 会签 (all),
 * 或签 (any) or a share of them (0 < ratio ≤ 1). A single-handler step has no signing mode.
 */
export default countyRule((node, report) => {
  if (!is(node, 'bpmn:UserTask')) return;
  const { signing, signingRatio } = readStepConfig(node);
  if (!multiInstanceOf(node)) {
    if (signing !== undefined)
      report(node, `${describe(node)}不是多人办理（多实例）环节，不能设置会签方式`);
    return;
  }
  if (signing === undefined) {
    report(node, `${describe(node)}是多人办理环节，须选择会签方式（会签、或签或按比例）`);
  } else if (!isKeyOf(SIGNING_MODES, signing)) {
    report(node, `${describe(node)}的会签方式「${signing}」无效，应为会签、或签或按比例`);
  } else if (signing === 'ratio') {
    const ok = signingRatio !== undefined && signingRatio > 0 && signingRatio <= 1;
    if (!ok) report(node, `${describe(node)}按比例会签时，比例须大于 0 且不超过 1`);
  }
});
