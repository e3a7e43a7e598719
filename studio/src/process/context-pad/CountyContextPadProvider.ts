import type ElementFactory from 'bpmn-js/lib/features/modeling/ElementFactory';
import type Modeling from 'bpmn-js/lib/features/modeling/Modeling';
import { is } from 'bpmn-js/lib/util/ModelUtil';
import type { Element, Shape } from 'diagram-js/lib/model/Types';
import type ContextPad from 'diagram-js/lib/features/context-pad/ContextPad';
import type { ContextPadTarget } from 'diagram-js/lib/features/context-pad/ContextPad';
import type {
  ContextPadEntries,
  ContextPadEntry,
} from 'diagram-js/lib/features/context-pad/ContextPadProvider';
import type Create from 'diagram-js/lib/features/create/Create';
import type { Injector } from 'didi';

// bpmn-js's entries that stay: connecting, changing the type (itself filtered) and deleting.
const KEPT = ['connect', 'replace', 'delete', 'append.end-event'];

type BpmnParent = Parameters<Modeling['createShape']>[2];

interface BpmnFactory {
  create(type: string, attrs?: Record<string, unknown>): { $parent?: unknown };
}
interface Selection {
  select(element: Element): void;
}

interface AutoPlace {
  append(source: Element, shape: Shape): Shape;
}
interface AppendPreview {
  create(source: Element, type: string, options?: Record<string, unknown>): void;
  cleanUp(): void;
}

/** Context pad with only the elements our flowcharts support, and timers on a step. */
export default class CountyContextPadProvider {
  static $inject = [
    'contextPad',
    'elementFactory',
    'create',
    'modeling',
    'bpmnFactory',
    'selection',
    'injector',
  ];

  private readonly autoPlace?: AutoPlace;
  private readonly appendPreview?: AppendPreview;

  constructor(
    contextPad: ContextPad,
    private readonly elementFactory: ElementFactory,
    private readonly create: Create,
    private readonly modeling: Modeling,
    private readonly bpmnFactory: BpmnFactory,
    private readonly selection: Selection,
    injector: Injector,
  ) {
    this.autoPlace = injector.get<AutoPlace>('autoPlace', false) ?? undefined;
    this.appendPreview = injector.get<AppendPreview>('appendPreview', false) ?? undefined;
    // After bpmn-js's own provider (priority 1000), so that its entries can be filtered.
    contextPad.registerProvider(500, this);
  }

  getContextPadEntries(element: Element) {
    return (entries: ContextPadEntries): ContextPadEntries => {
      const kept: ContextPadEntries = {};
      for (const key of KEPT) if (entries[key]) kept[key] = entries[key]!;
      // bpmn-js offers appending only where the element may have a successor.
      if (!kept['append.end-event']) return kept;
      kept['append.end-event'].title = '追加结束';
      Object.assign(kept, {
        'append.user-task': this.append('bpmn:UserTask', 'user-task', '追加办理环节'),
        'append.exclusive-gateway': this.append(
          'bpmn:ExclusiveGateway',
          'gateway-xor',
          '追加排他网关',
        ),
      });
      // Timers sit on steps people handle (docs/process.md, supported BPMN).
      if (is(element, 'bpmn:UserTask')) {
        kept['attach.timer'] = this.attachTimer(element as Shape);
      }
      return kept;
    };
  }

  private append(type: string, icon: string, title: string): ContextPadEntry {
    const shapeOf = () => this.elementFactory.createShape({ type });
    // The pad is opened on one element here, never on a multiple selection.
    const one = (target: ContextPadTarget) => target as Element;
    const dragStart = (event: Event, target: ContextPadTarget) =>
      this.create.start(event, shapeOf(), { source: one(target) });
    const autoPlace = this.autoPlace;
    const preview = this.appendPreview;
    const action: Record<string, (event: Event, target: ContextPadTarget) => unknown> = {
      dragstart: dragStart,
      click: autoPlace ? (_event, target) => autoPlace.append(one(target), shapeOf()) : dragStart,
    };
    if (preview && autoPlace) {
      action.hover = (_event, target) => {
        preview.create(one(target), type);
        return () => preview.cleanUp();
      };
    }
    return { group: 'model', className: `bpmn-icon-${icon}`, title, action };
  }

  /** A timer boundary event on the step's lower edge: a deadline or reminder on that step. */
  private attachTimer(task: Shape): ContextPadEntry {
    return {
      group: 'model',
      className: 'bpmn-icon-intermediate-event-catch-timer',
      title: '添加定时边界事件（环节超时）',
      action: {
        click: () => {
          const timer = this.elementFactory.createShape({
            type: 'bpmn:BoundaryEvent',
            eventDefinitionType: 'bpmn:TimerEventDefinition',
          });
          // Durations are the only timers supported (PROC-4): the panel asks for one.
          const definition = timer.businessObject.eventDefinitions[0];
          definition.timeDuration = this.bpmnFactory.create('bpmn:FormalExpression', { body: '' });
          definition.timeDuration.$parent = definition;
          // Side by side from the right when a step carries several.
          const taken = (task.attachers ?? []).length;
          const position = { x: task.x + task.width - 18 - taken * 40, y: task.y + task.height };
          this.modeling.createShape(timer, position, task as BpmnParent, { attach: true });
          this.selection.select(timer);
        },
      },
    };
  }
}
