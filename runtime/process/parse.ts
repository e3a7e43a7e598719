import { BpmnModdle } from 'bpmn-moddle';
import { countyModdle } from './county-moddle';
import { is, listOf, refOf, type BpmnElement } from './moddle';
import { problem, type ProcessProblem } from './problems';
import { unsupportedElements } from './supported';
import { xmlLimitProblem } from './xml-limits';

/**
 * The largest diagram read (UTF-8 bytes). A 200-step flowchart with its layout is about 150 KB;
 * 2 MB leaves room and keeps a hostile upload from tying up the parser.
 */
export const MAX_PROCESS_XML_BYTES = 2 * 1024 * 1024;

export type ParseResult =
  | { ok: true; definitions: BpmnElement; process: BpmnElement }
  | {
      ok: false;
      problems: ProcessProblem[];
      /** The XML could not be read at all (too big, DTD, not BPMN), as opposed to refused. */
      unreadable: boolean;
    };

/** UTF-8 length without allocating a copy (runtime/ has no Buffer). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const unreadable = (rule: string, message: string): ParseResult => ({
  ok: false,
  unreadable: true,
  problems: [problem(rule, message)],
});

/**
 * Reads a flowchart (PROC-1, PROC-4) with bpmn-moddle and our extension. Refuses before parsing
 * what a diagram never needs and a parser might be attacked through (a DTD, entities, sheer
 * size, too many or too deep elements, over-long names, attributes and texts: `xml-limits.ts`);
 * treats every reader warning as a refusal, since the reader skips what it does not
 * know; and refuses every unsupported element, naming each.
 */
export async function parseProcessXml(xml: string): Promise<ParseResult> {
  if (xml.length > MAX_PROCESS_XML_BYTES || utf8Length(xml) > MAX_PROCESS_XML_BYTES) {
    const mb = (MAX_PROCESS_XML_BYTES / 1024 / 1024).toFixed(0);
    return unreadable('county/xml-size', `流程图文件过大（超过 ${mb} MB），无法读取`);
  }
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    return unreadable(
      'county/xml-doctype',
      '流程图含有 DOCTYPE 或 ENTITY 声明，出于安全考虑不予读取；BPMN 文件不需要它们',
    );
  }
  // bpmn-moddle slows down with the square of some inputs: the document's shape is bounded first.
  const limit = xmlLimitProblem(xml);
  if (limit) return { ok: false, unreadable: true, problems: [limit] };
  let result: Awaited<ReturnType<BpmnModdle['fromXML']>>;
  try {
    result = await new BpmnModdle({ county: countyModdle }).fromXML(xml);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return unreadable('county/xml-unreadable', `流程图不是可读取的 BPMN 2.0 文件：${reason}`);
  }
  const definitions = result.rootElement as BpmnElement;
  const problems: ProcessProblem[] = result.warnings.map((warning) => {
    const id = warning.element?.id;
    return problem(
      'county/xml-warning',
      `流程图中有无法识别的内容：${warning.message.replace(/\s+/g, ' ').trim()}`,
      typeof id === 'string' ? id : undefined,
    );
  });
  problems.push(...unsupportedElements(definitions));
  const process = listOf(definitions, 'rootElements').find((e) => is(e, 'bpmn:Process'));
  if (problems.length > 0 || !process) return { ok: false, problems, unreadable: false };
  linkFlows(process);
  return { ok: true, definitions, process };
}

/**
 * A node's `<bpmn:incoming>` and `<bpmn:outgoing>` only repeat what the sequence flows say and
 * some tools leave them out: they are rebuilt from the flows, the one source of truth, so the
 * lint rules and the compiler see the same connections.
 */
function linkFlows(process: BpmnElement) {
  const nodes = listOf(process, 'flowElements').filter((e) => !is(e, 'bpmn:SequenceFlow'));
  for (const node of nodes) {
    node.incoming = [];
    node.outgoing = [];
  }
  for (const flow of listOf(process, 'flowElements')) {
    if (!is(flow, 'bpmn:SequenceFlow')) continue;
    const source = refOf(flow, 'sourceRef');
    const target = refOf(flow, 'targetRef');
    if (source && nodes.includes(source)) listOf(source, 'outgoing').push(flow);
    if (target && nodes.includes(target)) listOf(target, 'incoming').push(flow);
  }
}
