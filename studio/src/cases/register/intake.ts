import { EX_OFFICIO_TYPES } from '../../../../runtime/catalog/item';
import type { ItemType } from '../../../../runtime/catalog/item-types';
import type { IdType } from '../../../../runtime/trail/entry';
import { api, type Page } from '../../api/client';
import type { ItemVersionInfo } from '../types';

/** One row of `GET /api/items` as the registration needs it. */
export interface ItemRow {
  id: string;
  name: string;
  code?: string;
  currentVersion: number;
  type: ItemType;
  typeLabel?: string;
  /** 依申请 or 依职权 as the item stands (RUN-17). */
  initiation?: 'onApplication' | 'exOfficio';
}

/**
 * Whether an item is 依职权 (RUN-17): as the list says, else by its type. The version loaded on
 * choosing has the last word (`initiationOf`); this only sorts the lists.
 */
export const isExOfficioType = (type: ItemType, initiation?: ItemRow['initiation']) =>
  initiation ? initiation === 'exOfficio' : EX_OFFICIO_TYPES.includes(type);

/** A material of the item's list (CAT content), with what the window checks against. */
export interface ListedMaterial {
  id: string;
  name: string;
  required: boolean;
  originalOrCopy?: 'original' | 'copy' | 'both';
  count?: number;
  format?: string;
}

/** The item chosen at 登记, with the approved version cases start on. */
export interface ChosenItem {
  row: ItemRow;
  version: Omit<ItemVersionInfo, 'content'> & {
    content: Omit<ItemVersionInfo['content'], 'materials'> & { materials: ListedMaterial[] };
  };
}

export interface PartyValues {
  name: string;
  idType: IdType;
  idNumber: string;
}

export interface ApplicantValues extends PartyValues {
  type: 'person' | 'organisation';
  phone?: string;
  /** 代理人: someone applying on the applicant's behalf. */
  agent?: PartyValues;
}

/** What the window recorded of one listed material. */
export interface MaterialCheck {
  materialId: string;
  received: boolean;
  form: 'original' | 'copy';
  count: number;
  /** Scans picked at the window (RUN-7), uploaded once the case is registered. */
  files?: File[];
}

/** Approved items matching what the clerk typed: name, code or pinyin initials (server-side). */
export const searchItems = (q: string) =>
  api.get<Page<ItemRow>>('/api/items', {
    q: q.trim() || undefined,
    status: 'approved',
    pageSize: 20,
  });

export const FORM_LABEL = { original: '原件', copy: '复印件' } as const;

/** 申请书原件1份、营业执照复印件2份: what was received, for the acceptance opinion and the trail. */
export function receivedText(list: ListedMaterial[], checks: MaterialCheck[]): string {
  return checks
    .filter((c) => c.received)
    .map((c) => {
      const m = list.find((l) => l.id === c.materialId);
      return `${m?.name ?? c.materialId}${FORM_LABEL[c.form]}${c.count}份`;
    })
    .join('、');
}

/** Person data goes as typed, ID letters upper-case (the check character X). */
export function applicantBody(v: ApplicantValues) {
  return {
    applicant: {
      type: v.type,
      name: v.name.trim(),
      idType: v.idType,
      idNumber: v.idNumber.trim().toUpperCase(),
      ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
    },
    ...(v.agent
      ? {
          contact: {
            name: v.agent.name.trim(),
            idType: v.agent.idType,
            idNumber: v.agent.idNumber.trim().toUpperCase(),
          },
        }
      : {}),
  };
}
