/**
 * One reason a flowchart cannot be published (PROC-4). `rule` names the check (a bpmnlint rule
 * name such as `no-disconnected`, or one of ours, `county/…`); `message` is Chinese and names the
 * element by its label and id; `elementId` lets the studio mark the element on the diagram.
 */
export interface ProcessProblem {
  rule: string;
  message: string;
  elementId?: string;
}

export const problem = (rule: string, message: string, elementId?: string): ProcessProblem =>
  elementId ? { rule, message, elementId } : { rule, message };
