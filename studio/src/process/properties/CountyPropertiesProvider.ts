import type { Element } from 'bpmn-js/lib/model/Types';
import { is } from 'bpmn-js/lib/util/ModelUtil';
import type { Injector } from 'didi';
import type { CountyData } from './county-data';
import { ConfigEditor, type BpmnFactory, type CommandStack, type ConfigType } from './extension';
import { conditionGroup, gatewayDefaultGroup } from './groups/flow-condition';
import { processFormGroup } from './groups/process-form';
import { serviceActionGroup } from './groups/service-action';
import { excludedTimeGroup } from './groups/step-excluded-time';
import { documentsGroup } from './groups/step-documents';
import { formGroup } from './groups/step-form';
import { eSealGroup, jointGroup, requirementsGroup, signingGroup } from './groups/step-handling';
import { limitGroup } from './groups/step-limit';
import { riskPointsGroup, supervisionPointsGroup } from './groups/step-points';
import { postsGroup } from './groups/step-posts';
import { timerGroup } from './groups/timer';
import type { GroupContext, GroupDefinition } from './groups/types';

type Builder = (context: GroupContext) => GroupDefinition | null;

// What a 办理环节 carries (PROC-2), in the order a clerk fills it in.
const USER_TASK: Builder[] = [
  postsGroup,
  limitGroup,
  excludedTimeGroup,
  formGroup,
  requirementsGroup,
  documentsGroup,
  riskPointsGroup,
  supervisionPointsGroup,
  eSealGroup,
  signingGroup,
  jointGroup,
];

// bpmn-js's own groups that stay: the rest concern elements we do not support, and 多实例's
// cardinality and completion condition are replaced by 会签方式, its timer (date, duration or
// cycle) by a duration, the only kind supported.
const KEPT = ['general', 'documentation', 'message'];

interface PropertiesPanel {
  registerProvider(priority: number, provider: unknown): void;
}

/** Our groups in the properties panel, after bpmn-js's name and id. */
export default class CountyPropertiesProvider {
  static $inject = ['propertiesPanel', 'injector', 'countyData', 'translate'];

  constructor(
    propertiesPanel: PropertiesPanel,
    private readonly injector: Injector,
    private readonly data: CountyData,
    private readonly translate: unknown,
  ) {
    // Below bpmn-js's provider (1000): its groups come in to be filtered.
    propertiesPanel.registerProvider(500, this);
  }

  getGroups(element: Element) {
    return (groups: GroupDefinition[]): GroupDefinition[] => {
      const context: GroupContext = {
        element,
        data: this.data,
        editor: (type: ConfigType = 'county:StepConfig') =>
          new ConfigEditor(
            element,
            type,
            this.injector.get<BpmnFactory>('bpmnFactory'),
            this.injector.get<CommandStack>('commandStack'),
          ),
      };
      const ours = this.builders(element)
        .map((build) => build(context))
        .filter((g): g is GroupDefinition => g !== null);
      const kept = groups.filter((g) => KEPT.includes(g.id));
      const [general, ...rest] = kept;
      // Group components translate their buttons only when handed the service.
      return [...(general ? [general] : []), ...ours, ...rest].map((g) => ({
        ...g,
        translate: this.translate,
      }));
    };
  }

  private builders(element: Element): Builder[] {
    if (is(element, 'bpmn:UserTask')) return USER_TASK;
    if (is(element, 'bpmn:ServiceTask')) return [serviceActionGroup];
    if (is(element, 'bpmn:Process')) return [processFormGroup];
    return [conditionGroup, gatewayDefaultGroup, timerGroup];
  }
}
