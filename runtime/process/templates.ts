import { HANDLING_KINDS, type HandlingKind } from '../catalog/item';

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

export const PROCESS_TEMPLATES: readonly ProcessTemplateInfo[] = (
  Object.keys(HANDLING_KINDS) as HandlingKind[]
).map((handlingKind) => ({
  handlingKind,
  label: `${HANDLING_KINDS[handlingKind]}流程模板`,
  fileName: `${handlingKind}.bpmn`,
  description: ROUTES[handlingKind],
}));
