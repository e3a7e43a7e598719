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

/** Problems kept in a result: enough to work through, few enough to store and show (PROC-4). */
export const MAX_PROBLEMS = 200;
/** Characters kept of one message (a label quoted in it may be long). */
export const MAX_PROBLEM_MESSAGE = 500;

/**
 * The first `max` problems, each message cut to `MAX_PROBLEM_MESSAGE`, and one more saying how
 * many were left out: a verification result and the stored `problems` stay far below MongoDB's
 * 16 MB document limit whatever the diagram holds.
 */
export function capProblems(problems: ProcessProblem[], max = MAX_PROBLEMS): ProcessProblem[] {
  const kept = problems
    .slice(0, max)
    .map((p) =>
      p.message.length > MAX_PROBLEM_MESSAGE
        ? { ...p, message: `${p.message.slice(0, MAX_PROBLEM_MESSAGE)}…` }
        : p,
    );
  if (problems.length > max) {
    kept.push(
      problem(
        'county/more-problems',
        `另有 ${problems.length - max} 个问题未列出（共 ${problems.length} 个），请先修改以上问题后重新校验`,
      ),
    );
  }
  return kept;
}
