import { api, getAll } from '../api/client';
import { listForms } from '../forms/forms-api';
import type { Post, Unit } from '../organisation/types';
import { formFields } from '../../../runtime/forms/schema';
import type { HandlingKind } from '../../../runtime/catalog/item';
import type { Problem } from './lint';
import type { FormOption, PostOption, UnitOption } from './properties';

/** An item's flowchart as GET/PUT /api/items/:id/process answer (server/process/routes.ts). */
export interface ItemProcess {
  xml: string | null;
  problems: Problem[];
  /** 0 while the item has none; a save names the version it started from. */
  version: number;
  verified?: boolean;
  updatedAt?: string;
}

export interface ProcessTemplate {
  handlingKind: HandlingKind;
  label: string;
  xml: string;
}

const processPath = (itemId: string) => `/api/items/${encodeURIComponent(itemId)}/process`;

export const loadProcess = (itemId: string) => api.get<ItemProcess>(processPath(itemId));

export const saveProcess = (itemId: string, xml: string, version: number) =>
  api.put<ItemProcess>(processPath(itemId), { xml, version });

export const verifyProcess = (itemId: string, xml: string) =>
  api.post<{ problems: Problem[] }>('/api/process/verify', { itemId, xml });

export const loadTemplates = () => api.get<ProcessTemplate[]>('/api/process-templates');

/** The item's forms with the fields a step's permissions and the conditions name. */
export async function loadForms(itemId: string): Promise<FormOption[]> {
  const forms = await listForms(itemId);
  return forms.map((f) => ({
    key: f.key,
    name: f.name,
    fields: formFields(f.schema).map(({ key, label }) => ({ key, label })),
  }));
}

export interface Organisation {
  posts: PostOption[];
  /** Departments and townships: who may handle a 联办 branch. */
  units: UnitOption[];
}

/**
 * The county's active posts, each named with its department and office, the item's own
 * department first; a step may be handled elsewhere (a township window, RUN-12).
 */
export async function loadOrganisation(departmentId?: string): Promise<Organisation> {
  const [posts, { items: units }] = await Promise.all([
    getAll<Post>('/api/posts'),
    api.get<{ items: Unit[] }>('/api/units'),
  ]);
  const byId = new Map(units.map((u) => [u.id, u]));
  const unitName = (p: Post) => {
    const office = byId.get(p.unitId);
    const department = byId.get(p.departmentId);
    if (!office || office.id === department?.id) return department?.name ?? office?.name;
    return department ? `${department.name} / ${office.name}` : office.name;
  };
  const own = (p: Post) => (p.departmentId === departmentId ? 0 : 1);
  return {
    posts: posts
      .filter((p) => p.status === 'active')
      .sort((a, b) => own(a) - own(b))
      .map((p) => ({
        id: p.id,
        name: p.name,
        unitName: unitName(p),
        departmentId: p.departmentId,
        township: byId.get(p.departmentId)?.kind === 'township',
        own: p.departmentId === departmentId,
      })),
    units: units
      .filter((u) => u.status === 'active' && (u.kind === 'department' || u.kind === 'township'))
      .map((u) => ({ id: u.id, name: u.name })),
  };
}
