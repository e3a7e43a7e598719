import type ElementFactory from 'bpmn-js/lib/features/modeling/ElementFactory';
import type Create from 'diagram-js/lib/features/create/Create';
import type Palette from 'diagram-js/lib/features/palette/Palette';
import type { PaletteEntries, PaletteEntry } from 'diagram-js/lib/features/palette/PaletteProvider';

// The tools and creations bpmn-js offers that our flowcharts may use (PROC-1, PROC-4); the verifier
// refuses every other element, so the palette does not offer it.
const KEPT = ['hand-tool', 'lasso-tool', 'space-tool', 'global-connect-tool', 'tool-separator'];

/** The palette of a 权力运行流程图: start, steps, conditions and ends, nothing else. */
export default class CountyPaletteProvider {
  static $inject = ['palette', 'elementFactory', 'create'];

  constructor(
    palette: Palette,
    private readonly elementFactory: ElementFactory,
    private readonly create: Create,
  ) {
    // After bpmn-js's own provider (priority 1000), so that its entries can be filtered.
    palette.registerProvider(500, this);
  }

  getPaletteEntries() {
    return (entries: PaletteEntries): PaletteEntries => {
      const kept = Object.fromEntries(KEPT.filter((k) => entries[k]).map((k) => [k, entries[k]!]));
      return {
        ...kept,
        'create.start-event': this.entry('bpmn:StartEvent', 'event', 'start-event-none', '开始'),
        'create.end-event': this.entry('bpmn:EndEvent', 'event', 'end-event-none', '结束'),
        'create.terminate-end-event': this.entry(
          'bpmn:EndEvent',
          'event',
          'end-event-terminate',
          '终止结束（结束整个办件）',
          { eventDefinitionType: 'bpmn:TerminateEventDefinition' },
        ),
        'create.message-catch-event': this.entry(
          'bpmn:IntermediateCatchEvent',
          'event',
          'intermediate-event-catch-message',
          '等待消息（如申请人补正、外部系统回执）',
          { eventDefinitionType: 'bpmn:MessageEventDefinition' },
        ),
        'create.exclusive-gateway': this.entry(
          'bpmn:ExclusiveGateway',
          'gateway',
          'gateway-xor',
          '排他网关（按条件走一条分支）',
        ),
        'create.parallel-gateway': this.entry(
          'bpmn:ParallelGateway',
          'gateway',
          'gateway-parallel',
          '并行网关（各分支同时办理，如联办）',
        ),
        'create.inclusive-gateway': this.entry(
          'bpmn:InclusiveGateway',
          'gateway',
          'gateway-or',
          '包容网关（满足条件的分支都走）',
        ),
        'create.user-task': this.entry(
          'bpmn:UserTask',
          'activity',
          'user-task',
          '办理环节（人工）',
        ),
        'create.service-task': this.entry(
          'bpmn:ServiceTask',
          'activity',
          'service-task',
          '自动环节（生成文书、发送通知、推送数据）',
        ),
      };
    };
  }

  private entry(
    type: string,
    group: string,
    icon: string,
    title: string,
    options: Record<string, unknown> = {},
  ): PaletteEntry {
    const start = (event: Event) => {
      const shape = this.elementFactory.createShape({ type, ...options });
      this.create.start(event, shape);
    };
    return {
      group,
      className: `bpmn-icon-${icon}`,
      title: `创建${title}`,
      action: { dragstart: start, click: start },
    };
  }
}
