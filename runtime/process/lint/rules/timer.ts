import { parseIsoDuration } from '../../duration';
import { describe, is, listOf, refOf } from '../../moddle';
import { countyRule } from '../types';

/**
 * A timer on a step (催办, 超时处理) runs for an ISO 8601 duration (P3D, PT4H) and sits on a
 * step handled by people; it may interrupt the step or not (cancelActivity="false").
 */
export default countyRule((node, report) => {
  if (!is(node, 'bpmn:BoundaryEvent')) return;
  const host = refOf(node, 'attachedToRef');
  if (!is(host, 'bpmn:UserTask')) {
    report(node, `${describe(node)}只能放在办理环节（用户任务）上`);
  }
  for (const definition of listOf(node, 'eventDefinitions')) {
    if (!is(definition, 'bpmn:TimerEventDefinition')) continue;
    const body = refOf(definition, 'timeDuration')?.body;
    const text = typeof body === 'string' ? body.trim() : '';
    if (!text) report(node, `${describe(node)}未设置定时时长`);
    else if (!parseIsoDuration(text)) {
      report(node, `${describe(node)}的时长「${text}」不是有效的 ISO 8601 时长（如 P3D、PT4H）`);
    }
  }
});
