import { BUILTIN_RULES } from './builtin';
import condition from './rules/condition';
import message from './rules/message';
import pathToEnd from './rules/path-to-end';
import serviceAction from './rules/service-action';
import signing from './rules/signing';
import stepDetails from './rules/step-details';
import stepLimit from './rules/step-limit';
import stepPosts from './rules/step-posts';
import supportedElements from './rules/supported-elements';
import timer from './rules/timer';
import type { RuleFactory } from './types';

/**
 * The flowchart lint rules (PROC-1, PROC-4), one object for both `new Linter(bpmnlintConfig)` in
 * Node and bpmn-js-bpmnlint (`linting: { bpmnlint: bpmnlintConfig }`) in the studio. Rules are
 * imported statically so a browser bundle holds them. bpmnlint's names are plain
 * (`no-disconnected`); ours are `county/…`, which bpmnlint resolves as package
 * `bpmnlint-plugin-county`. Every message is Chinese and names the element.
 *
 * Only errors stop publication; warnings are hints shown while drawing.
 */
const COUNTY_RULES: Record<string, RuleFactory> = {
  'supported-elements': supportedElements,
  'path-to-end': pathToEnd,
  'step-posts': stepPosts,
  'step-limit': stepLimit,
  signing,
  'service-action': serviceAction,
  'step-details': stepDetails,
  condition,
  timer,
  message,
};

const rules: Record<string, 'error' | 'warn' | 'off'> = {
  'start-event-required': 'error',
  'end-event-required': 'error',
  'single-blank-start-event': 'error',
  'single-event-definition': 'error',
  'no-disconnected': 'error',
  'no-implicit-start': 'error',
  'no-implicit-end': 'error',
  'no-implicit-split': 'error',
  // A step reached from several places gets an explicit merge: the runtime never guesses.
  'fake-join': 'error',
  'no-gateway-join-fork': 'error',
  'no-duplicate-sequence-flows': 'error',
  'conditional-flows': 'error',
  // Names are what the trail, the supervision screens and these messages show.
  'label-required': 'error',
  'superfluous-gateway': 'warn',
  'superfluous-termination': 'warn',
  'no-overlapping-elements': 'warn',
  ...Object.fromEntries(Object.keys(COUNTY_RULES).map((name) => [`county/${name}`, 'error'])),
};

const PLUGIN = 'bpmnlint-plugin-county';

export const bpmnlintConfig: {
  config: { rules: Record<string, 'error' | 'warn' | 'off'> };
  resolver: {
    resolveRule(pkg: string, ruleName: string): unknown;
    resolveConfig(pkg: string, configName: string): unknown;
  };
} = {
  config: { rules },
  resolver: {
    resolveRule(pkg, ruleName) {
      if (pkg === 'bpmnlint') return BUILTIN_RULES[ruleName];
      if (pkg === PLUGIN) return COUNTY_RULES[ruleName];
      return undefined;
    },
    resolveConfig(pkg, configName) {
      return pkg === PLUGIN && configName === 'recommended' ? { rules } : undefined;
    },
  },
};
