import { SaxesParser, type SaxesAttributeNS, type SaxesTagPlain } from 'saxes';
import { problem, type ProcessProblem } from './problems';

export interface XmlLimits {
  elements: number;
  depth: number;
  attributes: number;
  attributeValue: number;
  text: number;
  name: number;
}

/**
 * What a flowchart may hold, checked in one streaming pass before bpmn-moddle reads it (PROC-4).
 * bpmn-moddle's time grows with the square of the elements it warns about (16,000 unknown ones
 * take 2.6 s, 10,000 duplicate ids 1.4 s), so the shape of the document is bounded first. Each
 * limit leaves room: the 200-step benchmark diagram with its layout (bench/process.ts, 183 KB)
 * has 3,192 elements, a depth of 6, at most 8 attributes on an element, values up to 43
 * characters, texts up to 20 and names up to 24; the templates have 44–160 elements.
 */
export const XML_LIMITS: XmlLimits = {
  /** Elements in the whole document: three times the 200-step diagram. */
  elements: 10_000,
  /** Nesting depth; the diagrams above need 6, the supported-element walk stops at 40. */
  depth: 100,
  /** Attributes on one element, namespace declarations included. */
  attributes: 64,
  /** Characters in one attribute value (a condition is at most 1,000 by `county/condition`). */
  attributeValue: 16 * 1024,
  /** Characters in one text, CDATA section or comment (documentation). */
  text: 256 * 1024,
  /** Characters in an element's or attribute's qualified name. */
  name: 200,
};

/** Thrown from a handler to stop the pass at the first limit broken. */
class LimitBroken extends Error {
  constructor(readonly problem: ProcessProblem) {
    super(problem.message);
  }
}

const shortName = (name: string) => (name.length > 40 ? `${name.slice(0, 40)}…` : name);

/**
 * Returns the first limit the XML breaks, as a `county/xml-limits` problem naming the limit and
 * where, or null. Linear in the text: one saxes pass without namespace processing; a document
 * that is not well-formed is left to the reader, which says why, but its size is still counted.
 */
export function xmlLimitProblem(
  xml: string,
  limits: XmlLimits = XML_LIMITS,
): ProcessProblem | null {
  const parser = new SaxesParser({ xmlns: false, position: true });
  let elements = 0;
  let depth = 0;
  let attributes = 0;
  let current = '';
  const where = () => `（第 ${parser.line} 行）`;
  const broken = (message: string) => {
    throw new LimitBroken(problem('county/xml-limits', `流程图${message}${where()}，不予读取`));
  };
  const checkText = (kind: string, text: string) => {
    if (text.length > limits.text) {
      broken(`中有过长的${kind}（${text.length} 个字符，上限 ${limits.text}）`);
    }
  };

  parser.on('opentagstart', (tag: SaxesTagPlain | { name: string }) => {
    current = tag.name;
    attributes = 0;
    if (++elements > limits.elements) broken(`元素过多（超过 ${limits.elements} 个）`);
    if (++depth > limits.depth) {
      broken(`嵌套过深（超过 ${limits.depth} 层），在元素 ${shortName(tag.name)} 处`);
    }
    if (tag.name.length > limits.name) {
      broken(`中有过长的元素名（${tag.name.length} 个字符，上限 ${limits.name}）`);
    }
  });
  parser.on('attribute', (attribute: { name: string; value: string } | SaxesAttributeNS) => {
    const at = `元素 ${shortName(current)} `;
    if (++attributes > limits.attributes) {
      broken(`${at}的属性过多（超过 ${limits.attributes} 个）`);
    }
    if (attribute.name.length > limits.name) {
      broken(`${at}有过长的属性名（${attribute.name.length} 个字符，上限 ${limits.name}）`);
    }
    if (attribute.value.length > limits.attributeValue) {
      broken(
        `${at}的属性 ${shortName(attribute.name)} 过长（${attribute.value.length} 个字符，上限 ${limits.attributeValue}）`,
      );
    }
  });
  // A self-closing tag also ends with closetag; an end tag without its start does not count.
  parser.on('closetag', () => {
    if (depth > 0) depth--;
  });
  parser.on('text', (text) => checkText('文本', text));
  parser.on('cdata', (text) => checkText(' CDATA 段', text));
  parser.on('comment', (text) => checkText('注释', text));
  parser.on('processinginstruction', (pi) => checkText('处理指令', pi.body));
  // Well-formedness is the reader's to report; the pass goes on counting.
  parser.on('error', () => undefined);

  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof LimitBroken) return error.problem;
    throw error;
  }
  return null;
}
