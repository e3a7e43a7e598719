import {
  NumberFieldEntry,
  SelectEntry,
  TextAreaEntry,
  TextFieldEntry,
  ToggleSwitchEntry,
  isNumberFieldEntryEdited,
  isSelectEntryEdited,
  isTextAreaEntryEdited,
  isTextFieldEntryEdited,
  isToggleSwitchEntryEdited,
} from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import type { Element } from 'bpmn-js/lib/model/Types';
import { getConfig, type ConfigType, type ModdleObject } from './extension';
import { useConfigEditor, useDebounce } from './use-config';

/** A choice of a select; `children` makes an option group. */
export interface Option {
  value: string;
  label: string;
  children?: Option[];
}

interface EntryProps {
  element: Element;
  id: string;
  label: string;
  attr: string;
  description?: string;
  /** Edits an item of a list instead of the config itself. */
  item?: ModdleObject;
  config?: ConfigType;
}

type Kind = 'text' | 'textarea' | 'number' | 'select' | 'toggle';

/** Reads and writes one attribute of the element's config, or of an item of one of its lists. */
function useAttribute({ element, attr, item, config = 'county:StepConfig' }: EntryProps) {
  const editor = useConfigEditor(element, config);
  const getValue = () => (item ?? getConfig(element, config))?.get(attr);
  const setValue = (value: unknown) => {
    // An emptied field leaves no attribute behind rather than an empty one.
    const cleared = value === '' || value === null || Number.isNaN(value) ? undefined : value;
    if (item) editor.setItem(item, { [attr]: cleared });
    else editor.set({ [attr]: cleared });
  };
  return { getValue, setValue };
}

export function TextEntry(props: EntryProps & { multiline?: boolean; placeholder?: string }) {
  const { getValue, setValue } = useAttribute(props);
  const debounce = useDebounce();
  const { element, id, label, description, placeholder } = props;
  const common = { element, id, label, description, placeholder, debounce, getValue, setValue };
  return props.multiline
    ? h(TextAreaEntry, { ...common, rows: 2, autoResize: true })
    : h(TextFieldEntry, common);
}

export function NumberEntry(props: EntryProps & { min?: number; max?: number; step?: string }) {
  const { getValue, setValue } = useAttribute(props);
  const debounce = useDebounce();
  const { element, id, label, description, min, max, step } = props;
  return h(NumberFieldEntry, {
    element,
    id,
    label,
    description,
    min,
    max,
    step,
    debounce,
    getValue,
    setValue,
  });
}

export function ChoiceEntry(props: EntryProps & { options: () => Option[]; empty?: string }) {
  const { getValue, setValue } = useAttribute(props);
  const { element, id, label, description, options, empty } = props;
  const getOptions = () => [
    ...(empty === undefined ? [] : [{ value: '', label: empty }]),
    ...options(),
  ];
  return h(SelectEntry, {
    element,
    id,
    label,
    description,
    getValue: () => getValue() ?? '',
    setValue,
    getOptions,
  });
}

export function SwitchEntry(props: EntryProps & { switcherLabel: string }) {
  const { getValue, setValue } = useAttribute(props);
  const { element, id, label, description, switcherLabel } = props;
  return h(ToggleSwitchEntry, {
    element,
    id,
    label,
    description,
    switcherLabel,
    getValue: () => Boolean(getValue()),
    setValue: (on: boolean) => setValue(on || undefined),
  });
}

const EDITED: Record<Kind, (node: HTMLElement) => boolean> = {
  text: isTextFieldEntryEdited,
  textarea: isTextAreaEntryEdited,
  number: isNumberFieldEntryEdited,
  select: isSelectEntryEdited,
  toggle: isToggleSwitchEntryEdited,
};

/** An entry definition for a group's `entries` (what the panel renders with `component`). */
export function entry<P extends object>(
  component: (props: P) => unknown,
  kind: Kind,
  props: Omit<P, 'element'>,
) {
  return { ...props, component, isEdited: EDITED[kind] };
}
