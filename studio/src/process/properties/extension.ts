import type { Element } from 'bpmn-js/lib/model/Types';
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';

/** A moddle element as the panel sees it; bpmn-js types them as `any`. */
export interface ModdleObject {
  $type: string;
  $parent?: ModdleObject;
  get(name: string): unknown;
  [attr: string]: unknown;
}

export interface BpmnFactory {
  create(type: string, attrs?: Record<string, unknown>): ModdleObject;
}

export interface CommandStack {
  execute(command: string, context: unknown): void;
}

interface Command {
  cmd: 'element.updateModdleProperties';
  context: { element: Element; moddleElement: ModdleObject; properties: Record<string, unknown> };
}

export type ConfigType = 'county:StepConfig' | 'county:ProcessConfig';

const update = (
  element: Element,
  moddleElement: ModdleObject,
  properties: Record<string, unknown>,
): Command => ({
  cmd: 'element.updateModdleProperties',
  context: { element, moddleElement, properties },
});

/** The element's `county:stepConfig` (or `processConfig`), if it has one. */
export function getConfig(element: Element, type: ConfigType): ModdleObject | undefined {
  const ext = getBusinessObject(element).get('extensionElements') as ModdleObject | undefined;
  const values = (ext?.get('values') ?? []) as ModdleObject[];
  return values.find((v) => is(v, type));
}

/** A list of the config (`posts`, `riskPoints` …); empty when there is no config yet. */
export function getList(element: Element, type: ConfigType, list: string): ModdleObject[] {
  return ((getConfig(element, type)?.get(list) as ModdleObject[] | undefined) ?? []).slice();
}

/**
 * Edits of our extension, each one command on bpmn-js's stack (so that undo takes back the
 * whole edit, including the extension elements it had to create).
 */
export class ConfigEditor {
  constructor(
    private readonly element: Element,
    private readonly type: ConfigType,
    private readonly bpmnFactory: BpmnFactory,
    private readonly commandStack: CommandStack,
  ) {}

  /** Sets attributes of the config, creating `extensionElements` and the config as needed. */
  set(properties: Record<string, unknown>): void {
    const { commands, config } = this.ensure();
    this.run([...commands, update(this.element, config, properties)]);
  }

  /** Appends a new `itemType` with `attrs` to the config's `list`. */
  add(list: string, itemType: string, attrs: Record<string, unknown> = {}): void {
    const { commands, config } = this.ensure();
    const item = this.bpmnFactory.create(itemType, attrs);
    item.$parent = config;
    const items = [...((config.get(list) as ModdleObject[] | undefined) ?? []), item];
    this.run([...commands, update(this.element, config, { [list]: items })]);
  }

  remove(list: string, item: ModdleObject): void {
    const config = getConfig(this.element, this.type);
    if (!config) return;
    const items = ((config.get(list) as ModdleObject[]) ?? []).filter((i) => i !== item);
    this.run([update(this.element, config, { [list]: items })]);
  }

  /** Sets attributes of an item of one of the config's lists. */
  setItem(item: ModdleObject, properties: Record<string, unknown>): void {
    this.run([update(this.element, item, properties)]);
  }

  /** Replaces a whole list (e.g. field permissions when another form is chosen) with attributes. */
  replace(
    properties: Record<string, unknown>,
    list: string,
    items: Record<string, unknown>[],
    itemType: string,
  ): void {
    const { commands, config } = this.ensure();
    const created = items.map((attrs) => {
      const item = this.bpmnFactory.create(itemType, attrs);
      item.$parent = config;
      return item;
    });
    this.run([...commands, update(this.element, config, { ...properties, [list]: created })]);
  }

  private ensure(): { commands: Command[]; config: ModdleObject } {
    const bo = getBusinessObject(this.element) as ModdleObject;
    const commands: Command[] = [];
    let ext = bo.get('extensionElements') as ModdleObject | undefined;
    if (!ext) {
      ext = this.bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
      ext.$parent = bo;
      commands.push(update(this.element, bo, { extensionElements: ext }));
    }
    const values = (ext.get('values') as ModdleObject[]) ?? [];
    let config = values.find((v) => is(v, this.type));
    if (!config) {
      config = this.bpmnFactory.create(this.type);
      config.$parent = ext;
      commands.push(update(this.element, ext, { values: [...values, config] }));
    }
    return { commands, config };
  }

  private run(commands: Command[]): void {
    if (commands.length === 1) {
      this.commandStack.execute(commands[0]!.cmd, commands[0]!.context);
    } else {
      // One undo step for the whole edit (bpmn-js-properties-panel's own multi-command handler).
      this.commandStack.execute('properties-panel.multi-command-executor', commands);
    }
  }
}
