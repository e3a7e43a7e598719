import { describe, isAny } from '../../moddle';
import { readStepConfig } from '../../step-config';
import {
  EXCLUDED_TIME_KINDS,
  EX_OFFICIO_STAGES,
  FIELD_ACCESS,
  isKeyOf,
  HANDLED_BY,
  type HandledBy,
  JOINT_ROLES,
  RISK_LEVELS,
} from '../../vocabulary';
import { countyRule } from '../types';

/**
 * The rest of a step's settings (PROC-2, PROC-3) use the closed vocabularies: excluded-time kinds
 * with the reason why, field access, joint role; documents, risk and supervision points are named.
 */
export default countyRule((node, report) => {
  if (!isAny(node, ['bpmn:UserTask', 'bpmn:ServiceTask'])) return;
  const step = readStepConfig(node);
  const at = describe(node);
  for (const { kind, reason } of step.excludedTimes) {
    if (!isKeyOf(EXCLUDED_TIME_KINDS, kind)) {
      const known = Object.values(EXCLUDED_TIME_KINDS).join('、');
      report(node, `${at}的不计时程序「${kind ?? ''}」无效，应为${known}之一`);
    } else if (!reason) {
      report(node, `${at}的不计时程序「${EXCLUDED_TIME_KINDS[kind]}」须说明理由`);
    }
  }
  const fields = new Set<string>();
  for (const { field, access } of step.fieldPermissions) {
    if (!field) report(node, `${at}有字段权限未指定字段`);
    else if (fields.has(field)) report(node, `${at}对字段「${field}」设置了多个权限`);
    if (field) fields.add(field);
    if (!isKeyOf(FIELD_ACCESS, access))
      report(
        node,
        `${at}对字段「${field ?? ''}」的权限「${access ?? ''}」无效，应为只读、可写或隐藏`,
      );
  }
  if (step.handledBy !== undefined && !isKeyOf(HANDLED_BY, step.handledBy))
    report(
      node,
      `${at}的办理单位「${step.handledBy}」无效，应为受理窗口所在单位或被督办（被投诉）单位`,
    );
  if (step.stage !== undefined && !isKeyOf(EX_OFFICIO_STAGES, step.stage))
    report(
      node,
      `${at}的执法阶段「${step.stage}」无效，应为${Object.values(EX_OFFICIO_STAGES).join('、')}之一`,
    );
  if (step.handledBy !== undefined && step.jointRole !== undefined)
    report(
      node,
      `${at}不能既由${HANDLED_BY[step.handledBy as HandledBy] ?? '其他单位'}办理又是联办环节`,
    );
  if (step.jointRole !== undefined && !isKeyOf(JOINT_ROLES, step.jointRole))
    report(node, `${at}的联办角色「${step.jointRole}」无效，应为主办或协办`);
  if (step.documents.some((d) => !d.name)) report(node, `${at}有文书未填写名称`);
  for (const risk of step.riskPoints) {
    if (!risk.name) report(node, `${at}有风险点未填写名称`);
    if (risk.level !== undefined && !isKeyOf(RISK_LEVELS, risk.level))
      report(node, `${at}的风险点「${risk.name ?? ''}」等级「${risk.level}」无效，应为高、中或低`);
  }
  if (step.supervisionPoints.some((s) => !s.name)) report(node, `${at}有监控点未填写名称`);
});
