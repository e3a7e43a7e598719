import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { conditionHolds } from '../../../runtime/cases/conditions';
import { CaseError } from '../../../runtime/cases/errors';
import { useTestDatabase } from '../../support/database';
import { startTestServer, type TestServer } from '../../support/server';
import type { ApiClient } from '../../support/client';
import {
  ALL_MATERIALS,
  applicationForm,
  approvedItem,
  caseWorld,
  COMPANY,
  FORM_DATA,
  type World,
} from '../cases/world';
import {
  bpmnDocument,
  feelExpression,
  formSchema,
  formValues,
  hostileJson,
} from './fuzz-arbitraries';

/**
 * Issue 11 item 6: generated BPMN, FEEL, form schemas and form data thrown at the real server.
 * Every request must be answered with success or a 4xx naming the problem — never a 5xx — and
 * well within STALL_MS: a request that takes longer has found unbounded work. Each group runs a
 * fixed number of cases or until its time is up, whichever comes first, and must have run at
 * least MIN_RUNS so that a broken generator cannot pass by running nothing.
 */

/** Far above any honest answer (tens of ms) and far below the minutes a runaway takes. */
const STALL_MS = 5_000;
const MIN_RUNS = 100;

const templates = ['promised', 'immediate', 'joint', 'escalated', 'deferredMaterials'].map((k) =>
  fs.readFileSync(path.resolve(__dirname, `../../../templates/processes/${k}.bpmn`), 'utf8'),
);

describe('fuzzing: nothing the API is sent ends in a 5xx or a stall (PROC-4, FORM-3, RUN-1)', () => {
  const t = useTestDatabase();
  let server: TestServer;
  let world: World;
  let clerk: ApiClient;
  let officer: ApiClient;
  let itemId: string;
  const tally: Record<string, Record<string, number>> = {};

  beforeAll(async () => {
    server = await startTestServer(t.db);
    world = await caseWorld(server, ['aj.clerk', 'aj.officer', 'reviewer']);
    clerk = world.as['aj.clerk']!;
    officer = world.as['aj.officer']!;
    itemId = await approvedItem(world);
  });
  afterAll(async () => {
    process.stdout.write(`fuzzing tally (status counts per group): ${JSON.stringify(tally)}\n`);
    await server.close();
  });

  /** Sends, checks the answer is not a failure of ours, and counts it. */
  async function answered(
    group: string,
    send: () => Promise<{ status: number; body: unknown }>,
    input: unknown,
  ) {
    const started = performance.now();
    const res = await send();
    const ms = performance.now() - started;
    const counts = (tally[group] ??= {});
    counts[res.status] = (counts[res.status] ?? 0) + 1;
    const shown = JSON.stringify(input)?.slice(0, 300);
    if (res.status >= 500) {
      throw new Error(`${group}: ${res.status} ${JSON.stringify(res.body)} for ${shown}`);
    }
    if (ms > STALL_MS) throw new Error(`${group}: took ${Math.round(ms)} ms for ${shown}`);
    if (res.status >= 400) {
      // A refusal names its problem (architecture.md: clear 4xx errors).
      const error = (res.body as { error?: { code?: string; message?: string } })?.error;
      expect(typeof error?.code).toBe('string');
      expect(error?.message).toBeTruthy();
    }
    return res;
  }

  const runs = (group: string) => Object.values(tally[group] ?? {}).reduce((sum, n) => sum + n, 0);
  const options = (numRuns: number, seconds: number) => ({
    numRuns,
    interruptAfterTimeLimit: seconds * 1000,
    markInterruptAsFailure: false,
  });

  test('generated and mutated BPMN documents are verified or refused', async () => {
    await fc.assert(
      fc.asyncProperty(bpmnDocument(templates), async (xml) => {
        await answered('bpmn', () => clerk.post('/api/process/verify', { itemId, xml }), xml);
      }),
      options(600, 60),
    );
    expect(runs('bpmn')).toBeGreaterThanOrEqual(MIN_RUNS);
  }, 120_000);

  test('FEEL conditions that pass verification evaluate quickly over any case data', async () => {
    let evaluated = 0;
    await fc.assert(
      fc.asyncProperty(feelExpression, fc.array(formValues, { maxLength: 3 }), async (c, datas) => {
        const xml = templates[0]!.replace(
          'outcome = &quot;approve&quot;',
          c.replace(/&/g, '&amp;').replace(/</g, '&lt;'),
        );
        const res = await answered(
          'feel',
          () => clerk.post('/api/process/verify', { itemId, xml }),
          c,
        );
        const problems = (res.body as { problems?: { elementId?: string }[] }).problems;
        if (res.status !== 200 || !problems || problems.some((p) => p.elementId === 'Flow_grant'))
          return;
        // Verification let it through: it must now run in bounded time on whatever data comes.
        for (const data of datas) {
          const context = {
            ...(data && typeof data === 'object' ? data : {}),
            applicant: { type: 'person' },
            channel: 'window',
            outcome: 'approve',
          };
          const started = performance.now();
          try {
            expect(typeof conditionHolds(c, context, '准予')).toBe('boolean');
          } catch (error) {
            if (!(error instanceof CaseError)) throw error;
          }
          const ms = performance.now() - started;
          if (ms > STALL_MS) throw new Error(`condition ${c} took ${Math.round(ms)} ms`);
          evaluated++;
        }
      }),
      options(600, 60),
    );
    expect(runs('feel')).toBeGreaterThanOrEqual(MIN_RUNS);
    process.stdout.write(`fuzzing: ${evaluated} evaluations of verified conditions\n`);
  }, 120_000);

  test('generated form schemas with any values are validated or refused', async () => {
    await fc.assert(
      fc.asyncProperty(formSchema, hostileJson, async (schema, values) => {
        await answered('schema', () => clerk.post('/api/forms/validate', { schema, values }), {
          schema,
          values,
        });
      }),
      options(700, 45),
    );
    expect(runs('schema')).toBeGreaterThanOrEqual(MIN_RUNS);
  }, 120_000);

  test('any data against the real application form is validated or refused', async () => {
    await fc.assert(
      fc.asyncProperty(formValues, async (values) => {
        await answered(
          'formData',
          () => clerk.post('/api/forms/validate', { schema: applicationForm, values }),
          values,
        );
      }),
      options(900, 45),
    );
    expect(runs('formData')).toBeGreaterThanOrEqual(MIN_RUNS);
  }, 120_000);

  /** The valid data of the world's company with a generated name, so that cases do start. */
  const validWithName = fc
    .string({ maxLength: 120 })
    .map((applicantName) => ({ ...FORM_DATA, applicantName }));

  test('cases registered at the window with any data start or are refused', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(formValues, validWithName), async (data) => {
        await answered(
          'caseData',
          () =>
            officer.post('/api/cases', {
              itemId,
              applicant: COMPANY,
              data,
              materials: ALL_MATERIALS,
            }),
          data,
        );
      }),
      options(250, 45),
    );
    expect(runs('caseData')).toBeGreaterThanOrEqual(MIN_RUNS);
    // A fuzzing run that never reaches success tests only the front door.
    for (const group of ['formData', 'caseData']) {
      expect(Object.keys(tally[group] ?? {}).some((s) => s.startsWith('2'))).toBe(true);
    }
  }, 120_000);
});
