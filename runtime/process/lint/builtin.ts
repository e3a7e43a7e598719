// Declarations of bpmnlint/rules/* are in ../vendor.d.ts.
import conditionalFlows from 'bpmnlint/rules/conditional-flows';
import endEventRequired from 'bpmnlint/rules/end-event-required';
import fakeJoin from 'bpmnlint/rules/fake-join';
import labelRequired from 'bpmnlint/rules/label-required';
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import noDuplicateSequenceFlows from 'bpmnlint/rules/no-duplicate-sequence-flows';
import noGatewayJoinFork from 'bpmnlint/rules/no-gateway-join-fork';
import noImplicitEnd from 'bpmnlint/rules/no-implicit-end';
import noImplicitSplit from 'bpmnlint/rules/no-implicit-split';
import noImplicitStart from 'bpmnlint/rules/no-implicit-start';
import noOverlappingElements from 'bpmnlint/rules/no-overlapping-elements';
import singleBlankStartEvent from 'bpmnlint/rules/single-blank-start-event';
import singleEventDefinition from 'bpmnlint/rules/single-event-definition';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import superfluousGateway from 'bpmnlint/rules/superfluous-gateway';
import superfluousTermination from 'bpmnlint/rules/superfluous-termination';
import { describe, listOf, type BpmnElement } from '../moddle';
import type { EnterFn, Reporter, RuleDefinition, RuleFactory } from './types';

/** Chinese for each bpmnlint message, given the element it is about (`el`) and the original. */
type Translate = (el: string, original: string) => string;

const MESSAGES: Record<string, Translate> = {
  'conditional-flows': (el) => `${el}缺少条件：网关的出口连线须有条件，或设为默认路径`,
  'end-event-required': (el) => `${el}缺少结束事件`,
  'fake-join': (el) => `${el}有多条进入的连线，须先用网关汇合`,
  'label-required': (el) => `${el}缺少名称`,
  'no-disconnected': (el) => `${el}没有任何连线`,
  'no-duplicate-sequence-flows': (el, original) =>
    original.startsWith('Duplicate outgoing')
      ? `${el}有重复的出口连线`
      : original.startsWith('Duplicate incoming')
        ? `${el}有重复的进入连线`
        : `${el}与另一条连线重复`,
  'no-gateway-join-fork': (el) => `${el}既汇合又分支，请拆成先汇合、后分支的两个网关`,
  'no-implicit-end': (el) => `${el}没有出口连线，只有结束事件可以没有：这条路走不到结束`,
  'no-implicit-split': (el) => `${el}有多条出口连线，分支须用网关表示`,
  'no-implicit-start': (el) => `${el}没有进入的连线，只有开始事件可以没有`,
  'no-overlapping-elements': (el) => `${el}与其他元素重叠或超出边界`,
  'single-blank-start-event': (el) => `${el}有多个开始事件，只能有一个`,
  'single-event-definition': (el) => `${el}有多个事件定义，只能有一个`,
  'start-event-required': (el) => `${el}缺少开始事件`,
  'superfluous-gateway': (el) => `${el}只有一条进入和一条出口连线，是多余的`,
  'superfluous-termination': (el) => `${el}的终止是多余的，用普通结束事件即可`,
};

const FACTORIES: Record<string, RuleFactory> = {
  'conditional-flows': conditionalFlows as RuleFactory,
  'end-event-required': endEventRequired as RuleFactory,
  'fake-join': fakeJoin as RuleFactory,
  'label-required': labelRequired as RuleFactory,
  'no-disconnected': noDisconnected as RuleFactory,
  'no-duplicate-sequence-flows': noDuplicateSequenceFlows as RuleFactory,
  'no-gateway-join-fork': noGatewayJoinFork as RuleFactory,
  'no-implicit-end': noImplicitEnd as RuleFactory,
  'no-implicit-split': noImplicitSplit as RuleFactory,
  'no-implicit-start': noImplicitStart as RuleFactory,
  'no-overlapping-elements': noOverlappingElements as RuleFactory,
  'single-blank-start-event': singleBlankStartEvent as RuleFactory,
  'single-event-definition': singleEventDefinition as RuleFactory,
  'start-event-required': startEventRequired as RuleFactory,
  'superfluous-gateway': superfluousGateway as RuleFactory,
  'superfluous-termination': superfluousTermination as RuleFactory,
};

/** The element with the given id, found from any element of the same diagram. */
const indexes = new WeakMap<BpmnElement, Map<string, BpmnElement>>();
function elementById(anyElement: BpmnElement, id: string): BpmnElement | undefined {
  let root = anyElement;
  while (root.$parent) root = root.$parent;
  let index = indexes.get(root);
  if (!index) {
    const map = new Map<string, BpmnElement>();
    const visit = (element: BpmnElement) => {
      if (element.id) map.set(element.id, element);
      for (const key of ['rootElements', 'flowElements', 'participants', 'artifacts']) {
        listOf(element, key).forEach(visit);
      }
    };
    visit(root);
    index = map;
    indexes.set(root, index);
  }
  return index.get(id);
}

function translating(reporter: Reporter, node: BpmnElement, translate: Translate): Reporter {
  return {
    report(id, message, path) {
      const element = node.id === id ? node : elementById(node, id);
      const el = element ? describe(element) : `元素(${id})`;
      reporter.report(id, translate(el, message), path);
    },
  };
}

/** A bpmnlint rule whose messages come out in Chinese, naming the element (PROC-4). */
function chinese(name: string): RuleFactory {
  const factory = FACTORIES[name]!;
  const translate = MESSAGES[name]!;
  return (config) => {
    const rule = factory(config);
    const wrap =
      (fn: EnterFn | undefined): EnterFn =>
      (node, reporter) =>
        fn?.(node, translating(reporter, node, translate));
    const original = rule.check;
    const check: RuleDefinition['check'] =
      typeof original === 'function'
        ? wrap(original)
        : {
            enter: wrap(original.enter),
            leave: (node, reporter) =>
              original.leave?.(node, translating(reporter, node, translate)),
          };
    return { ...rule, check };
  };
}

/** bpmnlint's own rules used here, by their bpmnlint names. */
export const BUILTIN_RULES: Record<string, RuleFactory> = Object.fromEntries(
  Object.keys(FACTORIES).map((name) => [name, chinese(name)]),
);
