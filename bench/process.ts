/**
 * Flowchart verification and compilation time (PROC-4; target: under 500 ms for 200 steps).
 * Builds a 200-step diagram with its layout — sequences, exclusive choices, parallel blocks of
 * three branches and return loops — and prints the median of several runs of verifyProcess,
 * which parses, lints, checks against the item and compiles.
 */
import { Linter } from 'bpmnlint';
import { compileProcess } from '../runtime/process/compile';
import { bpmnlintConfig } from '../runtime/process/lint';
import { parseProcessXml } from '../runtime/process/parse';
import { verifyProcess, type VerificationContext } from '../runtime/process/verify';

const STEPS = 200;
const RUNS = 15;

interface Shape {
  id: string;
  xml: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

function diagram(steps: number): string {
  const shapes: Shape[] = [];
  const flows: { id: string; from: string; to: string; condition?: string; name?: string }[] = [];
  let x = 0;
  let made = 0;
  let n = 0;
  const id = (prefix: string) => `${prefix}_${++n}`;
  const add = (xml: string, shapeId: string, y: number, w: number, h: number, advance = true) => {
    shapes.push({ id: shapeId, xml, x, y, w, h });
    if (advance) x += w + 50;
  };
  const task = (y = 200, advance = true) => {
    const t = id('Task');
    made++;
    add(
      `<bpmn:userTask id="${t}" name="环节${made}"><bpmn:extensionElements><county:stepConfig limitValue="1" limitUnit="workingDays"><county:posts postId="p1" name="窗口"/><county:fieldPermissions field="amount" access="read"/></county:stepConfig></bpmn:extensionElements></bpmn:userTask>`,
      t,
      y,
      100,
      80,
      advance,
    );
    return t;
  };
  const gateway = (kind: 'exclusive' | 'parallel', name = '', fallback?: string) => {
    const g = id('Gateway');
    const attrs = `${name ? ` name="${name}"` : ''}${fallback ? ` default="${fallback}"` : ''}`;
    add(`<bpmn:${kind}Gateway id="${g}"${attrs}/>`, g, 215, 50, 50);
    return g;
  };
  const link = (from: string, to: string, extra: { condition?: string; name?: string } = {}) => {
    const f = id('Flow');
    flows.push({ id: f, from, to, ...extra });
    return f;
  };
  add('<bpmn:startEvent id="Start" name="申请"/>', 'Start', 222, 36, 36);
  let last = 'Start';
  let block = 0;
  while (made < steps) {
    const kind = block++ % 4;
    if (kind === 0 || steps - made < 8) {
      const t = task();
      link(last, t);
      last = t;
    } else if (kind === 1) {
      // An exclusive choice of two routes, merged again.
      const split = gateway('exclusive', '是否通过');
      link(last, split);
      const merge = id('Gateway');
      const a1 = task(120, false);
      const a2 = task(120);
      x -= 150;
      const b1 = task(300);
      link(split, a1, { condition: 'outcome = "approve"', name: '通过' });
      link(a1, a2);
      link(split, b1, { condition: 'outcome != "approve"', name: '不通过' });
      add(`<bpmn:exclusiveGateway id="${merge}"/>`, merge, 215, 50, 50);
      link(a2, merge);
      link(b1, merge);
      last = merge;
    } else if (kind === 2) {
      // A parallel block of three branches of two steps.
      const split = gateway('parallel', '并联');
      link(last, split);
      const ends: string[] = [];
      const start = x;
      for (const y of [80, 200, 320]) {
        x = start;
        const first = task(y);
        const second = task(y);
        link(split, first);
        link(first, second);
        ends.push(second);
      }
      const join = gateway('parallel');
      for (const e of ends) link(e, join);
      last = join;
    } else {
      // A return loop: 复核 may send the case back to the step before it.
      const merge = gateway('exclusive');
      link(last, merge);
      const t = task();
      const check = id('Gateway');
      const back = id('Flow');
      add(
        `<bpmn:exclusiveGateway id="${check}" name="复核结果" default="${back}"/>`,
        check,
        215,
        50,
        50,
      );
      link(merge, t);
      link(t, check);
      flows.push({ id: back, from: check, to: merge, name: '退回' });
      const next = task();
      link(check, next, { condition: 'amount >= 100', name: '大额' });
      last = next;
    }
  }
  add('<bpmn:endEvent id="End" name="办结"/>', 'End', 222, 36, 36);
  link(last, 'End');
  const byId = new Map(shapes.map((s) => [s.id, s]));
  const flowXml = flows.map((f) =>
    f.condition
      ? `<bpmn:sequenceFlow id="${f.id}" name="${f.name}" sourceRef="${f.from}" targetRef="${f.to}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression" language="feel">${f.condition.replace(/"/g, '&quot;')}</bpmn:conditionExpression></bpmn:sequenceFlow>`
      : `<bpmn:sequenceFlow id="${f.id}"${f.name ? ` name="${f.name}"` : ''} sourceRef="${f.from}" targetRef="${f.to}"/>`,
  );
  const di = [
    ...shapes.map(
      (s) =>
        `<bpmndi:BPMNShape id="${s.id}_di" bpmnElement="${s.id}"><dc:Bounds x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}"/></bpmndi:BPMNShape>`,
    ),
    ...flows.map((f) => {
      const a = byId.get(f.from)!;
      const b = byId.get(f.to)!;
      return `<bpmndi:BPMNEdge id="${f.id}_di" bpmnElement="${f.id}"><di:waypoint x="${a.x + a.w}" y="${a.y + a.h / 2}"/><di:waypoint x="${b.x}" y="${b.y + b.h / 2}"/></bpmndi:BPMNEdge>`;
    }),
  ];
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:county="http://county-platform.org/schema/bpmn/1.0" id="Definitions_bench" targetNamespace="http://county-platform.org/bench">\n' +
    '<bpmn:process id="Process_bench" name="基准流程" isExecutable="true"><bpmn:extensionElements><county:processConfig form="apply"/></bpmn:extensionElements>\n' +
    shapes.map((s) => s.xml).join('\n') +
    '\n' +
    flowXml.join('\n') +
    '\n</bpmn:process>\n<bpmndi:BPMNDiagram id="Diagram_bench"><bpmndi:BPMNPlane id="Plane_bench" bpmnElement="Process_bench">\n' +
    di.join('\n') +
    '\n</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>\n</bpmn:definitions>\n'
  );
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function time<T>(work: () => Promise<T>): Promise<number> {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}

async function main() {
  const xml = diagram(STEPS);
  const context: VerificationContext = {
    promisedLimit: { value: 1000, unit: 'workingDays' },
    forms: { apply: [{ key: 'amount', type: 'number', label: '金额', required: true }] },
    posts: ['p1'],
  };
  const first = await verifyProcess(xml, context);
  if (!first.ok) {
    console.error(first.problems.slice(0, 10));
    throw new Error('the benchmark diagram does not verify');
  }
  const steps = first.compiled.nodes.filter((node) => node.kind === 'userTask').length;
  const gateways = first.compiled.nodes.filter((node) => node.kind.endsWith('Gateway')).length;
  console.log(
    `diagram: ${steps} steps, ${gateways} gateways, ${first.compiled.flows.length} flows, ${(xml.length / 1024).toFixed(0)} KB`,
  );
  const total: number[] = [];
  const parse: number[] = [];
  const lint: number[] = [];
  const compile: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    total.push(await time(() => verifyProcess(xml, context)));
    const parsed = await parseProcessXml(xml);
    if (!parsed.ok) throw new Error('unreadable');
    parse.push(await time(() => parseProcessXml(xml)));
    lint.push(await time(() => new Linter(bpmnlintConfig).lint(parsed.definitions)));
    compile.push(await time(async () => compileProcess(parsed.process)));
  }
  const ms = (values: number[]) => `${median(values).toFixed(1)} ms`;
  console.log(
    `verifyProcess (parse + lint + checks + compile), median of ${RUNS}: ${ms(total)} ` +
      `(min ${Math.min(...total).toFixed(1)}, max ${Math.max(...total).toFixed(1)}); target < 500 ms`,
  );
  console.log(`  of which parse ${ms(parse)}, lint ${ms(lint)}, compile ${ms(compile)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
