import type { BpmnElement } from '../moddle';

/** bpmnlint's rule shapes (bpmnlint/lib/types.d.ts), typed for our elements. */
export interface Reporter {
  report(id: string, message: string, path?: string[] | Record<string, unknown>): void;
}
export type EnterFn = (node: BpmnElement, reporter: Reporter) => boolean | void;
export type LeaveFn = (node: BpmnElement, reporter: Reporter) => void;
export interface RuleDefinition {
  meta?: { documentation?: { url?: string } };
  check: EnterFn | { enter?: EnterFn; leave?: LeaveFn };
}
export type RuleFactory = (config?: unknown) => RuleDefinition;

/** Our rules report Chinese messages that name the element (see `describe`). */
export type Report = (element: BpmnElement, message: string) => void;

/** A rule of ours from a check that sees one element at a time. */
export function countyRule(check: (node: BpmnElement, report: Report) => void): RuleFactory {
  return () => ({
    meta: { documentation: { url: 'docs/process.md' } },
    check(node, reporter) {
      check(node, (element, message) => reporter.report(element.id ?? '', message));
    },
  });
}
