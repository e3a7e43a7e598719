/**
 * Flowcharts (PROC-1..PROC-5): our BPMN extension, reading and verifying a diagram, the lint
 * rules shared with the studio, the compiled graph the runtime interprets, and the templates.
 */
export { countyModdle, COUNTY_NS } from './county-moddle';
export { verifyProcess, type VerificationResult } from './verify';
export type { FormFieldInfo, VerificationContext } from './checks/context';
export type { ProcessProblem } from './problems';
export { capProblems, MAX_PROBLEMS } from './problems';
export { xmlLimitProblem, XML_LIMITS } from './xml-limits';
export { parseProcessXml, MAX_PROCESS_XML_BYTES, type ParseResult } from './parse';
export { compileProcess } from './compile';
export * from './compiled';
export { bpmnlintConfig } from './lint';
export { CASE_VARIABLES, type CaseVariable } from './case-variables';
export * from './vocabulary';
export { parseIsoDuration, type IsoDuration } from './duration';
export { feelSyntaxError, feelReferences } from './feel';
export { PROCESS_TEMPLATES, type ProcessTemplateInfo } from './templates';
