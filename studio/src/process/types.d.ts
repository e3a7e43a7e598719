// The bpmn.io panel and lint packages ship no TypeScript declarations (integration-notes.md).
// runtime/'s own (bpmnlint's rules, which the lint config imports) come along with it; an import
// would turn this file into a module, and its declarations into augmentations.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../../../runtime/process/vendor.d.ts" />

declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: import('didi').ModuleDeclaration;
  export const BpmnPropertiesProviderModule: import('didi').ModuleDeclaration;
  /** A service of the modeler, inside a panel entry (a Preact hook). */
  export function useService<T = unknown>(name: string, strict?: boolean): T;
}

declare module '@bpmn-io/properties-panel' {
  import type { ComponentType } from '@bpmn-io/properties-panel/preact';

  type Entry = ComponentType<Record<string, unknown>>;
  export const Group: Entry;
  export const ListGroup: Entry;
  export const CollapsibleEntry: Entry;
  export const TextFieldEntry: Entry;
  export const TextAreaEntry: Entry;
  export const SelectEntry: Entry;
  export const CheckboxEntry: Entry;
  export const ToggleSwitchEntry: Entry;
  export const NumberFieldEntry: Entry;
  export function isTextFieldEntryEdited(node: HTMLElement): boolean;
  export function isTextAreaEntryEdited(node: HTMLElement): boolean;
  export function isSelectEntryEdited(node: HTMLElement): boolean;
  export function isCheckboxEntryEdited(node: HTMLElement): boolean;
  export function isToggleSwitchEntryEdited(node: HTMLElement): boolean;
  export function isNumberFieldEntryEdited(node: HTMLElement): boolean;
}

declare module 'bpmn-js-bpmnlint' {
  const lintModule: import('didi').ModuleDeclaration;
  export default lintModule;
}
