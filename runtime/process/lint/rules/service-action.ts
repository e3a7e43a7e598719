import { describe, is } from '../../moddle';
import { readStepConfig } from '../../step-config';
import { isKeyOf, SERVICE_ACTIONS } from '../../vocabulary';
import { countyRule } from '../types';

/** An automatic step names what it does: make a document, notify the applicant, push data. */
export default countyRule((node, report) => {
  if (!is(node, 'bpmn:ServiceTask')) return;
  const { action } = readStepConfig(node);
  if (action === undefined) {
    report(node, `${describe(node)}未指定自动动作（制作文书、通知申请人或推送数据）`);
  } else if (!isKeyOf(SERVICE_ACTIONS, action)) {
    report(
      node,
      `${describe(node)}的自动动作「${action}」无效，应为制作文书、通知申请人或推送数据`,
    );
  }
});
