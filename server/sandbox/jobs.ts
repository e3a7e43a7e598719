import type { MessagePort } from 'node:worker_threads';
import { verifyProcess } from '../../runtime/process/verify';
import type { VerificationContext } from '../../runtime/process/verify';
import { merkleTree } from '../../runtime/trail/merkle';
import { fillDocx, renderPdf, type DocumentData, type SealMark } from '../documents/render';

/**
 * The jobs a sandbox worker runs: plain data in, plain data out (structured clone). Work whose
 * time depends on what a user stored or uploaded belongs here (architecture.md, bounded work):
 * BPMN verification now; document generation and stored FEEL later.
 */
export const jobs = {
  /** PROC-4: parse, lint, check against the item and compile a flowchart. */
  verifyProcess: (input: { xml: string; context: VerificationContext }) =>
    verifyProcess(input.xml, input.context),
  /** RUN-7: an anchor's tree; proofs as JSON text, which crosses threads far cheaper than objects. */
  merkleTree: (input: { leafHashes: string[] }) => {
    const { root, proofs } = merkleTree(input.leafHashes);
    return { root, proofs: proofs.map((p) => JSON.stringify(p)) };
  },
  /** RUN-10, RUN-14: a notice or decision filled (DOCX) and drawn (PDF), its seal stamped. */
  renderDocument: async (input: {
    template: Uint8Array;
    data: DocumentData;
    documentId: string;
    seal?: SealMark;
  }) => {
    const docx = fillDocx(input.template, input.data);
    const pdf = await renderPdf(docx, {
      title: `${input.data.title} ${input.data.number}`,
      subject: `county-document-id:${input.documentId}`,
      ...(input.seal ? { seal: input.seal } : {}),
    });
    return { docx: new Uint8Array(docx), pdf: new Uint8Array(pdf) };
  },
};

export type Jobs = typeof jobs;
export type JobName = keyof Jobs;
export type JobInput<K extends JobName> = Parameters<Jobs[K]>[0];
export type JobOutput<K extends JobName> = Awaited<ReturnType<Jobs[K]>>;

export interface JobTask {
  job: string;
  input: unknown;
  /** Told when the job starts, so its budget counts its own running time, not the queue's. */
  started: MessagePort;
}

/** The smallest diagram that takes verification through its parser, rules and compiler. */
const WARM_UP_XML = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="u" name="办理"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="e"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="u" />
    <bpmn:sequenceFlow id="f2" sourceRef="u" targetRef="e" />
  </bpmn:process>
</bpmn:definitions>`;

/**
 * A new worker loads and initialises its libraries once, before its first job's budget starts:
 * otherwise a cold start on a busy machine would be charged to whoever's job came first.
 */
const warmedUp = verifyProcess(WARM_UP_XML, { forms: {} }).then(
  () => undefined,
  () => undefined,
);

/** Runs in a worker thread (piscina's `runJob` handler). */
export async function runJob({ job, input, started }: JobTask): Promise<unknown> {
  await warmedUp;
  started.postMessage('started');
  started.close();
  if (!Object.hasOwn(jobs, job)) throw new Error(`没有这个后台任务：${job}`);
  return await (jobs[job as JobName] as (input: unknown) => unknown)(input);
}
