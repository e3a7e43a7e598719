import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import contextPadModule from './context-pad';
import lintModule, { bpmnlintConfig } from './lint';
import paletteModule from './palette';
import propertiesModule from './properties';
import replaceModule from './replace';
import translateModule from './translate';

/** A lint report of bpmn-js-bpmnlint, by element id. */
export type LintIssues = Record<
  string,
  { id: string; message: string; rule: string; category: 'error' | 'warn' | 'info' }[]
>;

interface Options {
  container: HTMLElement;
  panel: HTMLElement;
  moddle: object;
  onLint(issues: LintIssues): void;
  onChange(): void;
}

/** The modeler of a 权力运行流程图: our palette, menus, panel, language and checks. */
export function createModeler({ container, panel, moddle, onLint, onChange }: Options): Modeler {
  const modeler = new Modeler({
    container,
    propertiesPanel: { parent: panel },
    linting: { bpmnlint: bpmnlintConfig, active: true },
    moddleExtensions: { county: moddle },
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      translateModule,
      paletteModule,
      contextPadModule,
      replaceModule,
      propertiesModule,
      lintModule,
    ],
  });
  const eventBus = modeler.get<{ on(e: string, fn: (event: never) => void): void }>('eventBus');
  eventBus.on('linting.completed', ({ issues }: { issues: LintIssues }) => onLint(issues));
  // An import clears the stack: that is no edit.
  eventBus.on('commandStack.changed', ({ trigger }: { trigger: string | null }) => {
    if (trigger !== 'clear') onChange();
  });
  return modeler;
}
