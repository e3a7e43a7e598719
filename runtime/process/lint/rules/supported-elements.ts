import { is } from '../../moddle';
import { unsupportedElements } from '../../supported';
import type { RuleFactory } from '../types';

/** Only supported BPMN elements are used (PROC-4); the same walk the server's parser does. */
const rule: RuleFactory = () => ({
  meta: { documentation: { url: 'docs/process.md' } },
  check(node, reporter) {
    if (!is(node, 'bpmn:Definitions')) return;
    for (const problem of unsupportedElements(node)) {
      reporter.report(problem.elementId ?? node.id ?? '', problem.message);
    }
  },
});
export default rule;
