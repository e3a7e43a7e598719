import fs from 'node:fs';
import path from 'node:path';
import {
  HANDLING_KINDS,
  type ExOfficioProcedure,
  type HandlingKind,
} from '../../runtime/catalog/item';
import type { FormSchema } from '../../runtime/forms/schema';
import { EX_OFFICIO_TEMPLATES } from '../../runtime/process/templates';

const TEMPLATES = path.resolve(__dirname, '../../templates');
const DIR = path.join(TEMPLATES, 'processes');

export interface ProcessTemplate {
  handlingKind: HandlingKind;
  label: string;
  xml: string;
}

let cache: ProcessTemplate[] | undefined;

/** The flowchart templates per handling kind (PROC-5), read once from `templates/processes`. */
export function processTemplates(): ProcessTemplate[] {
  cache ??= (Object.keys(HANDLING_KINDS) as HandlingKind[]).map((handlingKind) => ({
    handlingKind,
    label: `${HANDLING_KINDS[handlingKind]}流程模板`,
    xml: fs.readFileSync(path.join(DIR, `${handlingKind}.bpmn`), 'utf8'),
  }));
  return cache;
}

export interface ExOfficioTemplate {
  procedure: ExOfficioProcedure;
  label: string;
  xml: string;
  /** The case form the flowchart binds as `application`: its gateways and steps read it. */
  form: FormSchema;
}

const exOfficioCache = new Map<ExOfficioProcedure, ExOfficioTemplate>();

/**
 * The flowchart and form template of an ex officio procedure (RUN-17, PROC-5), read once from
 * `templates/processes` and `templates/forms` as listed by `EX_OFFICIO_TEMPLATES`.
 */
export function exOfficioTemplate(procedure: ExOfficioProcedure): ExOfficioTemplate {
  const cached = exOfficioCache.get(procedure);
  if (cached) return cached;
  const info = EX_OFFICIO_TEMPLATES.find((t) => t.procedure === procedure);
  if (!info) throw new Error(`没有依职权程序「${String(procedure)}」的流程图模板`);
  const template: ExOfficioTemplate = {
    procedure,
    label: info.label,
    xml: fs.readFileSync(path.join(DIR, info.fileName), 'utf8'),
    form: JSON.parse(
      fs.readFileSync(path.join(TEMPLATES, 'forms', info.form), 'utf8'),
    ) as FormSchema,
  };
  exOfficioCache.set(procedure, template);
  return template;
}
