import type { Element } from 'bpmn-js/lib/model/Types';
import type { CountyData } from '../county-data';
import type { ConfigEditor, ConfigType } from '../extension';

/** What a group builder needs: the element, its config editor, and what there is to choose. */
export interface GroupContext {
  element: Element;
  data: CountyData;
  editor: (type?: ConfigType) => ConfigEditor;
}

/** A group as the panel renders it (a plain `Group` or a `ListGroup`). */
export interface GroupDefinition {
  id: string;
  label: string;
  component: unknown;
  entries?: unknown[];
  items?: unknown[];
  add?: (event: Event) => void;
  translate?: unknown;
}
