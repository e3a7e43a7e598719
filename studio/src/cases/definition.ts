import { prepareDefinition, type PreparedDefinition } from '../../../runtime/cases/definition';
import type { DiscretionBenchmark, ExOfficioProcedure } from '../../../runtime/catalog/item';
import type { FormSchema } from '../../../runtime/forms/schema';
import type { CompiledProcess, UserTaskNode } from '../../../runtime/process/compiled';
import { compileProcess } from '../../../runtime/process/compile';
import { parseProcessXml } from '../../../runtime/process/parse';
import type { RenderOptions } from '../forms/formily-schema';
import { loadDiagram } from './cases-api';
import type { CaseDetail } from './types';

/**
 * What the case screens need of the item version a case runs on: the diagram, the steps (form,
 * field permissions, declared procedures, whether 同意/不同意 or 办结 apply), the forms and the
 * materials list. The version itself when the user may read the item; else the case's diagram,
 * compiled here, and no forms or materials (the server still decides every command).
 */
export interface CaseBook {
  xml?: string;
  prepared: PreparedDefinition;
  /** Undefined when the item version is not readable by this user. */
  materials?: { id: string; name: string; required: boolean }[];
  forms: Map<string, { name: string; schema: FormSchema }>;
  /** 依职权 (RUN-17): the case is opened by the department against a party. */
  exOfficio: boolean;
  procedure?: ExOfficioProcedure;
  /** The item's 自由裁量基准, for a step marked `discretion` (CAT-2). */
  discretion: DiscretionBenchmark[];
}

async function compiledFrom(xml: string | undefined): Promise<CompiledProcess> {
  const parsed = xml ? await parseProcessXml(xml) : undefined;
  if (!parsed?.ok) throw new Error('办件的流程图无法读取');
  return compileProcess(parsed.process);
}

/**
 * The definition a case runs on, from the case's own copy (`GET /api/cases/:id/diagram`): anyone
 * who may see the case may act on it — staff of another department at a step (联办, the unit a
 * 督办 is about) too, who may not read the item itself.
 */
export async function loadBook(detail: CaseDetail): Promise<CaseBook> {
  const diagram = await loadDiagram(detail.id);
  const process = await compiledFrom(diagram.xml);
  const s = detail.state;
  const prepared = prepareDefinition({
    itemId: detail.itemId,
    itemVersion: detail.itemVersion,
    itemName: s.itemName,
    itemCode: s.itemCode,
    subject: s.handlingUnit,
    // Only the step lookups are read here; the kind matters to the server's acceptance alone.
    handlingKind: diagram.handlingKind,
    materials: diagram.materials,
    ...(diagram.fee ? { fee: diagram.fee } : {}),
    ...(diagram.internal ? { internal: diagram.internal } : {}),
    process,
    forms: diagram.forms,
  });
  return {
    xml: diagram.xml,
    prepared,
    materials: diagram.materials,
    forms: new Map(diagram.forms.map((f) => [f.key, { name: f.name, schema: f.schema }])),
    // The case says so too (`state.exOfficio`), whatever the item became since.
    exOfficio: diagram.initiation === 'exOfficio' || !!s.exOfficio,
    ...(diagram.procedure ? { procedure: diagram.procedure } : {}),
    discretion: diagram.discretion ?? [],
  };
}

/** The step of a work item, when it is one handled by people. */
export function stepOf(book: CaseBook, nodeId: string): UserTaskNode | undefined {
  const node = book.prepared.def.process.nodes.find((n) => n.id === nodeId);
  return node?.kind === 'userTask' ? node : undefined;
}

/** The form a step fills in (its own, else the application form) and its field permissions. */
export function stepForm(book: CaseBook, nodeId: string) {
  const step = stepOf(book, nodeId);
  const key = step?.step.form ?? book.prepared.def.process.applicationForm;
  const form = key ? book.forms.get(key) : undefined;
  if (!step || !key || !form) return undefined;
  const permissions: RenderOptions = {
    permissions: Object.fromEntries(step.step.fieldPermissions.map((p) => [p.field, p.access])),
    // A field the step does not list is read-only (FORM-3).
    defaultPermission: 'read',
  };
  // A column's permission (`table.column`) makes its table part of what the step sends.
  const writable = [
    ...new Set(
      step.step.fieldPermissions
        .filter((p) => p.access === 'write')
        .map((p) => p.field.split('.')[0]!),
    ),
  ];
  return { key, ...form, permissions, writable };
}
