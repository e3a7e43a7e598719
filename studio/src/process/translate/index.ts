import { translate } from './translate';

/** Replaces bpmn-js's translate service: the whole designer speaks Chinese. */
export default {
  translate: ['value', translate],
};
