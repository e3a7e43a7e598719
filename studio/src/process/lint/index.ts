import lintModule from 'bpmn-js-bpmnlint';
import ProblemMarkers from './ProblemMarkers';

/**
 * Marks while drawing: bpmn-js-bpmnlint with the server's own rules (runtime/process/lint), and
 * the problems of the server's last verification.
 */
export default {
  __depends__: [lintModule],
  __init__: ['problemMarkers'],
  problemMarkers: ['type', ProblemMarkers],
};

export { bpmnlintConfig } from '../../../../runtime/process/lint';
export type { Problem } from './ProblemMarkers';
