import fs from 'node:fs';
import path from 'node:path';
import { HANDLING_KINDS, type HandlingKind } from '../../runtime/catalog/item';

const DIR = path.resolve(__dirname, '../../templates/processes');

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
