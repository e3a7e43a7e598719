import { ChoiceEntry, TextEntry, entry } from '../entries';
import { RISK_LEVELS, RISK_TYPES } from '../labels';
import { labelOf, listGroup } from './list-group';
import type { GroupContext, GroupDefinition } from './types';

/** 风险点 (PROC-2): integrity risks of this step, their level and how they are controlled. */
export function riskPointsGroup(context: GroupContext): GroupDefinition {
  return listGroup(
    {
      id: 'county-risk-points',
      label: '风险点',
      list: 'riskPoints',
      itemType: 'county:RiskPoint',
      itemLabel: (item) => {
        const level = labelOf(RISK_LEVELS, item.get('level'));
        return `${String(item.get('name') ?? '')}${level ? `（${level}）` : ''}`;
      },
      initial: () => ({ type: '廉政风险', level: 'medium' }),
      entries: (item, id) => [
        entry(TextEntry, 'text', { id: `${id}-name`, label: '名称', attr: 'name', item }),
        entry(ChoiceEntry, 'select', {
          id: `${id}-type`,
          label: '类型',
          attr: 'type',
          item,
          options: () => RISK_TYPES,
          empty: '请选择',
        }),
        entry(ChoiceEntry, 'select', {
          id: `${id}-level`,
          label: '等级',
          attr: 'level',
          item,
          options: () => RISK_LEVELS,
          empty: '请选择',
        }),
        entry(TextEntry, 'textarea', {
          id: `${id}-description`,
          label: '风险描述',
          attr: 'description',
          item,
          multiline: true,
        }),
        entry(TextEntry, 'textarea', {
          id: `${id}-measures`,
          label: '防控措施',
          attr: 'measures',
          item,
          multiline: true,
        }),
      ],
    },
    context,
  );
}

/** 监控点 (PROC-2): what electronic supervision watches at this step. */
export function supervisionPointsGroup(context: GroupContext): GroupDefinition {
  return listGroup(
    {
      id: 'county-supervision-points',
      label: '监控点',
      list: 'supervisionPoints',
      itemType: 'county:SupervisionPoint',
      itemLabel: (item) => String(item.get('name') ?? ''),
      entries: (item, id) => [
        entry(TextEntry, 'text', { id: `${id}-name`, label: '名称', attr: 'name', item }),
        entry(TextEntry, 'text', {
          id: `${id}-rule`,
          label: '监察规则',
          attr: 'rule',
          item,
          description: '电子监察中配置的规则编号',
        }),
        entry(TextEntry, 'textarea', {
          id: `${id}-description`,
          label: '说明',
          attr: 'description',
          item,
          multiline: true,
        }),
      ],
    },
    context,
  );
}
