import { describe, is, listOf, refOf } from '../../moddle';
import { countyRule } from '../types';

/** A wait for a message (上级回复) names the message it waits for. */
export default countyRule((node, report) => {
  if (!is(node, 'bpmn:IntermediateCatchEvent')) return;
  for (const definition of listOf(node, 'eventDefinitions')) {
    if (!is(definition, 'bpmn:MessageEventDefinition')) continue;
    const message = refOf(definition, 'messageRef');
    if (!message) report(node, `${describe(node)}未指定等待的消息`);
    else if (!(message.name ?? '').trim()) {
      report(node, `${describe(node)}等待的消息(${message.id ?? ''})没有名称`);
    }
  }
});
