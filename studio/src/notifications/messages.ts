import { api, type Page } from '../api/client';

/** An in-app message (RUN-15), as GET /api/messages answers it. */
export interface StaffMessage {
  id: string;
  title: string;
  body: string;
  link?: string;
  caseId?: string;
  createdAt: string;
  read: boolean;
}

export const unreadCount = () => api.get<{ count: number }>('/api/messages/unread-count');
export const listMessages = (page: number, pageSize: number, unread = false) =>
  api.get<Page<StaffMessage>>('/api/messages', {
    page,
    pageSize,
    ...(unread ? { unread: 'true' } : {}),
  });
export const markRead = (id: string) => api.post<StaffMessage>(`/api/messages/${id}/read`, {});
export const markAllRead = () => api.post<{ updated: number }>('/api/messages/read-all', {});

/** Other parts of the studio (the messages page) tell the bell to count again. */
export const MESSAGES_CHANGED = 'studio:messages-changed';
export const messagesChanged = () => window.dispatchEvent(new Event(MESSAGES_CHANGED));

export const formatTime = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });
