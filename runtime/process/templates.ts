import {
  EX_OFFICIO_PROCEDURES,
  HANDLING_KINDS,
  type ExOfficioProcedure,
  type HandlingKind,
  type InternalProcess,
} from '../catalog/item';

/**
 * Flowchart templates, one per handling kind (PROC-5), in `templates/processes/<kind>.bpmn`; the
 * server reads the files. A template names no posts (it cannot know a county's), so a diagram
 * started from one reports 「未指定办理岗位」 on each step until posts are assigned; everything
 * else in it verifies.
 */
export interface ProcessTemplateInfo {
  handlingKind: HandlingKind;
  label: string;
  /** File name under templates/processes. */
  fileName: string;
  /** The route the template draws. */
  description: string;
}

const ROUTES: Record<HandlingKind, string> = {
  immediate: '申请 → 受理并办结 → 告知结果 → 办结',
  promised: '申请 → 受理 → 审核（3 日催办）→ 决定 → 准予或不予决定书 → 送达 → 办结',
  deferredMaterials: '申请 → 容缺受理 → 审核 → 决定 → 补办材料核验（30 日期满终止）→ 送达 → 办结',
  escalated: '申请 → 受理 → 初审 → 上报 → 上级回复 → 送达（受理窗口）→ 办结',
  joint: '申请 → 受理 → 主办部门审核 ∥ 协办部门会签 → 联办决定 → 送达 → 办结',
};

/** The platform's own processes (PROC-6, SUP-4): 督办 and complaints, run on the same engine. */
export const INTERNAL_TEMPLATES: readonly {
  internal: InternalProcess;
  label: string;
  fileName: string;
  form: string;
  description: string;
}[] = [
  {
    internal: 'supervisionOrder',
    label: '督办流程模板',
    fileName: 'supervision-order.bpmn',
    form: 'supervision-order.json',
    description: '发起督办 → 立项 → 审核 → 被督办单位签收 → 整改反馈 → 审结（可退回整改）→ 办结',
  },
  {
    internal: 'complaint',
    label: '投诉处理流程模板',
    fileName: 'complaint.bpmn',
    form: 'complaint.json',
    description: '投诉 → 登记受理 → 被投诉单位签收 → 调查处理 → 答复回访（可退回重办）→ 办结',
  },
];

/**
 * The legal procedures of ex officio cases (RUN-17, PROC-5): 行政处罚 (普通程序, 简易程序), 查封扣押,
 * 行政检查 and 行政征收, each with its form. Every step handled by people names its stage (the
 * officer's queue); the steps that decide a penalty are marked `discretion` and write the form's
 * penalty fields (`PENALTY_FIELDS`). Gateways read the form's 是/否 fields (`x = "yes"`, with a
 * default flow for 否). An ex officio case has no promised limit; like every template, these name
 * no posts.
 */
export const EX_OFFICIO_TEMPLATES: readonly {
  procedure: ExOfficioProcedure;
  label: string;
  fileName: string;
  form: string;
  description: string;
}[] = (
  [
    [
      'penaltyOrdinary',
      'penalty-ordinary',
      '立案审批 → 调查取证 → 案件审核 → 告知 → 陈述申辩 →（要求听证：听证，不计时）→（重大执法决定：法制审核）→（集体讨论）→ 决定（自由裁量）→ 送达 → 执行 → 结案',
    ],
    ['penaltySummary', 'penalty-summary', '当场处罚（自由裁量）→ 备案 → 结案'],
    [
      'seizure',
      'seizure',
      '查封扣押审批 → 查封扣押决定书 → 实施查封扣押 → 期限内处理（30 日）→（需要延长：延长审批 → 批准则延长期间处理，30 日，仅一次）→ 处理决定 → 结案',
    ],
    ['inspection', 'inspection', '检查计划 → 实施检查 → 检查结论 →（发现违法：移交立案）→ 结束'],
    ['levy', 'levy', '立案核定 → 调查核实 → 征收决定 → 送达 → 缴纳执行 → 结案'],
  ] as const
).map(([procedure, file, description]) => ({
  procedure,
  label: `${EX_OFFICIO_PROCEDURES[procedure]}流程模板`,
  fileName: `${file}.bpmn`,
  form: `${file}.json`,
  description,
}));

export const PROCESS_TEMPLATES: readonly ProcessTemplateInfo[] = (
  Object.keys(HANDLING_KINDS) as HandlingKind[]
).map((handlingKind) => ({
  handlingKind,
  label: `${HANDLING_KINDS[handlingKind]}流程模板`,
  fileName: `${handlingKind}.bpmn`,
  description: ROUTES[handlingKind],
}));
