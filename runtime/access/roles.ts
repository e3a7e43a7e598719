/** Roles of ROLE-2. Applicants (citizens) are a different kind of account, not a role. */
export const ROLES = ['admin', 'clerk', 'reviewer', 'frontline', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  clerk: '部门事项管理员',
  reviewer: '审核员（工信/审管）',
  frontline: '窗口/业务人员',
  supervisor: '监察人员',
};

/** The actions and subjects of access rules; the server builds rules, the studio reads them. */
export type Action =
  | 'manage'
  | 'create'
  | 'read'
  | 'update'
  | 'delete'
  // Item lifecycle (CAT-5): kept apart from 'update' so a clerk can never approve his own items.
  | 'submit'
  | 'cancel'
  | 'approve'
  | 'return'
  | 'comment';
export type SubjectType =
  | 'Unit'
  | 'User'
  | 'Post'
  | 'LoginLog'
  | 'OperationLog'
  | 'Item'
  // Cases (RUN-*) and the county's calendar overrides (RUN-6).
  | 'Case'
  | 'CalendarOverride'
  // Signed anchors of the cases' trails (RUN-7).
  | 'TrailAnchor'
  // The years imported from the State Council's notices, the same for every county (RUN-6).
  | 'OfficialCalendar'
  // The portal search's synonym list and its index (POR-9).
  | 'SearchSynonym'
  | 'SearchIndex'
  // In-app messages to staff and the county's notice templates (RUN-15).
  | 'Message'
  | 'NotificationTemplate'
  // The DOCX templates of notices and decisions, the county's or a department's (RUN-10).
  | 'DocumentTemplate'
  // Metrics and the system-status page (OPS-1); the monthly operation report reads it too (OPS-2).
  | 'SystemStatus'
  // Faults of the platform, classed A/B/C, with their response and restoration (OPS-3).
  | 'Fault'
  // Electronic supervision (SUP-2, SUP-3, SUP-9): alerts, rules, exemptions from supervision.
  | 'SupervisionAlert'
  | 'SupervisionRule'
  | 'SupervisionExemption'
  // Performance statistics (SUP-6); 'update' rebuilds them from the trails.
  | 'SupervisionStatistics';
