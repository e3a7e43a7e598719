import {
  Group,
  SelectEntry,
  TextAreaEntry,
  ToggleSwitchEntry,
  isSelectEntryEdited,
  isTextAreaEntryEdited,
  isToggleSwitchEntryEdited,
} from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import type { Connection as DiagramConnection, Element } from 'bpmn-js/lib/model/Types';
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';
import { useService } from 'bpmn-js-properties-panel';
import { CASE_VARIABLES } from '../../../../../runtime/process/case-variables';
import { feelSyntaxError } from '../../../../../runtime/process/feel';
import { type BpmnFactory, type CommandStack, type ModdleObject } from '../extension';
import { useDebounce } from '../use-config';
import { applicationForm } from './step-form';
import type { GroupContext, GroupDefinition } from './types';

// Conditions are FEEL (PROC-3), marked as such on the expression: language="feel".
export const CONDITION_LANGUAGE = 'feel';

// A flow of the diagram always has both ends.
type Connection = DiagramConnection & { source: Element; target: Element };

const CHOOSING = ['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway'];
const choosing = (element?: Element) => !!element && CHOOSING.some((t) => is(element, t));

const isDefault = (flow: Connection) =>
  getBusinessObject(flow.source).get('default') === getBusinessObject(flow);

const update = (element: Element, properties: Record<string, unknown>) => ({
  cmd: 'element.updateProperties',
  context: { element, properties },
});

interface Variable {
  key: string;
  label: string;
}

function ConditionEntry(props: { element: Connection; id: string; variables: Variable[] }) {
  const { element, id, variables } = props;
  const names = variables.map((v) => v.key);
  const bpmnFactory = useService<BpmnFactory>('bpmnFactory');
  const commandStack = useService<CommandStack>('commandStack');
  const debounce = useDebounce();
  const expression = () =>
    getBusinessObject(element).get('conditionExpression') as ModdleObject | undefined;
  return h(TextAreaEntry, {
    element,
    id,
    label: '条件（FEEL 表达式）',
    monospace: true,
    rows: 2,
    autoResize: true,
    debounce,
    disabled: isDefault(element),
    description: isDefault(element)
      ? '默认流在其他分支的条件都不满足时走，不需要条件'
      : `例：outcome = "approve"。可用：${variables.map((v) => `${v.key}（${v.label}）`).join('、')}`,
    validate: (value?: string) =>
      value?.trim() && feelSyntaxError(value, names) !== undefined
        ? '条件无法解析，请检查括号、引号和运算符'
        : undefined,
    getValue: () => expression()?.get('body') ?? '',
    setValue: (body: string) => {
      const conditionExpression = body?.trim()
        ? bpmnFactory.create('bpmn:FormalExpression', {
            body: body.trim(),
            language: CONDITION_LANGUAGE,
          })
        : undefined;
      commandStack.execute('element.updateProperties', {
        element,
        properties: { conditionExpression },
      });
    },
  });
}

function DefaultFlowEntry({ element, id }: { element: Connection; id: string }) {
  const commandStack = useService<CommandStack>('commandStack');
  return h(ToggleSwitchEntry, {
    element,
    id,
    label: '默认流',
    switcherLabel: '其他条件都不满足时走这条',
    getValue: () => isDefault(element),
    setValue: (on: boolean) => {
      const gateway = element.source;
      // A default flow carries no condition; one undo step takes back both.
      commandStack.execute('properties-panel.multi-command-executor', [
        ...(on ? [update(element, { conditionExpression: undefined })] : []),
        update(gateway, { default: on ? getBusinessObject(element) : undefined }),
      ]);
    },
  });
}

/** 条件 (PROC-1, PROC-3): on a flow out of an exclusive or inclusive gateway. */
export function conditionGroup({ element, data }: GroupContext): GroupDefinition | null {
  const flow = element as Connection;
  if (!is(flow, 'bpmn:SequenceFlow') || !choosing(flow.source)) return null;
  // Conditions read case data: the fields of the application form, named by their keys.
  const formKey = applicationForm(flow);
  const variables = [
    ...CASE_VARIABLES.map((v) => ({ key: v.path, label: v.label })),
    ...(data.forms.find((f) => f.key === formKey)?.fields ?? []),
  ];
  return {
    id: 'county-condition',
    label: '条件',
    component: Group,
    entries: [
      {
        id: 'county-condition',
        component: ConditionEntry,
        variables,
        isEdited: isTextAreaEntryEdited,
      },
      {
        id: 'county-default-flow',
        component: DefaultFlowEntry,
        isEdited: isToggleSwitchEntryEdited,
      },
    ],
  };
}

const flowLabel = (flow: Connection) => {
  const name = getBusinessObject(flow).get('name') as string | undefined;
  const target = getBusinessObject(flow.target).get('name') as string | undefined;
  return name ? `${name}（至 ${target ?? flow.target.id}）` : `至 ${target ?? flow.target.id}`;
};

function GatewayDefaultEntry({ element, id }: { element: Element; id: string }) {
  const commandStack = useService<CommandStack>('commandStack');
  const outgoing = () =>
    ((element as unknown as { outgoing: Connection[] }).outgoing ?? []).filter((c) =>
      is(c, 'bpmn:SequenceFlow'),
    );
  return h(SelectEntry, {
    element,
    id,
    label: '默认流',
    getValue: () =>
      (getBusinessObject(element).get('default') as ModdleObject | undefined)?.id ?? '',
    setValue: (flowId: string) => {
      const flow = outgoing().find((c) => c.id === flowId);
      commandStack.execute('properties-panel.multi-command-executor', [
        ...(flow ? [update(flow, { conditionExpression: undefined })] : []),
        update(element, { default: flow ? getBusinessObject(flow) : undefined }),
      ]);
    },
    getOptions: () => [
      { value: '', label: '（无默认流）' },
      ...outgoing().map((c) => ({ value: c.id, label: flowLabel(c) })),
    ],
  });
}

/** 默认流 on an exclusive or inclusive gateway: the branch taken when no condition holds. */
export function gatewayDefaultGroup({ element }: GroupContext): GroupDefinition | null {
  if (!choosing(element)) return null;
  return {
    id: 'county-gateway-default',
    label: '默认流',
    component: Group,
    entries: [
      {
        id: 'county-gateway-default',
        component: GatewayDefaultEntry,
        isEdited: isSelectEntryEdited,
      },
    ],
  };
}
