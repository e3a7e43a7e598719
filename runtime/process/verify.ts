import { Linter } from 'bpmnlint';
import { conditionProblems } from './checks/conditions';
import type { VerificationContext } from './checks/context';
import { gatewayProblems } from './checks/gateway-completeness';
import { limitProblems } from './checks/limits';
import { splitJoinProblems, tokenProblems } from './checks/soundness';
import { stepProblems } from './checks/steps';
import { compileProcess } from './compile';
import type { CompiledProcess } from './compiled';
import { bpmnlintConfig } from './lint';
import { parseProcessXml } from './parse';
import { capProblems, problem, type ProcessProblem } from './problems';

export type { FormFieldInfo, VerificationContext } from './checks/context';
export type { ProcessProblem } from './problems';

export type VerificationResult =
  | { ok: true; compiled: CompiledProcess; problems: [] }
  | {
      ok: false;
      problems: ProcessProblem[];
      /** The XML could not be read at all (too big, a DTD, not BPMN), not merely refused. */
      unreadable: boolean;
    };

/**
 * Rules whose failure makes the graph's shape unfit for the split/join and token analysis: until
 * they pass, that analysis would only repeat them in other words.
 */
const SHAPE_RULES = new Set([
  'start-event-required',
  'end-event-required',
  'single-blank-start-event',
  'no-disconnected',
  'no-implicit-start',
  'no-implicit-end',
  'no-implicit-split',
  'fake-join',
  'no-gateway-join-fork',
  'county/path-to-end',
  'county/timer',
]);

async function lintProblems(definitions: unknown): Promise<ProcessProblem[]> {
  const results = await new Linter(bpmnlintConfig).lint(definitions);
  const problems: ProcessProblem[] = [];
  for (const [rule, reports] of Object.entries(results)) {
    for (const report of reports) {
      if (report.category === 'error') problems.push(problem(rule, report.message, report.id));
      if (report.category === 'rule-error') {
        problems.push(
          problem('county/lint-failure', `校验规则 ${rule} 运行出错：${report.message}`),
        );
      }
    }
  }
  return problems;
}

/**
 * Verifies a flowchart before it can be published (PROC-4) and compiles it for the runtime:
 * the XML is read and refused on anything unsupported (`parse.ts`), then the lint rules
 * (`lint/`) and the checks against the item (`checks/`) run, all their problems together.
 * The rules and the decisions behind them are in docs/process.md.
 */
export async function verifyProcess(
  xml: string,
  context: VerificationContext,
): Promise<VerificationResult> {
  try {
    const result = await verify(xml, context);
    // At most MAX_PROBLEMS (200) and a note of how many more: the list is returned and stored.
    return result.ok ? result : { ...result, problems: capProblems(result.problems) };
  } catch (error) {
    // Nothing here should throw; if something does, the diagram is refused, not the request.
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      unreadable: true,
      problems: [problem('county/verify-failure', `流程图校验出错，无法完成：${reason}`)],
    };
  }
}

async function verify(xml: string, context: VerificationContext): Promise<VerificationResult> {
  const parsed = await parseProcessXml(xml);
  if (!parsed.ok) return { ok: false, problems: parsed.problems, unreadable: parsed.unreadable };
  const problems = await lintProblems(parsed.definitions);
  const compiled = compileProcess(parsed.process);
  problems.push(
    ...stepProblems(compiled, context),
    ...conditionProblems(compiled, context),
    ...gatewayProblems(compiled, context),
    ...limitProblems(compiled, context),
  );
  if (!problems.some((p) => SHAPE_RULES.has(p.rule))) {
    const structural = splitJoinProblems(compiled);
    problems.push(...structural, ...(structural.length === 0 ? tokenProblems(compiled) : []));
  }
  if (problems.length > 0) return { ok: false, problems, unreadable: false };
  return { ok: true, compiled, problems: [] };
}
