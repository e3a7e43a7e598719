import {
  EXCLUDED_TIME_KINDS,
  FIELD_ACCESS as ACCESS,
  HANDLED_BY as HANDLERS,
  JOINT_ROLES as ROLES,
  RISK_LEVELS as LEVELS,
  SERVICE_ACTIONS,
  SIGNING_MODES,
} from '../../../../runtime/process/vocabulary';
import type { Option } from './entries';

// The closed vocabularies and their labels come from runtime/, shared with the verifier.

const options = (labels: Record<string, string>): Option[] =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** Units of a step's limit (the same as an item's limits, runtime/catalog/item.ts). */
export const LIMIT_UNITS = options({ workingDays: '工作日', naturalDays: '自然日', hours: '小时' });

/** Procedures whose time does not count towards the limit (PROC-2, 特别程序). */
export const EXCLUDED_KINDS = options(EXCLUDED_TIME_KINDS);

export const FIELD_ACCESS = options(ACCESS);
/** A field a step says nothing about is shown read-only. */
export const DEFAULT_ACCESS = 'read';

export const DOCUMENT_HOW = options({
  generated: '按模板生成',
  uploaded: '上传',
  paper: '纸质制作',
});
export const DOCUMENT_FORMATS = options({
  ofd: 'OFD',
  pdf: 'PDF',
  docx: 'Word（DOCX）',
  paper: '纸质',
});

export const RISK_TYPES = options({
  廉政风险: '廉政风险',
  履职风险: '履职风险',
  制度机制风险: '制度机制风险',
});
export const RISK_LEVELS = options(LEVELS);

/** How a multi-instance step (several handlers) completes. */
export const SIGNING = options(SIGNING_MODES);

export const JOINT_ROLES = options(ROLES);

/** 基层反馈 (RUN-12): a step handled by the window that accepted the case. */
export const HANDLED_BY = options(HANDLERS);

/** What an automatic step (service task) does, and what its target means for each. */
export const ACTIONS = options(SERVICE_ACTIONS);
export const ACTION_TARGETS: Record<string, { label: string; description: string }> = {
  document: { label: '文书模板', description: '生成文书所用模板的编号' },
  notify: { label: '通知渠道', description: '如 sms（短信）、email（电子邮件）' },
  push: { label: '推送目标', description: '接收数据的部门系统编号' },
};
