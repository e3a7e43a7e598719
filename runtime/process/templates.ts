import { HANDLING_KINDS, type HandlingKind, type InternalProcess } from '../catalog/item';

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

export const PROCESS_TEMPLATES: readonly ProcessTemplateInfo[] = (
  Object.keys(HANDLING_KINDS) as HandlingKind[]
).map((handlingKind) => ({
  handlingKind,
  label: `${HANDLING_KINDS[handlingKind]}流程模板`,
  fileName: `${handlingKind}.bpmn`,
  description: ROUTES[handlingKind],
}));
