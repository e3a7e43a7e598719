/**
 * The wording of each notice (RUN-15). Placeholders in double braces are filled from the case;
 * a county may replace a template (stored in `notification_templates`, PUT
 * /api/notification-templates/:key); these are the defaults.
 */
export interface NoticeTemplate {
  label: string;
  /** Who it is for: the applicant (e-mail, SMS) or staff (in-app). */
  audience: 'applicant' | 'staff';
  subject: string;
  text: string;
}

export const TEMPLATE_KEYS = [
  'caseAccepted',
  'correctionRequested',
  'caseRefused',
  'caseGranted',
  'caseDenied',
  'workItemAssigned',
  'workItemUrged',
  'deadlineWarning',
  'deadlineOverdue',
  'stepNoticeApplicant',
  'stepNoticeStaff',
  'supervisionAlert',
] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export const DEFAULT_TEMPLATES: Record<TemplateKey, NoticeTemplate> = {
  caseAccepted: {
    label: '受理通知',
    audience: 'applicant',
    subject: '【{{department}}】您的申请已受理（办件编号 {{caseNo}}）',
    text:
      '{{applicantName}}：您申请的「{{itemName}}」已由{{department}}受理，办件编号 {{caseNo}}，' +
      '承诺办结时间 {{promisedDueAt}}。可凭办件编号在 {{queryUrl}} 查询办理进度和结果。',
  },
  correctionRequested: {
    label: '补正告知',
    audience: 'applicant',
    subject: '【{{department}}】请补正申请材料（{{caseNo}}）',
    text:
      '{{applicantName}}：您申请的「{{itemName}}」（编号 {{caseNo}}）需要补正以下材料：' +
      '{{materials}}。请一次性补齐后提交。可在 {{queryUrl}} 查询办理进度。',
  },
  caseRefused: {
    label: '不予受理通知',
    audience: 'applicant',
    subject: '【{{department}}】您的申请不予受理（{{caseNo}}）',
    text:
      '{{applicantName}}：您申请的「{{itemName}}」（编号 {{caseNo}}）经审查不予受理，理由：{{reason}}。' +
      '可在 {{queryUrl}} 查询详情。',
  },
  caseGranted: {
    label: '办结通知（准予）',
    audience: 'applicant',
    subject: '【{{department}}】您的申请已办结：准予许可（{{caseNo}}）',
    text:
      '{{applicantName}}：您申请的「{{itemName}}」（办件编号 {{caseNo}}）已办结，结果为准予许可。' +
      '可在 {{queryUrl}} 查询结果。',
  },
  caseDenied: {
    label: '办结通知（不予）',
    audience: 'applicant',
    subject: '【{{department}}】您的申请已办结：不予许可（{{caseNo}}）',
    text:
      '{{applicantName}}：您申请的「{{itemName}}」（办件编号 {{caseNo}}）已办结，结果为不予许可。' +
      '可在 {{queryUrl}} 查询结果和理由。',
  },
  workItemAssigned: {
    label: '新待办',
    audience: 'staff',
    subject: '新待办：{{stepName}}（{{caseNo}}）',
    text: '「{{itemName}}」办件 {{caseNo}}（{{caseName}}）的「{{stepName}}」待您办理。',
  },
  workItemUrged: {
    label: '催办',
    audience: 'staff',
    subject: '催办：{{stepName}}（{{caseNo}}）',
    text: '{{by}}催办「{{itemName}}」办件 {{caseNo}} 的「{{stepName}}」：{{message}}',
  },
  deadlineWarning: {
    label: '时限预警',
    audience: 'staff',
    subject: '即将超期：{{caseNo}}',
    text: '「{{itemName}}」办件 {{caseNo}} 的{{limit}}将于 {{dueAt}} 到期（剩余 {{remaining}}），请及时办理。',
  },
  stepNoticeApplicant: {
    label: '流程通知（申请人）',
    audience: 'applicant',
    subject: '【{{department}}】{{stepName}}（{{caseNo}}）',
    text:
      '{{applicantName}}：您申请的「{{itemName}}」（办件编号 {{caseNo}}）已到「{{stepName}}」。' +
      '可在 {{queryUrl}} 查询办理进度。',
  },
  stepNoticeStaff: {
    label: '流程通知（工作人员）',
    audience: 'staff',
    subject: '{{stepName}}：{{caseNo}}',
    text: '「{{itemName}}」办件 {{caseNo}}（{{caseName}}）：{{stepName}}，请及时办理。',
  },
  supervisionAlert: {
    label: '电子监察预警（工作人员、部门负责人）',
    audience: 'staff',
    subject: '【电子监察】{{level}}：{{caseNo}}',
    text: '「{{itemName}}」办件 {{caseNo}}（{{caseName}}）{{stepName}}：{{reason}}（规则：{{rule}}）。请及时处理并说明情况。',
  },
  deadlineOverdue: {
    label: '已超期',
    audience: 'staff',
    subject: '已超期：{{caseNo}}',
    text: '「{{itemName}}」办件 {{caseNo}} 的{{limit}}已于 {{dueAt}} 到期，已超期，请立即办理。',
  },
};

/** Fills `{{name}}` placeholders; one without a value becomes empty rather than staying visible. */
export function render(template: string, values: Record<string, string | undefined>): string {
  return template.replace(/\{\{\s*([A-Za-z]+)\s*\}\}/g, (_, name: string) => values[name] ?? '');
}

/** The placeholders a template may use, for the docs and the template editor's check. */
export const PLACEHOLDERS = [
  'caseNo',
  'caseName',
  'itemName',
  'department',
  'applicantName',
  'queryUrl',
  'promisedDueAt',
  'materials',
  'reason',
  'stepName',
  'by',
  'message',
  'limit',
  'dueAt',
  'remaining',
  'level',
  'rule',
] as const;
