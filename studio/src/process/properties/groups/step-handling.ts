import { Group } from '@bpmn-io/properties-panel';
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';
import { ChoiceEntry, NumberEntry, SwitchEntry, TextEntry, entry } from '../entries';
import { getConfig } from '../extension';
import { HANDLED_BY, JOINT_ROLES, SIGNING } from '../labels';
import type { GroupContext, GroupDefinition } from './types';

/** 电子印章 (PROC-2, RUN-14): whether this step's documents carry the department's e-seal. */
export function eSealGroup(_context: GroupContext): GroupDefinition {
  return {
    id: 'county-e-seal',
    label: '电子印章',
    component: Group,
    entries: [
      entry(SwitchEntry, 'toggle', {
        id: 'county-e-seal',
        label: '加盖电子印章',
        attr: 'eSeal',
        switcherLabel: '本环节文书加盖电子印章',
      }),
    ],
  };
}

/** 办理要求 (issue 13): what completing the step needs; the runtime refuses it without them. */
export function requirementsGroup(_context: GroupContext): GroupDefinition {
  return {
    id: 'county-requirements',
    label: '办理要求',
    component: Group,
    entries: [
      entry(SwitchEntry, 'toggle', {
        id: 'county-opinion-required',
        label: '办理意见',
        attr: 'opinionRequired',
        switcherLabel: '提交时须填写办理意见',
      }),
      entry(SwitchEntry, 'toggle', {
        id: 'county-decision-required',
        label: '同意 / 不同意',
        attr: 'decisionRequired',
        switcherLabel: '提交时须选择同意或不同意',
      }),
      entry(ChoiceEntry, 'select', {
        id: 'county-handled-by',
        label: '由谁办理',
        attr: 'handledBy',
        options: () => HANDLED_BY,
        empty: '（本事项的部门）',
        description: '基层受理的办件由受理它的乡镇（街道）窗口送达结果，办件在该窗口办结',
      }),
    ],
  };
}

export const isMultiInstance = (context: GroupContext) =>
  is(
    getBusinessObject(context.element).get('loopCharacteristics') ?? {},
    'bpmn:MultiInstanceLoopCharacteristics',
  );

/** 会签方式: how a step handled by several people at once completes. */
export function signingGroup(context: GroupContext): GroupDefinition | null {
  if (!isMultiInstance(context)) return null;
  const ratio = getConfig(context.element, 'county:StepConfig')?.get('signing') === 'ratio';
  return {
    id: 'county-signing',
    label: '会签方式',
    component: Group,
    entries: [
      entry(ChoiceEntry, 'select', {
        id: 'county-signing',
        label: '完成方式',
        attr: 'signing',
        options: () => SIGNING,
        empty: '请选择',
      }),
      ...(ratio
        ? [
            entry(NumberEntry, 'number', {
              id: 'county-signing-ratio',
              label: '同意比例',
              attr: 'signingRatio',
              min: 0,
              max: 1,
              step: '0.01',
              description: '0 到 1 之间的小数，如 0.5 表示过半数同意',
            }),
          ]
        : []),
    ],
  };
}

/** 联办 (PROC-3): whether this branch is the lead or an assisting department's, and whose. */
export function jointGroup({ data }: GroupContext): GroupDefinition {
  const unitEntry = data.units.length
    ? entry(ChoiceEntry, 'select', {
        id: 'county-unit',
        label: '办理单位',
        attr: 'unitId',
        options: () => data.units.map((u) => ({ value: u.id, label: u.name })),
        empty: '（本事项的部门）',
      })
    : entry(TextEntry, 'text', { id: 'county-unit', label: '办理单位编号', attr: 'unitId' });
  return {
    id: 'county-joint',
    label: '联办',
    component: Group,
    entries: [
      entry(ChoiceEntry, 'select', {
        id: 'county-joint-role',
        label: '联办角色',
        attr: 'jointRole',
        options: () => JOINT_ROLES,
        empty: '（非联办环节）',
      }),
      unitEntry,
    ],
  };
}
