/**
 * Case data a condition may read besides the fields of the item's application form (PROC-3).
 * The runtime sets them; the set is small on purpose, so that a condition says what it means.
 *
 * `always`: the runtime sets the variable on every case from its start, so a set of equality
 * tests over all its options is complete (see `gateway-completeness.ts`).
 */
export interface CaseVariable {
  /** The FEEL path a condition uses, e.g. `applicant.type`. */
  path: string;
  label: string;
  options: { value: string; label: string }[];
  always: boolean;
}

export const CASE_VARIABLES: readonly CaseVariable[] = [
  {
    path: 'applicant.type',
    label: '申请人类型',
    options: [
      { value: 'person', label: '自然人' },
      { value: 'organisation', label: '法人或其他组织' },
    ],
    always: true,
  },
  {
    // RUN-1: online application, a service window, or a department system's push.
    path: 'channel',
    label: '申请方式',
    options: [
      { value: 'online', label: '网上申请' },
      { value: 'window', label: '窗口受理' },
      { value: 'push', label: '部门系统推送' },
    ],
    always: true,
  },
  {
    // The decision recorded by the step completed last (e.g. 审核 → 同意 / 不同意). Unset until
    // a step has completed, hence `always: false`: test it with `=` and `!=`, or give a default.
    path: 'outcome',
    label: '上一环节办理结果',
    options: [
      { value: 'approve', label: '同意' },
      { value: 'reject', label: '不同意' },
    ],
    always: false,
  },
];
