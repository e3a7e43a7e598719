import { api, ApiError, type Page, type Query } from '../api/client';
import type {
  CaseDetail,
  CaseDiagram,
  CommandAnswer,
  ItemVersionInfo,
  QueueCount,
  QueueRow,
  TrailCheck,
  WorkQueue,
} from './types';

const casePath = (id: string) => `/api/cases/${encodeURIComponent(id)}`;

export const loadQueues = () => api.get<{ items: QueueCount[] }>('/api/work-queues');

export const loadQueue = (queue: WorkQueue, query: Query) =>
  api.get<Page<QueueRow>>(`/api/work-queues/${queue}`, query);

export const loadCase = (id: string) => api.get<CaseDetail>(casePath(id));

export const loadDiagram = (id: string) => api.get<CaseDiagram>(`${casePath(id)}/diagram`);

export const verifyCaseTrail = (id: string) => api.get<TrailCheck>(`${casePath(id)}/trail/verify`);

/**
 * The item version a case runs on. Staff of a 基层受理 window or a 联办 unit may see the case but
 * not the item of another department: then there is none, and the screens do without it.
 */
export async function loadItemVersion(
  itemId: string,
  n: number,
): Promise<ItemVersionInfo | undefined> {
  try {
    return await api.get<ItemVersionInfo>(`/api/items/${encodeURIComponent(itemId)}/versions/${n}`);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 403)) return undefined;
    throw e;
  }
}

/** A command on the case, with the version the user saw: someone else's change answers 409. */
export const runCommand = (id: string, version: number, command: Record<string, unknown>) =>
  api.post<CommandAnswer>(`${casePath(id)}/commands`, { ...command, version });
