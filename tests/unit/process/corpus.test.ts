import fs from 'node:fs';
import path from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import { verifyProcess, type VerificationResult } from '../../../runtime/process/verify';
import { context } from './build';

/** The BPMN Model Interchange Working Group's reference diagrams, shared beside the repository. */
const CORPUS = path.resolve(__dirname, '../../../../shared/corpora/bpmn/miwg-reference');
const files = fs.existsSync(CORPUS)
  ? fs
      .readdirSync(CORPUS)
      .filter((f) => f.endsWith('.bpmn'))
      .sort()
  : [];

/** Flow elements as this test understands the supported set, independently of the parser. */
function unsupportedIn(definitions: { rootElements?: Element[] }): Element[] {
  const out: Element[] = [];
  for (const root of definitions.rootElements ?? []) {
    if (root.$type !== 'bpmn:Process') continue;
    for (const e of root.flowElements ?? []) {
      const defs = (e.eventDefinitions ?? []).map((d) => d.$type);
      const ok =
        [
          'bpmn:UserTask',
          'bpmn:ServiceTask',
          'bpmn:ExclusiveGateway',
          'bpmn:ParallelGateway',
          'bpmn:InclusiveGateway',
          'bpmn:SequenceFlow',
        ].includes(e.$type) ||
        (e.$type === 'bpmn:StartEvent' && defs.length === 0) ||
        (e.$type === 'bpmn:EndEvent' && defs.every((d) => d === 'bpmn:TerminateEventDefinition')) ||
        (e.$type === 'bpmn:BoundaryEvent' &&
          defs.length === 1 &&
          defs[0] === 'bpmn:TimerEventDefinition') ||
        (e.$type === 'bpmn:IntermediateCatchEvent' &&
          defs.length === 1 &&
          defs[0] === 'bpmn:MessageEventDefinition');
      if (!ok) out.push(e);
    }
  }
  return out;
}
interface Element {
  $type: string;
  id?: string;
  flowElements?: Element[];
  eventDefinitions?: Element[];
}

const within = <T>(ms: number, work: Promise<T>) =>
  Promise.race([
    work,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`longer than ${ms} ms`)), ms).unref(),
    ),
  ]);

describe('the MIWG reference corpus (PROC-4)', () => {
  test('the corpus is there to be read', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  test.each(files)(
    'PROC-4 %s is compiled or refused with every unsupported element named, in time',
    async (file) => {
      const xml = fs.readFileSync(path.join(CORPUS, file), 'utf8');
      const result: VerificationResult = await within(10_000, verifyProcess(xml, context()));
      if (result.ok) {
        expect(result.compiled.nodes.length).toBeGreaterThan(0);
        return;
      }
      expect(result.problems.length).toBeGreaterThan(0);
      for (const problem of result.problems) {
        expect(problem.message).toMatch(/[\u4e00-\u9fa5]/);
      }
      const { rootElement } = await new BpmnModdle().fromXML(xml);
      const expected = unsupportedIn(rootElement as { rootElements?: Element[] });
      const named = result.problems.filter((p) => p.rule === 'county/unsupported-element');
      for (const element of expected) {
        const hit = named.some((p) => p.elementId === element.id && p.message.includes('bpmn:'));
        expect({ file, id: element.id, type: element.$type, named: hit }).toEqual({
          file,
          id: element.id,
          type: element.$type,
          named: true,
        });
      }
    },
  );
});
