import { is } from 'bpmn-js/lib/util/ModelUtil';
import type { Element } from 'bpmn-js/lib/model/Types';
import type PopupMenu from 'diagram-js/lib/features/popup-menu/PopupMenu';
import type { PopupMenuEntries } from 'diagram-js/lib/features/popup-menu/PopupMenuProvider';

// Replacements into the elements our flowcharts support (PROC-1, PROC-4); bpmn-js names them so.
const TARGETS = new Set([
  'replace-with-user-task',
  'replace-with-service-task',
  'replace-with-none-start',
  'replace-with-none-end',
  'replace-with-terminate-end',
  'replace-with-message-intermediate-catch',
  'replace-with-exclusive-gateway',
  'replace-with-parallel-gateway',
  'replace-with-inclusive-gateway',
  'replace-with-timer-boundary',
  'replace-with-non-interrupting-timer-boundary',
  'replace-with-sequence-flow',
  'replace-with-default-flow',
  'replace-with-conditional-flow',
]);

/** The replace menu without unsupported elements; multi-instance only on a 办理环节. */
export default class CountyReplaceMenuProvider {
  static $inject = ['popupMenu'];

  constructor(popupMenu: PopupMenu) {
    // After bpmn-js's own provider (priority 1000), so that its entries can be filtered.
    popupMenu.registerProvider('bpmn-replace', 500, this);
  }

  getPopupMenuEntries() {
    return (entries: PopupMenuEntries) => keep(entries, (key) => TARGETS.has(key));
  }

  getPopupMenuHeaderEntries(target: Element) {
    // 会签 / 依次审批 are multi-instance user tasks; loops and the rest have no place here.
    const allowed = is(target, 'bpmn:UserTask')
      ? ['toggle-parallel-mi', 'toggle-sequential-mi']
      : is(target, 'bpmn:BoundaryEvent')
        ? ['toggle-non-interrupting']
        : [];
    return (entries: PopupMenuEntries) => keep(entries, (key) => allowed.includes(key));
  }
}

function keep(entries: PopupMenuEntries, wanted: (key: string) => boolean): PopupMenuEntries {
  return Object.fromEntries(Object.entries(entries).filter(([key]) => wanted(key)));
}
