import fs from 'node:fs';
import path from 'node:path';
import { parseProcessXml } from '../../../runtime/process/parse';
import { capProblems, MAX_PROBLEMS, problem } from '../../../runtime/process/problems';
import { verifyProcess } from '../../../runtime/process/verify';
import { XML_LIMITS, xmlLimitProblem } from '../../../runtime/process/xml-limits';
import { context, manyUnknownElements, processXml, simple } from './build';

const TEMPLATES = path.resolve(__dirname, '../../../templates/processes');

/** A readable diagram with `extra` put inside its process. */
const withInside = (extra: string) =>
  simple().replace('</bpmn:process>', `${extra}</bpmn:process>`);

async function refusedFor(xml: string): Promise<string> {
  const result = await parseProcessXml(xml);
  expect(result).toMatchObject({ ok: false, unreadable: true });
  if (result.ok) throw new Error('expected a refusal');
  expect(result.problems).toHaveLength(1);
  expect(result.problems[0]!.rule).toBe('county/xml-limits');
  return result.problems[0]!.message;
}

describe('bounds on a flowchart’s XML before it is read (PROC-4)', () => {
  test('PROC-4 every template and a diagram at each limit pass the pre-pass', async () => {
    for (const file of fs.readdirSync(TEMPLATES)) {
      const xml = fs.readFileSync(path.join(TEMPLATES, file), 'utf8');
      expect([file, xmlLimitProblem(xml)]).toEqual([file, null]);
      const parsed = await parseProcessXml(xml);
      if (!parsed.ok) expect(parsed.problems.map((p) => p.rule)).not.toContain('county/xml-limits');
    }
    const atLimits =
      // definitions, process, startEvent, endEvent, flow and this element make 6; 2 more inside.
      `<bpmn:documentation>${'a'.repeat(XML_LIMITS.text)}</bpmn:documentation>` +
      `<bpmn:textAnnotation id="${'n'.repeat(XML_LIMITS.attributeValue)}" ${Array.from(
        { length: XML_LIMITS.attributes - 1 },
        (_, i) => `x:a${i}="1"`,
      ).join(' ')}><bpmn:text>t</bpmn:text></bpmn:textAnnotation>` +
      `<${'x:'.padEnd(XML_LIMITS.name, 'e')}/>`;
    expect(xmlLimitProblem(withInside(atLimits))).toBeNull();
    const count = (xml: string) => (xml.match(/<[A-Za-z]/g) ?? []).length;
    const base = simple();
    expect(
      xmlLimitProblem(withInside('<x:e/>'.repeat(XML_LIMITS.elements - count(base)))),
    ).toBeNull();
  });

  test('PROC-4 too many elements: the 2 MB file of ~110,000 unknown elements is refused within a second', async () => {
    const xml = manyUnknownElements();
    expect(xml.length).toBeGreaterThan(2 * 1024 * 1024 - 10);
    const started = performance.now();
    const message = await refusedFor(xml);
    const ms = performance.now() - started;
    console.log(`PROC-4 pre-pass refused ${xml.length} bytes in ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(1000);
    expect(message).toBe('流程图元素过多（超过 10000 个）（第 3 行），不予读取');
    const count = (simple().match(/<[A-Za-z]/g) ?? []).length;
    expect(
      await refusedFor(withInside('<x:e/>'.repeat(XML_LIMITS.elements - count + 1))),
    ).toContain('元素过多');
  });

  test('PROC-4 nesting deeper than the limit is refused, naming the element', async () => {
    const depth = XML_LIMITS.depth; // plus definitions and process: two over
    const xml = withInside('<x:e>'.repeat(depth) + '</x:e>'.repeat(depth));
    expect(await refusedFor(xml)).toBe(
      '流程图嵌套过深（超过 100 层），在元素 x:e 处（第 11 行），不予读取',
    );
  });

  test('PROC-4 too many attributes on one element, or one too long, is refused', async () => {
    const attrs = (n: number) => Array.from({ length: n }, (_, i) => ` x:a${i}="1"`).join('');
    expect(await refusedFor(withInside(`<x:e${attrs(XML_LIMITS.attributes + 1)}/>`))).toContain(
      '元素 x:e 的属性过多（超过 64 个）',
    );
    const long = 'v'.repeat(XML_LIMITS.attributeValue + 1);
    expect(await refusedFor(withInside(`<bpmn:task id="t" name="${long}"/>`))).toContain(
      '元素 bpmn:task 的属性 name 过长（16385 个字符，上限 16384）',
    );
  });

  test('PROC-4 over-long element and attribute names are refused', async () => {
    const name = 'x:'.padEnd(XML_LIMITS.name + 1, 'e');
    expect(await refusedFor(withInside(`<${name}/>`))).toContain(
      '过长的元素名（201 个字符，上限 200）',
    );
    expect(await refusedFor(withInside(`<x:e ${name}="1"/>`))).toContain(
      '元素 x:e 有过长的属性名（201 个字符，上限 200）',
    );
  });

  test('PROC-4 an over-long text, CDATA section, comment or processing instruction is refused', async () => {
    const long = 'a'.repeat(XML_LIMITS.text + 1);
    expect(await refusedFor(withInside(`<bpmn:documentation>${long}</bpmn:documentation>`))).toBe(
      '流程图中有过长的文本（262145 个字符，上限 262144）（第 11 行），不予读取',
    );
    expect(
      await refusedFor(withInside(`<bpmn:documentation><![CDATA[${long}]]></bpmn:documentation>`)),
    ).toContain('过长的 CDATA 段');
    expect(await refusedFor(withInside(`<!--${long}-->`))).toContain('过长的注释');
    expect(await refusedFor(withInside(`<?pi ${long}?>`))).toContain('过长的处理指令');
  });

  test('PROC-4 the DOCTYPE refusal still comes first; XML that is not well-formed is left to the reader', async () => {
    const doctype = await parseProcessXml(
      `<!DOCTYPE x>${'<x:e/>'.repeat(XML_LIMITS.elements + 1)}`,
    );
    expect(!doctype.ok && doctype.problems[0]!.rule).toBe('county/xml-doctype');
    // Malformed: the pre-pass has nothing to say, the reader explains.
    expect(xmlLimitProblem('<a><b></a>')).toBeNull();
    const malformed = await parseProcessXml('<a><b></a>');
    expect(!malformed.ok && malformed.problems[0]!.rule).toBe('county/xml-unreadable');
    // …but a malformed document is still counted to its end.
    expect(xmlLimitProblem(`<a></b>${'<x:e/>'.repeat(XML_LIMITS.elements + 1)}`)).toMatchObject({
      rule: 'county/xml-limits',
    });
  });

  test('PROC-4 the pre-pass is linear: eight times the input takes about eight times as long', () => {
    const unlimited = { ...XML_LIMITS, elements: Infinity };
    const doc = (n: number) => withInside('<x:e a="1">t</x:e>'.repeat(n));
    const time = (xml: string) => {
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        expect(xmlLimitProblem(xml, unlimited)).toBeNull();
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    const small = doc(12_000);
    const large = doc(96_000);
    time(small); // warm up
    const ratio = time(large) / time(small);
    console.log(`PROC-4 pre-pass time ratio for 8x input: ${ratio.toFixed(1)}`);
    // Quadratic growth would be about 64.
    expect(ratio).toBeLessThan(20);
  });
});

describe('capped problem lists (PROC-4)', () => {
  test('PROC-4 at most 200 problems are kept, with one more saying how many were left out', () => {
    const many = Array.from({ length: 250 }, (_, i) => problem('r', `问题${i}`, `E${i}`));
    const capped = capProblems(many);
    expect(capped).toHaveLength(MAX_PROBLEMS + 1);
    expect(capped[199]).toEqual({ rule: 'r', message: '问题199', elementId: 'E199' });
    expect(capped[200]).toEqual({
      rule: 'county/more-problems',
      message: '另有 50 个问题未列出（共 250 个），请先修改以上问题后重新校验',
    });
    expect(capProblems(many.slice(0, 200))).toEqual(many.slice(0, 200));
    const long = capProblems([problem('r', '长'.repeat(2000))]);
    expect(long[0]!.message).toHaveLength(501);
  });

  test('PROC-4 verifyProcess returns a capped list for a diagram with thousands of problems', async () => {
    const tasks = Array.from({ length: 3000 }, (_, i) => `<bpmn:task id="T${i}"/>`);
    const result = await verifyProcess(processXml(tasks), context());
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(result.problems[MAX_PROBLEMS]!.message).toMatch(/^另有 \d+ 个问题未列出/);
    expect(JSON.stringify(result).length).toBeLessThan(200_000);
  });
});
